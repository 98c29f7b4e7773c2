/** morph (src/lib/charts/morph.ts): the element on screen becomes the new drawing, its nodes kept where they match. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { adoptIds, morph } from '../../src/lib/charts/morph';
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

	/** Plot's drawing of the equity bars of 40 small places at a threshold; with margins of error, the bars get interval lines with Plot's tick markers. */
	const equityDrawings = ({ moe }: { moe: boolean }) => {
		const rows: PopulationRow[] = Array.from({ length: 40 }, (_, i) => ({
			state_fips: '08',
			county_fips: `08${String(i % 5).padStart(3, '0')}`,
			acs_pop: 100 + i * 7,
			nh_black: i % 9,
			hispanic: i % 13,
			pov150: i % 11,
			rural: i % 2,
			...(moe ? { acs_pop_moe: 20 + (i % 7), nh_black_moe: 3 + (i % 4), pov150_moe: 4 + (i % 3) } : {})
		})) as unknown as PopulationRow[];
		const population = buildPopulation({ rows });
		const travel = rows.map((_, i) => (i * 37) % 240);
		return (threshold: number) =>
			Plot.plot({ ...equityBarsOptions({ result: computeEquity({ population, travel, threshold }), unit: 'minutes', width: 640 }), document });
	};

	it('turns one Plot drawing of the equity bars into another, node for node, keeping the bars', () => {
		const drawing = equityDrawings({ moe: false });
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

	it('keeps the ids Plot generated for the drawing on screen, so markers and their lines are not set again', () => {
		const drawing = equityDrawings({ moe: true });
		const onScreen = drawing(60);
		const markers = [...onScreen.querySelectorAll('marker')];
		expect(markers.length).toBeGreaterThan(0);
		const ids = markers.map((m) => m.id);
		const lines = onScreen.querySelectorAll('[marker-start]').length;
		expect(lines).toBeGreaterThan(0);
		for (const t of [90, 30, 200]) {
			const next = drawing(t);
			// a fresh drawing numbers its markers afresh
			expect([...next.querySelectorAll('marker')].map((m) => m.id)).not.toEqual(ids);
			adoptIds(onScreen, next);
			const want = next.outerHTML;
			const changed: string[] = [];
			const watch = new window.MutationObserver((records) => changed.push(...records.map((r) => r.attributeName ?? r.type)));
			watch.observe(onScreen, { subtree: true, attributes: true });
			morph(onScreen, next);
			changed.push(...watch.takeRecords().map((r) => r.attributeName ?? r.type));
			watch.disconnect();
			expect(onScreen.outerHTML).toBe(want);
			expect([...onScreen.querySelectorAll('marker')]).toEqual(markers);
			expect(markers.map((m) => m.id)).toEqual(ids);
			expect(changed.filter((n) => n === 'id' || n.startsWith('marker'))).toEqual([]);
			expect(changed).toContain('x2'); // (the intervals did move)
			// every reference points at a marker of the drawing
			for (const el of onScreen.querySelectorAll('[marker-start], [marker-end]')) {
				for (const a of ['marker-start', 'marker-end']) expect(ids).toContain(el.getAttribute(a)!.match(/^url\(#(.+)\)$/)![1]);
			}
		}
	});

	it('leaves the ids alone when the drawings do not pair up', () => {
		const a = html('<svg><marker id="plot-marker-1"/><line marker-start="url(#plot-marker-1)"/></svg>');
		const b = html('<svg><marker id="plot-marker-5"/><marker id="plot-marker-6"/><line marker-start="url(#plot-marker-6)"/></svg>');
		adoptIds(a, b);
		expect(b.outerHTML).toBe('<svg><marker id="plot-marker-5"></marker><marker id="plot-marker-6"></marker><line marker-start="url(#plot-marker-6)"></line></svg>');
		const c = html('<svg><clipPath id="plot-marker-9"/><line marker-start="url(#plot-marker-9)"/></svg>');
		adoptIds(a, c); // (another tag in the same place)
		expect(c.querySelector('clipPath')!.id).toBe('plot-marker-9');
		const d = html('<svg><marker id="plot-marker-3"/><line marker-start="url(#plot-marker-3)" marker-end="url(#other)"/><g id="mine"/></svg>');
		adoptIds(a, d);
		expect(d.outerHTML).toBe('<svg><marker id="plot-marker-1"></marker><line marker-start="url(#plot-marker-1)" marker-end="url(#other)"></line><g id="mine"></g></svg>');
	});
});

