/**
 * Origins → nearest and second-nearest centre by road.
 *
 * - A centre enters the search at each of its `snapCount` nearest accessible vertices (within maxSnapKm),
 *   starting with its own access leg (straight line × accessCircuity at accessSpeedKmh).
 * - An origin's time is the minimum over its snapped vertices of (access leg + vertex label); an origin snaps to
 *   the snapCount nearest accessible vertices *reached by the search* among its snapCount × 8 nearest. A centre within
 *   maxSnapKm may also be reached directly on local roads (same access model), so a centre next door is not
 *   routed via a distant highway.
 * - Origins that reach no centre (no vertex within maxSnapKm, or a road component without a centre: Alaska
 *   outside Anchorage's network, Hawaii's other islands, territories) get null minutes and status 'no_road';
 *   the app falls back to the calibrated straight-line model there.
 *
 * Fast path for the dashboard (all tracts, centre set edited interactively):
 * - {@link prepareOrigins} snaps an origin set once (vertex ids + straight-line km only; no minutes), so it
 *   holds for any centre set and any speeds with the same snapCount and maxSnapKm;
 * - {@link CentreSearch} holds the two-label search: `add` (one multi-source run for many centres, incremental
 *   for one), `remove` (repairs only where the removed centre held a label);
 * - {@link CentreSearch.queryPrepared} / {@link queryPrepared} fill typed arrays ({@link TravelTimeArrays}).
 * `travelTimes` and `CentreSearch.query` return the same numbers as rows.
 */
import { greatCircleKm } from '../distance';
import type { RoadGraph } from './graph';
import { addSource, changeLog, createState, removeSource, takeChanged, type DriveTimeState, type RunStats, type Source } from './dijkstra';
import { accessMinutes, resolveParams, type TravelTimeParams } from './params';
import { createSnapIndex, type GridIndex } from './snap';

export interface LatLon {
	lat: number;
	lon: number;
}

export interface Centre<Id = string> extends LatLon {
	id: Id;
}

export type TravelStatus = 'ok' | 'no_road';

export interface TravelTimeRow<Id = string> {
	minutes: number | null;
	centreId: Id | null;
	/** road km of the chosen path (access legs included, at accessCircuity) */
	roadKm: number | null;
	secondMinutes: number | null;
	secondCentreId: Id | null;
	status: TravelStatus;
}

const indexCache = new WeakMap<RoadGraph, GridIndex>();
/** origins look at snapCount × this many nearest vertices to find snapCount reached ones */
const SNAP_OVERSAMPLE = 8;

/** Snap index of a graph, built once per graph object. */
export function snapIndexOf(graph: RoadGraph): GridIndex {
	let idx = indexCache.get(graph);
	if (!idx) {
		idx = createSnapIndex(graph);
		indexCache.set(graph, idx);
	}
	return idx;
}

/** Up to k nearest accessible vertices within maxSnapKm, with straight-line km. */
export function snap(graph: RoadGraph, lat: number, lon: number, k: number, maxKm = Infinity) {
	return snapIndexOf(graph).nearest(lat, lon, k, maxKm);
}

/** Search sources for a list of centres; centre i gets source id i. */
export function centreSources(graph: RoadGraph, centres: readonly LatLon[], params: TravelTimeParams): Source[][] {
	const idx = snapIndexOf(graph);
	return centres.map((c, i) =>
		idx.nearest(c.lat, c.lon, params.snapCount, params.maxSnapKm).map((h) => ({
			id: i,
			vertex: h.vertex,
			startMinutes: accessMinutes(h.km, params),
			startKm: h.km * params.accessCircuity
		}))
	);
}

/**
 * An origin set snapped once: per origin, its candidate vertices (CSR: `vertex[offsets[i]..offsets[i+1])`,
 * nearest first, ties by vertex id) with straight-line km. Candidates are the snapCount × 8 nearest accessible
 * vertices within maxSnapKm, keeping only the first snapCount of each road component (a later vertex of a
 * component can never be chosen: if the component is reached, its first snapCount vertices are reached and come
 * before it). Independent of the centres and of every speed; valid for params with the same snapCount and
 * maxSnapKm.
 */
