/**
 * Travel from every place (tracts and counties) to the nearest centre of a centre set,
 * by every method at once, so switching method costs nothing and a what-if change
 * recomputes only what it must. Pure TS: runs in the travel Web Worker and in Node.
 *
 * - straight line: exact nearest and second-nearest centre (metrics/nearest), incremental
 *   when the new centre set is the previous one plus one appended centre;
 * - calibrated: minutes from the straight-line km to the nearest centre with the fitted
 *   circuity and speed of the place's distance band and Census region (drive-time/calibrated);
 * - road: multi-source shortest paths on the road graph (drive-time), incremental on add;
 *   places the road graph cannot connect to any centre (Alaska, Hawaii's other islands,
 *   territories) take the calibrated estimate and are flagged.
 */
import { changeCentres, nearestCentres, type CentrePoint, type NearestResult } from './nearest';
import { calibratedMinutes, censusRegionOfState, type Calibration, type CensusRegion } from './drive-time/calibrated';
import type { RoadGraph } from './drive-time/graph';
import {
	affectedOrigins,
	CentreSearch,
	forOriginsNear,
	originsByVertex,
	prepareOrigins,
	STATUS_OK,
	type PreparedOrigins,
	type TravelTimeArrays
} from './drive-time/travel-times';
import type { TravelTimeParams } from './drive-time/params';

export interface Places {
	lat: Float64Array;
	lon: Float64Array;
	/** 2-digit state FIPS per place (for the Census region of the calibrated model) */
	stateFips: readonly string[];
}

/** Places from rows with coordinates and a state (query rows of tracts or counties). */
export function placesOf(rows: readonly { lat: number; lon: number; state_fips: string }[]): Places {
	return { lat: Float64Array.from(rows, (r) => r.lat), lon: Float64Array.from(rows, (r) => r.lon), stateFips: rows.map((r) => r.state_fips) };
}

export interface PlaceTravel {
	/** great-circle km to the nearest centre (NaN: no centre) */
	straightKm: Float64Array;
	/** index into the centre list of the straight-line nearest centre (-1: none) */
	straightNearest: Int32Array;
	straightSecondKm: Float64Array;
	straightSecond: Int32Array;
	/** calibrated minutes to the straight-line nearest centre */
	calibratedMinutes: Float64Array;
	/** road minutes to the nearest centre; calibrated fallback where roadFallback = 1; NaN before the graph loads */
	roadMinutes: Float64Array;
	roadNearest: Int32Array;
	roadSecondMinutes: Float64Array;
	roadSecond: Int32Array;
	/** 1 where the road graph connects the place to no centre and the calibrated estimate stands in */
	roadFallback: Uint8Array;
}

export interface TravelResult {
	centres: CentrePoint[];
	tracts: PlaceTravel;
	counties: PlaceTravel;
	/** true when road minutes are from the road graph (false: graph not loaded yet) */
	road: boolean;
	timings: Record<string, number>;
	/**
	 * Set on a merge's result sent by the travel worker (metrics/added-travel): the tracts' straight-line
	 * and calibrated arrays are empty, and the receiver completes them ({@link completeTracts}).
	 */
	lazyTracts?: true;
}

interface PlaceState {
	places: Places;
	regions: (CensusRegion | null)[];
	straight: NearestResult | null;
	/** road-graph snap candidates, computed once per graph (independent of centres and speeds) */
	prepared: PreparedOrigins | null;
	/** the road search's answer per place, centres as the search's source ids (kept for incremental updates) */
	raw: TravelTimeArrays | null;
	/** the last result's straight-line km and calibrated minutes (calibrated is recomputed where the km changed) */
	last: { km: Float64Array; cal: Float64Array } | null;
	/** arrays no one reads any more, written into by the next incremental update instead of fresh ones */
	spare: { straight: NearestResult | null; raw: TravelTimeArrays | null };
}

/**
 * How the road search changed since the last computation: not at all, incrementally (centres removed,
 * then centres added; `changed`: the vertices whose labels changed), or a fresh search.
 */
type RoadChange =
	| { kind: 'full' }
	| { kind: 'same' }
	| { kind: 'steps'; added: readonly CentrePoint[]; removedSids: readonly number[]; changed: Int32Array };

