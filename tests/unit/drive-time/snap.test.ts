import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../../src/lib/metrics/distance';
import { cellOrder, createGridIndex, createSnapIndex } from '../../../src/lib/metrics/drive-time/snap';
import { buildGraph } from '../../../src/lib/metrics/drive-time/graph';
import { rng } from './toy';

const pts: [number, number][] = [
	[40, -100], // 0
	[40, -100.01], // 1: 0.852 km west of 0 at 40°N
	[40.01, -100], // 2: 1.112 km north of 0
	[41, -100], // 3: 111.2 km north
	[64.84, -147.72] // 4: Fairbanks, AK
];
const idx = createGridIndex({
	latE6: Int32Array.from(pts.map((p) => Math.round(p[0] * 1e6))),
	lonE6: Int32Array.from(pts.map((p) => Math.round(p[1] * 1e6))),
	ids: [0, 1, 2, 3, 4]
});

describe('cellOrder', () => {
	it('orders positions by (row, column), ties by position, as a comparison sort does', () => {
		const r = rng(7);
		for (const [n, rows, cols] of [
			[0, 3, 4],
			[1, 1, 1],
			[500, 3, 5], // many ties
			[5000, 1800, 3600] // a 0.1° grid's size
		]) {
			const row = Int32Array.from({ length: n }, () => Math.floor(r() * rows));
			const col = Int32Array.from({ length: n }, () => Math.floor(r() * cols));
			const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => row[a] * cols + col[a] - (row[b] * cols + col[b]) || a - b);
			expect(Array.from(cellOrder(row, col, rows, cols))).toEqual(want);
		}
	});
});

describe('grid index nearest()', () => {
	it.each([
		{ q: [40, -100], k: 1, max: Infinity, want: [0] },
		{ q: [40, -100], k: 3, max: Infinity, want: [0, 1, 2] },
		{ q: [40, -100], k: 9, max: 2, want: [0, 1, 2] },
		{ q: [40.9, -100], k: 1, max: Infinity, want: [3] },
		{ q: [40.5, -100], k: 1, max: 10, want: [] },
		{ q: [64.9, -147.9], k: 1, max: 50, want: [4] },
		{ q: [21.3, -157.8], k: 2, max: 50, want: [] }
	])('$q k=$k max=$max → $want', ({ q, k, max, want }) => {
		expect(idx.nearest(q[0], q[1], k, max).map((h) => h.vertex)).toEqual(want);
	});

	it('returns straight-line km', () => {
		const [a, b] = idx.nearest(40, -100, 2);
		expect(a.km).toBe(0);
		expect(b.km).toBeCloseTo(0.8518, 3); // 0.01° × 111.195 km × cos 40°
	});

	it('matches brute force on random points across cell borders', () => {
		const r = rng(42);
		const n = 2000;
		const lat = Int32Array.from({ length: n }, () => Math.round((30 + r() * 4) * 1e6));
		const lon = Int32Array.from({ length: n }, () => Math.round((-90 - r() * 4) * 1e6));
		const ix = createGridIndex({ latE6: lat, lonE6: lon, ids: Array.from({ length: n }, (_, i) => i), cellDeg: 0.1 });
		for (let t = 0; t < 200; t++) {
			const qa = 29.5 + r() * 5;
			const qo = -89.5 - r() * 5;
			const brute = Array.from({ length: n }, (_, i) => ({ vertex: i, km: greatCircleKm(qa, qo, lat[i] / 1e6, lon[i] / 1e6) }))
				.sort((a, b) => a.km - b.km || a.vertex - b.vertex)
				.slice(0, 5);
			expect(ix.nearest(qa, qo, 5).map((h) => h.vertex)).toEqual(brute.map((h) => h.vertex));
		}
	});

	it('handles no points and bad input', () => {
		const empty = createGridIndex({ latE6: new Int32Array(0), lonE6: new Int32Array(0), ids: [] });
		expect(empty.nearest(40, -100, 3)).toEqual([]);
		expect(idx.nearest(NaN, -100, 3)).toEqual([]);
	});
});

describe('createSnapIndex', () => {
	it('indexes only accessible vertices', () => {
		const g = buildGraph({
			latE6: Int32Array.from([40e6, 40.001e6]),
			lonE6: Int32Array.from([-100e6, -100e6]),
			flags: Uint8Array.from([0, 1]),
			edgeU: Uint32Array.from([0]),
			edgeV: Uint32Array.from([1]),
			edgeLengthM: Uint32Array.from([111]),
			edgeClass: Uint8Array.from([1]),
			classes: [{ code: 1, name: 'freeway' }]
		});
		const ix = createSnapIndex(g);
		expect(ix.size).toBe(1);
		expect(ix.nearest(40, -100, 2).map((h) => h.vertex)).toEqual([1]);
	});
});