export interface PreparedOrigins {
	readonly graph: RoadGraph;
	readonly count: number;
	readonly snapCount: number;
	readonly maxSnapKm: number;
	readonly offsets: Uint32Array;
	readonly vertex: Int32Array;
	readonly km: Float64Array;
	/** origin coordinates (NaN when not finite: such an origin has no candidates and no direct trips) */
	readonly lat: Float64Array;
	readonly lon: Float64Array;
	/** origin indices sorted by latitude (finite origins only), and their latitudes, for the direct-trip scan */
	readonly byLat: Int32Array;
	readonly sortedLat: Float64Array;
}

const componentCache = new WeakMap<RoadGraph, Int32Array>();
/** Connected component of every vertex (label = smallest vertex id in the component); cached per graph. */
export function componentsOf(graph: RoadGraph): Int32Array {
	let comp = componentCache.get(graph);
	if (comp) return comp;
	const n = graph.vertexCount;
	comp = new Int32Array(n).fill(-1);
	const stack = new Int32Array(n);
	for (let s = 0; s < n; s++) {
		if (comp[s] >= 0) continue;
		comp[s] = s;
		let top = 0;
		stack[top++] = s;
		while (top > 0) {
			const u = stack[--top];
			for (let a = graph.adjOffsets[u], end = graph.adjOffsets[u + 1]; a < end; a++) {
				const v = graph.adjTargets[a];
				if (comp[v] < 0) {
					comp[v] = s;
					stack[top++] = v;
				}
			}
		}
	}
	componentCache.set(graph, comp);
	return comp;
}

/**
 * Give a graph the component labels of a larger graph it was cut from (metrics/whatif-tiles: the road
 * network near a site). Snapping keeps the first vertices of each road component, so a part of the
 * network must snap with its whole network's components, not with the pieces the cut leaves.
 */
export function setComponents(graph: RoadGraph, comp: Int32Array): void {
	if (comp.length !== graph.vertexCount) throw new RangeError(`setComponents: ${comp.length} labels for ${graph.vertexCount} vertices`);
	componentCache.set(graph, comp);
}

/** Snap an origin set once (see {@link PreparedOrigins}); only params.snapCount and params.maxSnapKm are used. */
export function prepareOrigins(graph: RoadGraph, origins: readonly LatLon[], params: Partial<TravelTimeParams> = {}): PreparedOrigins {
	const p = resolveParams(params);
	const idx = snapIndexOf(graph);
	const comp = componentsOf(graph);
	const count = origins.length;
	const k = p.snapCount * SNAP_OVERSAMPLE;
	const hitIds = new Int32Array(k);
	const hitKm = new Float64Array(k);
	const seenComp = new Int32Array(k);
	const seenN = new Int32Array(k);
	const offsets = new Uint32Array(count + 1);
	let vertex = new Int32Array(Math.max(16, count * p.snapCount));
	let km = new Float64Array(vertex.length);
	const lat = new Float64Array(count);
	const lon = new Float64Array(count);
	let m = 0;
	for (let i = 0; i < count; i++) {
		const la = origins[i].lat;
		const lo = origins[i].lon;
		const ok = Number.isFinite(la) && Number.isFinite(lo);
		lat[i] = ok ? la : NaN;
		lon[i] = ok ? lo : NaN;
		if (ok) {
			const h = idx.nearestInto(la, lo, k, p.maxSnapKm, hitIds, hitKm);
			if (m + h > vertex.length) {
				const nv = new Int32Array(Math.max(vertex.length * 2, m + h));
				nv.set(vertex);
				vertex = nv;
				const nk = new Float64Array(nv.length);
				nk.set(km);
				km = nk;
			}
			let nComps = 0;
			for (let j = 0; j < h; j++) {
				const c = comp[hitIds[j]];
				let t = 0;
				while (t < nComps && seenComp[t] !== c) t++;
				if (t === nComps) {
					seenComp[nComps] = c;
					seenN[nComps++] = 0;
				}
				if (seenN[t] >= p.snapCount) continue;
				seenN[t]++;
				vertex[m] = hitIds[j];
				km[m++] = hitKm[j];
			}
		}
		offsets[i + 1] = m;
	}
	return preparedFrom({ graph, snapCount: p.snapCount, maxSnapKm: p.maxSnapKm, offsets, vertex: vertex.slice(0, m), km: km.slice(0, m), lat, lon });
}

