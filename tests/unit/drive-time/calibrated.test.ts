import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	bandIndex,
	calibratedMinutes,
	calibratedMinutesBetween,
	calibratedMinutesTable,
	calibratedRoadKm,
	CENSUS_REGIONS,
	censusRegionOfState,
	nearestCalibrated,
	type Calibration
} from '../../../src/lib/metrics/drive-time/calibrated';

const cell = (circuity: number, speedKmh: number, n = 10) => ({ circuity, speedKmh, n });
const cal: Calibration = {
	bandsKm: [0, 40, 80],
	cells: {
		US: [cell(1.5, 45), cell(1.3, 65), cell(1.2, 90)],
		West: [cell(2, 40), cell(1.4, 70), cell(0, 0, 0)],
		South: [cell(1.5, 45), cell(1.3, 65), cell(1.2, 90)],
		Midwest: [cell(1.5, 45), cell(1.3, 65), cell(1.2, 90)],
		Northeast: [cell(1.5, 45), cell(1.3, 65), cell(1.2, 90)]
	}
};

describe('calibrated straight-line model', () => {
	it.each([
		// km, region, minutes (hand-worked: km × circuity / speed × 60)
		[30, null, 60], // 30 × 1.5 / 45 × 60
		[30, 'West', 90], // 30 × 2 / 40 × 60
		[40, 'South', 48], // band edge belongs to the upper band: 40 × 1.3 / 65 × 60
		[50, 'West', 60], // 50 × 1.4 / 70 × 60
		[100, 'West', 80], // empty West cell (n = 0) → pooled US: 100 × 1.2 / 90 × 60
		[0, 'South', 0]
	] as const)('%s km in %s → %s min', (km, region, minutes) => {
		expect(calibratedMinutes(cal, km, region)).toBeCloseTo(minutes, 10);
	});

	it('calibratedMinutesTable gives the same bits as calibratedMinutes (toy and shipped calibration, every region, band edges)', () => {
		const shipped = JSON.parse(fs.readFileSync(new URL('../../../data/drive_time_calibration.json', import.meta.url), 'utf8')) as Calibration;
		for (const c of [cal, shipped]) {
			const table = calibratedMinutesTable(c);
			const kms = [-1, NaN, 0, 1e-9, ...c.bandsKm, ...c.bandsKm.map((e) => e - 1e-9), ...Array.from({ length: 400 }, (_, i) => i * 2.37)];
			for (const region of [null, ...CENSUS_REGIONS]) {
				for (const km of kms) expect(Object.is(table(km, region), calibratedMinutes(c, km, region)), `${km} ${region}`).toBe(true);
			}
		}
		// a band without a usable cell fails at the call that needs it, with the same message
		const broken: Calibration = { bandsKm: [0, 40], cells: { ...cal.cells, US: [cell(1.5, 45), cell(0, 0, 0)], West: [cell(2, 40), cell(0, 0, 0)] } };
		const t = calibratedMinutesTable(broken);
		expect(t(10, 'West')).toBe(calibratedMinutes(broken, 10, 'West'));
		expect(() => t(50, 'West')).toThrow(/no usable US cell for band 1/);
	});

	it('road km = km × circuity', () => {
		expect(calibratedRoadKm(cal, 50, 'West')).toBeCloseTo(70, 10);
		expect(calibratedMinutes(cal, -1, null)).toBeNaN();
	});

	it.each([
		[[0, 40, 80], 0, 0],
		[[0, 40, 80], 39.999, 0],
		[[0, 40, 80], 40, 1],
		[[0, 40, 80], 1e6, 2]
	] as const)('bandIndex(%j, %s) = %s', (bands, km, want) => expect(bandIndex(bands, km)).toBe(want));

	it.each([
		['06', 'West'],
		[6, 'West'],
		['11', 'South'],
		['36', 'Northeast'],
		['39', 'Midwest'],
		['02', 'West'],
		['15', 'West'],
		['72', null]
	] as const)('state %s → %s', (f, r) => expect(censusRegionOfState(f)).toBe(r));

	it('nearestCalibrated picks the smallest calibrated minutes; null without centres', () => {
		const from = { lat: 40, lon: -100 };
		const centres = [
			{ id: 'far', lat: 41, lon: -100 },
			{ id: 'near', lat: 40.2, lon: -100 }
		];
		const got = nearestCalibrated(cal, from, centres, 'South')!;
		expect(got.id).toBe('near');
		expect(got.minutes).toBeCloseTo(calibratedMinutesBetween(cal, from, centres[1], 'South'), 12);
		expect(nearestCalibrated(cal, from, [], 'South')).toBeNull();
	});
});

describe('data/drive_time_calibration.json', () => {
	const file = new URL('../../../data/drive_time_calibration.json', import.meta.url);
	const json = JSON.parse(fs.readFileSync(file, 'utf8'));
	it('has a usable pooled cell in every band, positive parameters and fit errors', () => {
		expect(json.bandsKm).toEqual([0, 40, 80, 160, 400]);
		for (const region of [...CENSUS_REGIONS, 'US']) {
			expect(json.cells[region]).toHaveLength(5);
			for (const c of json.cells[region]) if (c.n > 0) expect(c.circuity).toBeGreaterThanOrEqual(1), expect(c.speedKmh).toBeGreaterThan(20);
		}
		for (const c of json.cells.US) expect(c.n).toBeGreaterThan(100);
		expect(json.fitError.overall.medianApePct).toBeLessThan(15);
		expect(json.fitError.byBand).toHaveLength(5);
	});
	it('speed rises with distance (pooled US)', () => {
		const s = json.cells.US.map((c: { speedKmh: number }) => c.speedKmh);
		for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
	});
});
