/** morph (src/lib/charts/morph.ts): the element on screen becomes the new drawing, its nodes kept where they match. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { morph } from '../../src/lib/charts/morph';
import { equityBarsOptions } from '../../src/lib/charts/equity-bars';
import { computeEquity, buildPopulation, type PopulationRow } from '../../src/lib/metrics/equity';

describe('morph', () => {
	const { window } = new JSDOM('<!doctype html><body></body>');
	const document = window.document;
	const html = (s: string) => {
		const d = document.createElement('div');
		d.innerHTML = s;
		return d.firstElementChild!;
	};

	it('sets attributes and text, adds and removes nodes, replaces nodes of another kind', () => {
		const a = html('<svg a="1" b="2"><g><rect x="1"/><text>old</text><circle/></g><path/></svg>');
		const b = html('<svg a="1" c="3"><g><rect x="5"/><text>new</text></g><g/><line/></svg>');
		const rect = a.querySelector('rect');
		morph(a, b);
		expect(a.outerHTML).toBe('<svg a="1" c="3"><g><rect x="5"></rect><text>new</text></g><g></g><line></line></svg>');
		expect(a.querySelector('rect')).toBe(rect); // kept
	});

	it('turns one Plot drawing of the equity bars into another, node for node, keeping the bars', () => {
		const rows: PopulationRow[] = Array.from({ length: 40 }, (_, i) => ({
			state_fips: '08',
			county_fips: `08${String(i % 5).padStart(3, '0')}`,
			acs_pop: 100 + i * 7,
			nh_black: i % 9,
			hispanic: i % 13,
			pov150: i % 11,
			rural: i % 2
		})) as unknown as PopulationRow[];
		const population = buildPopulation({ rows });
		const travel = rows.map((_, i) => (i * 37) % 240);
		const drawing = (threshold: number) =>
			Plot.plot({ ...equityBarsOptions({ result: computeEquity({ population, travel, threshold }), unit: 'minutes', width: 640 }), document });
		const onScreen = drawing(60);
		const bars = onScreen.querySelector('g[aria-label="bar"]');
		for (const t of [90, 30, 200]) {
			const next = drawing(t);
			const want = next.outerHTML;
			morph(onScreen, next);
			expect(onScreen.outerHTML).toBe(want);
		}
		expect(onScreen.querySelector('g[aria-label="bar"]')).toBe(bars);
	});
});