/**
 * A {@link PreparedOrigins} from its snapped vertices (from {@link prepareOrigins}, or read back
 * from a file written at build time: drive-time/snap-file). `lat` / `lon` hold NaN for origins
 * that are not finite.
 */
export function preparedFrom(p: Omit<PreparedOrigins, 'count' | 'byLat' | 'sortedLat'>): PreparedOrigins {
	const { lat } = p;
	const count = lat.length;
	let finite = 0;
	for (let i = 0; i < count; i++) if (!Number.isNaN(lat[i])) finite++;
	const byLat = new Int32Array(finite);
	for (let i = 0, j = 0; i < count; i++) if (!Number.isNaN(lat[i])) byLat[j++] = i;
	byLat.sort((a, b) => lat[a] - lat[b] || a - b);
	const sortedLat = new Float64Array(finite);
	for (let j = 0; j < finite; j++) sortedLat[j] = lat[byLat[j]];
	return { ...p, count, byLat, sortedLat };
}

/** Status codes of {@link TravelTimeArrays.status}. */
export const STATUS_NO_ROAD = 0;
export const STATUS_OK = 1;

/** Query result as columns, one entry per origin (row i = origin i). */
export interface TravelTimeArrays {
	/** minutes to the nearest centre; NaN when status is no_road */
	minutes: Float64Array;
	/** index of the nearest centre (into the centre list queried); -1 when none */
	centre: Int32Array;
	/** road km of the chosen path (access legs included, at accessCircuity); NaN when none */
	roadKm: Float64Array;
	/** second-nearest distinct centre; NaN / -1 when none */
	secondMinutes: Float64Array;
	secondCentre: Int32Array;
	/** STATUS_OK (1) or STATUS_NO_ROAD (0) */
	status: Uint8Array;
}

export function allocTravelTimeArrays(count: number): TravelTimeArrays {
	return {
		minutes: new Float64Array(count),
		centre: new Int32Array(count),
		roadKm: new Float64Array(count),
		secondMinutes: new Float64Array(count),
		secondCentre: new Int32Array(count),
		status: new Uint8Array(count)
	};
}

const EARTH_R = 6371.0088;

/**
 * Travel times for prepared origins against a finished search. `centres[id]` is the centre of source id `id`
 * (null for an id no longer in the search); the result's centre indices are those source ids. Minutes use the
 * search's params (state.params). Pass `out` to reuse arrays (length ≥ prepared.count). With `subset`, only
 * those origins are computed (written to `out`); the others' entries are left as they are.
 */
