/**
 * A dashboard session in the browser. Every page that shows travel figures (dashboard,
 * comparison, embeds, eligibility, planner) starts one:
 * 1. the tables the figures need come from the build-time data file (`queries/dashboard-data`,
 *    1 MB, no engine); if it cannot be read, from DuckDB-WASM instead. The data worker
 *    (workers/data-client) builds the population groups from a copy of it off the main thread;
 * 2. a view of the default centre set takes its travel from the build-time travel file
 *    (metrics/travel-file, `travelUrl`): the figures need no road network and no worker, and the
 *    travel worker gets the places and the road network once they are drawn. Otherwise the
 *    travel worker starts and loads the road network at once;
 * 3. travel is computed for the other centre sets: when the view uses road drive times, once the
 *    road network is in (one computation, no switch of method on screen); otherwise at once, and
 *    again with roads when they arrive;
 * 4. DuckDB-WASM (7 MB) boots afterwards, in the background, for what needs SQL (hospital and
 *    place search, place profiles, the SQL console); `db()` boots it earlier when a page needs it.
 * Browser only (it creates workers and fetches): DuckDB-WASM is imported dynamically, so
 * prerendering never evaluates it. URLs are injected (library code does not import $app).
 */
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import { TravelClient } from '$lib/workers/travel-client';
import { sameUrl, type EarlyData, type EarlyTravel } from '$lib/embed/early-travel';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { TravelResult } from '$lib/metrics/travel-engine';
import type { Dashboard, TravelSource } from './dashboard.svelte';
import type { Scenario } from './scenario';
import type { Db } from '$lib/db/types';
import { fromFile, type DashboardData } from '$lib/queries/dashboard-data';
import { decodeTravelFile, shippedTravelOf, type TravelFile } from '$lib/metrics/travel-file';
import { placesOf, sameCentres } from '$lib/metrics/travel-engine';
import { baselineOf } from '$lib/metrics/added-travel';
import { populationFrom } from '$lib/workers/data-protocol';
import { adoptDataWorker, startDataWorker, type DataWork } from '$lib/workers/data-client';
import { describeError } from './resource.svelte';
import { deferred } from './deferred';
import { nextPaint } from './paint';

export interface SessionOptions {
	dbUrl: string;
	/** the build-time data file (queries/dashboard-data); null or unreadable: the tables come from DuckDB */
	dataUrl?: string | null;
	/** null: the road layer is switched off (the other methods still work) */
	graphUrl: string | null;
	/**
	 * A travel worker the page's inline script started (embed/early-travel): the session's, with its
	 * road network request (used when it asked for `graphUrl` and `snapUrl`).
	 */
	earlyTravel?: EarlyTravel;
	/**
	 * A data worker the page's inline script started (embed/early-travel), fetching the data file itself:
	 * the session's, with the bytes it sends (used when it fetched `dataUrl`).
	 */
	earlyData?: EarlyData;
	/** the places snapped to the road graph at build time (metrics/drive-time/snap-file); optional */
	snapUrl?: string | null;
	/**
	 * The default centre set's road travel, computed at build time (metrics/travel-file); optional.
	 * With it, a view of that set draws without the road network, which then loads after the
	 * figures (a reader's chart does not wait for 3 MB it may never need).
	 */
	travelUrl?: string | null;
	/**
	 * Start the what-if engine from the baseline once the road network is in, so a first added
	 * centre is an incremental update (the dashboard; pages without a what-if leave the cores to
	 * their own work).
	 */
	warmScenario?: boolean;
	/**
	 * Load the road network at once even with the build-time travel (a link with a what-if scenario:
	 * its figures need the network, so it is on the first chart's path)
	 */
	roadsAtOnce?: boolean;
	calibration: Calibration;
	/** runs after the tables are loaded and before travel is computed (e.g. resolve a scenario link); `db` boots DuckDB when needed */
	afterData?: (dash: Dashboard, db: () => Promise<Db>) => Promise<void> | void;
}


