/**
 * placeProfile and proportionMoe, worked by hand.
 *
 * Geometry: the county's centre is at (0°, 0°); centre "a" at (0°, 1°E), centre "b" at (0°, 2°E).
 * One degree of the equator = 6371.0088 km × π / 180 = 111.19508 km = 69.09340 miles, so
 * a is 69.0934 mi (138.1868 min at 30 mph) and b is 138.1868 mi (276.3736 min).
 * Calibration: one band, circuity 1.2, 60 km/h → minutes = km × 1.2, so b's calibrated
 * minutes are 222.39016 × 1.2 = 266.8682.
 */
import { describe, expect, it } from 'vitest';
import { BARRIER_EXCESS, isBarrier, placeProfile, proportionMoe, type PlaceProfileInput } from '../../src/lib/metrics/place-profile';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import type { PlaceTravel } from '../../src/lib/metrics/travel-engine';
import type { Row } from '../../src/lib/queries/place-profile';
import type { Method } from '../../src/lib/metrics/travel-methods';

const DEG_KM = 111.19508;
const A_MI = 69.0934;
const B_MI = 138.1868;

const CAL: Calibration = {
	bandsKm: [0],
	cells: { US: [{ circuity: 1.2, speedKmh: 60, n: 1 }], Northeast: [], Midwest: [], South: [], West: [] }
};
const CENTRES = [
	{ id: 'a', lat: 0, lon: 1 },
	{ id: 'b', lat: 0, lon: 2 }
];
const NAMES = { a: 'Alpha Hospital (A, CO)' }; // b has no name: falls back to its id

function row(p: Partial<Row> = {}): Row {
	const base: Record<string, unknown> = {
		county_fips: '08001',
		state_fips: '08',
		county_name: 'Test County',
		state: 'CO',
		state_name: 'Colorado',
		lat: 0,
		lon: 0,
		pop_2020: 1000,
		has_svi: true,
		svi_overall: 0.8,
		svi_socioeconomic: 0.7,
		svi_household: 0.6,
		svi_minority: 0.5,
		svi_housing_transport: 0.4,
		svi_quartile: 4,
		median_hh_income: 50000,
		median_hh_income_moe: 2000,
		income_quintile: 1,
		rucc_2023: 8,
		rucc_description: 'Nonmetro',
		metro: false,
		medicaid_expansion: true,
		land_area_sqmi: 50,
		n_tracts: 3,
		has_tract_counts: false
	};
	for (const c of ['acs_pop', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'households', 'no_vehicle_hh']) {
		base[c] = 0;
		base[`${c}_moe`] = 0;
	}
	Object.assign(base, { acs_pop: 100, acs_pop_moe: 10, pov150: 20, pov150_moe: 5, uninsured: 50, uninsured_moe: 2, nh_white: 60, nh_white_moe: null, households: 40, households_moe: 4, no_vehicle_hh: 4, no_vehicle_hh_moe: 1 });
	return { ...base, ...p } as Row;
}

/** Travel for one place; defaults: straight a then b, calibrated 100, road 150 to a and 230 to b. */
function travel(p: Partial<Record<keyof PlaceTravel, number>> = {}): PlaceTravel {
	const v = {
		straightKm: DEG_KM,
		straightNearest: 0,
		straightSecondKm: 2 * DEG_KM,
		straightSecond: 1,
		calibratedMinutes: 100,
		roadMinutes: 150,
		roadNearest: 0,
		roadSecondMinutes: 230,
		roadSecond: 1,
		roadFallback: 0,
		...p
	};
	return {
		straightKm: Float64Array.of(v.straightKm),
		straightNearest: Int32Array.of(v.straightNearest),
		straightSecondKm: Float64Array.of(v.straightSecondKm),
		straightSecond: Int32Array.of(v.straightSecond),
		calibratedMinutes: Float64Array.of(v.calibratedMinutes),
		roadMinutes: Float64Array.of(v.roadMinutes),
		roadNearest: Int32Array.of(v.roadNearest),
		roadSecondMinutes: Float64Array.of(v.roadSecondMinutes),
		roadSecond: Int32Array.of(v.roadSecond),
		roadFallback: Uint8Array.of(v.roadFallback)
	};
}

const UNIT = { road: 'minutes', calibrated: 'minutes', straight_30mph: 'minutes', straight_miles: 'miles' } as const;
function profile(method: Method, t: PlaceTravel, extra: Partial<PlaceProfileInput> = {}) {
	return placeProfile({ row: row(), countyIndex: 0, travel: t, centres: CENTRES, centreNames: NAMES, method, unit: UNIT[method], roadReady: true, calibration: CAL, ...extra });
}

