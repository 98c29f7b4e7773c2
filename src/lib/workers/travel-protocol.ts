/** Messages between the page and the travel worker. */
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { TravelTimeParams } from '$lib/metrics/drive-time/params';
import type { Places, TravelResult } from '$lib/metrics/travel-engine';
import type { BaselineTravel } from '$lib/metrics/added-travel';

export type TravelRequest =
	| { type: 'init'; id: number; tracts: PlacesWire; counties: PlacesWire; calibration: Calibration }
	| { type: 'load-roads'; id: number; url: string; /** the build-time snap of the places (optional) */ snapUrl?: string | null }
	/** the baseline's travel place by place (the build-time file's): a fresh engine's first centre set that adds to it is merged from it (metrics/added-travel) */
	| { type: 'baseline'; id: number; baseline: BaselineTravel }
	/**
	 * `afterRoads`: computed once the road network the worker is loading is in (or failed), not before: a
	 * link's scenario asked for before the page has the road network's reply, to be merged by road
	 */
	| { type: 'compute'; id: number; engine: EngineKey; centres: CentrePoint[]; params: Partial<TravelTimeParams>; afterRoads?: boolean }
	/** compute a centre set and keep the result in the engine only; with `probe`, also add it and remove it again (the incremental path then runs warm) */
	| { type: 'warm'; id: number; engine: EngineKey; centres: CentrePoint[]; probe: CentrePoint | null };

export type TravelResponse =
	| { type: 'ready'; id: number }
	| { type: 'roads-loaded'; id: number; ms: number; /** ms from the request: bytes fetched, graph decoded, snap index built */ steps: Record<string, number> }
	| { type: 'result'; id: number; result: TravelResult }
	| { type: 'warmed'; id: number; ms: number }
	| { type: 'error'; id: number; message: string };

/** Which centre set a computation is for: each keeps its own incremental state
 * ('sensitivity': the evidence-filter sets of the method range, in their own worker; Session.variantTravel). */
export type EngineKey = 'baseline' | 'scenario' | 'sensitivity';

/**
 * Places as the page sends them: each place's state as an index into the distinct states. A
 * structured clone of the tracts' 85,000 two-letter strings took 50–90 ms of a cold what-if embed's
 * main thread (and as long again in the worker to read); the indices are one small typed array.
 */
export interface PlacesWire {
	lat: Float64Array;
	lon: Float64Array;
	/** the distinct state FIPS codes */
	states: string[];
	/** per place, its state's index in `states` */
	stateOf: Uint16Array;
}

export function packPlaces(p: Places): PlacesWire {
	const index = new Map<string, number>();
	const n = p.stateFips.length;
	if (p.lat.length !== n || p.lon.length !== n) throw new Error(`packPlaces: ${p.lat.length} latitudes, ${p.lon.length} longitudes and ${n} states`);
	const stateOf = new Uint16Array(n);
	for (let i = 0; i < n; i++) {
		const s = p.stateFips[i];
		let k = index.get(s);
		if (k === undefined) index.set(s, (k = index.size));
		stateOf[i] = k;
	}
	if (index.size > 0xffff) throw new Error('packPlaces: more than 65,535 distinct states');
	return { lat: p.lat, lon: p.lon, states: [...index.keys()], stateOf };
}

export function unpackPlaces(w: PlacesWire): Places {
	const n = w.stateOf.length;
	const stateFips: string[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const s = w.states[w.stateOf[i]];
		if (s === undefined) throw new Error(`The travel worker was sent place ${i} with state index ${w.stateOf[i]} of ${w.states.length}.`);
		stateFips[i] = s;
	}
	return { lat: w.lat, lon: w.lon, stateFips };
}
