import { describe, expect, it } from 'vitest';
import { KM_PER_MILE } from '../../src/lib/metrics/distance';
import { beyondThreshold } from '../../src/lib/metrics/shares';
import {
	bandIndex,
	DEFAULT_SPEED_MPH,
	DISTANCE_BANDS,
	formatThreshold,
	isMethod,
	METHOD_INFO,
	METHODS,
	straightLineMinutes,
	straightLineValues
} from '../../src/lib/metrics/travel-methods';

describe('straightLineMinutes', () => {
	it.each([
		{ km: 0, mph: 30, want: 0 },
		// Mendoza & Romanko: 120 minutes ≈ 60 miles at 30 mph
		{ km: 60 * KM_PER_MILE, mph: 30, want: 120 },
		{ km: 30 * KM_PER_MILE, mph: 30, want: 60 },
		{ km: 60 * KM_PER_MILE, mph: 60, want: 60 },
		{ km: 1, mph: 30, want: 60 / (30 * KM_PER_MILE) }
	])('$km km at $mph mph = $want min', ({ km, mph, want }) => {
		expect(straightLineMinutes({ km, mph })).toBeCloseTo(want, 10);
	});
	it('defaults to 30 mph and rejects a non-positive speed', () => {
		expect(DEFAULT_SPEED_MPH).toBe(30);
		expect(straightLineMinutes({ km: 60 * KM_PER_MILE })).toBeCloseTo(120, 10);
		expect(() => straightLineMinutes({ km: 1, mph: 0 })).toThrow(/positive speed/);
	});
});

describe('straightLineValues', () => {
	const km = [0, 60 * KM_PER_MILE, null, NaN, -1, 120 * KM_PER_MILE];
	it.each([
		{ method: 'straight_30mph' as const, mph: undefined, want: [0, 120, NaN, NaN, NaN, 240] },
		{ method: 'straight_30mph' as const, mph: 45, want: [0, 80, NaN, NaN, NaN, 160] },
		{ method: 'straight_miles' as const, mph: undefined, want: [0, 60, NaN, NaN, NaN, 120] }
	])('$method at $mph mph', ({ method, mph, want }) => {
		const got = Array.from(straightLineValues({ method, km, mph }));
		got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i], 9)));
	});
	it('refuses methods whose values come from the drive-time engine', () => {
		expect(() => straightLineValues({ method: 'road', km })).toThrow(/drive-time engine/);
		expect(() => straightLineValues({ method: 'calibrated', km })).toThrow(/drive-time engine/);
	});
});

describe('METHOD_INFO', () => {
	it.each(METHODS)('%s has a label, a unit, two thresholds and a citation', (m) => {
		const info = METHOD_INFO[m];
		expect(info.id).toBe(m);
		expect(info.label.length).toBeGreaterThan(0);
		expect(['minutes', 'miles']).toContain(info.unit);
		expect(info.thresholds[0]).toBeLessThan(info.thresholds[1]);
		expect(info.thresholds).toContain(info.defaultThreshold);
		expect(info.citation.length).toBeGreaterThan(0);
	});
	it('straight-line flags and units', () => {
		expect(METHODS.filter((m) => METHOD_INFO[m].straightLine)).toEqual(['straight_30mph', 'straight_miles']);
		expect(METHOD_INFO.straight_miles.unit).toBe('miles');
		expect(METHOD_INFO.road.defaultThreshold).toBe(120);
	});
	it('isMethod', () => {
		expect(isMethod('road')).toBe(true);
		expect(isMethod('walking')).toBe(false);
		expect(isMethod(undefined)).toBe(false);
	});
});

describe('bandIndex', () => {
	const min = DISTANCE_BANDS.minutes;
	it.each([
		{ value: 0, want: 0 },
		{ value: 60, want: 0 },
		{ value: 60.0001, want: 1 },
		{ value: 120, want: 1 },
		{ value: 121, want: 2 },
		{ value: 300, want: 2 },
		{ value: 301, want: 3 },
		{ value: 1e6, want: 3 },
		{ value: null, want: -1 },
		{ value: NaN, want: -1 },
		{ value: -5, want: -1 }
	])('$value min -> band $want', ({ value, want }) => {
		expect(bandIndex({ value, bands: min })).toBe(want);
	});
	it('a value is past a band bound exactly when beyondThreshold counts it beyond', () => {
		for (const v of [59.9, 60, 60.1, 120, 120.5]) {
			const beyond60 = beyondThreshold([{ weight: 1, value: v }], 60).beyond === 1;
			expect(bandIndex({ value: v, bands: min }) >= 1).toBe(beyond60);
		}
	});
	it('mile bands are the minute bands at 30 mph', () => {
		DISTANCE_BANDS.miles.forEach((b, i) => expect(b.to).toBe(DISTANCE_BANDS.minutes[i].to / 2));
	});
});

describe('formatThreshold', () => {
	it.each([
		{ value: 120, unit: 'minutes' as const, want: '2 hours' },
		{ value: 60, unit: 'minutes' as const, want: '1 hour' },
		{ value: 90, unit: 'minutes' as const, want: '90 minutes' },
		{ value: 1, unit: 'minutes' as const, want: '1 minute' },
		{ value: 60, unit: 'miles' as const, want: '60 miles' },
		{ value: 1, unit: 'miles' as const, want: '1 mile' },
		{ value: 1500, unit: 'miles' as const, want: '1,500 miles' }
	])('$value $unit -> $want', ({ value, unit, want }) => {
		expect(formatThreshold({ value, unit })).toBe(want);
	});
});

describe('methodValues', () => {
	it('gives the same array for the same travel and method (figures prepared from it are reused), another for another method', async () => {
		const { methodValues } = await import('../../src/lib/metrics/method-values');
		const km = Float64Array.from([10, 20, NaN]);
		const p = { straightKm: km, calibratedMinutes: new Float64Array(3), roadMinutes: new Float64Array(3) } as unknown as Parameters<typeof methodValues>[0];
		const a = methodValues(p, 'straight_30mph', true);
		expect(methodValues(p, 'straight_30mph', true)).toBe(a);
		expect(Array.from(a)).toEqual(Array.from(straightLineValues({ method: 'straight_30mph', km })));
		expect(methodValues(p, 'straight_miles', true)).not.toBe(a);
		expect(methodValues(p, 'road', true)).toBe(p.roadMinutes);
		expect(methodValues(p, 'road', false)).toBe(p.calibratedMinutes);
	});
});
