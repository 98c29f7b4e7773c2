/**
 * Travel for a centre set that is a baseline plus added centres, from the baseline's travel place
 * by place (the build-time travel of the default list, metrics/travel-file) and one bounded search
 * per added centre: no search over the baseline's ~170 centres. A what-if link (an embed, a shared
 * dashboard view) is then answered in a fraction of a full computation (`npm run bench`: engine).
 *
 * Why it equals a full computation ({@link TravelEngine.compute} over `[...baseline, ...added]`):
 * - straight line and calibrated minutes are computed afresh over the whole list, as a fresh engine does
 *   (with `lazyTracts`, the tracts' by the receiver: {@link completeTracts});
 * - road: a place's nearest centre is the best of its baseline nearest and the added centre's best
 *   offer (over the place's snapped vertices, and the direct local trip), the added centre losing
 *   ties (its source id is the largest). The added centre's offer through a vertex where it is not among
 *   the full search's two best labels can be ignored: two other centres then offer the place no more.
 *   A single-source search (one label per vertex: `minutesWithin`) gives the added centre's exact minutes
 *   at every vertex where it is among the two best (the 2-label search's pruning removes only paths where
 *   it is not).
 * - Only places the added centre can improve are looked at: a place whose great-circle distance to it,
 *   at the fastest speed of the model, already takes longer than its baseline nearest (for counties,
 *   whose second-nearest centre the file keeps: its second-nearest) keeps its values, and the search stops at
 *   the largest such baseline time among the places left.
 * - The set of vertices a search reaches must not change: an added centre that snaps into a road
 *   component no baseline centre reaches (an island) is refused (null), and the caller computes in full.
 * Tracts keep no second-nearest road centre here (as in the build-time file: no view reads it).
 */
import { EARTH_RADIUS_KM, greatCircleKm } from './distance';
import type { Calibration } from './drive-time/calibrated';
import type { RoadGraph } from './drive-time/graph';
import { edgeMinutesOf, minutesWithin } from './drive-time/dijkstra';
import { accessMinutes, resolveParams, type TravelTimeParams } from './drive-time/params';
import { centreSources, componentsOf, forOriginsNear, prepareOrigins, type PreparedOrigins } from './drive-time/travel-times';
import { nearestCentres, type CentrePoint, type NearestResult } from './nearest';
import { calibratedFor, regionsOf, withStraight, type PlaceTravel, type Places, type TravelResult } from './travel-engine';
import { straightTravel, withLazyStraight } from './travel-file';

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

/** km per degree of latitude difference, shaded down so it stays below the computed great-circle km (a cheap lower bound) */
const KM_PER_DEG_LAT_LB = ((EARTH_RADIUS_KM * Math.PI) / 180) * (1 - 1e-9);

/** Share of a great-circle distance a road trip can be shorter by (rounding of lengths and coordinates): a safety margin, not a model value. */
const LOWER_BOUND_SLACK = 0.9;

/**
 * The farthest from an added centre, in great-circle km, that its offer can be within `minutes`: the
 * model's fastest speed for that long, with the slack above (the candidates' test below, turned round).
 */
export function reachKm(minutes: number, p: TravelTimeParams): number {
	return (minutes * fastestKmh(p)) / 60 / LOWER_BOUND_SLACK;
}

