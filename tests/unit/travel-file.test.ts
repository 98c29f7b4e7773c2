/**
 * The default centre set's build-time travel (metrics/travel-file) on the committed data: read back
 * and completed with straight-line values, it equals the travel engine's own result, and it is used
 * only for exactly its centres and places.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as dashboardData from '../../src/lib/queries/dashboard-data';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import { placesOf, sameCentres, TravelEngine, type Places, type TravelResult } from '../../src/lib/metrics/travel-engine';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { alignRoadMinutes, alignTo, decodeTravelFile, encodeTravelFile, fileMatches, shippedTravel, travelFromFile } from '../../src/lib/metrics/travel-file';
import type { CentrePoint } from '../../src/lib/metrics/nearest';

const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
let tracts: Places;
let centres: CentrePoint[];
let engineResult: TravelResult;
let bytes: Uint8Array;

beforeAll(async () => {
	const db = await openNodeDb();
	const data = await dashboardData.run(db);
	db.close();
	tracts = placesOf(data.tractRows);
	centres = data.centres.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	const engine = new TravelEngine({ tracts, counties: placesOf(data.countyRows), calibration });
	engine.setRoadGraph(decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin'))));
	engineResult = engine.compute(centres);
	bytes = encodeTravelFile({ result: engineResult, tracts });
}, 120_000);

const differs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
	let n = a.length === b.length ? 0 : 1;
	for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
	return n;
};

describe('default travel file', () => {
	it('read back and completed, equals the engine on every array the views read', () => {
		const file = decodeTravelFile(bytes);
		expect(fileMatches(file, centres, tracts)).toBe(true);
		const none = { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] };
		let calls = 0;
		const r = travelFromFile(file, () => (calls++, new TravelEngine({ tracts, counties: none, calibration }).compute(file.centres).tracts));
		expect(r.road).toBe(true);
		// the straight-line values are computed on first read, once
		expect(r.tracts.roadMinutes.length).toBe(tracts.lat.length);
		expect(calls).toBe(0);
		expect(r.tracts.straightKm).toBe(r.tracts.straightKm);
		expect(calls).toBe(1);
		expect(r.centres).toEqual(engineResult.centres);
		for (const k of ['straightKm', 'straightNearest', 'calibratedMinutes', 'roadMinutes', 'roadNearest', 'roadFallback'] as const)
			expect(differs(r.tracts[k], engineResult.tracts[k]), `tracts.${k}`).toBe(0);
		for (const k of Object.keys(engineResult.counties) as (keyof TravelResult['counties'])[])
			expect(differs(r.counties[k], engineResult.counties[k]), `counties.${k}`).toBe(0);
	});

	it('shippedTravel reads it for the places it was computed for, and only for them', () => {
		const r = shippedTravel(bytes, tracts, calibration)!;
		expect(sameCentres(r.centres, centres)).toBe(true);
		for (const k of ['straightKm', 'calibratedMinutes', 'roadMinutes', 'roadNearest'] as const)
			expect(differs(r.tracts[k], engineResult.tracts[k]), `tracts.${k}`).toBe(0);
		const moved = { ...tracts, lat: tracts.lat.slice() };
		moved.lat[7] += 0.000001;
		expect(shippedTravel(bytes, moved, calibration)).toBeNull();
	});

	it('is not used for another centre set or other places', () => {
		const file = decodeTravelFile(bytes);
		expect(fileMatches(file, centres.slice(1), tracts)).toBe(false);
		expect(fileMatches(file, [...centres.slice(1), centres[0]], tracts)).toBe(false);
		const moved = { lat: tracts.lat.slice(), lon: tracts.lon };
		moved.lat[5] += 0.000001;
		expect(fileMatches(file, centres, moved)).toBe(false);
	});

	it('refuses a file that is not one', () => {
		expect(() => decodeTravelFile(new TextEncoder().encode('nope'))).toThrow(/npm run build/);
	});
});

describe('a what-if aligned on the baseline', () => {
	const next = (x: number) => {
		// the next double up (x > 0)
		const f = new Float64Array([x]);
		const u = new BigUint64Array(f.buffer);
		u[0] += 1n;
		return f[0];
	};
	it('takes the baseline’s value where the two differ in the last bits, and keeps real changes and NaN', () => {
		const base = [56.755617096665375, 2047.4983100358377, 120, NaN, 0, 30];
		const values = Float64Array.from([next(base[0]), next(next(base[1])), 119.99, NaN, 1e-12, 30]);
		expect(values[0]).not.toBe(base[0]);
		expect(alignTo(values, base)).toBe(3);
		expect(Array.from(values)).toEqual([base[0], base[1], 119.99, NaN, 0, 30]);
		// (1e-9 relative: a trip a millionth of a minute shorter is a change)
		const v2 = Float64Array.from([120 - 1e-6]);
		expect(alignTo(v2, [120])).toBe(0);
		expect(() => alignTo(new Float64Array(2), [1])).toThrow(/2 values against 1/);
	});

	it('aligns the road minutes of tracts and counties, only when both results have them', () => {
		const result = (road: boolean, t: number[], c: number[]) =>
			({ road, tracts: { roadMinutes: Float64Array.from(t) }, counties: { roadMinutes: Float64Array.from(c) } }) as unknown as TravelResult;
		const baseline = result(true, [10, 20], [5]);
		const r = result(true, [next(10), 15], [next(5)]);
		expect(alignRoadMinutes(r, baseline)).toBe(2);
		expect(Array.from(r.tracts.roadMinutes)).toEqual([10, 15]);
		expect(Array.from(r.counties.roadMinutes)).toEqual([5]);
		const before = result(false, [next(10), 15], [next(5)]);
		expect(alignRoadMinutes(before, baseline)).toBe(0);
		expect(before.tracts.roadMinutes[0]).toBe(next(10));
	});
});
