import { describe, expect, it } from 'vitest';
import calibrationJson from '../../data/drive_time_calibration.json';
import { buildCoverage, coverageOf, modelValue, reachKm, type TravelModel } from '$lib/planner/coverage';
import { calibratedMinutes, censusRegionOfState, type Calibration } from '$lib/metrics/drive-time/calibrated';
import { greatCircleKm, KM_PER_MILE } from '$lib/metrics/distance';
import { travelModel } from '$lib/planner/plan';

const calibration = calibrationJson as unknown as Calibration;

function rng(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 4294967296;
	};
}

describe('reachKm', () => {
	it('straight line: threshold / factor (120 min at 30 mph = 60 miles)', () => {
		const m = travelModel('straight_30mph', calibration);
		expect(reachKm(m, 120, null) / KM_PER_MILE).toBeCloseTo(60, 6);
	});
	it('calibrated: no km beyond the reach gives minutes within the threshold', () => {
		const m: TravelModel = { kind: 'calibrated', calibration };
		for (const region of [null, 'South', 'West'] as const) {
			for (const t of [30, 60, 120, 300]) {
				const r = reachKm(m, t, region);
				expect(calibratedMinutes(calibration, r * 1.001 + 0.01, region)).toBeGreaterThan(t);
				for (let km = r + 1; km < r + 800; km += 7) expect(calibratedMinutes(calibration, km, region)).toBeGreaterThan(t);
			}
		}
	});
});

describe('buildCoverage', () => {
	const places = { lat: [40, 40, 40, 40.5, 41], lon: [-100, -99, -98, -100, -100], stateFips: ['31', '31', '31', '31', '31'] };
	const model: TravelModel = { kind: 'straight', factor: 1 }; // value = km
	it('hand-worked: places already within the threshold or outside the region are left out; NaN = beyond', () => {
		const cov = buildCoverage({
			places,
			current: [500, 10, NaN, 500, 500],
			include: [1, 1, 1, 1, 0],
			candidates: [{ lat: 40, lon: -99.5 }, { lat: 45, lon: -80 }],
			threshold: 60,
			model
		});
		// 0.5° of longitude at 40° N ≈ 42.6 km: places 0 and 1 are within; place 1 is within today already
		expect(Array.from(coverageOf(cov, 0))).toEqual([0]);
		expect(Array.from(coverageOf(cov, 1))).toEqual([]);
		expect(Array.from(cov.beyond)).toEqual([0, 2, 3]);
	});
	it('a candidate on the place covers it; threshold 0 covers only such places', () => {
		const cov = buildCoverage({ places, current: [9, 9, 9, 9, 9], candidates: [{ lat: 40, lon: -98 }], threshold: 0, model });
		expect(Array.from(coverageOf(cov, 0))).toEqual([2]);
	});
	for (const method of ['straight_30mph', 'calibrated'] as const) {
		it(`equals the pairwise check on random places (${method})`, () => {
			const r = rng(method.length);
			const n = 800;
			const lat = Array.from({ length: n }, () => 30 + r() * 15);
			const lon = Array.from({ length: n }, () => -120 + r() * 40);
			const stateFips = Array.from({ length: n }, () => ['06', '48', '17', '36'][Math.floor(r() * 4)]);
			const currentKm = Array.from({ length: n }, () => r() * 600);
			const m = travelModel(method, calibration);
			const regions = stateFips.map((s) => censusRegionOfState(s));
			const current = currentKm.map((km, i) => modelValue(m, km, regions[i]));
			const candidates = Array.from({ length: 40 }, () => ({ lat: 30 + r() * 15, lon: -120 + r() * 40 }));
			const cov = buildCoverage({ places: { lat, lon, stateFips }, current, currentKm, candidates, threshold: 120, model: m, closerThanCurrent: method === 'calibrated' });
			candidates.forEach((c, j) => {
				const expected: number[] = [];
				for (let i = 0; i < n; i++) {
					if (current[i] <= 120) continue;
					const km = greatCircleKm(c.lat, c.lon, lat[i], lon[i]);
					if (method === 'calibrated' && km >= currentKm[i]) continue;
					if (modelValue(m, km, regions[i]) <= 120) expected.push(i);
				}
				expect(Array.from(coverageOf(cov, j)).sort((a, b) => a - b)).toEqual(expected);
			});
		});
	}
});