describe('placeProfile: travel by every method', () => {
	it.each([
		// method, roadReady, fallback, road value and note, current
		{ method: 'straight_miles', roadReady: true, fallback: 0, road: 150, note: null, current: A_MI },
		{ method: 'straight_30mph', roadReady: true, fallback: 0, road: 150, note: null, current: 2 * A_MI },
		{ method: 'calibrated', roadReady: true, fallback: 0, road: 150, note: null, current: 100 },
		{ method: 'road', roadReady: true, fallback: 0, road: 150, note: null, current: 150 },
		// before the graph loads the map shows calibrated minutes for "road"
		{ method: 'road', roadReady: false, fallback: 0, road: null, note: 'pending', current: 100 },
		// no road connection: the engine puts calibrated minutes in roadMinutes and flags it
		{ method: 'road', roadReady: true, fallback: 1, road: 100, note: 'fallback', current: 100 }
	] as const)('$method, road ready $roadReady, fallback $fallback', ({ method, roadReady, fallback, road, note, current }) => {
		const t = travel(fallback ? { roadMinutes: 100, roadFallback: 1, roadSecond: -1, roadSecondMinutes: NaN } : {});
		const p = profile(method, t, { roadReady });
		expect(p.travel.current).toBeCloseTo(current, 3);
		const by = Object.fromEntries(p.travel.methods.map((m) => [m.method, m]));
		expect(by.road.value).toBe(road);
		expect(by.road.note).toBe(note);
		expect(by.calibrated.value).toBe(100);
		expect(by.straight_30mph.value).toBeCloseTo(2 * A_MI, 3);
		expect(by.straight_miles.value).toBeCloseTo(A_MI, 3);
		expect(by.straight_miles.unit).toBe('miles');
		expect(p.travel.methods.filter((m) => m.current).map((m) => m.method)).toEqual([method]);
	});
});

describe('placeProfile: nearest and second-nearest centre', () => {
	it('straight-line ranking, values in miles; road minutes where the road search names the same centre', () => {
		const p = profile('straight_miles', travel());
		expect(p.centres.basis).toBe('straight');
		const n = p.centres.nearest!;
		const s = p.centres.second!;
		expect([n.id, n.name, n.index]).toEqual(['a', 'Alpha Hospital (A, CO)', 0]);
		expect([s.id, s.name, s.index]).toEqual(['b', 'b', 1]);
		expect(n.straightMiles).toBeCloseTo(A_MI, 3);
		expect(n.straight30Minutes).toBeCloseTo(2 * A_MI, 3);
		expect(n.calibratedMinutes).toBe(100); // from the travel arrays
		expect(n.roadMinutes).toBe(150);
		expect(s.calibratedMinutes).toBeCloseTo(266.8682, 3); // from the calibration
		expect(s.roadMinutes).toBe(230);
		expect(n.value).toBeCloseTo(A_MI, 3);
		expect(s.value).toBeCloseTo(B_MI, 3);
		expect(p.centres.ifNearestCloses!.extra).toBeCloseTo(A_MI, 3);
		expect(p.centres.ifNearestCloses!.ratio).toBeCloseTo(2, 6);
	});

	it('road ranking can differ from the straight line: road-nearest b (150 min), then a (170 min)', () => {
		const p = profile('road', travel({ roadNearest: 1, roadMinutes: 150, roadSecond: 0, roadSecondMinutes: 170 }));
		expect(p.centres.basis).toBe('road');
		expect(p.centres.nearest).toMatchObject({ id: 'b', roadMinutes: 150, value: 150 });
		expect(p.centres.nearest!.straightMiles).toBeCloseTo(B_MI, 3); // from the coordinates
		expect(p.centres.nearest!.calibratedMinutes).toBeCloseTo(266.8682, 3);
		expect(p.centres.second).toMatchObject({ id: 'a', roadMinutes: 170, value: 170 });
		expect(p.centres.second!.calibratedMinutes).toBeCloseTo(DEG_KM * 1.2, 3);
		expect(p.centres.ifNearestCloses!.extra).toBe(20);
		expect(p.centres.ifNearestCloses!.ratio).toBeCloseTo(170 / 150, 9);
	});

	it('road before the graph loads ranks by straight line, valued in calibrated minutes, no road minutes', () => {
		const p = profile('road', travel(), { roadReady: false });
		expect(p.centres.basis).toBe('straight');
		expect(p.centres.nearest).toMatchObject({ id: 'a', value: 100, roadMinutes: null });
		expect(p.centres.second!.value).toBeCloseTo(266.8682, 3);
		expect(p.centres.ifNearestCloses!.extra).toBeCloseTo(166.8682, 3);
	});

	it('without a calibration the second centre has no calibrated minutes', () => {
		const p = profile('calibrated', travel(), { calibration: undefined });
		expect(p.centres.second!.calibratedMinutes).toBeNull();
		expect(p.centres.second!.value).toBeNull();
		expect(p.centres.ifNearestCloses).toBeNull();
	});

	it('one centre: no second, no fragility figure', () => {
		const p = profile('straight_miles', travel({ straightSecond: -1, straightSecondKm: NaN, roadSecond: -1, roadSecondMinutes: NaN }), {
			centres: CENTRES.slice(0, 1)
		});
		expect(p.centres.nearest!.id).toBe('a');
		expect(p.centres.second).toBeNull();
		expect(p.centres.ifNearestCloses).toBeNull();
	});

	it('no centres at all: nothing is known', () => {
		const none = { straightKm: NaN, straightNearest: -1, straightSecondKm: NaN, straightSecond: -1, calibratedMinutes: NaN, roadMinutes: NaN, roadNearest: -1, roadSecondMinutes: NaN, roadSecond: -1 };
		for (const method of ['road', 'straight_miles'] as const) {
			const p = profile(method, travel(none), { centres: [], roadReady: false });
			expect(p.travel.current).toBeNull();
			expect(p.centres.nearest).toBeNull();
			expect(p.centres.second).toBeNull();
			expect(p.roadCheck).toMatchObject({ status: 'no-centre', barrier: null, roadExcess: null });
		}
	});
});

