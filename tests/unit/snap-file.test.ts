/**
 * The build-time snap file (drive-time/snap-file) on the real road graph and places: read back,
 * it equals `prepareOrigins` exactly, and it is ignored whenever places, graph or parameters differ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import { decodeGraph, type RoadGraph } from '../../src/lib/metrics/drive-time/graph';
import { prepareOrigins, type PreparedOrigins } from '../../src/lib/metrics/drive-time/travel-times';
import { decodeSnap, encodeSnap } from '../../src/lib/metrics/drive-time/snap-file';
import { DEFAULT_PARAMS } from '../../src/lib/metrics/drive-time/params';
import * as populationGroups from '../../src/lib/queries/population-groups';

let graph: RoadGraph;
let places: { lat: Float64Array; lon: Float64Array };
let counties: { lat: Float64Array; lon: Float64Array };
let prepared: PreparedOrigins;
let preparedCounties: PreparedOrigins;
let bytes: Uint8Array;
const params = { snapCount: DEFAULT_PARAMS.snapCount, maxSnapKm: DEFAULT_PARAMS.maxSnapKm };
const latLon = (p: { lat: Float64Array; lon: Float64Array }) => Array.from(p.lat, (lat, i) => ({ lat, lon: p.lon[i] }));

beforeAll(async () => {
	graph = decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin')));
	const db = await openNodeDb();
	const [t, c] = await Promise.all([populationGroups.run(db), populationGroups.runCounties(db)]);
	db.close();
	places = { lat: Float64Array.from(t, (r) => r.lat), lon: Float64Array.from(t, (r) => r.lon) };
	counties = { lat: Float64Array.from(c, (r) => r.lat), lon: Float64Array.from(c, (r) => r.lon) };
	prepared = prepareOrigins(graph, latLon(places));
	preparedCounties = prepareOrigins(graph, latLon(counties));
	bytes = encodeSnap(graph, { tracts: prepared, counties: preparedCounties });
}, 120_000);

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let bad = a.length === b.length ? 0 : 1;
	for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) bad++;
	return bad;
}

describe('snap file', () => {
	it('reads back exactly what prepareOrigins computes, for tracts and counties', () => {
		const back = decodeSnap(bytes, graph, { tracts: places, counties }, params);
		for (const [name, ref] of [
			['tracts', prepared],
			['counties', preparedCounties]
		] as const) {
			const p = back[name];
			expect(p, name).toBeDefined();
			expect(p.count).toBe(ref.count);
			expect(p.graph).toBe(graph);
			for (const k of ['offsets', 'vertex', 'km', 'lat', 'lon', 'byLat', 'sortedLat'] as const) expect(sameArray(p[k], ref[k]), `${name}.${k}`).toBe(0);
		}
		// 85,395 tracts: a few MB of vertex ids before compression
		expect(bytes.length).toBeLessThan(2_000_000);
	});

	it('leaves out a set whose places changed, and keeps the others', () => {
		const moved = { lat: places.lat.slice(), lon: places.lon };
		moved.lat[100] += 0.001;
		const back = decodeSnap(bytes, graph, { tracts: moved, counties }, params);
		expect(back.tracts).toBeUndefined();
		expect(back.counties).toBeDefined();
		expect(decodeSnap(bytes, graph, { tracts: { lat: places.lat.subarray(1), lon: places.lon.subarray(1) } }, params).tracts).toBeUndefined();
	});

	it('is ignored for other snap parameters, another graph or a file that is not one', () => {
		expect(decodeSnap(bytes, graph, { tracts: places }, { ...params, snapCount: params.snapCount + 1 })).toEqual({});
		const other = { ...graph, latE6: graph.latE6.slice() };
		other.latE6[0] += 1;
		expect(decodeSnap(bytes, other, { tracts: places }, params)).toEqual({});
		expect(decodeSnap(new Uint8Array(64), graph, { tracts: places }, params)).toEqual({});
	});
});
