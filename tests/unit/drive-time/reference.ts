/**
 * Reference implementation: the drive-time query path as it was before the prepared-origins fast path (per-query
 * snapping with an object-based grid index and per-origin candidate sorting). Tests compare the fast path with
 * it for exact equality. Not a test file; do not optimise.
 */
import { greatCircleKm } from '../../../src/lib/metrics/distance';
import { addSource, createState, type DriveTimeState, type Source } from '../../../src/lib/metrics/drive-time/dijkstra';
import { FLAG_ACCESSIBLE, type RoadGraph } from '../../../src/lib/metrics/drive-time/graph';
import { accessMinutes, resolveParams, type TravelTimeParams } from '../../../src/lib/metrics/drive-time/params';
import type { Centre, LatLon, TravelTimeRow } from '../../../src/lib/metrics/drive-time/travel-times';

interface SnapHit {
	vertex: number;
	km: number;
}

const KM_PER_DEG = 111.19; // great-circle km per degree of latitude at R = 6371.0088 km (lower bound is safe)

function createGridIndexRef(opts: {
	latE6: Int32Array;
	lonE6: Int32Array;
	ids: Uint32Array | number[];
	cellDeg?: number;
}): { nearest(lat: number, lon: number, k: number, maxKm?: number): SnapHit[] } {
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

	return { nearest };
}

const refCache = new WeakMap<RoadGraph, ReturnType<typeof createGridIndexRef>>();
function refIndex(graph: RoadGraph) {
	let idx = refCache.get(graph);
	if (!idx) {
		const ids: number[] = [];
		for (let v = 0; v < graph.vertexCount; v++) if (graph.flags[v] & FLAG_ACCESSIBLE) ids.push(v);
		idx = createGridIndexRef({ latE6: graph.latE6, lonE6: graph.lonE6, ids, cellDeg: 0.25 });
		refCache.set(graph, idx);
	}
	return idx;
}

/** Reference k-nearest (old grid index). */
export function nearestRef(graph: RoadGraph, lat: number, lon: number, k: number, maxKm = Infinity): SnapHit[] {
	return refIndex(graph).nearest(lat, lon, k, maxKm);
}

const SNAP_OVERSAMPLE = 8;

export function centreSourcesRef(graph: RoadGraph, centres: readonly LatLon[], params: TravelTimeParams): Source[][] {
	const idx = refIndex(graph);
	return centres.map((c, i) =>
		idx.nearest(c.lat, c.lon, params.snapCount, params.maxSnapKm).map((h) => ({
			id: i,
			vertex: h.vertex,
			startMinutes: accessMinutes(h.km, params),
			startKm: h.km * params.accessCircuity
		}))
	);
}

export interface Cand {
	d: number;
	km: number;
	s: number;
}

function originTimesRef<Id>(
	graph: RoadGraph,
	st: DriveTimeState,
	origins: readonly LatLon[],
	centres: readonly Centre<Id>[],
	params: TravelTimeParams
): TravelTimeRow<Id>[] {
	const idx = refIndex(graph);
	// centres sorted by latitude for the direct-trip check
	const byLat = centres.map((c, i) => i).sort((a, b) => centres[a].lat - centres[b].lat);
	const latDeg = params.maxSnapKm / 111.0;
	return origins.map((o) => {
		const cands: Cand[] = [];
		if (Number.isFinite(o.lat) && Number.isFinite(o.lon)) {
			// the snapCount nearest accessible vertices that the search reached (a vertex on a piece of road that
			// no centre can reach is skipped, so a disconnected stub next to an origin cannot trap it)
			const near = idx.nearest(o.lat, o.lon, params.snapCount * SNAP_OVERSAMPLE, params.maxSnapKm);
			const reached = near.filter((h) => st.bestId[h.vertex] >= 0).slice(0, params.snapCount);
			for (const h of reached) {
				const a = accessMinutes(h.km, params);
				const ak = h.km * params.accessCircuity;
				if (st.bestId[h.vertex] >= 0) cands.push({ d: a + st.bestMinutes[h.vertex], km: ak + st.bestKm[h.vertex], s: st.bestId[h.vertex] });
				if (st.secondId[h.vertex] >= 0)
					cands.push({ d: a + st.secondMinutes[h.vertex], km: ak + st.secondKm[h.vertex], s: st.secondId[h.vertex] });
			}
			// direct local trips to centres within maxSnapKm
			let lo = 0;
			let hi = byLat.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (centres[byLat[mid]].lat < o.lat - latDeg) lo = mid + 1;
				else hi = mid;
			}
			for (let j = lo; j < byLat.length && centres[byLat[j]].lat <= o.lat + latDeg; j++) {
				const c = centres[byLat[j]];
				const km = greatCircleKm(o.lat, o.lon, c.lat, c.lon);
				if (km <= params.maxSnapKm) cands.push({ d: accessMinutes(km, params), km: km * params.accessCircuity, s: byLat[j] });
			}
		}
		cands.sort((a, b) => a.d - b.d || a.s - b.s || a.km - b.km);
		const first = cands[0];
		const second = first ? cands.find((c) => c.s !== first.s) : undefined;
		if (!first)
			return { minutes: null, centreId: null, roadKm: null, secondMinutes: null, secondCentreId: null, status: 'no_road' as const };
		return {
			minutes: first.d,
			centreId: centres[first.s].id,
			roadKm: first.km,
			secondMinutes: second ? second.d : null,
			secondCentreId: second ? centres[second.s].id : null,
			status: 'ok' as const
		};
	});
}

export function travelTimesRef<Id = string>(
	graph: RoadGraph,
	origins: readonly LatLon[],
	centres: readonly Centre<Id>[],
	params: Partial<TravelTimeParams> = {}
): TravelTimeRow<Id>[] {
	const p = resolveParams(params);
	const st = createState(graph, p);
	addSource(st, centreSourcesRef(graph, centres, p).flat());
	return originTimesRef(graph, st, origins, centres, p);
}
