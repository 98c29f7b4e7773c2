/// <reference lib="webworker" />
/**
 * The travel Web Worker: owns a TravelEngine so shortest paths over the road graph and
 * nearest-centre searches never block the page. Protocol in travel-protocol.ts.
 */
import { TravelEngine } from '$lib/metrics/travel-engine';
import { decodeGraph, type RoadGraph } from '$lib/metrics/drive-time/graph';
import { decodeSnap } from '$lib/metrics/drive-time/snap-file';
import { DEFAULT_PARAMS } from '$lib/metrics/drive-time/params';
import { snapIndexOf, type PreparedOrigins } from '$lib/metrics/drive-time/travel-times';
import { transferables } from './transfer';
import { travelWithAdded, type BaselineTravel } from '$lib/metrics/added-travel';
import { sameCentres } from '$lib/metrics/travel-engine';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { TravelRequest, TravelResponse } from './travel-protocol';

/** Engines share the inputs and the road graph: one for the baseline centre set, one
 * for the what-if scenario (in the method range's worker: one for its centre sets), so each
 * keeps its own incremental state. */
const engines = new Map<string, TravelEngine>();
let init: Extract<TravelRequest, { type: 'init' }> | null = null;
let graph: RoadGraph | null = null;
/** the build-time snap file's bytes, read once the places are known */
let snapBytes: ArrayBuffer | null = null;
/** the baseline's travel place by place (the 'baseline' request) */
let baseline: BaselineTravel | null = null;

/**
 * A fresh engine's first centre set when it is the baseline plus added centres: merged from the
 * baseline's travel (metrics/added-travel), without a search over the baseline's centres; null
 * when that does not apply (the engine then computes in full).
 */
function fromBaseline(key: string, centres: readonly CentrePoint[], params: object): ReturnType<typeof travelWithAdded> {
	const b = baseline;
	if (!b || !graph || !init || engines.has(key) || Object.keys(params).length) return null;
	if (centres.length <= b.centres.length || !sameCentres(b.centres, centres.slice(0, b.centres.length))) return null;
	return travelWithAdded({ graph, baseline: b, added: centres.slice(b.centres.length), tracts: init.tracts, counties: init.counties, calibration: init.calibration });
}

/** Snapped places for the graph: an existing engine's, else the build-time file's where it matches (the rest is snapped by the engine). */
function sharedPrepared(): { tracts?: PreparedOrigins; counties?: PreparedOrigins } | undefined {
	const existing = [...engines.values()][0]?.prepared;
	if (existing) return existing;
	if (!graph || !init || !snapBytes) return undefined;
	return decodeSnap(snapBytes, graph, { tracts: init.tracts, counties: init.counties }, DEFAULT_PARAMS);
}

function engine(key: string): TravelEngine {
	let e = engines.get(key);
	if (!e) {
		if (!init) throw new Error('travel engine used before init');
		e = new TravelEngine({ tracts: init.tracts, counties: init.counties, calibration: init.calibration });
		e.setRoadGraph(graph, graph ? sharedPrepared() : undefined);
		engines.set(key, e);
	}
	return e;
}

function reply(msg: TravelResponse) {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);
}

self.onmessage = async (e: MessageEvent<TravelRequest>) => {
	const m = e.data;
	try {
		if (m.type === 'init') {
			init = m;
			engines.clear();
			reply({ type: 'ready', id: m.id });
		} else if (m.type === 'baseline') {
			baseline = m.baseline;
			reply({ type: 'ready', id: m.id });
		} else if (m.type === 'load-roads') {
			const t0 = performance.now();
			// the snap file is an optimisation: without it (or when it does not match) the engine snaps the places itself
			const snap = m.snapUrl ? fetch(m.snapUrl).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null) : Promise.resolve(null);
			const res = await fetch(m.url);
			if (!res.ok) throw new Error(`Could not load the road network (HTTP ${res.status}).`);
			graph = decodeGraph(await res.arrayBuffer());
			// the centres' snap index, built now rather than inside the first computation
			snapIndexOf(graph);
			snapBytes = await snap;
			let shared = sharedPrepared();
			for (const e of engines.values()) {
				e.setRoadGraph(graph, shared);
				shared = e.prepared;
			}
			reply({ type: 'roads-loaded', id: m.id, ms: performance.now() - t0 });
		} else if (m.type === 'warm') {
			const t0 = performance.now();
			const e = engine(m.engine);
			e.compute(m.centres);
			if (m.probe) {
				e.compute([...m.centres, m.probe]);
				e.compute(m.centres);
			}
			reply({ type: 'warmed', id: m.id, ms: performance.now() - t0 });
		} else if (m.type === 'compute') {
			const t0 = performance.now();
			const merged = fromBaseline(m.engine, m.centres, m.params);
			if (merged) {
				// (nothing of it is kept here: every array is transferred)
				(self as unknown as DedicatedWorkerGlobalScope).postMessage({ type: 'result', id: m.id, result: merged } satisfies TravelResponse, transferables(merged));
				return;
			}
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
};
