/**
 * Travel for a centre set that is a baseline plus added centres, from the baseline's travel place
 * by place (the build-time travel of the default list, metrics/travel-file) and one bounded search
 * per added centre: no search over the baseline's ~170 centres. A what-if link (an embed, a shared
 * dashboard view) is then answered in a fraction of a full computation (`npm run bench`: engine).
 *
 * Why it equals a full computation ({@link TravelEngine.compute} over `[...baseline, ...added]`):
 * - straight line and calibrated minutes are computed afresh over the whole list, as a fresh engine does;
 * - road: a place's nearest centre is the best of its baseline nearest and the added centre's best
 *   offer (over the place's snapped vertices, and the direct local trip), the added centre losing
 *   ties (its source id is the largest). The added centre's offer through a vertex where it is not among
 *   the full search's two best labels can be ignored: two other centres then offer the place no more.
 *   A single-source search gives the added centre's exact minutes at every vertex where it is among
 *   the two best (the 2-label search's pruning removes only paths where it is not).
 * - Only places the added centre can improve are looked at: a place whose great-circle distance to it,
 *   at the fastest speed of the model, already takes longer than its baseline nearest (for counties,
 *   whose second-nearest centre the file keeps: its second-nearest) keeps its values, and the search stops at
 *   the largest such baseline time among the places left.
 * - The set of vertices a search reaches must not change: an added centre that snaps into a road
 *   component no baseline centre reaches (an island) is refused (null), and the caller computes in full.
 * Tracts keep no second-nearest road centre here (as in the build-time file: no view reads it).
 */
import { greatCircleKm } from './distance';
import type { Calibration } from './drive-time/calibrated';
import type { RoadGraph } from './drive-time/graph';
import { searchWithin, type Source } from './drive-time/dijkstra';
import { accessMinutes, resolveParams, type TravelTimeParams } from './drive-time/params';
import { centreSources, componentsOf, forOriginsNear, prepareOrigins } from './drive-time/travel-times';
import { nearestCentres, type CentrePoint, type NearestResult } from './nearest';
import { calibratedFor, regionsOf, withStraight, type PlaceTravel, type Places, type TravelResult } from './travel-engine';

/** What the merge reads of the baseline: tracts' nearest road centre, counties' two nearest (as in the build-time file). */
export interface BaselineTravel {
	centres: readonly CentrePoint[];
	tracts: Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadFallback'>;
	counties: Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadSecondMinutes' | 'roadSecond' | 'roadFallback'>;
}

/** The arrays of a result the merge reads (to hand a baseline to the travel worker without the rest). */
export function baselineOf(r: TravelResult): BaselineTravel {
	const t = r.tracts;
	const c = r.counties;
	return {
		centres: r.centres.map((x) => ({ id: x.id, lat: x.lat, lon: x.lon })),
		tracts: { roadMinutes: t.roadMinutes, roadNearest: t.roadNearest, roadFallback: t.roadFallback },
		counties: { roadMinutes: c.roadMinutes, roadNearest: c.roadNearest, roadSecondMinutes: c.roadSecondMinutes, roadSecond: c.roadSecond, roadFallback: c.roadFallback }
	};
}

/** Share of a great-circle distance a road trip can be shorter by (rounding of lengths and coordinates): a safety margin, not a model value. */
const LOWER_BOUND_SLACK = 0.9;

interface Road {
	minutes: Float64Array;
	nearest: Int32Array;
	/** null: not kept (tracts) */
	secondMinutes: Float64Array | null;
	second: Int32Array | null;
	fallback: Uint8Array;
}

/**
 * Travel for `[...baseline.centres, ...added]` (see the module comment), or null when an added centre
 * snaps into a road component that no baseline centre reaches.
 */
export function travelWithAdded({
	graph,
	baseline,
	added,
	tracts,
	counties,
	calibration,
	params = {}
}: {
	graph: RoadGraph;
	baseline: BaselineTravel;
	added: readonly CentrePoint[];
	tracts: Places;
	counties: Places;
	calibration: Calibration;
	params?: Partial<TravelTimeParams>;
}): TravelResult | null {
	const timings: Record<string, number> = {};
	let t0 = performance.now();
	const p = resolveParams(params);
	const list = [...baseline.centres, ...added].map((c) => ({ id: c.id, lat: c.lat, lon: c.lon }));
	const n0 = baseline.centres.length;
	// road components a baseline centre reaches (a search from the baseline labels every vertex of them)
	const comp = componentsOf(graph);
	const reached = new Uint8Array(graph.vertexCount);
	for (const srcs of centreSources(graph, baseline.centres, p)) for (const s of srcs) reached[comp[s.vertex]] = 1;
	const addedSources = centreSources(graph, added, p);
	for (const srcs of addedSources) for (const s of srcs) if (!reached[comp[s.vertex]]) return null;
	timings.setup = performance.now() - t0;

	const vmax = Math.max(p.accessSpeedKmh, p.connectorSpeedKmh, ...Object.values(p.speedsKmh));
	// copies of the baseline's arrays, merged into (counties: with their second-nearest centre)
	const road = (b: BaselineTravel['tracts'], second?: BaselineTravel['counties']): Road => ({
		minutes: Float64Array.from(b.roadMinutes),
		nearest: Int32Array.from(b.roadNearest),
		secondMinutes: second ? Float64Array.from(second.roadSecondMinutes) : null,
		second: second ? Int32Array.from(second.roadSecond) : null,
		fallback: Uint8Array.from(b.roadFallback)
	});
	const tr = road(baseline.tracts);
	const co = road(baseline.counties, baseline.counties);

	t0 = performance.now();
	added.forEach((x, j) => {
		const sid = n0 + j;
		mergeAdded({ graph, p, vmax, places: tracts, road: tr, x, sid, sources: addedSources[j], reached, comp, timings, key: 'tracts' });
		mergeAdded({ graph, p, vmax, places: counties, road: co, x, sid, sources: addedSources[j], reached, comp, timings, key: 'counties' });
	});
	timings.road = performance.now() - t0;

	t0 = performance.now();
	const result = {
		centres: list,
		tracts: placeTravel(tracts, list, tr, calibration),
		counties: placeTravel(counties, list, co, calibration),
		road: true,
		timings
	};
	timings.straight = performance.now() - t0;
	return result;
}