export function queryPrepared(
	state: DriveTimeState,
	prepared: PreparedOrigins,
	centres: readonly (LatLon | null)[],
	out: TravelTimeArrays = allocTravelTimeArrays(prepared.count),
	/** the origins to compute (each once); all when absent */
	subset?: Int32Array
): TravelTimeArrays {
	const params = state.params;
	if (prepared.graph !== state.graph) throw new Error('queryPrepared: origins were prepared for another graph');
	if (prepared.snapCount !== params.snapCount || prepared.maxSnapKm !== params.maxSnapKm)
		throw new Error(
			`queryPrepared: origins were prepared with snapCount ${prepared.snapCount}, maxSnapKm ${prepared.maxSnapKm}; ` +
				`the search uses ${params.snapCount}, ${params.maxSnapKm} — call prepareOrigins again`
		);
	const { count, offsets, vertex, km: vkm } = prepared;
	const { bestMinutes: bm, bestId: bi, bestKm: bk, secondMinutes: sm, secondId: si, secondKm: sk } = state;
	const { minutes: m1, centre: c1, roadKm: k1, secondMinutes: m2, secondCentre: c2 } = out;
	// the second label's km is needed while ranking (a later candidate of the same centre may improve it)
	const k2 = new Float64Array(count);
	const snapCount = params.snapCount;
	const circ = params.accessCircuity;
	const spd = params.accessSpeedKmh;
	// Ranking as in the reference: per centre its best (minutes, km); across centres (minutes, centre id).
	// Access minutes are written out as in accessMinutes(): ((km × circuity) / speed) × 60, same bits.
	const list = subset;
	const todo = list ? list.length : count;
	for (let q = 0; q < todo; q++) {
		const o = list ? list[q] : q;
		let bc = -1;
		let bd = Infinity;
		let bkm = Infinity;
		let sc = -1;
		let sd = Infinity;
		let skm = Infinity;
		let taken = 0;
		for (let j = offsets[o], end = offsets[o + 1]; j < end && taken < snapCount; j++) {
			const v = vertex[j];
			if (bi[v] < 0) continue; // not reached by the search (a road piece without a centre)
			taken++;
			const h = vkm[j];
			const a = ((h * circ) / spd) * 60;
			const ak = h * circ;
			for (let lab = 0; lab < 2; lab++) {
				const s = lab === 0 ? bi[v] : si[v];
				if (s < 0) break;
				const d = a + (lab === 0 ? bm[v] : sm[v]);
				const km = ak + (lab === 0 ? bk[v] : sk[v]);
				if (bc === s) {
					if (d < bd || (d === bd && km < bkm)) {
						bd = d;
						bkm = km;
					}
				} else if (sc === s) {
					if (d < sd || (d === sd && km < skm)) {
						if (d < bd || (d === bd && s < bc)) {
							sd = bd;
							skm = bkm;
							sc = bc;
							bd = d;
							bkm = km;
							bc = s;
						} else {
							sd = d;
							skm = km;
						}
					}
				} else if (bc < 0 || d < bd || (d === bd && s < bc)) {
					sd = bd;
					skm = bkm;
					sc = bc;
					bd = d;
					bkm = km;
					bc = s;
				} else if (sc < 0 || d < sd || (d === sd && s < sc)) {
					sd = d;
					skm = km;
					sc = s;
				}
			}
		}
		c1[o] = bc;
		m1[o] = bd;
		k1[o] = bkm;
		c2[o] = sc;
		m2[o] = sd;
		k2[o] = skm;
	}

	// direct local trips: the centres within maxSnapKm of each origin (offered in centre order, as the ranking expects)
	const maxKm = params.maxSnapKm;
	if (list) {
		// a few origins: each against every centre, after a latitude and a safe longitude bound
		const { lat, lon } = prepared;
		const latDeg = nearBand(0, maxKm).latDeg;
		const lonDeg = centres.map((c) => (c && Number.isFinite(c.lat) && Number.isFinite(c.lon) ? nearBand(Math.abs(c.lat), maxKm).lonDeg : -1));
		for (let q = 0; q < todo; q++) {
			const o = list[q];
			const la = lat[o];
			const lo = lon[o];
			if (Number.isNaN(la)) continue;
			for (let s = 0; s < centres.length; s++) {
				const c = centres[s];
				if (!c || lonDeg[s] < 0 || Math.abs(la - c.lat) > latDeg) continue;
				let dl = Math.abs(lo - c.lon);
				if (dl > 180) dl = 360 - dl;
				if (dl > lonDeg[s]) continue;
				const km = haversineKm(la, lo, c.lat, c.lon);
				if (km <= maxKm) offerOrigin(out, k2, o, ((km * circ) / spd) * 60, km * circ, s);
			}
		}
	} else {
		for (let s = 0; s < centres.length; s++) {
			const c = centres[s];
			if (!c) continue;
			forOriginsNear(prepared, c.lat, c.lon, maxKm, (o, km) => offerOrigin(out, k2, o, ((km * circ) / spd) * 60, km * circ, s));
		}
	}

	const st = out.status;
	for (let q = 0; q < todo; q++) {
		const o = list ? list[q] : q;
		if (c1[o] < 0) {
			st[o] = STATUS_NO_ROAD;
			m1[o] = NaN;
			k1[o] = NaN;
		} else st[o] = STATUS_OK;
		if (c2[o] < 0) m2[o] = NaN;
	}
	return out;
}

