/**
 * The engine behind the dashboard: every method at once, and what-if updates that must
 * equal a full recompute (add a centre, remove a centre), on real places and the real graph.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { centreSteps, TravelEngine, type Places, type PlaceTravel } from '../../src/lib/metrics/travel-engine';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import { calibration, graph, realPlaces, roadEngine } from './real-places';

let tracts: Places;
let counties: Places;
let centres: CentrePoint[];

beforeAll(async () => {
	// every 40th tract (about 2,100, all states) keeps the test quick
	({ tracts, counties, centres } = await realPlaces(40));
});

function expectSame(a: PlaceTravel, b: PlaceTravel) {
	for (const k of Object.keys(a) as (keyof PlaceTravel)[]) expect(Array.from(a[k]), k).toEqual(Array.from(b[k]));
}

const fresh = () => roadEngine(tracts, counties);

describe('TravelEngine', () => {
	it('gives every method for every place, and marks places without a road link', () => {
		const r = fresh().compute(centres);
		expect(r.road).toBe(true);
		const t = r.counties;
		const i = 0; // Autauga County, AL: mainland, connected
		expect(t.straightKm[i]).toBeGreaterThan(0);
		expect(t.roadMinutes[i]).toBeGreaterThan(0);
		expect(t.roadFallback[i]).toBe(0);
		// a drive is never shorter than the straight line at the fastest road speed (90 km/h)
		for (let k = 0; k < t.roadMinutes.length; k++) {
			if (t.roadFallback[k] === 0) expect(t.roadMinutes[k]).toBeGreaterThanOrEqual((t.straightKm[k] / 90) * 60 - 1e-9);
		}
		// Alaska (02) has no road link to a centre in this data: the calibrated estimate stands in, flagged
		const ak = counties.stateFips.map((s, k) => (s === '02' ? k : -1)).filter((k) => k >= 0);
		expect(ak.length).toBeGreaterThan(20);
		for (const k of ak) {
			expect(t.roadFallback[k]).toBe(1);
			expect(t.roadMinutes[k]).toBe(t.calibratedMinutes[k]);
		}
	});

	it('adding a centre equals a full recompute with it', () => {
		const e = fresh();
		e.compute(centres);
		const site = { id: 'p:44.08,-103.23', lat: 44.08, lon: -103.23 }; // Rapid City, SD
		const inc = e.compute([...centres, site]);
		const full = fresh().compute([...centres, site]);
		expectSame(inc.tracts, full.tracts);
		expectSame(inc.counties, full.counties);
	});

	it('removing a centre equals a full recompute without it', () => {
		const e = fresh();
		e.compute(centres);
		const without = centres.filter((c) => c.id !== centres[10].id);
		const inc = e.compute(without);
		const full = fresh().compute(without);
		expectSame(inc.tracts, full.tracts);
		expectSame(inc.counties, full.counties);
	});

	it('a sequence of what-if changes equals a full recompute at every step, querying only the places concerned', () => {
		const e = fresh();
		e.compute(centres);
		const a = { id: 'p:44.08,-103.23', lat: 44.08, lon: -103.23 }; // Rapid City, SD
		const b = { id: 'p:46.80,-100.78', lat: 46.8, lon: -100.78 }; // Bismarck, ND
		const steps: CentrePoint[][] = [
			[...centres, a],
			[...centres, a, b],
			[...centres, b],
			[...centres.slice(1), b],
			[...centres.slice(1), b, centres[0]]
		];
		for (const list of steps) {
			const inc = e.compute(list);
			const full = fresh().compute(list);
			expectSame(inc.tracts, full.tracts);
			expectSame(inc.counties, full.counties);
			expect(inc.timings.tractRequeried).toBeGreaterThan(0);
			expect(inc.timings.tractRequeried).toBeLessThan(tracts.lat.length / 2);
		}
	});

	it('several centres changed at once (one site replaced by another, two removed, one moved) equal a full recompute, querying only the places concerned', () => {
		const e = fresh();
		e.compute(centres);
		const a = { id: 'p:44.08,-103.23', lat: 44.08, lon: -103.23 }; // Rapid City, SD
		const b = { id: 'p:46.80,-100.78', lat: 46.8, lon: -100.78 }; // Bismarck, ND
		const c = { id: 'p:35.22,-101.83', lat: 35.22, lon: -101.83 }; // Amarillo, TX
		const steps: CentrePoint[][] = [
			[...centres, a],
			[...centres, b], // a what-if reset, then another site: a removed, b added
			[...centres.slice(2), b, c], // two list centres removed, one site added
			[...centres.slice(2), b, { ...c, lat: 35.3 }], // a site moved (same id): removed and added again
			[...centres, a, b, c] // the two back at the front: another order, computed afresh
		];
		for (const [k, list] of steps.entries()) {
			const inc = e.compute(list);
			const full = fresh().compute(list);
			expectSame(inc.tracts, full.tracts);
			expectSame(inc.counties, full.counties);
			if (k < 4) {
				expect(inc.timings.tractRequeried, `step ${k}`).toBeGreaterThan(0);
				expect(inc.timings.tractRequeried, `step ${k}`).toBeLessThan(tracts.lat.length / 2);
			} else {
				// (not steps an update can take: the answer above came from a fresh search)
				expect(centreSteps(steps[3], list)).toBeNull();
				expect(inc.timings.tractRequeried).toBeUndefined();
			}
		}
	});

	it('recycling its arrays, every update still equals a full recompute when each result is copied at once (as the travel worker does)', () => {
		const e = new TravelEngine({ tracts, counties, calibration, recycle: true });
		e.setRoadGraph(graph);
		const copy = (p: PlaceTravel) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, (v as Float64Array).slice()])) as unknown as PlaceTravel;
		const a = { id: 'p:44.08,-103.23', lat: 44.08, lon: -103.23 }; // Rapid City, SD
		const b = { id: 'p:46.80,-100.78', lat: 46.8, lon: -100.78 }; // Bismarck, ND
		const lists = [centres, [...centres, a], centres, [...centres, b], [...centres, a], [...centres, a, b], centres];
		const kept: PlaceTravel[] = [];
		const raw: PlaceTravel[] = [];
		for (const list of lists) {
			const r = e.compute(list);
			raw.push(r.tracts);
			kept.push(copy(r.tracts));
			expectSame(kept.at(-1)!, fresh().compute(list).tracts);
		}
		// the copies stay as they were; a result's own straight-line arrays were written into two updates later
		expectSame(kept[1], fresh().compute(lists[1]).tracts);
		expect(Array.from(raw[1].straightNearest)).not.toEqual(Array.from(kept[1].straightNearest));
	});

	it('centreSteps: removals then appended centres, or null for another order or too many steps', () => {
		const p = (id: string, lat = 40) => ({ id, lat, lon: -100 });
		const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((id) => p(id));
		expect(centreSteps([A, B, C], [A, B, C])).toEqual({ removed: [], added: [] });
		expect(centreSteps([A, B, C], [A, C])).toEqual({ removed: ['b'], added: [] });
		expect(centreSteps([A, B, C], [A, B, C, D])).toEqual({ removed: [], added: [D] });
		expect(centreSteps([A, B, C], [A, C, D])).toEqual({ removed: ['b'], added: [D] });
		// another order: B taken out and appended again
		expect(centreSteps([A, B, C], [A, C, B])).toEqual({ removed: ['b'], added: [B] });
		// a moved centre (same id, other coordinates)
		expect(centreSteps([A, B], [A, p('b', 41)])).toEqual({ removed: ['b'], added: [p('b', 41)] });
		expect(centreSteps([A, B, C], [D], 3)).toBeNull();
		expect(centreSteps([A, B, C], [D], 4)).toEqual({ removed: ['a', 'b', 'c'], added: [D] });
	});

	it('the arrays a result hands over that the engine does not keep can be transferred away: its next updates still equal a full recompute', () => {
		const e = fresh();
		const a = { id: 'p:44.08,-103.23', lat: 44.08, lon: -103.23 }; // Rapid City, SD
		const b = { id: 'p:46.80,-100.78', lat: 46.8, lon: -100.78 }; // Bismarck, ND
		let kept = 0;
		let handed = 0;
		for (const list of [centres, [...centres, a], [...centres, a, b], [...centres, b]]) {
			const r = e.compute(list);
			const want = fresh().compute(list);
			expectSame(r.tracts, want.tracts);
			expectSame(r.counties, want.counties);
			// as the travel worker does: copies of what the engine keeps, the rest transferred (detached here)
			for (const p of [r.tracts, r.counties]) {
				for (const v of Object.values(p) as ArrayBufferView[]) {
					if (e.keeps(v)) kept++;
					else {
						handed++;
						structuredClone(v, { transfer: [v.buffer as ArrayBuffer] });
						expect(v.byteLength).toBe(0);
					}
				}
			}
		}
		// the road arrays are made afresh by each computation; the straight-line ones are kept
		expect(handed).toBeGreaterThan(0);
		expect(kept).toBeGreaterThan(0);
	});

	it('changing a speed recomputes road minutes only', () => {
		const e = fresh();
		const a = e.compute(centres);
		const b = e.compute(centres, { speedsKmh: { 1: 110 } });
		expect(Array.from(b.tracts.straightKm)).toEqual(Array.from(a.tracts.straightKm));
		let faster = 0;
		for (let k = 0; k < a.tracts.roadMinutes.length; k++) {
			expect(b.tracts.roadMinutes[k]).toBeLessThanOrEqual(a.tracts.roadMinutes[k] + 1e-9);
			if (b.tracts.roadMinutes[k] < a.tracts.roadMinutes[k] - 1e-9) faster++;
		}
		expect(faster).toBeGreaterThan(100);
	});

	it('without a road graph, road minutes are unknown (NaN) and the other methods still work', () => {
		const e = new TravelEngine({ tracts, counties, calibration });
		const r = e.compute(centres);
		expect(r.road).toBe(false);
		expect(Number.isNaN(r.counties.roadMinutes[0])).toBe(true);
		expect(r.counties.calibratedMinutes[0]).toBeGreaterThan(0);
	});

	it('an empty centre set gives no values', () => {
		const r = fresh().compute([]);
		expect(Number.isNaN(r.counties.straightKm[0])).toBe(true);
		expect(r.counties.straightNearest[0]).toBe(-1);
	});
});