export class Session {
	#dash: Dashboard;
	#opts: SessionOptions;
	#client: TravelClient | undefined;
	/** a second travel worker for other centre sets (the method range), so they never queue before the view's own */
	#variants: { client: TravelClient; ready: Promise<void>; roads: Promise<unknown> | null } | undefined;
	#db: Promise<Db> | undefined;
	#dataBytes: Promise<ArrayBuffer | null> | undefined;
	/** the build-time travel file, read as soon as it is downloaded (the page's thread then mostly waits for the data file) */
	#travelFile: Promise<TravelFile | null> | undefined;
	/** the data worker: the population groups, built off the main thread */
	#work: DataWork | undefined;
	/** the page's early data worker (`earlyData`) until `warm` takes it over */
	#earlyData: EarlyData | undefined;
	#roads: Promise<void> | undefined;
	#placesSent = false;
	/** the tables are loaded (travel can be computed) */
	#hasData = false;
	/** resolved once the travel worker has the places (road results wait for it) */
	#placesReady = deferred();
	#dataLoaded = deferred();
	/**
	 * resolved once the build-time travel is adopted or known not to apply: the road network's first
	 * recompute waits for it (else, when the worker had the places first, it asked the worker for the
	 * baseline in full, and a slow device drew the figures twice)
	 */
	#shippedDecided = deferred();

	/** Resolves once the tables are loaded and the travel request is out (pages defer other main-thread work until then). */
	get dataLoaded(): Promise<void> {
		return this.#dataLoaded.promise;
	}

	constructor(dash: Dashboard, opts: SessionOptions) {
		this.#dash = dash;
		this.#opts = opts;
		this.#earlyData = opts.earlyData;
	}

	/** Load everything; errors end up in `dash.error` with `dash.phase = 'error'`. */
	async start(): Promise<void> {
		const dash = this.#dash;
		dash.error = undefined;
		dash.phase = 'starting';
		performance.mark('atlas:session-start');
		try {
			this.warm();
			const data = await this.#fileData();
			if (data) dash.setData(data, { population: false });
			else await dash.loadData(await this.db());
			await this.#opts.afterData?.(dash, () => this.db());
			this.#hasData = true;
			performance.mark('atlas:after-data');
			// a scenario's travel is the worker's: it gets the places before this thread reads the build-time travel
			if (dash.scenarioSet) this.#sendPlaces().catch(() => {}); // (awaited below)
			// the default centre set's road travel from the build-time file, when the view uses that set
			// (adopted before the worker may compute: its road result would otherwise race this one)
			const shipped = await this.#shippedTravel();
			if (shipped) dash.adoptShippedTravel(shipped);
			// a scenario that adds centres to it is merged from it in the worker (metrics/added-travel)
			if (shipped && dash.scenarioSet) {
				this.#client!.setBaseline(baselineOf(shipped)).catch(() => {});
				// by road, asked for now and merged as soon as the worker has the road network, while this thread goes on
				if (this.#roads) dash.askLinkScenario(shipped, this.#source()!);
			}
			this.#shippedDecided.resolve();
			const instant = !!shipped && !dash.scenarioSet;
			// with the precomputed travel the figures need no worker: it gets the places once they are drawn
			if (!instant) {
				dash.progress = { message: 'Starting the travel engine', fraction: 0.94 };
				await this.#sendPlaces();
			}
			// the travel request goes out first; the population groups are built while the worker computes
			const road = dash.view.method === 'road' && dash.roadStatus === 'loading' && !instant;
			if (!instant) this.#roads ??= this.#loadRoads();
			dash.progress = { message: road ? 'Loading the road network' : 'Computing travel to the nearest centre', fraction: 0.96 };
			// (road: one computation with road drive times rather than a calibrated one replaced a moment later)
			const travel = road ? this.#roads! : this.recompute();
			this.#dataLoaded.resolve();
			await this.#population(data != null);
			// (a scenario's figures are then a correction of the baseline's, prepared while the worker computes)
			dash.prepareBaseline();
			await travel;
			await this.recompute();
			performance.mark('atlas:interactive');
			this.#sendPlaces().catch(() => {}); // (the road layer reports it: #loadRoads awaits the places)
			this.#roads ??= this.#loadRoads();
			// SQL for search, profiles and the console: booted once the figures are on screen
			this.db().catch(() => {});
		} catch (e) {
			this.#shippedDecided.resolve();
			dash.error = describeError(e);
			dash.phase = 'error';
		}
	}

	/** Hand the places to the travel worker (once; road results wait for it). */
	#sendPlaces(): Promise<void> {
		if (this.#placesSent) return this.#placesReady.promise;
		this.#placesSent = true;
		const dash = this.#dash;
		this.#client!.init(dash.tractPlaces, dash.countyPlaces, this.#opts.calibration).then(
			() => {
				this.#placesReady.resolve();
				performance.mark('atlas:worker-ready');
			},
			(e) => this.#placesReady.reject(e)
		);
		return this.#placesReady.promise;
	}

