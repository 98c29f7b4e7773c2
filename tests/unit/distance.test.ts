import { describe, expect, it } from 'vitest';
import { greatCircleKm, isValidLatLon, kmToMiles } from '../../src/lib/metrics/distance';

describe('greatCircleKm', () => {
	// 1 degree of arc on the mean-radius sphere = 2*pi*6371.0088/360 = 111.19508 km
	it.each([
		{ name: 'one degree of latitude', a: [0, 0], b: [1, 0], km: 111.19508 },
		{ name: 'one degree of longitude at the equator', a: [0, 0], b: [0, 1], km: 111.19508 },
		{ name: 'same point', a: [40, -100], b: [40, -100], km: 0 },
		{ name: 'antipodes', a: [0, 0], b: [0, 180], km: Math.PI * 6371.0088 },
		{ name: 'Alaska to Hawaii crosses no antimeridian issue', a: [61.2181, -149.9003], b: [21.3069, -157.8583], km: 4480.653 } // spherical law of cosines, computed independently
	])('$name', ({ a, b, km }) => {
		expect(greatCircleKm(a[0], a[1], b[0], b[1])).toBeCloseTo(km, 2);
	});
});

describe('helpers', () => {
	it('miles', () => expect(kmToMiles(1.609344)).toBeCloseTo(1, 12));
	it.each([
		[0, 0, true],
		[91, 0, false],
		[0, -181, false],
		[NaN, 0, false]
	])('valid(%s,%s)=%s', (la, lo, ok) => expect(isValidLatLon(la, lo)).toBe(ok));
});