/**
 * Call `fn(origin, km)` for every prepared origin within `maxKm` (great circle) of a point: a latitude
 * band of the origins sorted by latitude, then a safe longitude bound, then the exact distance.
 */
export function forOriginsNear(prepared: PreparedOrigins, cLat: number, cLon: number, maxKm: number, fn: (o: number, km: number) => void): void {
	if (!Number.isFinite(cLat) || !Number.isFinite(cLon)) return;
	const { lat, lon, byLat, sortedLat } = prepared;
	const { latDeg, lonDeg: dLonMax } = nearBand(Math.abs(cLat), maxKm);
	let lo = 0;
	let hi = sortedLat.length;
	const lat0 = cLat - latDeg;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sortedLat[mid] < lat0) lo = mid + 1;
		else hi = mid;
	}
	const lat1 = cLat + latDeg;
	for (let j = lo; j < sortedLat.length && sortedLat[j] <= lat1; j++) {
		const o = byLat[j];
		let dl = Math.abs(lon[o] - cLon);
		if (dl > 180) dl = 360 - dl;
		if (dl > dLonMax) continue;
		const km = haversineKm(lat[o], lon[o], cLat, cLon);
		if (km <= maxKm) fn(o, km);
	}
}

/** Per vertex, the prepared origins that list it among their candidates (CSR: vertex v's are origins[start[v]..start[v+1]]). */
export interface OriginsByVertex {
	readonly start: Int32Array;
	readonly origins: Int32Array;
}
const byVertexCache = new WeakMap<PreparedOrigins, OriginsByVertex>();
export function originsByVertex(prepared: PreparedOrigins): OriginsByVertex {
	let r = byVertexCache.get(prepared);
	if (r) return r;
	const n = prepared.graph.vertexCount;
	const { offsets, vertex, count } = prepared;
	const start = new Int32Array(n + 1);
	for (let j = 0; j < vertex.length; j++) start[vertex[j] + 1]++;
	for (let v = 0; v < n; v++) start[v + 1] += start[v];
	const fill = start.slice(0, n);
	const origins = new Int32Array(vertex.length);
	for (let o = 0; o < count; o++) for (let j = offsets[o]; j < offsets[o + 1]; j++) origins[fill[vertex[j]]++] = o;
	byVertexCache.set(prepared, (r = { start, origins }));
	return r;
}

/**
 * The origins whose answer can differ after the search's labels changed at `changedVertices`: those with a
 * changed candidate vertex, plus `also` (origins the caller knows about: near an added centre, or answered by
 * a removed one). Every other origin's answer is exactly what it was.
 */
export function affectedOrigins(prepared: PreparedOrigins, changedVertices: ArrayLike<number>, also: Iterable<number> = []): Int32Array {
	const { start, origins } = originsByVertex(prepared);
	const flag = new Uint8Array(prepared.count);
	const list: number[] = [];
	const add = (o: number) => {
		if (!flag[o]) {
			flag[o] = 1;
			list.push(o);
		}
	};
	for (let k = 0; k < changedVertices.length; k++) {
		const v = changedVertices[k];
		for (let j = start[v]; j < start[v + 1]; j++) add(origins[j]);
	}
	for (const o of also) add(o);
	return Int32Array.from(list);
}

/**
 * Degrees of latitude and longitude that hold every point within `maxKm` (great circle) of a point
 * whose |latitude| is at most `absLat`: |Δlat| ≤ latDeg and |Δlon| (mod 360) ≤ lonDeg (Infinity near
 * the poles). Conservative by construction, so a scan of that band misses no point.
 */
export function nearBand(absLat: number, maxKm: number): { latDeg: number; lonDeg: number } {
	const latDeg = maxKm / 111.0; // ≥ maxKm / (km per degree of latitude)
	const sinHalf = Math.sin(Math.min(Math.PI / 2, maxKm / (2 * EARTH_R)));
	// every point in the band has |lat| ≤ phiMax; then km ≥ 2R asin(cos(phiMax) sin(|Δlon| / 2))
	const phiMax = Math.min(90, absLat + latDeg);
	const cosMax = Math.cos((phiMax * Math.PI) / 180);
	const ratio = cosMax > 1e-6 ? sinHalf / cosMax : 2;
	const lonDeg = ratio >= 1 ? Infinity : ((2 * Math.asin(ratio) * 180) / Math.PI) * (1 + 1e-6) + 1e-9;
	return { latDeg, lonDeg };
}

