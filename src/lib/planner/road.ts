/**
 * Road re-scoring for the planner. A road search from each of 5,000 candidates does not fit the
 * 1 s budget, so the road method works in two steps:
 * 1. shortlist with the calibrated model (its minutes are fitted to the road model);
 * 2. for each shortlisted candidate, find the places beyond reach today that it alone would bring
 *    within the threshold on the road graph: exact road coverage; the greedy then runs on those sets.
 *
 * Step 2 does not need today's centres' labels. The travel engine gives an origin the minimum over
 * its taken vertices (the first `snapCount` of its snap list whose road component holds a centre)
 * of access leg + best label, and direct local trips. Adding a candidate makes the best label
 * min(today's label, the candidate's own road minutes). A place beyond reach today has every
 * today's term above the threshold, and a new road component reached by the candidate can only push
 * today's vertices out of the taken set, never in. So the place is covered exactly when a term of
 * the candidate alone is within the threshold: access leg + candidate's minutes at a vertex taken
 * with the candidate present, or a direct trip to it. The candidate's minutes are a single-source
 * Dijkstra from the candidate's snapped vertices, stopped at the threshold (nothing beyond it can
 * bring a place within it). Arithmetic is the engine's, term by term (same access formula, same
 * left-to-right sums along edges), so the sets equal those of adding the candidate to the full
 * search and querying it (tests/unit/planner-road.test.ts checks this on the real graph).
 */
import { greatCircleKm } from '$lib/metrics/distance';
import type { RoadGraph } from '$lib/metrics/drive-time/graph';
import { resolveParams, type TravelTimeParams } from '$lib/metrics/drive-time/params';
import { edgeMinutesOf } from '$lib/metrics/drive-time/dijkstra';
import { MinutesHeap } from '$lib/metrics/drive-time/minutes-heap';
import { centreSources, componentsOf, nearBand, prepareOrigins } from '$lib/metrics/drive-time/travel-times';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Coverage } from './coverage';

export interface RoadRescoreInput {
	graph: RoadGraph;
	params?: Partial<TravelTimeParams>;
	/** today's centres */
	centres: readonly CentrePoint[];
	/** coordinates of every place; only `beyond` ones are searched */
	places: { lat: ArrayLike<number>; lon: ArrayLike<number> };
	/** places beyond the threshold today on roads */
	beyond: Int32Array;
	candidates: readonly { lat: number; lon: number }[];
	threshold: number;
	onProgress?: (fraction: number) => void;
}