describe('placeProfile: road against the calibrated estimate', () => {
	it.each([
		// calibrated, road, roadExcess, barrier; the flag needs > 25 % and ≥ 10 minutes more
		{ cal: 100, road: 150, excess: 0.5, barrier: true },
		{ cal: 100, road: 125, excess: 0.25, barrier: false }, // exactly 25 %: not more than
		{ cal: 100, road: 125.5, excess: 0.255, barrier: true },
		{ cal: 20, road: 28, excess: 0.4, barrier: false }, // 40 % but only 8 minutes
		{ cal: 40, road: 50.5, excess: 0.2625, barrier: true }, // 26 % and 10.5 minutes
		{ cal: 100, road: 80, excess: -0.2, barrier: false } // road faster: shown, not flagged
	])('calibrated $cal, road $road → excess $excess, barrier $barrier', ({ cal, road, excess, barrier }) => {
		const p = profile('road', travel({ calibratedMinutes: cal, roadMinutes: road }));
		expect(p.roadCheck.status).toBe('ok');
		expect(p.roadCheck.roadExcess).toBeCloseTo(excess, 9);
		expect(p.roadCheck.barrier).toBe(barrier);
		expect(p.roadCheck.roadToStraight30).toBeCloseTo(road / (2 * A_MI), 5);
	});

	it('uses the PROVENANCE 25 %', () => expect(BARRIER_EXCESS).toBe(0.25));

	it.each([
		{ roadReady: false, fallback: 0, status: 'pending' },
		{ roadReady: true, fallback: 1, status: 'fallback' }
	] as const)('no check while $status', ({ roadReady, fallback, status }) => {
		const p = profile('road', travel({ roadFallback: fallback, roadMinutes: fallback ? 100 : 150 }), { roadReady });
		expect(p.roadCheck).toMatchObject({ status, roadMinutes: null, roadExcess: null, roadToStraight30: null, barrier: null, calibratedMinutes: 100 });
	});
});