/** the model's fastest speed: no road trip is faster than the great circle at it */
const fastestKmh = (p: TravelTimeParams) => Math.max(p.accessSpeedKmh, p.connectorSpeedKmh, ...Object.values(p.speedsKmh));

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
	params = {},
	lazyTracts = false,
	within,
	components
}: {
	graph: RoadGraph;
	baseline: BaselineTravel;
	added: readonly CentrePoint[];
	tracts: Places;
	counties: Places;
	calibration: Calibration;
	params?: Partial<TravelTimeParams>;
	/**
	 * Leave the tracts' straight-line and calibrated arrays empty (computed only for the tracts without a
	 * road link, whose road minutes are calibrated), for the receiver to complete ({@link completeTracts}):
	 * the travel worker's reply to a link's scenario, which a road view never reads them for.
	 */
	lazyTracts?: boolean;
	/**
	 * Only what decides "within this many minutes or not" (a chart of shares beyond one threshold): a place
	 * already within keeps its values (it stays within); a place beyond is looked at when an added centre's
	 * offer could be within, and the search stops there. A place's road minutes are then within `within`
	 * exactly where the full merge's are, and equal to them where the place was beyond and is now within;
	 * elsewhere they may be larger than the full merge's, and the nearest centre may differ.
	 */
	within?: number;
	/**
	 * The road components of the network `graph` was cut from, and which of them the baseline's centres
	 * reach (indexed by component label): for a part of the network (metrics/whatif-tiles), whose own
	 * components and baseline centres are not the whole network's. `graph` must carry the same labels
	 * (drive-time/travel-times setComponents).
	 */
	components?: { comp: Int32Array; reached: Uint8Array };
}): TravelResult | null {
	const timings: Record<string, number> = {};
	let t0 = performance.now();
	const p = resolveParams(params);
	const list = [...baseline.centres, ...added].map((c) => ({ id: c.id, lat: c.lat, lon: c.lon }));
	const n0 = baseline.centres.length;
	// road components a baseline centre reaches (a search from the baseline labels every vertex of them)
	const comp = componentsOf(graph);
	if (components && components.comp !== comp) throw new Error('travelWithAdded: the graph does not carry the components given (setComponents)');
	let reached = components?.reached;
	if (!reached) {
		reached = new Uint8Array(graph.vertexCount);
		for (const srcs of centreSources(graph, baseline.centres, p)) for (const s of srcs) reached[comp[s.vertex]] = 1;
	}
	const addedSources = centreSources(graph, added, p);
	for (const srcs of addedSources) for (const s of srcs) if (!reached[comp[s.vertex]]) return null;
	timings.setup = performance.now() - t0;

	const vmax = fastestKmh(p);
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
		const sources = addedSources[j];
		const mine = new Set(sources.map((s) => comp[s.vertex]));
		const near = { graph, p, vmax, x, mine, comp, timings, within: within ?? Infinity };
		const forTracts = candidates({ ...near, places: tracts, road: tr, key: 'tracts' });
		const forCounties = candidates({ ...near, places: counties, road: co, key: 'counties' });
		// one search for both: it stops at the larger of their limits (labels up to a limit are exact, the
		// others are larger than it; a place whose bar is under its own limit reads the same offers)
		const limit = Math.min(Math.max(forTracts.limit, forCounties.limit), within ?? Infinity);
		// (reported: how far the searches went; a western site's reaches the ~930-minute bars of northeastern Montana)
		timings.searchLimit = Math.max(timings.searchLimit ?? -Infinity, limit);
		const s0 = performance.now();
		const bestMinutes = sources.length && limit > -Infinity ? minutesWithin(graph, sources, limit, p, scratch.get(graph)) : null;
		if (bestMinutes) scratch.set(graph, bestMinutes);
		timings.search = (timings.search ?? 0) + performance.now() - s0;
		const merge = { p, x, sid, reached, comp, bestMinutes };
		mergeOffers({ ...merge, road: tr, ...forTracts });
		mergeOffers({ ...merge, road: co, ...forCounties });
	});
	timings.road = performance.now() - t0;

	t0 = performance.now();
	const result: TravelResult = {
		centres: list,
		tracts: placeTravel(tracts, list, tr, calibration, lazyTracts),
		counties: placeTravel(counties, list, co, calibration),
		road: true,
		timings
	};
	if (lazyTracts) result.lazyTracts = true;
	timings.straight = performance.now() - t0;
	return result;
}

/**
 * The last bounded search's minutes per graph, written over by the next (they are read only within one
 * merge): memory a merge does not allocate afresh (memory touched for the first time is much of a cold
 * merge's search in a browser).
 */
const scratch = new WeakMap<RoadGraph, Float64Array>();

/**
 * Allocate and compute what a merge needs first on this graph (the road components; its search's labels, the
 * edges' minutes) ahead of the first merge: the travel worker does it once it has the road network
 * and a baseline, before a link's scenario arrives.
 */
export function prepareMerge(graph: RoadGraph, params: Partial<TravelTimeParams> = {}): void {
	componentsOf(graph);
	edgeMinutesOf(graph, resolveParams(params));
	if (!scratch.has(graph)) scratch.set(graph, new Float64Array(graph.vertexCount).fill(Infinity));
}

/** the minutes an added centre must beat to change place i (NaN: anything beats it) */
const barOf = (road: Road, i: number) => (road.fallback[i] ? NaN : road.secondMinutes ? road.secondMinutes[i] : road.minutes[i]);

interface Candidates {
	/** the places the added centre may change, snapped */
	subset: number[];
	prepared: PreparedOrigins;
	/** the largest bar among them that the added centre's road components reach (-Infinity: none) */
	limit: number;
}