/** Exact road coverage sets of the given candidates (index as in `candidates`). */
export function roadCoverage(input: RoadRescoreInput): { coverage: Coverage; searched: number } {
	const { graph, beyond, candidates, threshold } = input;
	const p = resolveParams(input.params);
	const n = graph.vertexCount;
	const comp = componentsOf(graph);
	const edgeMin = edgeMinutesOf(graph, p);
	const { adjOffsets, adjTargets, adjEdges } = graph;
	const circ = p.accessCircuity;
	const spd = p.accessSpeedKmh;
	const snapCount = p.snapCount;
	const maxKm = p.maxSnapKm;
	const progress = input.onProgress ?? (() => {});

	// 1. each candidate's road minutes, stopped beyond the threshold (CSR of reached vertices)
	const dist = new Float64Array(n).fill(Infinity);
	const touched: number[] = [];
	const heap = new MinutesHeap(4096);
	const ballStart = new Int32Array(candidates.length + 1);
	const ballV: number[] = [];
	const ballD: number[] = [];
	const candSources = centreSources(graph, candidates, p);
	/** per candidate, a box holding every place that could take one of its vertices or a direct trip */
	const boxes: { lat0: number; lat1: number; lon0: number; lon1: number }[] = [];
	for (let c = 0; c < candidates.length; c++) {
		ballStart[c] = ballV.length;
		for (const s of candSources[c]) {
			if (s.startMinutes < dist[s.vertex]) {
				if (dist[s.vertex] === Infinity) touched.push(s.vertex);
				dist[s.vertex] = s.startMinutes;
				heap.push(s.startMinutes, s.vertex);
			}
		}
		while (heap.size > 0) {
			const d = heap.d[0];
			const u = heap.v[0];
			heap.pop();
			if (d > threshold) {
				heap.size = 0;
				break;
			}
			if (d !== dist[u]) continue;
			ballV.push(u);
			ballD.push(d);
			for (let a = adjOffsets[u], end = adjOffsets[u + 1]; a < end; a++) {
				const v = adjTargets[a];
				const nd = d + edgeMin[adjEdges[a]];
				if (nd < dist[v]) {
					if (dist[v] === Infinity) touched.push(v);
					dist[v] = nd;
					heap.push(nd, v);
				}
			}
		}
		for (const v of touched) dist[v] = Infinity;
		touched.length = 0;
		const { lat, lon } = candidates[c];
		let lat0 = Infinity;
		let lat1 = -Infinity;
		let lon0 = Infinity;
		let lon1 = -Infinity;
		const extend = (la: number, lo: number) => {
			lat0 = Math.min(lat0, la);
			lat1 = Math.max(lat1, la);
			lon0 = Math.min(lon0, lo);
			lon1 = Math.max(lon1, lo);
		};
		if (Number.isFinite(lat) && Number.isFinite(lon)) extend(lat, lon);
		for (let j = ballStart[c]; j < ballV.length; j++) extend(graph.latE6[ballV[j]] / 1e6, graph.lonE6[ballV[j]] / 1e6);
		if (lat0 <= lat1) {
			// places snap only to vertices within maxSnapKm, and direct trips are within maxSnapKm too
			const band = nearBand(Math.max(Math.abs(lat0), Math.abs(lat1)), maxKm);
			boxes.push({ lat0: lat0 - band.latDeg, lat1: lat1 + band.latDeg, lon0: lon0 - band.lonDeg, lon1: lon1 + band.lonDeg });
		}
		progress((0.4 * (c + 1)) / candidates.length);
	}
	ballStart[candidates.length] = ballV.length;

	// 2. snap only the places beyond reach inside some box (any other place is out of every candidate's reach)
	const inBox = (la: number, lo: number) => {
		for (const b of boxes) {
			if (la < b.lat0 || la > b.lat1) continue;
			if (lonWithin(lo, b.lon0, b.lon1)) return true;
		}
		return false;
	};
	const sub = beyond.filter((i) => inBox(input.places.lat[i], input.places.lon[i]));
	const prepared = prepareOrigins(graph, Array.from(sub, (i) => ({ lat: input.places.lat[i], lon: input.places.lon[i] })), p);
	const { offsets, vertex, km: snapKm, lat, lon, byLat, sortedLat } = prepared;
	progress(0.7);

	// road components holding one of today's centres (the engine reaches every vertex of those)
	const reachedToday = new Uint8Array(n);
	for (const srcs of centreSources(graph, input.centres, p)) for (const s of srcs) reachedToday[comp[s.vertex]] = 1;
	// per place, its vertices taken today with their access minutes (CSR); used while a candidate adds no component
	const takenStart = new Int32Array(prepared.count + 1);
	const takenV: number[] = [];
	const takenA: number[] = [];
	for (let o = 0; o < prepared.count; o++) {
		takenStart[o] = takenV.length;
		let taken = 0;
		for (let j = offsets[o], end = offsets[o + 1]; j < end && taken < snapCount; j++) {
			if (!reachedToday[comp[vertex[j]]]) continue;
			taken++;
			takenV.push(vertex[j]);
			takenA.push(((snapKm[j] * circ) / spd) * 60);
		}
	}
	takenStart[prepared.count] = takenV.length;
	const tV = Int32Array.from(takenV);
	const tA = Float64Array.from(takenA);

	// 3. per candidate: places with a taken vertex within the threshold (access leg included), or a direct trip
	const newComp = new Uint8Array(n);
	const covered = new Uint8Array(prepared.count);
	const start = new Int32Array(candidates.length + 1);
	const items: number[] = [];
	for (let c = 0; c < candidates.length; c++) {
		start[c] = items.length;
		for (let j = ballStart[c]; j < ballStart[c + 1]; j++) dist[ballV[j]] = ballD[j];
		const addsComps: number[] = [];
		for (const s of candSources[c]) {
			const k = comp[s.vertex];
			if (!reachedToday[k] && !newComp[k]) {
				newComp[k] = 1;
				addsComps.push(k);
			}
		}
		if (addsComps.length === 0) {
			for (let o = 0; o < prepared.count; o++) {
				for (let j = takenStart[o], end = takenStart[o + 1]; j < end; j++) {
					if (tA[j] + dist[tV[j]] <= threshold) {
						covered[o] = 1;
						break;
					}
				}
			}
		} else {
			// the candidate reaches a road component no centre reaches today: recount the taken vertices
			for (let o = 0; o < prepared.count; o++) {
				let taken = 0;
				for (let j = offsets[o], end = offsets[o + 1]; j < end && taken < snapCount; j++) {
					const k = comp[vertex[j]];
					if (!reachedToday[k] && !newComp[k]) continue;
					taken++;
					if (((snapKm[j] * circ) / spd) * 60 + dist[vertex[j]] <= threshold) {
						covered[o] = 1;
						break;
					}
				}
			}
			for (const k of addsComps) newComp[k] = 0;
		}
		const cand = candidates[c];
		if (Number.isFinite(cand.lat) && Number.isFinite(cand.lon)) {
			// direct local trips to the candidate, scanned as the engine scans them
			const latDeg = nearBand(Math.abs(cand.lat), maxKm).latDeg;
			let lo = 0;
			let hi = sortedLat.length;
			const lat0 = cand.lat - latDeg;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (sortedLat[mid] < lat0) lo = mid + 1;
				else hi = mid;
			}
			const lat1 = cand.lat + latDeg;
			for (let j = lo; j < sortedLat.length && sortedLat[j] <= lat1; j++) {
				const o = byLat[j];
				if (covered[o]) continue;
				const km = greatCircleKm(lat[o], lon[o], cand.lat, cand.lon);
				if (km <= maxKm && ((km * circ) / spd) * 60 <= threshold) covered[o] = 1;
			}
		}
		for (let o = 0; o < prepared.count; o++) {
			if (covered[o]) {
				items.push(sub[o]);
				covered[o] = 0;
			}
		}
		for (let j = ballStart[c]; j < ballStart[c + 1]; j++) dist[ballV[j]] = Infinity;
		progress(0.7 + (0.3 * (c + 1)) / candidates.length);
	}
	start[candidates.length] = items.length;
	return { coverage: { start, items: Int32Array.from(items), beyond }, searched: prepared.count };
}

/** Is longitude `lo` within [lon0, lon1] (degrees, either may pass ±180)? */
function lonWithin(lo: number, lon0: number, lon1: number): boolean {
	if (lon1 - lon0 >= 360) return true;
	let x = lo;
	while (x < lon0) x += 360;
	while (x - 360 >= lon0) x -= 360;
	return x <= lon1;
}