	/**
	 * The population groups: from the data worker when the tables came from the data file (built
	 * there while this thread reads the rest), else built here.
	 */
	async #population(fromWorker: boolean): Promise<void> {
		const dash = this.#dash;
		const work = this.#work;
		if (fromWorker && work) {
			try {
				dash.adoptPopulation(populationFrom(await work.population, { stateFips: dash.tractPlaces.stateFips, countyFips: dash.tractCountyFips }));
				return;
			} catch (e) {
				console.warn(`The population groups are built on the page (${describeError(e)}).`);
			}
		} else await new Promise((ok) => setTimeout(ok, 0)); // let a road result's request go out first
		dash.buildPopulation();
	}

	/**
	 * Start the downloads and the travel worker (the data file, the road network) without waiting:
	 * pages call it as their script runs, before the page has finished mounting. `start` calls it too.
	 */
	warm(): void {
		const url = this.#opts.dataUrl;
		const early = this.#earlyData;
		if (early && !this.#work) {
			this.#earlyData = undefined; // (taken over once)
			if (url && sameUrl(early.url, url)) {
				const adopted = adoptDataWorker(early);
				this.#dataBytes ??= adopted.bytes;
				this.#work = adopted.work;
			} else early.worker.terminate();
		}
		this.#dataBytes ??= url
			? fetch(url).then((res) => {
					if (!res.ok) throw new Error(`HTTP ${res.status}`);
					return res.arrayBuffer();
				})
			: Promise.resolve(null);
		this.#dataBytes.catch(() => {}); // reported by #fileData
		const travelUrl = this.#opts.travelUrl;
		this.#travelFile ??= travelUrl
			? fetch(travelUrl)
					.then((res) => (res.ok ? res.arrayBuffer() : null))
					.catch(() => null) // an optimisation: without it the worker computes the same
					.then((bytes) => (bytes ? decodeTravelFile(bytes) : null)) // (a file it cannot read: reported by #shippedTravel)
			: Promise.resolve(null);
		this.#travelFile.catch(() => {});
		if (url && !this.#work && typeof Worker !== 'undefined') {
			// (handed the bytes in the same microtask as #fileData, before this thread reads them)
			this.#work = startDataWorker(this.#dataBytes);
		}
		if (!this.#client) {
			this.#client = new TravelClient(this.#opts.earlyTravel);
			// with a precomputed baseline the road network waits until the figures are drawn (start)
			if (!this.#opts.travelUrl || this.#opts.roadsAtOnce) this.#roads = this.#loadRoads();
		}
	}

	/**
	 * The build-time travel of the default centre set, completed with straight-line and calibrated
	 * values, when the view's baseline is exactly that set; else null.
	 */
	async #shippedTravel(): Promise<TravelResult | null> {
		const dash = this.#dash;
		let result: TravelResult | null = null;
		try {
			const file = await this.#travelFile;
			result = file ? shippedTravelOf(file, dash.tractPlaces, this.#opts.calibration) : null;
		} catch (e) {
			console.warn(`The precomputed travel could not be read (${describeError(e)}); the travel worker computes it.`);
			return null;
		}
		return result && sameCentres(result.centres, dash.baselineCentres) ? result : null;
	}

	/** The tables from the build-time data file, or null (no file, or unreadable: DuckDB stands in). */
	async #fileData(): Promise<DashboardData | null> {
		if (!this.#opts.dataUrl) return null;
		this.#dash.progress = { message: 'Loading places and population groups', fraction: 0.3 };
		try {
			const bytes = await this.#dataBytes!;
			if (!bytes) return null;
			performance.mark('atlas:data-file-loaded');
			return fromFile(bytes);
		} catch (e) {
			this.#dataBytes = undefined; // a retry fetches it again
			console.warn(`The dashboard data file could not be read (${describeError(e)}); loading the tables with DuckDB instead.`);
			return null;
		}
	}

	/**
	 * DuckDB-WASM, booted on first use (one shared boot; a failed boot can be retried). Sets
	 * `dash.db` and `dash.dbStatus`.
	 */
	db(): Promise<Db> {
		const dash = this.#dash;
		this.#db ??= (async () => {
			dash.dbStatus = 'loading';
			dash.dbError = undefined;
			try {
				const { getDb } = await import('$lib/db/browser');
				const db = await getDb(this.#opts.dbUrl, (p) => {
					if (dash.phase !== 'ready') dash.progress = { message: p.message, fraction: p.fraction * 0.9 };
				});
				dash.db = db;
				dash.dbStatus = 'ready';
				return db;
			} catch (e) {
				this.#db = undefined;
				dash.dbStatus = 'error';
				dash.dbError = describeError(e);
				throw e;
			}
		})();
		return this.#db;
	}

	async #loadRoads(): Promise<void> {
		const dash = this.#dash;
		if (!this.#opts.graphUrl) {
			dash.roadStatus = 'error';
			dash.roadError = 'The road layer is not part of this build.';
			return;
		}
		try {
			const steps = await this.#client!.loadRoads(this.#opts.graphUrl, this.#opts.snapUrl);
			performance.mark('atlas:roads-loaded', { detail: steps });
			await this.#placesReady.promise;
			await this.#shippedDecided.promise;
			dash.roadStatus = 'ready';
			await this.recompute();
			performance.mark('atlas:roads-ready');
			// the what-if engine starts from the baseline, so a first added centre is an incremental update
			if (this.#opts.warmScenario && !dash.scenarioSet) {
				this.#warmScenario();
				// (the page's own what-if code too, once it is idle: a task of its own, after the frames queued now)
				setTimeout(() => {
					if (!dash.scenarioSet) dash.warmWhatIf();
				}, 250);
			} else if (this.#opts.warmScenario && dash.scenarioSet) {
				// a link's scenario came merged from the baseline (no search kept): the what-if engine searches
				// now, so the next change is an incremental update
				this.#client!.warm('scenario', dash.scenarioSet.map((x) => ({ id: x.id, lat: x.lat, lon: x.lon })), null).catch(() => {});
			}
		} catch (e) {
			dash.roadStatus = 'error';
			dash.roadError = describeError(e);
		}
	}

	/**
	 * The what-if engine computes the baseline, then adds one centre and removes it again (at the first
	 * county's centroid; nothing is sent back): the first centre a user adds is then an incremental
	 * update through code the worker has already run, not a cold one.
	 */
	#warmScenario(): void {
		const dash = this.#dash;
		const c = this.#client!;
		const base = dash.baselineCentres.map((x) => ({ id: x.id, lat: x.lat, lon: x.lon }));
		const county = dash.countyRows[0];
		// (one request: the worker answers in order, so a user's first change comes after it, from the warmed state)
		c.warm('scenario', base, county ? { id: 'warm-up', lat: county.lat, lon: county.lon } : null).catch(() => {});
	}

	/** Recompute travel for the dashboard's current centre sets (no-op before the tables are loaded: `start` computes then). */
	recompute(): Promise<void> {
		const source = this.#source();
		return source ? this.#dash.recompute(source) : Promise.resolve();
	}

	/**
	 * Compute a scenario the reader is about to choose (Dashboard.previewScenario): the site a map
	 * click proposes, while its dialog asks. No-op before the tables are loaded.
	 */
	previewScenario(scenario: Scenario): void {
		const source = this.#source();
		if (source) this.#dash.previewScenario(scenario, source);
	}

	/** The proposed site was not chosen (Dashboard.dropPreview). */
	dropPreview(): void {
		const source = this.#source();
		if (source) this.#dash.dropPreview(source);
	}

	/** The travel worker as the dashboard asks it (null before the tables are loaded). */
	#source(): TravelSource | null {
		const c = this.#client;
		if (!c || !this.#hasData) return null;
		return {
			// the request goes out at once, before the page redraws for the change: after the places (sent first if
			// they were not), which the worker answers in order; an error with the places is the one reported
			travel: (engine, centres, opts) => {
				const places = this.#sendPlaces();
				return Promise.all([places, c.compute(engine, centres, {}, opts)]).then(([, r]) => r);
			},
			// after the frame that shows the reset is painted: the worker's work then does not compete with it
			settle: (engine, centres) => void nextPaint().then(() => c.warm(engine, centres, null).catch(() => {}))
		};
	}

	/**
	 * Tract travel for another centre set (the method range), in a second travel worker started on
	 * first use: the view's own computations never wait behind it. Road drive times once the view's
	 * road network has loaded (the graph file then comes from the browser cache). After `start`.
	 */
	async variantTravel(centres: CentrePoint[]): Promise<TravelResult> {
		const dash = this.#dash;
		if (!dash.population) throw new Error('The places are not loaded yet.');
		if (!this.#variants) {
			const client = new TravelClient();
			const ready = client.init(dash.tractPlaces, placesOf([]), this.#opts.calibration);
			this.#variants = { client, ready, roads: null };
		}
		const v = this.#variants;
		await v.ready;
		if (dash.roadStatus === 'ready' && this.#opts.graphUrl) {
			v.roads ??= v.client.loadRoads(this.#opts.graphUrl, this.#opts.snapUrl).catch((e) => {
				v.roads = null;
				throw e;
			});
			await v.roads;
		}
		return v.client.compute('sensitivity', centres);
	}

	terminate() {
		this.#work?.terminate();
		this.#client?.terminate();
		this.#variants?.client.terminate();
	}
}
