/// <reference lib="webworker" />
/**
 * The planner Web Worker: coverage sets and the greedy (lib/planner/plan) off the page, with
 * progress messages; the page cancels a run by terminating the worker (planner-client.ts).
 * The road graph is fetched once (the browser cache usually has it from the travel worker)
 * and kept for as long as the worker lives.
 */
import { plan } from '$lib/planner/plan';
import { decodeGraph, type RoadGraph } from '$lib/metrics/drive-time/graph';
import { componentsOf, snapIndexOf } from '$lib/metrics/drive-time/travel-times';
import { TravelEngine } from '$lib/metrics/travel-engine';
import { methodValues } from '$lib/metrics/method-values';
import type { PlannerRequest, PlannerResponse } from '$lib/planner/protocol';

let graphPromise: Promise<RoadGraph> | null = null;
let graphUrlLoaded = '';

function loadGraph(url: string): Promise<RoadGraph> {
	if (!graphPromise || graphUrlLoaded !== url) {
		graphUrlLoaded = url;
		graphPromise = fetch(url).then(async (res) => {
			if (!res.ok) throw new Error(`Could not load the road network (HTTP ${res.status}).`);
			return decodeGraph(await res.arrayBuffer());
		});
		graphPromise.catch(() => (graphPromise = null));
	}
	return graphPromise;
}

function reply(msg: PlannerResponse, transfer: Transferable[] = []) {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<PlannerRequest>) => {
	const m = e.data;
	try {
		if (m.type === 'plan') {
			const progress = (fraction: number, message: string) => reply({ type: 'progress', id: m.id, fraction, message });
			let road = null;
			if (m.input.method === 'road' && m.graphUrl) {
				progress(0, 'Loading the road network');
				const graph = await loadGraph(m.graphUrl);
				road = { graph };
			}
			const result = plan(m.input, { onProgress: progress, road });
			reply({ type: 'plan-result', id: m.id, result });
		} else if (m.type === 'warm') {
			const graph = await loadGraph(m.graphUrl);
			snapIndexOf(graph);
			componentsOf(graph);
			reply({ type: 'warm-done', id: m.id });
		} else if (m.type === 'county-travel') {
			const empty = { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] };
			const engine = new TravelEngine({ tracts: empty, counties: m.counties, calibration: m.calibration });
			let road = false;
			if (m.graphUrl) {
				engine.setRoadGraph(await loadGraph(m.graphUrl));
				road = true;
			}
			const minutes = m.centreSets.map((set) => methodValues(engine.compute(set).counties, 'road', road));
			reply({ type: 'county-result', id: m.id, minutes, road });
		}
	} catch (err) {
		reply({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
	}
};