/** The places an added centre at `x` may change (see the module comment), snapped, and how far its search must go for them. */
function candidates({
	graph,
	p,
	vmax,
	x,
	mine,
	comp,
	places,
	road,
	timings,
	key,
	within
}: {
	graph: RoadGraph;
	p: TravelTimeParams;
	vmax: number;
	x: CentrePoint;
	/** the road components the added centre's sources are in */
	mine: Set<number>;
	comp: Int32Array;
	places: Places;
	road: Road;
	timings: Record<string, number>;
	key: string;
	/** only places the added centre may bring within this many minutes (Infinity: any it may improve) */
	within: number;
}): Candidates {
	const t0 = performance.now();
	const n = places.lat.length;
	const { fallback } = road;
	const kmPerMinute = vmax / 60;
	const bounded = within < Infinity;
	const subset: number[] = [];
	for (let i = 0; i < n; i++) {
		const la = places.lat[i];
		const lo = places.lon[i];
		if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
		// (the latitude difference alone, a lower bound of the great-circle km, rules most places out without trigonometry)
		const apart = Math.abs(la - x.lat) * KM_PER_DEG_LAT_LB;
		if (fallback[i]) {
			// no road link to any baseline centre: only a direct local trip can reach it
			if (apart <= p.maxSnapKm + 1 && greatCircleKm(la, lo, x.lat, x.lon) <= p.maxSnapKm + 1) subset.push(i);
			continue;
		}
		// (with `within`: a place already within stays so; in dense places, most)
		if (bounded && road.minutes[i] <= within) continue;
		// (the added centre's offer is at least the bound: a place is looked at when it may beat the bar, and be
		// within `within`; written out, not as a closure: this loop runs over every place)
		const b = barOf(road, i);
		if (!(b >= 0)) {
			subset.push(i);
			continue;
		}
		const lb = (apart * LOWER_BOUND_SLACK) / kmPerMinute;
		if (!(lb < b && lb <= within)) continue;
		const gb = (greatCircleKm(la, lo, x.lat, x.lon) * LOWER_BOUND_SLACK) / kmPerMinute;
		if (gb < b && gb <= within) subset.push(i);
	}
	const prepared = prepareOrigins(
		graph,
		subset.map((i) => ({ lat: places.lat[i], lon: places.lon[i] })),
		p
	);
	// the search must settle the largest time the added centre must beat among the places its components reach
	let limit = -Infinity;
	for (let q = 0; q < subset.length; q++) {
		const i = subset[q];
		if (fallback[i]) continue;
		let linked = false;
		for (let j = prepared.offsets[q]; j < prepared.offsets[q + 1] && !linked; j++) linked = mine.has(comp[prepared.vertex[j]]);
		if (!linked) continue;
		const b = barOf(road, i);
		limit = Math.max(limit, b >= 0 ? b : Infinity);
	}
	timings[`${key}Candidates`] = subset.length;
	timings[`${key}Snap`] = (timings[`${key}Snap`] ?? 0) + performance.now() - t0;
	return { subset, prepared, limit };
}

/** Merge one added centre's offers (source id `sid`; `bestMinutes`: its search's labels, null: none) into the candidate places' road values. */
function mergeOffers({
	p,
	x,
	sid,
	reached,
	comp,
	bestMinutes: bm,
	road,
	subset,
	prepared
}: Candidates & {
	p: TravelTimeParams;
	x: CentrePoint;
	sid: number;
	reached: Uint8Array;
	comp: Int32Array;
	bestMinutes: Float64Array | null;
	road: Road;
}): void {
	const { minutes, nearest, secondMinutes, second, fallback } = road;
	// the added centre's best offer per place of the subset, as queryPrepared ranks them: the first
	// snapCount reached candidates (reached by the baseline: the added centre reaches no other vertex)
	const offer = new Float64Array(subset.length).fill(Infinity);
	if (bm) {
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

/**
 * A result of {@link travelWithAdded} with `lazyTracts`, completed for these tracts (the ones it was
 * computed for): the tracts' straight-line and calibrated arrays computed on first read. Any other
 * result is returned as it is.
 */
export function completeTracts(r: TravelResult, tracts: Places, calibration: Calibration): TravelResult {
	if (!r.lazyTracts) return r;
	const { lazyTracts: _, ...rest } = r;
	return { ...rest, tracts: withLazyStraight(r.tracts, () => straightTravel(tracts, r.centres, calibration)) };
}

/**
 * The place travel of the whole list: road from the merge, calibrated where there is no road link; the
 * straight line afresh over every place, or (`lazy`, see `lazyTracts`) only over the places without a road
 * link, whose road minutes it gives, the straight-line and calibrated arrays then left empty.
 */
function placeTravel(places: Places, list: CentrePoint[], road: Road, calibration: Calibration, lazy = false): PlaceTravel {
	const n = road.minutes.length;
	let at: number[] | null = null;
	let over = places;
	if (lazy) {
		at = [];
		for (let i = 0; i < n; i++) if (road.fallback[i]) at.push(i);
		over = {
			lat: Float64Array.from(at, (i) => places.lat[i]),
			lon: Float64Array.from(at, (i) => places.lon[i]),
			stateFips: at.map((i) => places.stateFips[i])
		};
	}
	const st: NearestResult = nearestCentres({ origins: { lat: over.lat, lon: over.lon }, centres: list });
	const cal = calibratedFor(st.nearestKm, regionsOf(over), calibration);
	for (let q = 0; q < over.lat.length; q++) {
		const i = at ? at[q] : q;
		if (road.fallback[i]) {
			road.minutes[i] = cal[q];
			road.nearest[i] = st.nearestIndex[q];
		}
	}
	const arrays = {
		roadMinutes: road.minutes,
		roadNearest: road.nearest,
		roadSecondMinutes: road.secondMinutes ?? new Float64Array(n).fill(NaN),
		roadSecond: road.second ?? new Int32Array(n).fill(-1),
		roadFallback: road.fallback
	};
	if (!lazy) return withStraight(st, cal, arrays);
	return {
		straightKm: new Float64Array(0),
		straightNearest: new Int32Array(0),
		straightSecondKm: new Float64Array(0),
		straightSecond: new Int32Array(0),
		calibratedMinutes: new Float64Array(0),
		...arrays
	};
}
