/// <reference lib="webworker" />
/**
 * The travel Web Worker: owns a TravelEngine so shortest paths over the road graph and
 * nearest-centre searches never block the page. Protocol in travel-protocol.ts.
 */
import { sameCentres, TravelEngine, type Places } from '$lib/metrics/travel-engine';
import { decodeGraph, type RoadGraph } from '$lib/metrics/drive-time/graph';
import { decodeSnap } from '$lib/metrics/drive-time/snap-file';
import { DEFAULT_PARAMS } from '$lib/metrics/drive-time/params';
import { snapIndexOf, type PreparedOrigins } from '$lib/metrics/drive-time/travel-times';
import { transferables } from './transfer';
import { download } from './prefetch';
import { deferred } from '$lib/state/deferred';
import { prepareMerge, travelWithAdded, type BaselineTravel } from '$lib/metrics/added-travel';
import type { CentrePoint } from '$lib/metrics/nearest';
import { unpackPlaces, type TravelRequest, type TravelResponse } from './travel-protocol';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';

/** Engines share the inputs and the road graph: one for the baseline centre set, one
 * for the what-if scenario (in the method range's worker: one for its centre sets), so each
 * keeps its own incremental state. */
const engines = new Map<string, TravelEngine>();
let init: { tracts: Places; counties: Places; calibration: Calibration } | null = null;
let graph: RoadGraph | null = null;
/** the build-time snap file's bytes, read once the places are known */
let snapBytes: ArrayBuffer | null = null;
/** resolves once the snap file is in (or failed): it downloads after the road graph */
let snapLoad: Promise<void> = Promise.resolve();
/** the baseline's travel place by place (the 'baseline' request) */
let baseline: BaselineTravel | null = null;
/** settles once the road network being loaded is in or failed (a compute with `afterRoads` waits for it) */
let roadsLoad: Promise<void> = Promise.resolve();

/**
 * A fresh engine's first centre set when it is the baseline plus added centres: merged from the
 * baseline's travel (metrics/added-travel), without a search over the baseline's centres; null
 * when that does not apply (the engine then computes in full).
 */
function fromBaseline(key: string, centres: readonly CentrePoint[], params: object): ReturnType<typeof travelWithAdded> {
	const b = baseline;
	if (!b || !graph || !init || engines.has(key) || Object.keys(params).length) return null;
	if (centres.length <= b.centres.length || !sameCentres(b.centres, centres.slice(0, b.centres.length))) return null;
	// (the tracts' straight-line values are left for the page to compute if a view reads them: TravelClient)
	return travelWithAdded({ graph, baseline: b, added: centres.slice(b.centres.length), tracts: init.tracts, counties: init.counties, calibration: init.calibration, lazyTracts: true });
}

/** Snapped places for the graph: an existing engine's, else the build-time file's where it matches (the rest is snapped by the engine). */
function sharedPrepared(): { tracts?: PreparedOrigins; counties?: PreparedOrigins } | undefined {
	const existing = [...engines.values()][0]?.prepared;
	if (existing) return existing;
	if (!graph || !init || !snapBytes) return undefined;
	return decodeSnap(snapBytes, graph, { tracts: init.tracts, counties: init.counties }, DEFAULT_PARAMS);
}

/** Before a new engine is made with the road graph: the snap file, if it is still downloading (its places are snapped from it). */
async function engineReady(key: string): Promise<void> {
	if (graph && !engines.has(key)) await snapLoad;
}

function engine(key: string): TravelEngine {
	let e = engines.get(key);
	if (!e) {
		if (!init) throw new Error('travel engine used before init');
		// (recycling its arrays: every result is copied or transferred before the next computation)
		e = new TravelEngine({ tracts: init.tracts, counties: init.counties, calibration: init.calibration, recycle: true });
		e.setRoadGraph(graph, graph ? sharedPrepared() : undefined);
		engines.set(key, e);
	}
	return e;
}

/**
 * With a baseline (a link's scenario is to be merged from it) and the road network: what the merge
 * allocates and computes first (metrics/added-travel prepareMerge), in a task of its own once this one
 * has replied. Work the merge needs anyway: done while the worker would wait for the page's request,
 * and a request that comes meanwhile waits no longer than it would have spent on it.
 */
function soonPrepareMerge(): void {
	setTimeout(() => {
		if (graph) prepareMerge(graph);
	}, 0);
}

function reply(msg: TravelResponse) {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);
}

