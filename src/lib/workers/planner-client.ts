/**
 * Page-side handle on the planner worker. One run at a time: `cancel()` terminates the
 * worker (the only way to stop a synchronous search at once) and the next run starts a
 * fresh one. Progress arrives through the callback given to `plan`.
 */
import PlannerWorker from './planner.worker?worker';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Places } from '$lib/metrics/travel-engine';
import type { PlanInput, PlanResult } from '$lib/planner/plan';
import type { PlannerRequest, PlannerResponse } from '$lib/planner/protocol';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class CancelledError extends Error {
	constructor() {
		super('The search was cancelled.');
		this.name = 'CancelledError';
	}
}

export class PlannerClient {
	#worker: Worker | null = null;
	#next = 1;
	#pending = new Map<number, { ok: (r: PlannerResponse) => void; fail: (e: Error) => void; progress?: (f: number, m: string) => void }>();

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const w = new PlannerWorker();
		w.onmessage = (e: MessageEvent<PlannerResponse>) => {
			const p = this.#pending.get(e.data.id);
			if (!p) return;
			if (e.data.type === 'progress') {
				p.progress?.(e.data.fraction, e.data.message);
				return;
			}
			this.#pending.delete(e.data.id);
			if (e.data.type === 'error') p.fail(new Error(e.data.message));
			else p.ok(e.data);
		};
		w.onerror = (e) => {
			for (const p of this.#pending.values()) p.fail(new Error(`The planner worker failed: ${e.message}`));
			this.#pending.clear();
		};
		this.#worker = w;
		return w;
	}

	#send(msg: Distribute<PlannerRequest>, progress?: (f: number, m: string) => void): Promise<PlannerResponse> {
		const w = this.#ensure();
		const id = this.#next++;
		return new Promise((ok, fail) => {
			this.#pending.set(id, { ok, fail, progress });
			w.postMessage({ ...msg, id });
		});
	}

	async plan(input: PlanInput, graphUrl: string | null, progress?: (fraction: number, message: string) => void): Promise<PlanResult> {
		const r = await this.#send({ type: 'plan', input, graphUrl }, progress);
		if (r.type !== 'plan-result') throw new Error('unexpected reply from the planner worker');
		return r.result;
	}

	/** Load the road graph and its indexes in the worker now, so the first road run does not wait for them. */
	async warm(graphUrl: string): Promise<void> {
		await this.#send({ type: 'warm', graphUrl });
	}

	async countyTravel(counties: Places, centreSets: CentrePoint[][], calibration: Calibration, graphUrl: string | null) {
		const r = await this.#send({ type: 'county-travel', counties, centreSets, calibration, graphUrl });
		if (r.type !== 'county-result') throw new Error('unexpected reply from the planner worker');
		return { minutes: r.minutes, road: r.road };
	}

	/** Stop whatever runs now: pending promises reject with CancelledError. */
	cancel() {
		this.#worker?.terminate();
		this.#worker = null;
		for (const p of this.#pending.values()) p.fail(new CancelledError());
		this.#pending.clear();
	}

	terminate() {
		this.cancel();
	}
}