/** Merge one added centre (source id `sid`) into the places' road values (only places with road links change). */
function mergeAdded({
	graph,
	p,
	vmax,
	places,
	road,
	x,
	sid,
	sources,
	reached,
	comp,
	timings,
	key
}: {
	graph: RoadGraph;
	p: TravelTimeParams;
	vmax: number;
	places: Places;
	road: Road;
	x: CentrePoint;
	sid: number;
	sources: readonly Source[];
	reached: Uint8Array;
	comp: Int32Array;
	timings: Record<string, number>;
	key: string;
}): void {
	const n = places.lat.length;
	const { minutes, nearest, secondMinutes, second, fallback } = road;
	// the minutes the added centre must beat to change a place (NaN: anything beats it)
	const bar = (i: number) => (fallback[i] ? NaN : secondMinutes ? secondMinutes[i] : minutes[i]);
	const kmPerMinute = vmax / 60;
	const subset: number[] = [];
	for (let i = 0; i < n; i++) {
		const la = places.lat[i];
		const lo = places.lon[i];
		if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
		const km = greatCircleKm(la, lo, x.lat, x.lon);
		if (fallback[i]) {
			// no road link to any baseline centre: only a direct local trip can reach it
			if (km <= p.maxSnapKm + 1) subset.push(i);
			continue;
		}
		const b = bar(i);
		if (!(b >= 0) || (km * LOWER_BOUND_SLACK) / kmPerMinute < b) subset.push(i);
	}
	const prepared = prepareOrigins(
		graph,
		subset.map((i) => ({ lat: places.lat[i], lon: places.lon[i] })),
		p
	);
	// the search stops at the largest time the added centre must beat among the places its components reach
	const mine = new Set(sources.map((s) => comp[s.vertex]));
	let limit = -Infinity;
	for (let q = 0; q < subset.length; q++) {
		const i = subset[q];
		if (fallback[i]) continue;
		let linked = false;
		for (let j = prepared.offsets[q]; j < prepared.offsets[q + 1] && !linked; j++) linked = mine.has(comp[prepared.vertex[j]]);
		if (!linked) continue;
		const b = bar(i);
		limit = Math.max(limit, b >= 0 ? b : Infinity);
	}
	timings[`${key}Candidates`] = subset.length;
	const labels = sources.length && limit > -Infinity ? searchWithin(graph, sources.map((s) => ({ ...s, id: 0 })), limit, p) : null;
	// the added centre's best offer per place of the subset, as queryPrepared ranks them: the first
	// snapCount reached candidates (reached by the baseline: the added centre reaches no other vertex)
	const offer = new Float64Array(subset.length).fill(Infinity);
	if (labels) {
		const bm = labels.bestMinutes;
		for (let q = 0; q < subset.length; q++) {
			let taken = 0;
			let best = Infinity;
			for (let j = prepared.offsets[q], end = prepared.offsets[q + 1]; j < end && taken < p.snapCount; j++) {
				const v = prepared.vertex[j];
				if (!reached[comp[v]]) continue;
				taken++;
				const d = accessMinutes(prepared.km[j], p) + bm[v];
				if (d < best) best = d;
			}
			offer[q] = best;
		}
	}
	forOriginsNear(prepared, x.lat, x.lon, p.maxSnapKm, (q, km) => {
		const d = accessMinutes(km, p);
		if (d < offer[q]) offer[q] = d;
	});
	for (let q = 0; q < subset.length; q++) {
		const d = offer[q];
		if (!(d < Infinity)) continue;
		const i = subset[q];
		if (fallback[i]) {
			// its first road link: the added centre, by a direct trip
			fallback[i] = 0;
			minutes[i] = d;
			nearest[i] = sid;
			if (second && secondMinutes) {
				second[i] = -1;
				secondMinutes[i] = NaN;
			}
		} else if (d < minutes[i]) {
			if (second && secondMinutes) {
				second[i] = nearest[i];
				secondMinutes[i] = minutes[i];
			}
			minutes[i] = d;
			nearest[i] = sid;
		} else if (second && secondMinutes && (second[i] < 0 || d < secondMinutes[i])) {
			second[i] = sid;
			secondMinutes[i] = d;
		}
	}
}

/** The place travel of the whole list: straight line afresh, road from the merge, calibrated where no road link. */
function placeTravel(places: Places, list: CentrePoint[], road: Road, calibration: Calibration): PlaceTravel {
	const st: NearestResult = nearestCentres({ origins: { lat: places.lat, lon: places.lon }, centres: list });
	const n = places.lat.length;
	const cal = calibratedFor(st.nearestKm, regionsOf(places), calibration);
	const roadMinutes = road.minutes;
	const roadNearest = road.nearest;
	for (let i = 0; i < n; i++) {
		if (road.fallback[i]) {
			roadMinutes[i] = cal[i];
			roadNearest[i] = st.nearestIndex[i];
		}
	}
	return withStraight(st, cal, {
		roadMinutes,
		roadNearest,
		roadSecondMinutes: road.secondMinutes ?? new Float64Array(n).fill(NaN),
		roadSecond: road.second ?? new Int32Array(n).fill(-1),
		roadFallback: road.fallback
	});
}
