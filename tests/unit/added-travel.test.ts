/**
 * A what-if that only adds centres, answered from the baseline's travel place by place and one
 * bounded search per added centre (metrics/added-travel), must equal the engine's full computation
 * over the whole list, on real places and the real road graph: every array of every place, except
 * tracts' second-nearest road centre, which it does not keep (as the build-time travel file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Places, PlaceTravel, TravelResult } from '../../src/lib/metrics/travel-engine';
import { baselineOf, completeTracts, travelWithAdded } from '../../src/lib/metrics/added-travel';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import { mulberry32 } from './seeded';
import { calibration, graph, realPlaces, roadEngine } from './real-places';

let tracts: Places;
let counties: Places;
let centres: CentrePoint[];
let baseline: TravelResult;

beforeAll(async () => {
	// every 25th tract (about 3,400, all states) keeps the test quick
	({ tracts, counties, centres } = await realPlaces(25));
	baseline = full(centres);
});

const full = (list: CentrePoint[]): TravelResult => roadEngine(tracts, counties).compute(list);

function expectSame(a: PlaceTravel, b: PlaceTravel, what: string, skip: (keyof PlaceTravel)[] = []) {
	for (const k of Object.keys(b) as (keyof PlaceTravel)[]) {
		if (skip.includes(k)) continue;
		expect(Array.from(a[k]), `${what}: ${k}`).toEqual(Array.from(b[k]));
	}
}

function check(added: CentrePoint[]) {
	const quick = travelWithAdded({ graph, baseline: baselineOf(baseline), added, tracts, counties, calibration });
	expect(quick, added.map((c) => c.id).join(' + ')).not.toBeNull();
	const want = full([...centres, ...added]);
	const name = added.map((c) => c.id).join(' + ');
	expect(quick!.centres).toEqual(want.centres);
	expectSame(quick!.counties, want.counties, `${name}, counties`);
	expectSame(quick!.tracts, want.tracts, `${name}, tracts`, ['roadSecond', 'roadSecondMinutes']);
	// tracts keep no second-nearest road centre (as the build-time file)
	expect(quick!.tracts.roadSecond.every((s) => s === -1)).toBe(true);
	// as the travel worker sends it: the tracts' straight-line arrays left to the receiver, then completed
	const lazy = travelWithAdded({ graph, baseline: baselineOf(baseline), added, tracts, counties, calibration, lazyTracts: true })!;
	expect(lazy.lazyTracts).toBe(true);
	expect(lazy.tracts.straightKm.length).toBe(0);
	const completed = completeTracts(lazy, tracts, calibration);
	expect(completed.lazyTracts).toBeUndefined();
	expectSame(completed.counties, want.counties, `${name}, counties (lazy tracts)`);
	expectSame(completed.tracts, want.tracts, `${name}, tracts (lazy tracts)`, ['roadSecond', 'roadSecondMinutes']);
	return quick!;
}

const site = (lat: number, lon: number): CentrePoint => ({ id: `p:${lat},${lon}`, lat, lon });

describe('travel with added centres from the baseline', () => {
	it('equals a full computation for sites far from and near today’s centres', () => {
		const r = check([site(44.0, -103.2)]); // Rapid City, SD: far from every centre
		// it changed something: some counties now have the added centre nearest
		expect(Array.from(r.counties.roadNearest).filter((i) => i === centres.length).length).toBeGreaterThan(3);
		check([site(46.87, -113.99)]); // Missoula, MT
		check([site(35.22, -101.83)]); // Amarillo, TX
		check([site(40.75, -73.99)]); // Manhattan: many centres around
	}, 60_000);

	it('equals a full computation at a site on an existing centre (ties go to the earlier centre)', () => {
		const c = centres[7];
		check([{ id: 'same-place', lat: c.lat, lon: c.lon }]);
	}, 30_000);

	it('equals a full computation for two and three added centres', () => {
		check([site(44.0, -103.2), site(46.8, -100.78)]);
		check([site(42.87, -106.31), site(39.1, -94.6), site(31.8, -106.4)]);
	}, 60_000);

	it('equals a full computation where the road network does not reach (the sea)', () => {
		check([site(36.0, -123.5)]); // the Pacific off Big Sur: too far to snap to a road
		check([site(47.4, -94.9)]); // Bemidji, MN
	}, 60_000);

	it('equals a full computation at random sites in the contiguous states', () => {
		const rnd = mulberry32(20261201);
		for (let k = 0; k < 8; k++) check([site(+(25 + rnd() * 24).toFixed(3), +(-124 + rnd() * 57).toFixed(3))]);
	}, 120_000);

	it('completes lazy tracts on first read of a straight-line array, and leaves other results as they are', () => {
		// the sample holds tracts without a road link (Alaska): their road minutes are calibrated in the merge itself
		expect(Array.from(baseline.tracts.roadFallback).filter((f) => f === 1).length).toBeGreaterThan(0);
		const lazy = travelWithAdded({ graph, baseline: baselineOf(baseline), added: [site(44.0, -103.2)], tracts, counties, calibration, lazyTracts: true })!;
		const done = completeTracts(lazy, tracts, calibration);
		expect(Object.getOwnPropertyDescriptor(done.tracts, 'straightKm')?.get).toBeTypeOf('function');
		expect(done.tracts.straightKm.length).toBe(tracts.lat.length);
		expect(done.tracts.roadMinutes).toBe(lazy.tracts.roadMinutes);
		expect(completeTracts(baseline, tracts, calibration)).toBe(baseline);
	}, 30_000);

	it('with `within`, decides "within the threshold or not" as the full computation does, and looks at fewer places', () => {
		// (Manhattan at 30 minutes: every sampled place is within already, and stays so: nothing to look at)
		for (const [added, within, movesSome] of [
			[[site(44.0, -103.2)], 120, true],
			[[site(46.87, -113.99), site(35.22, -101.83)], 60, true],
			[[site(40.75, -73.99)], 30, false]
		] as const) {
			const want = full([...centres, ...added]);
			const bounded = travelWithAdded({ graph, baseline: baselineOf(baseline), added, tracts, counties, calibration, within })!;
			const unbounded = travelWithAdded({ graph, baseline: baselineOf(baseline), added, tracts, counties, calibration })!;
			let moved = 0;
			for (const key of ['tracts', 'counties'] as const) {
				const got = bounded[key].roadMinutes;
				const exact = want[key].roadMinutes;
				const before = baseline[key].roadMinutes;
				got.forEach((m, i) => {
					expect(m <= within, `${key} ${i}: within ${within} or not`).toBe(exact[i] <= within);
					// brought within: the full computation's minutes
					if (before[i] > within && exact[i] <= within) {
						moved++;
						expect(m, `${key} ${i}: minutes within ${within}`).toBe(exact[i]);
					}
					// never below the full computation's
					expect(m).toBeGreaterThanOrEqual(exact[i]);
				});
			}
			expect(moved > 0, `${added.length} site(s) at ${within} min bring places within`).toBe(movesSome);
			expect(bounded.timings.tractsCandidates).toBeLessThanOrEqual(unbounded.timings.tractsCandidates);
			expect(bounded.timings.searchLimit).toBeLessThanOrEqual(within);
		}
	}, 90_000);

	it('refuses a site on a road piece no baseline centre reaches (Alaska)', () => {
		// Anchorage snaps to Alaska's roads, which join no centre in this data: the caller computes in full
		const r = travelWithAdded({ graph, baseline: baselineOf(baseline), added: [site(61.2, -149.9)], tracts, counties, calibration });
		expect(r).toBeNull();
		// with a site that is accepted, the same call answers
		expect(travelWithAdded({ graph, baseline: baselineOf(baseline), added: [site(44.0, -103.2)], tracts, counties, calibration })).not.toBeNull();
	}, 30_000);
});
