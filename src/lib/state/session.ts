/**
 * A dashboard session in the browser: boots DuckDB-WASM and loads the tables into a
 * `Dashboard`, starts the travel worker, computes travel for the centre sets, then loads
 * the road graph in the background and recomputes. Every page that shows travel figures
 * (dashboard, comparison, embeds) starts one. Browser only: it imports the engine and the
 * worker dynamically, so prerendering never evaluates them. URLs are injected (library
 * code does not import $app).
 */
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { TravelClient } from '$lib/workers/travel-client';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { TravelResult } from '$lib/metrics/travel-engine';
import type { Dashboard } from './dashboard.svelte';
import { describeError } from './resource.svelte';

export interface SessionOptions {
	dbUrl: string;
	/** null: the road layer is switched off (the other methods still work) */
	graphUrl: string | null;
	calibration: Calibration;
	/** runs after the tables are loaded and before travel is computed (e.g. resolve a scenario link) */
	afterData?: (dash: Dashboard) => Promise<void> | void;
}

function placesOf(rows: readonly { lat: number; lon: number; state_fips: string }[]) {
	return { lat: Float64Array.from(rows, (r) => r.lat), lon: Float64Array.from(rows, (r) => r.lon), stateFips: rows.map((r) => r.state_fips) };
}

export class Session {
	#dash: Dashboard;
	#opts: SessionOptions;
	#client: TravelClient | undefined;
	/** a second travel worker for other centre sets (the method range), so they never queue before the view's own */
	#variants: { client: TravelClient; ready: Promise<void>; roads: Promise<unknown> | null } | undefined;

	constructor(dash: Dashboard, opts: SessionOptions) {
		this.#dash = dash;
		this.#opts = opts;
	}

	/** Boot everything; errors end up in `dash.error` with `dash.phase = 'error'`. */
	async start(): Promise<void> {
		const dash = this.#dash;
		dash.error = undefined;
		dash.phase = 'starting';
		try {
			const { getDb } = await import('$lib/db/browser');
			const db = await getDb(this.#opts.dbUrl, (p) => (dash.progress = { message: p.message, fraction: p.fraction * 0.9 }));
			await dash.loadData(db);
			await this.#opts.afterData?.(dash);
			dash.progress = { message: 'Computing travel to the nearest centre', fraction: 0.96 };
			if (!this.#client) {
				const { TravelClient } = await import('$lib/workers/travel-client');
				this.#client = new TravelClient();
				await this.#client.init(placesOf(dash.tractRows), placesOf(dash.countyRows), this.#opts.calibration);
				performance.mark('atlas:worker-ready');
			}
			await this.recompute();
			performance.mark('atlas:interactive');
			this.#loadRoads();
		} catch (e) {
			dash.error = describeError(e);
			dash.phase = 'error';
		}
	}

	async #loadRoads() {
		const dash = this.#dash;
		if (!this.#opts.graphUrl) {
			dash.roadStatus = 'error';
			dash.roadError = 'The road layer is not part of this build.';
			return;
		}
		try {
			await this.#client!.loadRoads(this.#opts.graphUrl);
			dash.roadStatus = 'ready';
			await this.recompute();
			performance.mark('atlas:roads-ready');
		} catch (e) {
			dash.roadStatus = 'error';
			dash.roadError = describeError(e);
		}
	}

	/** Recompute travel for the dashboard's current centre sets (no-op before the worker is up). */
	recompute(): Promise<void> {
		const c = this.#client;
		if (!c) return Promise.resolve();
		return this.#dash.recompute({ travel: (engine, centres) => c.compute(engine, centres) });
	}

	/**
	 * Tract travel for another centre set (the method range), in a second travel worker started on
	 * first use: the view's own computations never wait behind it. Road drive times once the view's
	 * road network has loaded (the graph file then comes from the browser cache). After `start`.
	 */
	async variantTravel(centres: CentrePoint[]): Promise<TravelResult> {
		const dash = this.#dash;
		if (!dash.tractRows.length) throw new Error('The places are not loaded yet.');
		if (!this.#variants) {
			const { TravelClient } = await import('$lib/workers/travel-client');
			const client = new TravelClient();
			const ready = client.init(placesOf(dash.tractRows), placesOf([]), this.#opts.calibration);
			this.#variants = { client, ready, roads: null };
		}
		const v = this.#variants;
		await v.ready;
		if (dash.roadStatus === 'ready' && this.#opts.graphUrl) {
			v.roads ??= v.client.loadRoads(this.#opts.graphUrl).catch((e) => {
				v.roads = null;
				throw e;
			});
			await v.roads;
		}
		return v.client.compute('sensitivity', centres);
	}

	terminate() {
		this.#client?.terminate();
		this.#variants?.client.terminate();
	}
}
