/**
 * Page-side handle on the travel worker: promise per request. The engine's state lives in
 * the worker, and requests are answered in order, so `compute` results never arrive stale
 * relative to each other; callers still drop results they no longer want.
 */
import TravelWorker from './travel.worker?worker';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { TravelTimeParams } from '$lib/metrics/drive-time/params';
import type { Places, TravelResult } from '$lib/metrics/travel-engine';
import { completeTracts, type BaselineTravel } from '$lib/metrics/added-travel';
import { packPlaces, type EngineKey, type TravelRequest, type TravelResponse } from './travel-protocol';
import { EARLY_ROADS_ID, sameUrl, type EarlyTravel } from '$lib/embed/early-travel';
import { transferables, withCopies } from './transfer';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class TravelClient {
	#worker: Worker;
	#next = 1;
	#pending = new Map<number, { ok: (r: TravelResponse) => void; fail: (e: Error) => void }>();
	/** the places and calibration sent with `init` (a merged result's tracts are completed with them) */
	#places: { tracts: Places; calibration: Calibration } | undefined;

	/** the early worker's road network request (its reply), until `loadRoads` takes it */
	#earlyRoads: { url: string; snapUrl: string | null; reply: Promise<TravelResponse> } | undefined;

	/**
	 * `early`: a worker the page's inline script started (embed/early-travel), taken over with the
	 * replies it had so far and its road network request; else a worker of its own.
	 */
	constructor(early?: EarlyTravel) {
		this.#worker = early?.worker ?? new TravelWorker();
		const receive = (m: TravelResponse) => {
			const p = this.#pending.get(m.id);
			if (!p) return;
			this.#pending.delete(m.id);
			if (m.type === 'error') p.fail(new Error(m.message));
			else p.ok(m);
		};
		const failAll = (message: string) => {
			for (const p of this.#pending.values()) p.fail(new Error(`The travel worker failed: ${message}`));
			this.#pending.clear();
		};
		this.#worker.onmessage = (e: MessageEvent<TravelResponse>) => receive(e.data);
		this.#worker.onerror = (e) => failAll(e.message);
		if (early) {
			const reply = new Promise<TravelResponse>((ok, fail) => this.#pending.set(EARLY_ROADS_ID, { ok, fail }));
			reply.catch(() => {}); // (reported by loadRoads)
			this.#earlyRoads = { ...early.roads, reply };
			for (const m of early.replies) receive(m);
			early.replies.length = 0;
			if (early.error) failAll(early.error);
		}
	}

	#send(msg: Distribute<TravelRequest>, transfer: Transferable[] = []): Promise<TravelResponse> {
		const id = this.#next++;
		return new Promise((ok, fail) => {
			this.#pending.set(id, { ok, fail });
			this.#worker.postMessage({ ...msg, id }, transfer);
		});
	}

	async init(tracts: Places, counties: Places, calibration: Calibration): Promise<void> {
		this.#places = { tracts, calibration };
		// (this page keeps its places: copies are transferred, cheaper than a structured clone)
		const wire = withCopies({ tracts: packPlaces(tracts), counties: packPlaces(counties) });
		await this.#send({ type: 'init', ...wire, calibration }, transferables(wire));
	}

	/** Hand the worker the baseline's travel place by place (see the 'baseline' request). */
	async setBaseline(baseline: BaselineTravel): Promise<void> {
		// (copies transferred: this page keeps the baseline)
		const copy = withCopies(baseline);
		await this.#send({ type: 'baseline', baseline: copy }, transferables(copy));
	}

	async loadRoads(url: string, snapUrl?: string | null): Promise<Record<string, number>> {
		const early = this.#earlyRoads;
		this.#earlyRoads = undefined;
		// (the early worker's request, when it asked for these files: its reply, perhaps in already)
		// (absolute: a worker started from a blob, embed/early-travel-script.js, has no folder to read a relative URL from)
		const abs = (u: string) => new URL(u, globalThis.location?.href).href;
		const r =
			early && sameUrl(early.url, url) && sameUrl(early.snapUrl, snapUrl)
				? await early.reply
				: await this.#send({ type: 'load-roads', url: abs(url), snapUrl: snapUrl ? abs(snapUrl) : snapUrl });
		return r.type === 'roads-loaded' ? { ...r.steps, ms: r.ms } : {};
	}

	/** `afterRoads`: once the road network the worker is loading is in (see the 'compute' request) */
	async compute(engine: EngineKey, centres: CentrePoint[], params: Partial<TravelTimeParams> = {}, { afterRoads = false } = {}): Promise<TravelResult> {
		const r = await this.#send({ type: 'compute', engine, centres, params, ...(afterRoads ? { afterRoads } : {}) });
		if (r.type !== 'result') throw new Error('unexpected reply from the travel worker');
		if (!r.result.lazyTracts) return r.result;
		// a link's scenario merged from the baseline: its tracts' straight-line values computed here if read
		if (!this.#places) throw new Error('The travel worker sent a merged result before it had the places.');
		return completeTracts(r.result, this.#places.tracts, this.#places.calibration);
	}

	/** Bring an engine to a centre set without sending the result back (see the 'warm' request). */
	async warm(engine: EngineKey, centres: CentrePoint[], probe: CentrePoint | null): Promise<number> {
		const r = await this.#send({ type: 'warm', engine, centres, probe });
		return r.type === 'warmed' ? r.ms : NaN;
	}

	terminate() {
		this.#worker.terminate();
	}
}
