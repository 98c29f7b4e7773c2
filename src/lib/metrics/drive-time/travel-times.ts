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
 */
import { greatCircleKm } from '../distance';
import type { RoadGraph } from './graph';
import { addSource, createState, type DriveTimeState, type Source } from './dijkstra';
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

/** A search over a centre set that can grow one centre at a time (scenario planner). */
export class CentreSearch<Id = string> {
	readonly graph: RoadGraph;
	readonly params: TravelTimeParams;
	readonly state: DriveTimeState;
	readonly centres: Centre<Id>[] = [];

	constructor(graph: RoadGraph, params: Partial<TravelTimeParams> = {}) {
		this.graph = graph;
		this.params = resolveParams(params);
		this.state = createState(graph, this.params);
	}

	/** Add centres (ids are their positions in `centres`); returns the heap pops spent. */
	add(...centres: Centre<Id>[]): number {
		let settled = 0;
		for (const c of centres) {
			const i = this.centres.length;
			this.centres.push(c);
			const [srcs] = centreSources(this.graph, [c], this.params);
			const stats = addSource(
				this.state,
				srcs.map((s) => ({ ...s, id: i }))
			);
			settled += stats.settled;
		}
		return settled;
	}

	/** Travel times for origins against the centres added so far. */
	query(origins: readonly LatLon[]): TravelTimeRow<Id>[] {
		return originTimes(this.graph, this.state, origins, this.centres, this.params);
	}
}

interface Cand {
	d: number;
	km: number;
	s: number;
}

function originTimes<Id>(
	graph: RoadGraph,
	st: DriveTimeState,
	origins: readonly LatLon[],
	centres: readonly Centre<Id>[],
	params: TravelTimeParams
): TravelTimeRow<Id>[] {
	const idx = snapIndexOf(graph);
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

/**
 * Minutes from each origin to its nearest and second-nearest centre over the road graph.
 * One full search per call; for a centre set that changes one centre at a time use {@link CentreSearch}.
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
	return originTimes(graph, st, origins, centres, p);
}