/** Local alias (one module-level read instead of an export getter per call in some module loaders). */
const haversineKm = greatCircleKm;

/** Offer (minutes d, road km, centre s) to origin o's two labels; same ranking as the per-origin loop above. */
function offerOrigin(out: TravelTimeArrays, k2: Float64Array, o: number, d: number, km: number, s: number): void {
	const { minutes: m1, centre: c1, roadKm: k1, secondMinutes: m2, secondCentre: c2 } = out;
	if (c1[o] === s) {
		if (d < m1[o] || (d === m1[o] && km < k1[o])) {
			m1[o] = d;
			k1[o] = km;
		}
	} else if (c2[o] === s) {
		if (d < m2[o] || (d === m2[o] && km < k2[o])) {
			if (d < m1[o] || (d === m1[o] && s < c1[o])) {
				m2[o] = m1[o];
				k2[o] = k1[o];
				c2[o] = c1[o];
				m1[o] = d;
				k1[o] = km;
				c1[o] = s;
			} else {
				m2[o] = d;
				k2[o] = km;
			}
		}
	} else if (c1[o] < 0 || d < m1[o] || (d === m1[o] && s < c1[o])) {
		m2[o] = m1[o];
		k2[o] = k1[o];
		c2[o] = c1[o];
		m1[o] = d;
		k1[o] = km;
		c1[o] = s;
	} else if (c2[o] < 0 || d < m2[o] || (d === m2[o] && s < c2[o])) {
		m2[o] = d;
		k2[o] = km;
		c2[o] = s;
	}
}

/** Typed-array result → rows, with centre index → `ids[index]`. */
export function arraysToRows<Id>(r: TravelTimeArrays, ids: readonly Id[], count = r.status.length): TravelTimeRow<Id>[] {
	const rows: TravelTimeRow<Id>[] = new Array(count);
	for (let o = 0; o < count; o++) {
		if (r.status[o] !== STATUS_OK) {
			rows[o] = { minutes: null, centreId: null, roadKm: null, secondMinutes: null, secondCentreId: null, status: 'no_road' };
			continue;
		}
		const two = r.secondCentre[o] >= 0;
		rows[o] = {
			minutes: r.minutes[o],
			centreId: ids[r.centre[o]],
			roadKm: r.roadKm[o],
			secondMinutes: two ? r.secondMinutes[o] : null,
			secondCentreId: two ? ids[r.secondCentre[o]] : null,
			status: 'ok'
		};
	}
	return rows;
}

/**
 * A search over a centre set that can grow and shrink (scenario planner). Source ids are insertion numbers and
 * never reused; ranking ties by source id therefore follow the order of `centres`, exactly as a full run over
 * `centres` would.
 */
export class CentreSearch<Id = string> {
	readonly graph: RoadGraph;
	readonly params: TravelTimeParams;
	readonly state: DriveTimeState;
	/** live centres, in insertion order (query results index this list) */
	readonly centres: Centre<Id>[] = [];
	/** source id of each live centre (parallel to `centres`, ascending) */
	private readonly liveIds: number[] = [];
	/** by source id: the centre (null once removed) and its search sources */
	private readonly slots: (Centre<Id> | null)[] = [];
	private readonly slotSources: Source[][] = [];

	constructor(graph: RoadGraph, params: Partial<TravelTimeParams> = {}) {
		this.graph = graph;
		this.params = resolveParams(params);
		this.state = createState(graph, this.params);
	}

	/** Add centres (one multi-source run for all of them); returns the heap pops spent. */
	add(...centres: Centre<Id>[]): number {
		if (centres.length === 0) return 0;
		const srcs = centreSources(this.graph, centres, this.params);
		const all: Source[] = [];
		centres.forEach((c, j) => {
			const id = this.slots.length;
			this.slots.push(c);
			this.centres.push(c);
			this.liveIds.push(id);
			const mine = srcs[j].map((s) => ({ ...s, id }));
			this.slotSources.push(mine);
			for (const s of mine) all.push(s);
		});
		return addSource(this.state, all).settled;
	}