/**
 * warm and compute requests run one after another, in the order they came: one may wait for the snap
 * file (engineReady), and a later one must not overtake it (results would arrive out of order)
 */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<TravelRequest>) => {
	const m = e.data;
	if (m.type === 'warm' || m.type === 'compute') queue = queue.then(() => handle(m));
	else void handle(m);
};

/** Load the road network (and start the snap file's download): the 'load-roads' request. */
async function loadRoads(m: Extract<TravelRequest, { type: 'load-roads' }>): Promise<void> {
	const t0 = performance.now();
	// (begun by the embed page's bootstrap before this script loaded, if it started this worker)
	const bytes = await download(m.url).catch((e: unknown) => {
		throw new Error(`Could not load the road network (${e instanceof Error ? e.message : String(e)}).`);
	});
	// the snap file is an optimisation: without it (or when it does not match) the engine snaps the places
	// itself. Fetched once the graph is in (it downloads while the graph is decoded), so it does not
	// share the graph's download: a link's merged scenario does not need it
	const snap = m.snapUrl ? fetch(m.snapUrl).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null) : Promise.resolve(null);
	const steps: Record<string, number> = { fetched: performance.now() - t0 };
	graph = decodeGraph(bytes);
	steps.decoded = performance.now() - t0;
	// the centres' snap index, built now rather than inside the first computation
	snapIndexOf(graph);
	steps.indexed = performance.now() - t0;
	snapLoad = snap.then((b) => {
		snapBytes = b;
	});
	// (engines that exist already snap their places with it; a new one waits for it: engineReady)
	if (engines.size) await snapLoad;
	// (the places' snapping for the engines there are: none yet when a link's scenario is merged from the baseline)
	let shared = engines.size ? sharedPrepared() : undefined;
	for (const e of engines.values()) {
		e.setRoadGraph(graph, shared);
		shared = e.prepared;
	}
	reply({ type: 'roads-loaded', id: m.id, ms: performance.now() - t0, steps });
	if (baseline) soonPrepareMerge();
}

/** Answer one request (errors are replied, never thrown). */
async function handle(m: TravelRequest): Promise<void> {
	try {
		if (m.type === 'init') {
			init = { tracts: unpackPlaces(m.tracts), counties: unpackPlaces(m.counties), calibration: m.calibration };
			engines.clear();
			reply({ type: 'ready', id: m.id });
		} else if (m.type === 'baseline') {
			baseline = m.baseline;
			reply({ type: 'ready', id: m.id });
			if (graph) soonPrepareMerge();
		} else if (m.type === 'load-roads') {
			const load = deferred();
			roadsLoad = load.promise;
			try {
				await loadRoads(m);
			} finally {
				load.resolve();
			}
		} else if (m.type === 'warm') {
			const t0 = performance.now();
			await engineReady(m.engine);
			const e = engine(m.engine);
			e.compute(m.centres);
			if (m.probe) {
				e.compute([...m.centres, m.probe]);
				e.compute(m.centres);
			}
			reply({ type: 'warmed', id: m.id, ms: performance.now() - t0 });
		} else if (m.type === 'compute') {
			// (a failed load is reported to its own request; this one then computes without the road network)
			if (m.afterRoads) await roadsLoad;
			const t0 = performance.now();
			const merged = fromBaseline(m.engine, m.centres, m.params);
			if (merged) {
				// (nothing of it is kept here: every array is transferred)
				(self as unknown as DedicatedWorkerGlobalScope).postMessage({ type: 'result', id: m.id, result: merged } satisfies TravelResponse, transferables(merged));
				return;
			}
			await engineReady(m.engine);
			const e = engine(m.engine);
			const setup = performance.now() - t0;
			const r = e.compute(m.centres, m.params);
			r.timings.setup = setup;
			// The engine keeps some arrays for the next incremental update: the page gets copies of those,
			// and the others as they are; all transferred (cheaper for the page than deserialising a
			// structured clone of 5 MB, and copying only what must stay here halves the copying)
			const place = (p: typeof r.tracts) =>
				Object.fromEntries(Object.entries(p).map(([k, v]) => [k, e.keeps(v as Float64Array) ? (v as Float64Array).slice() : v])) as unknown as typeof r.tracts;
			const result = { ...r, tracts: place(r.tracts), counties: place(r.counties) };
			(self as unknown as DedicatedWorkerGlobalScope).postMessage({ type: 'result', id: m.id, result } satisfies TravelResponse, transferables(result));
		}
	} catch (err) {
		reply({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
	}
}
