import { describe, expect, it } from 'vitest';
import { accessMinutes, DEFAULT_PARAMS, edgeMinutes, PARAM_CITATIONS, resolveParams } from '../../../src/lib/metrics/drive-time/params';
import { toy } from './toy';

describe('travel-time parameters', () => {
	it('defaults are the cited OSRM car-profile values', () => {
		expect(DEFAULT_PARAMS.speedsKmh).toEqual({ 1: 90, 2: 65, 3: 65, 4: 55, 5: 40 });
		expect([DEFAULT_PARAMS.accessSpeedKmh, DEFAULT_PARAMS.accessCircuity, DEFAULT_PARAMS.connectorSpeedKmh]).toEqual([40, 1.3, 40]);
	});
	it('every parameter has a citation', () => {
		for (const k of Object.keys(DEFAULT_PARAMS.speedsKmh)) expect(PARAM_CITATIONS[`speedsKmh.${k}`]).toBeTruthy();
		for (const k of ['accessSpeedKmh', 'accessCircuity', 'connectorSpeedKmh', 'maxSnapKm', 'snapCount']) expect(PARAM_CITATIONS[k]).toBeTruthy();
	});
	it('overrides merge per class and do not mutate the defaults', () => {
		const p = resolveParams({ speedsKmh: { 4: 80 }, accessCircuity: 1.2 });
		expect(p.speedsKmh).toEqual({ 1: 90, 2: 65, 3: 65, 4: 80, 5: 40 });
		expect(p.accessCircuity).toBe(1.2);
		expect(DEFAULT_PARAMS.speedsKmh[4]).toBe(55);
	});
	it.each([
		[{ speedsKmh: { 1: 0 } }, /speedsKmh\[1\]/],
		[{ accessSpeedKmh: -5 }, /accessSpeedKmh/],
		[{ accessCircuity: 0.9 }, /accessCircuity/],
		[{ maxSnapKm: NaN }, /maxSnapKm/],
		[{ snapCount: 0 }, /snapCount/]
	])('rejects %j', (o, msg) => expect(() => resolveParams(o as never)).toThrow(msg));
	it('access leg: 10 km × 1.3 at 40 km/h = 19.5 min', () => expect(accessMinutes(10, resolveParams())).toBeCloseTo(19.5, 12));
	it('edge minutes by class; connector speed for class 0; unknown class throws', () => {
		const g = toy(3, [
			[0, 1, 90, 1],
			[1, 2, 2, 0]
		]);
		const m = edgeMinutes(g, resolveParams());
		expect(m[0]).toBeCloseTo(60, 9); // 90 km at 90 km/h
		expect(m[1]).toBeCloseTo(3, 9); // 2 km at 40 km/h
		const bad = toy(2, [[0, 1, 1, 4]]);
		expect(() => edgeMinutes(bad, { ...resolveParams(), speedsKmh: { 1: 90 } })).toThrow(/class 4/);
	});
});