/** True when two centre lists are the same centres in the same order (ids and coordinates). */
export function sameCentres(a: readonly CentrePoint[], b: readonly CentrePoint[]): boolean {
	return a.length === b.length && a.every((c, i) => c.id === b[i].id && c.lat === b[i].lat && c.lon === b[i].lon);
}

/** More steps than this between two centre lists: a fresh computation (each removal repairs a search). */
const MAX_STEPS = 8;

/**
 * `prev` → `next` as steps an incremental update can take: centres removed (ids, in `prev`'s order), then
 * centres appended (in `next`'s order), so that `next` is `prev` without the removed ones followed by the
 * added ones. Null when it is not (another order) or takes more than `maxSteps` steps. A centre that moved
 * is removed and added again. (A planner trying one site after another: the last site removed, the next added.)
 */
export function centreSteps(
	prev: readonly CentrePoint[],
	next: readonly CentrePoint[],
	maxSteps = MAX_STEPS
): { removed: string[]; added: CentrePoint[] } | null {
	const removed: string[] = [];
	let j = 0;
	for (const c of prev) {
		const n = next[j];
		if (n && n.id === c.id && n.lat === c.lat && n.lon === c.lon) j++;
		else removed.push(c.id);
	}
	const added = next.slice(j);
	return removed.length + added.length <= maxSteps ? { removed, added } : null;
}

export class TravelEngine {
	#tracts: PlaceState;
	#counties: PlaceState;
	#calibration: Calibration;
	#graph: RoadGraph | null = null;
	#search: CentreSearch<string> | null = null;
	#params: Partial<TravelTimeParams> = {};
	#centres: CentrePoint[] = [];

	#recycle: boolean;

	/**
	 * `recycle`: incremental updates write the straight-line answers into the arrays of the result before
	 * last (a browser maps every fresh large typed array anew: ~3 ms each for 85,000 doubles in the
	 * project's Chromium). A result's arrays that the engine keeps ({@link keeps}) then change two
	 * computations later: for a caller that copies them at once, as the travel worker does.
	 */
	constructor({ tracts, counties, calibration, recycle = false }: { tracts: Places; counties: Places; calibration: Calibration; recycle?: boolean }) {
		const state = (places: Places): PlaceState => ({ places, regions: regionsOf(places), straight: null, prepared: null, raw: null, last: null, spare: { straight: null, raw: null } });
		this.#tracts = state(tracts);
		this.#counties = state(counties);
		this.#calibration = calibration;
		this.#recycle = recycle;
	}

	get hasRoadGraph(): boolean {
		return this.#graph !== null;
	}

