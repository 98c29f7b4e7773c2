/**
 * Uniform lat/lon grid over a set of points (by default the accessible vertices of a road graph), answering
 * "k nearest points within maxKm" with exact great-circle distances.
 */
import { greatCircleKm } from '../distance';
import { FLAG_ACCESSIBLE, type RoadGraph } from './graph';

export interface SnapHit {
	/** point id (vertex index for a graph index) */
	vertex: number;
	/** straight-line distance, km */
	km: number;
}

export interface GridIndex {
	readonly cellDeg: number;
	readonly size: number;
	/** up to k nearest points within maxKm, nearest first (ties by id) */
	nearest(lat: number, lon: number, k: number, maxKm?: number): SnapHit[];
}

const KM_PER_DEG = 111.19; // great-circle km per degree of latitude at R = 6371.0088 km (lower bound is safe)

export function createGridIndex(opts: {
	latE6: Int32Array;
	lonE6: Int32Array;
	ids: Uint32Array | number[];
	cellDeg?: number;
}): GridIndex {
	const cellDeg = opts.cellDeg ?? 0.25;
	const cols = Math.ceil(360 / cellDeg);
	const rows = Math.ceil(180 / cellDeg);
	const ids = Uint32Array.from(opts.ids);
	const lat = new Float64Array(ids.length);
	const lon = new Float64Array(ids.length);
	const key = new Float64Array(ids.length);
	const cellOf = (la: number, lo: number): [number, number] => [
		Math.min(rows - 1, Math.max(0, Math.floor((la + 90) / cellDeg))),
		Math.min(cols - 1, Math.max(0, Math.floor((lo + 180) / cellDeg)))
	];
	for (let i = 0; i < ids.length; i++) {
		lat[i] = opts.latE6[ids[i]] / 1e6;
		lon[i] = opts.lonE6[ids[i]] / 1e6;
		const [r, c] = cellOf(lat[i], lon[i]);
		key[i] = r * cols + c;
	}
	const order = Array.from(ids.keys()).sort((a, b) => key[a] - key[b] || ids[a] - ids[b]);
	const sortedIds = new Uint32Array(order.map((i) => ids[i]));
	const sLat = new Float64Array(order.map((i) => lat[i]));
	const sLon = new Float64Array(order.map((i) => lon[i]));
	const cells = new Map<number, [number, number]>();
	for (let j = 0; j < order.length; j++) {
		const k = key[order[j]];
		const c = cells.get(k);
		if (c) c[1] = j + 1;
		else cells.set(k, [j, j + 1]);
	}

	function nearest(la: number, lo: number, k: number, maxKm = Infinity): SnapHit[] {
		if (!Number.isFinite(la) || !Number.isFinite(lo) || k < 1 || sortedIds.length === 0) return [];
		const [r0, c0] = cellOf(la, lo);
		const hits: SnapHit[] = [];
		const consider = (r: number, c: number): void => {
			if (r < 0 || r >= rows) return;
			const cc = ((c % cols) + cols) % cols;
			const span = cells.get(r * cols + cc);
			if (!span) return;
			for (let j = span[0]; j < span[1]; j++) {
				const d = greatCircleKm(la, lo, sLat[j], sLon[j]);
				if (d <= maxKm) hits.push({ vertex: sortedIds[j], km: d });
			}
		};
		const maxRing = Math.max(rows, cols);
		for (let ring = 0; ring <= maxRing; ring++) {
			// every point in ring `ring` is at least (ring - 1) cells away in latitude or longitude
			const poleLat = Math.min(89.9, Math.abs(la) + (ring + 1) * cellDeg);
			const lowerBound = Math.max(0, ring - 1) * cellDeg * KM_PER_DEG * Math.cos((poleLat * Math.PI) / 180) * 0.95; // 0.95: chord-vs-parallel slack
			if (lowerBound > maxKm) break;
			if (hits.length >= k) {
				hits.sort((a, b) => a.km - b.km || a.vertex - b.vertex);
				if (hits[k - 1].km < lowerBound) break;
			}
			if (ring === 0) consider(r0, c0);
			else {
				for (let c = c0 - ring; c <= c0 + ring; c++) {
					consider(r0 - ring, c);
					consider(r0 + ring, c);
				}
				for (let r = r0 - ring + 1; r <= r0 + ring - 1; r++) {
					consider(r, c0 - ring);
					consider(r, c0 + ring);
				}
			}
			if (2 * ring + 1 >= cols && ring >= rows) break;
		}
		hits.sort((a, b) => a.km - b.km || a.vertex - b.vertex);
		return hits.slice(0, k);
	}

	return { cellDeg, size: sortedIds.length, nearest };
}

/** Grid index over the accessible vertices of a graph. */
export function createSnapIndex(graph: RoadGraph, cellDeg = 0.25): GridIndex {
	const ids: number[] = [];
	for (let v = 0; v < graph.vertexCount; v++) if (graph.flags[v] & FLAG_ACCESSIBLE) ids.push(v);
	return createGridIndex({ latE6: graph.latE6, lonE6: graph.lonE6, ids, cellDeg });
}