	/**
	 * Remove the first live centre whose id equals `id`; the state then equals a full run over the remaining
	 * centres. Returns the repair stats, or null when no such centre is present.
	 */
	remove(id: Id): RunStats | null {
		const pos = this.centres.findIndex((c) => c.id === id);
		return pos < 0 ? null : this.removeAt(pos);
	}

	/** Remove the centre at `centres[index]` (see {@link remove}). */
	removeAt(index: number): RunStats {
		if (!Number.isInteger(index) || index < 0 || index >= this.centres.length)
			throw new Error(`removeAt: index ${index} is not in 0..${this.centres.length - 1}`);
		const sid = this.liveIds[index];
		this.centres.splice(index, 1);
		this.liveIds.splice(index, 1);
		this.slots[sid] = null;
		this.slotSources[sid] = [];
		const remaining: Source[] = [];
		for (const sids of this.slotSources) for (const s of sids) remaining.push(s);
		return removeSource(this.state, sid, remaining);
	}

	/**
	 * From now on, note the vertices whose labels each add or remove changes ({@link takeChanged}), so a
	 * caller can query again only the origins they concern ({@link affectedOrigins}).
	 */
	trackChanges(): void {
		this.state.changed ??= changeLog(this.graph.vertexCount);
	}

	/** The vertices changed since the last call (or since {@link trackChanges}); null when not tracking. */
	takeChanged(): Int32Array | null {
		return this.state.changed ? takeChanged(this.state.changed) : null;
	}

	/** Source id of each live centre (parallel to `centres`). */
	get sourceIds(): readonly number[] {
		return this.liveIds;
	}

	/** Position in `centres` per source id (-1: removed). */
	positions(): Int32Array {
		const pos = new Int32Array(this.slots.length).fill(-1);
		this.liveIds.forEach((sid, i) => (pos[sid] = i));
		return pos;
	}

	/**
	 * Travel times for prepared origins with centre indices as source ids (stable across adds and
	 * removes; {@link positions} maps them to `centres`). With `subset`, only those origins are computed.
	 */
	querySources(prepared: PreparedOrigins, out?: TravelTimeArrays, subset?: Int32Array): TravelTimeArrays {
		return queryPrepared(this.state, prepared, this.slots, out, subset);
	}

	/** Travel times for prepared origins as typed arrays; centre indices point into `centres`. */
	queryPrepared(prepared: PreparedOrigins, out?: TravelTimeArrays): TravelTimeArrays {
		const r = queryPrepared(this.state, prepared, this.slots, out);
		const pos = this.positions();
		const { centre, secondCentre } = r;
		for (let o = 0; o < prepared.count; o++) {
			if (centre[o] >= 0) centre[o] = pos[centre[o]];
			if (secondCentre[o] >= 0) secondCentre[o] = pos[secondCentre[o]];
		}
		return r;
	}

	/** Travel times for origins against the current centres, as rows (snaps the origins on every call). */
	query(origins: readonly LatLon[]): TravelTimeRow<Id>[] {
		const prepared = prepareOrigins(this.graph, origins, this.params);
		return arraysToRows(
			this.queryPrepared(prepared),
			this.centres.map((c) => c.id),
			prepared.count
		);
	}
}

/**
 * Minutes from each origin to its nearest and second-nearest centre over the road graph.
 * One full search per call; for a centre set that changes use {@link CentreSearch} with {@link prepareOrigins}.
 */
export function travelTimes<Id = string>(
	graph: RoadGraph,
	origins: readonly LatLon[],
	centres: readonly Centre<Id>[],
	params: Partial<TravelTimeParams> = {}
): TravelTimeRow<Id>[] {
	const p = resolveParams(params);
	const st = createState(graph, p);
	addSource(st, centreSources(graph, centres, p).flat());
	const prepared = prepareOrigins(graph, origins, p);
	return arraysToRows(
		queryPrepared(st, prepared, centres),
		centres.map((c) => c.id),
		prepared.count
	);
}