	/** Use a road graph (or none); snaps every place to it once. */
	setRoadGraph(graph: RoadGraph | null, prepared?: { tracts?: PreparedOrigins; counties?: PreparedOrigins }): void {
		this.#graph = graph;
		this.#search = null;
		for (const [s, key] of [
			[this.#tracts, 'tracts'],
			[this.#counties, 'counties']
		] as const) {
			s.prepared = graph ? (prepared?.[key] ?? prepareOrigins(graph, toLatLon(s.places))) : null;
		}
	}

	/** The snapped places, to share with another engine over the same graph. */
	get prepared(): { tracts: PreparedOrigins; counties: PreparedOrigins } | undefined {
		const t = this.#tracts.prepared;
		const c = this.#counties.prepared;
		return t && c ? { tracts: t, counties: c } : undefined;
	}

	/**
	 * Whether `a` shares memory with what the engine keeps for its next incremental update (the
	 * straight-line nearest centres, the last calibrated minutes, the road search's answers). A caller
	 * that hands a result to another thread copies those arrays and may transfer the others, which
	 * each computation makes afresh.
	 */
	keeps(a: ArrayBufferView): boolean {
		for (const s of [this.#tracts, this.#counties]) {
			for (const held of [s.straight, s.last, s.raw]) {
				if (!held) continue;
				for (const v of Object.values(held)) if (ArrayBuffer.isView(v) && v.buffer === a.buffer) return true;
			}
		}
		return false;
	}

	/** Travel for a centre set; `params` are the road-model overrides (speeds etc.). */
	compute(centres: readonly CentrePoint[], params: Partial<TravelTimeParams> = {}): TravelResult {
		const timings: Record<string, number> = {};
		const list = centres.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon }));
		const prev = this.#centres;
		let t = performance.now();
		for (const s of [this.#tracts, this.#counties]) s.straight = this.#straight(s, prev, list);
		timings.straight = performance.now() - t;

		t = performance.now();
		const paramsChanged = JSON.stringify(params) !== JSON.stringify(this.#params);
		let change: RoadChange = { kind: 'full' };
		if (this.#graph) {
			const search = this.#search && !paramsChanged ? this.#search : null;
			const steps = search ? centreSteps(prev, list) : null;
			if (search && steps && !steps.removed.length && !steps.added.length) {
				change = { kind: 'same' };
			} else if (search && steps) {
				const removedSids: number[] = [];
				for (const id of steps.removed) {
					removedSids.push(search.sourceIds[search.centres.findIndex((c) => c.id === id)]);
					search.remove(id);
				}
				search.add(...steps.added);
				change = { kind: 'steps', added: steps.added, removedSids, changed: search.takeChanged()! };
			} else {
				this.#search = new CentreSearch<string>(this.#graph, params);
				if (list.length) this.#search.add(...list);
				// from here on, each add or remove notes the vertices it changes
				this.#search.trackChanges();
			}
		}
		timings.roadSearch = performance.now() - t;
		this.#params = params;
		this.#centres = list;

		t = performance.now();
		const tracts = this.#placeTravel(this.#tracts, list, change, timings, 'tract');
		timings.tracts = performance.now() - t;
		t = performance.now();
		const counties = this.#placeTravel(this.#counties, list, change, timings, 'county');
		timings.counties = performance.now() - t;
		return { centres: list, tracts, counties, road: this.#graph !== null, timings };
	}

	#straight(s: PlaceState, prev: readonly CentrePoint[], next: CentrePoint[]): NearestResult {
		const cur = s.straight;
		const steps = cur ? centreSteps(prev, next) : null;
		if (!cur || !steps) return nearestCentres({ origins: { lat: s.places.lat, lon: s.places.lon }, centres: next });
		if (!steps.removed.length && !steps.added.length) return cur;
		const changed = changeCentres(cur, steps.removed, steps.added, this.#recycle ? (s.spare.straight ?? undefined) : undefined);
		if (this.#recycle) s.spare.straight = cur;
		return changed;
	}

	/**
	 * The road search's answer for a place set, centres as source ids. After centres were added or
	 * removed incrementally only the places they can concern are queried again: those snapped to a vertex
	 * whose labels changed, plus those within reach of a direct trip to an added centre, or answered by a
	 * removed one.
	 */
	#roadRaw(s: PlaceState, change: RoadChange, timings: Record<string, number>, key: string): TravelTimeArrays | null {
		const search = this.#search;
		if (!search || !s.prepared || !search.centres.length) return (s.raw = null);
		if (change.kind === 'same' && s.raw) return s.raw;
		const prev = s.raw;
		if (prev && change.kind === 'steps') {
			// besides the places snapped to a changed vertex: those within a direct trip of an added centre,
			// and those a removed centre answered
			const also: number[] = [];
			for (const c of change.added) forOriginsNear(s.prepared, c.lat, c.lon, search.params.maxSnapKm, (o) => also.push(o));
			if (change.removedSids.length) {
				const gone = new Set(change.removedSids);
				const { centre, secondCentre } = prev;
				for (let o = 0; o < centre.length; o++) if (gone.has(centre[o]) || gone.has(secondCentre[o])) also.push(o);
			}
			const subset = affectedOrigins(s.prepared, change.changed, also);
			// the previous answer copied, then corrected where it may change: into the answer before it
			// (read by no one: results copy what they need) when there is one
			const out = copyArrays(prev, s.spare.raw);
			s.spare.raw = prev;
			timings[`${key}Requeried`] = subset.length;
			return (s.raw = search.querySources(s.prepared, out, subset));
		}
		s.raw = search.querySources(s.prepared);
		originsByVertex(s.prepared); // built now, so the first incremental update does not wait for it
		return s.raw;
	}

	#placeTravel(s: PlaceState, centres: readonly CentrePoint[], change: RoadChange, timings: Record<string, number>, key: string): PlaceTravel {
		const st = s.straight!;
		const n = s.places.lat.length;
		const cal = calibratedFor(st.nearestKm, s.regions, this.#calibration, s.last);
		s.last = { km: st.nearestKm, cal };
		const roadMinutes = new Float64Array(n).fill(NaN);
		const roadNearest = new Int32Array(n).fill(-1);
		const roadSecondMinutes = new Float64Array(n).fill(NaN);
		const roadSecond = new Int32Array(n).fill(-1);
		const roadFallback = new Uint8Array(n);
		const r = centres.length ? this.#roadRaw(s, change, timings, key) : (s.raw = null);
		if (this.#search && r) {
			// source id → position in `centres`
			const index = new Map(centres.map((c, i) => [c.id, i]));
			const pos = this.#search.positions();
			const toList = Int32Array.from(pos, (p) => (p >= 0 ? (index.get(this.#search!.centres[p].id) ?? -1) : -1));
			for (let i = 0; i < n; i++) {
				if (r.status[i] === STATUS_OK && Number.isFinite(r.minutes[i])) {
					roadMinutes[i] = r.minutes[i];
					roadNearest[i] = r.centre[i] >= 0 ? toList[r.centre[i]] : -1;
					roadSecondMinutes[i] = r.secondMinutes[i];
					roadSecond[i] = r.secondCentre[i] >= 0 ? toList[r.secondCentre[i]] : -1;
				} else {
					roadMinutes[i] = cal[i];
					roadNearest[i] = st.nearestIndex[i];
					roadFallback[i] = 1;
				}
			}
		}
		return withStraight(st, cal, { roadMinutes, roadNearest, roadSecondMinutes, roadSecond, roadFallback });
	}
}

/** The Census region of each place (for the calibrated model). */
export function regionsOf(p: Places): (CensusRegion | null)[] {
	return p.stateFips.map((s) => censusRegionOfState(s));
}

/**
 * Calibrated minutes from each place's straight-line km to its nearest centre (NaN: no centre); where
 * `last` had the same km, its minutes (recomputed only where the km changed).
 */
export function calibratedFor(
	km: Float64Array,
	regions: readonly (CensusRegion | null)[],
	calibration: Calibration,
	last?: { km: Float64Array; cal: Float64Array } | null
): Float64Array {
	const cal = new Float64Array(km.length);
	for (let i = 0; i < km.length; i++) {
		const k = km[i];
		if (last && k === last.km[i]) cal[i] = last.cal[i];
		else cal[i] = Number.isFinite(k) ? calibratedMinutes(calibration, k, regions[i]) : NaN;
	}
	return cal;
}

/** A place travel from its straight-line nearest centres, calibrated minutes and road arrays. */
export function withStraight(
	st: NearestResult,
	calibratedMinutes: Float64Array,
	road: Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadSecondMinutes' | 'roadSecond' | 'roadFallback'>
): PlaceTravel {
	return { straightKm: st.nearestKm, straightNearest: st.nearestIndex, straightSecondKm: st.secondKm, straightSecond: st.secondIndex, calibratedMinutes, ...road };
}

/** A copy of a road answer, into `into`'s arrays when it has them for as many places. */
function copyArrays(a: TravelTimeArrays, into: TravelTimeArrays | null): TravelTimeArrays {
	if (!into || into === a || into.minutes.length !== a.minutes.length) {
		return { minutes: a.minutes.slice(), centre: a.centre.slice(), roadKm: a.roadKm.slice(), secondMinutes: a.secondMinutes.slice(), secondCentre: a.secondCentre.slice(), status: a.status.slice() };
	}
	into.minutes.set(a.minutes);
	into.centre.set(a.centre);
	into.roadKm.set(a.roadKm);
	into.secondMinutes.set(a.secondMinutes);
	into.secondCentre.set(a.secondCentre);
	into.status.set(a.status);
	return into;
}

function toLatLon(p: Places): { lat: number; lon: number }[] {
	return Array.from(p.lat, (lat, i) => ({ lat, lon: p.lon[i] }));
}