describe('placeProfile: the place', () => {
	it('population, density, SVI, income, rurality, tracts', () => {
		const p = profile('road', travel());
		expect(p.label).toBe('Test County, Colorado');
		expect(p.population).toEqual({ pop2020: 1000, acsPop: 100, acsPopMoe: 10, landAreaSqMi: 50, densityPerSqMi: 20 });
		expect(p.svi).toEqual({ overall: 0.8, socioeconomic: 0.7, household: 0.6, minority: 0.5, housingTransport: 0.4, quartile: 4 });
		expect(p.income).toEqual({ median: 50000, moe: 2000, quintile: 1 });
		expect(p.rurality).toEqual({ rucc: 8, description: 'Nonmetro', metro: false });
		expect(p.tracts).toEqual({ count: 3, ownCounts: false });
		expect(p.hasCounts).toBe(true);
	});

	it.each([
		// column, share, shareMoe (hand-worked)
		// pov150: p = 0.2; 5² − 0.2²·10² = 21 ≥ 0 → √21 / 100
		{ column: 'pov150', share: 0.2, shareMoe: Math.sqrt(21) / 100 },
		// uninsured: p = 0.5; 2² − 0.5²·10² = −21 < 0 → ratio formula √(4 + 25) / 100
		{ column: 'uninsured', share: 0.5, shareMoe: Math.sqrt(29) / 100 },
		// no MOE published for non-Hispanic White
		{ column: 'nh_white', share: 0.6, shareMoe: null },
		// households without a vehicle over households: p = 0.1; 1 − 0.01·16 = 0.84 → √0.84 / 40
		{ column: 'no_vehicle_hh', share: 0.1, shareMoe: Math.sqrt(0.84) / 40 },
		// totals have no share
		{ column: 'acs_pop', share: null, shareMoe: null }
	] as const)('$column share and MOE', ({ column, share, shareMoe }) => {
		const c = profile('road', travel()).counts[column];
		if (share == null) expect(c.share).toBeNull();
		else expect(c.share).toBeCloseTo(share, 12);
		if (shareMoe == null) expect(c.shareMoe).toBeNull();
		else expect(c.shareMoe).toBeCloseTo(shareMoe, 12);
	});

	it('Puerto Rico: no ACS counts, no SVI, no land area', () => {
		const nulls: Record<string, null> = {};
		for (const k of Object.keys(row())) if (/^(acs_pop|nh_|hispanic|pov150|uninsured|age65|households|no_vehicle_hh|svi_)/.test(k)) nulls[k] = null;
		const p = placeProfile({
			row: row({ ...nulls, county_fips: '72001', state_fips: '72', state: 'PR', state_name: 'Puerto Rico', land_area_sqmi: null, medicaid_expansion: null }),
			countyIndex: 0,
			travel: travel(),
			centres: CENTRES,
			centreNames: NAMES,
			method: 'straight_miles',
			unit: 'miles',
			roadReady: true,
			calibration: CAL
		});
		expect(p.hasCounts).toBe(false);
		expect(p.counts.uninsured).toMatchObject({ count: null, share: null, shareMoe: null });
		expect(p.population.densityPerSqMi).toBeNull();
		expect(p.svi.overall).toBeNull();
		expect(p.medicaidExpansion).toBeNull();
		// travel still works (PR is outside the Census regions: the pooled US calibration cell)
		expect(p.centres.second!.calibratedMinutes).toBeCloseTo(266.8682, 3);
	});

	it('refuses a unit that is not the method’s, and an index outside the arrays', () => {
		expect(() => profile('road', travel(), { unit: 'miles' })).toThrow(/does not match method "road"/);
		expect(() => profile('road', travel(), { countyIndex: 1 })).toThrow(/outside the travel arrays/);
		expect(() => profile('road', travel(), { countyIndex: -1 })).toThrow(/outside the travel arrays/);
	});
});

describe('proportionMoe', () => {
	it.each([
		{ x: 20, xMoe: 5, y: 100, yMoe: 10, want: Math.sqrt(21) / 100 },
		{ x: 50, xMoe: 2, y: 100, yMoe: 10, want: Math.sqrt(29) / 100 },
		{ x: 0, xMoe: 3, y: 100, yMoe: 0, want: 0.03 },
		{ x: 5, xMoe: null, y: 100, yMoe: 10, want: null },
		{ x: 0, xMoe: 1, y: 0, yMoe: 0, want: null }
	])('x $x ± $xMoe of y $y ± $yMoe', ({ x, xMoe, y, yMoe, want }) => {
		const got = proportionMoe({ x, xMoe, y, yMoe });
		if (want == null) expect(got).toBeNull();
		else expect(got).toBeCloseTo(want, 12);
	});
});

describe('isBarrier', () => {
	it.each([
		[130, 100, true], // +30 %, +30 min
		[125, 100, false], // exactly +25 % is not more than 25 %
		[12, 8, false], // +50 % but only 4 min: the access leg, not a barrier
		[200, 150, true],
		[NaN, 100, false],
		[100, 0, false]
	])('road %s vs calibrated %s -> %s', (road, cal, want) => {
		expect(isBarrier(road, cal)).toBe(want);
	});
});
