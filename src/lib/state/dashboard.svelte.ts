/**
 * State of the dashboard: the engine boot, the view settings (mirrored in the URL),
 * the data loaded once from DuckDB, the travel results from the worker for the
 * baseline centre set and for the what-if scenario, and everything derived from them.
 * Heavy arrays are held raw ($state.raw) and replaced, never mutated.
 */
import type { Db } from '$lib/db/types';
import type { CentrePoint } from '$lib/metrics/nearest';
import { placesOf, sameCentres, type Places, type TravelResult, type PlaceTravel } from '$lib/metrics/travel-engine';
import { alignRoadMinutes, alignTo } from '$lib/metrics/travel-file';
import { buildPopulation, equityAt, prepareEquity, type EquityResult, type Population, type PreparedEquity, type Region } from '$lib/metrics/equity';
import { prepareRankings, rankingsAt, type PreparedRankings, type RankingsArgs } from '$lib/metrics/rankings';
import { memoByArrays } from '$lib/metrics/memo';
import { METHOD_INFO } from '$lib/metrics/travel-methods';
import { methodValues } from '$lib/metrics/method-values';
import type * as populationGroups from '$lib/queries/population-groups';
import type * as allCentres from '$lib/queries/all-centres';
import { centreLabel } from '$lib/queries/all-centres';
import type * as states from '$lib/queries/states';
import * as dashboardData from '$lib/queries/dashboard-data';
import { passesFilter } from '$lib/queries/centre-filter';
import { DEFAULT_VIEW, type ViewState } from './url-params';
import { EMPTY_SCENARIO, isEmptyScenario, scenarioCentres, addedId, addedName, resolveScenario, type ParsedScenario, type Scenario } from './scenario';
import * as hospitals from '$lib/queries/hospitals';
import { describeError } from './resource.svelte';
import { listCentreSets, loadCentreSet, type CentreSet, type CentreSetSummary, type StorageLike } from '$lib/explore/centre-store';
import { missingSetNotice, userCentreRows } from './centre-source';
import { isAreaSet, listAreaSets, loadAreaSet, type AreaSet, type AreaSetSummary } from '$lib/explore/area-store';
import { areaPopulation, areaWeights, AREA_GROUP } from '$lib/metrics/area-weights';

export interface TravelSource {
	/** `afterRoads`: computed once the road network the worker is loading is in (see askLinkScenario) */
	travel(engine: 'baseline' | 'scenario', centres: CentrePoint[], opts?: { afterRoads?: boolean }): Promise<TravelResult>;
	/**
	 * Bring an engine back to a centre set without sending its result: the what-if engine to the baseline
	 * once a scenario is reset, so the next centre added is an update from the baseline with nothing to
	 * remove first (the removal's repair of the road search done while the page is idle).
	 */
	settle?(engine: 'scenario', centres: CentrePoint[]): void;
}


export type Phase = 'starting' | 'loading-data' | 'computing' | 'ready' | 'error';

export class Dashboard {
	view = $state<ViewState>(structuredClone(DEFAULT_VIEW));
	notices = $state<string[]>([]);
	phase = $state<Phase>('starting');
	progress = $state<{ message: string; fraction: number }>({ message: 'Starting', fraction: 0 });
	error = $state<string | undefined>(undefined);
	roadStatus = $state<'loading' | 'ready' | 'error'>('loading');
	roadError = $state<string | undefined>(undefined);

	db = $state.raw<Db | undefined>(undefined);
	/** DuckDB-WASM (search, profiles, SQL): booted after the figures are on screen */
	dbStatus = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	dbError = $state<string | undefined>(undefined);
	/** the atlas's centre list, as loaded */
	atlasCentres = $state.raw<allCentres.Row[]>([]);
	/** the user's centre set in use (view.centreSet names it), or null */
	userSet = $state.raw<CentreSet | null>(null);
	/** centre sets saved in this browser (for the chooser) */
	savedSets = $state.raw<CentreSetSummary[]>([]);
	/** the centre rows the figures start from: the user's set when one is chosen, else the atlas list */
	centres = $derived<allCentres.Row[]>(this.userSet && this.view.centreSet === this.userSet.name ? userCentreRows(this.userSet) : this.atlasCentres);
	/** the user's area data in use (view.areaSet names it), or null */
	areaSet = $state.raw<AreaSet | null>(null);
	/** area data sets saved in this browser (for the chooser) */
	savedAreaSets = $state.raw<AreaSetSummary[]>([]);
	/** the storage saved sets are read from (injected in tests; the browser's localStorage by default) */
	storage: StorageLike | null | undefined;
	/** the tables taken by setData (from the data file or from DuckDB) */
	#data = $state.raw<dashboardData.DashboardData | undefined>(undefined);
	stateRows = $derived<states.Row[]>(this.#data?.stateRows ?? []);
	countyRows = $derived<populationGroups.CountyRow[]>(this.#data?.countyRows ?? []);
	/** every tract with its group counts (built on first use when the data came from the data file) */
	get tractRows(): populationGroups.Row[] {
		return this.#data?.tractRows ?? [];
	}
	/** county FIPS per tract, from the data file's columns or the rows */
	get tractCountyFips(): readonly string[] {
		const d = this.#data;
		return d?.tractSource?.countyFips ?? (d ? d.tractRows.map((r) => r.county_fips) : []);
	}
	/** tract coordinates and states (for the travel workers), from the data file's columns or the rows, once */
	tractPlaces = $derived<Places>(this.#data?.tractPlaces ?? placesOf(this.#data?.tractRows ?? []));
	/** county coordinates and states (for the travel workers), from the data file's columns or the rows */
	countyPlaces = $derived<Places>(this.#data?.countyPlaces ?? placesOf(this.countyRows));
	population = $state.raw<Population | undefined>(undefined);
	/** the what-if scenario: centres added and removed (mirrored in the URL) */
	scenario = $state.raw<Scenario>(EMPTY_SCENARIO);

	baselineTravel = $state.raw<TravelResult | undefined>(undefined);
	scenarioTravel = $state.raw<TravelResult | undefined>(undefined);
	#baselineKey = '';
	#scenarioKey = '';
	/** the default centre set's travel from the build-time file (metrics/travel-file): used whenever that set is the baseline */
	#shipped: TravelResult | null = null;

	/** Use a travel result computed at build time for its centre set (the worker is not asked for that set). */
	adoptShippedTravel(result: TravelResult) {
		this.#shipped = result;
	}

	unit = $derived(METHOD_INFO[this.view.method].unit);
	stateNames = $derived(new Map(this.stateRows.map((s) => [s.state_fips, s.state_name])));
	regionName = $derived(this.view.region === 'US' ? 'the United States' : (this.stateNames.get(this.view.region) ?? this.view.region));
	regionSpec = $derived<Region>(this.view.region === 'US' ? { kind: 'nation' } : { kind: 'state', state_fips: this.view.region });

	baselineCentres = $derived(this.centres.filter((c) => passesFilter(c, this.view.filter)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon })));
	/** the scenario's centre set, or null when there is no scenario */
	scenarioSet = $derived<CentrePoint[] | null>(isEmptyScenario(this.scenario) ? null : scenarioCentres(this.baselineCentres, this.scenario));
	activeCentres = $derived(this.scenarioSet ?? this.baselineCentres);
	/** display names for every centre id: list rows and scenario additions */
	centreNames = $derived.by(() => {
		const m: Record<string, string> = {};
		for (const c of this.centres) m[c.centre_id] = centreLabel(c);
		for (const a of this.scenario.added) m[addedId(a)] = addedName(a);
		return m;
	});
	/** the travel result the view shows: the scenario's when there is one */
	/** (while a scenario's numbers are computing, the previous ones stay on screen) */
	travel = $derived(this.scenarioSet ? (this.scenarioTravel ?? this.baselineTravel) : this.baselineTravel);
	/** road drive times are in the figures (the baseline's too when a scenario is compared with it) */
	roadReady = $derived(!!this.travel?.road && (!this.scenarioSet || !!this.baselineTravel?.road));

	/**
	 * Equity and rankings prepared once per travel array (the baseline serves as the view's figures, as
	 * the what-if's comparison and again after a reset), and each from the last one prepared for the
	 * same population (a what-if's figures are the baseline's with a few places moved).
	 */
	// (8 regions per travel array: the view's and the counties whose profiles were opened, a county's
	// preparation ~0.1 MB, so opening a few profiles does not push out the view's ~2 MB one)
	#equityMemo = memoByArrays<PreparedEquity>(8);
	#rankingsMemo = memoByArrays<PreparedRankings>();
	#prepareEquity(population: Population, travel: Float64Array, region: Region): PreparedEquity {
		return this.#equityMemo(population, travel, JSON.stringify(region), (from) => prepareEquity({ population, travel, region, from }));
	}
	#prepareRankings(args: RankingsArgs & { travel: Float64Array }): PreparedRankings {
		const { population, travel, grain, state_fips, group } = args;
		return this.#rankingsMemo(population, travel, `${grain}|${state_fips}|${group}`, (from) => prepareRankings({ ...args, from }));
	}

	/**
	 * The figures at a threshold, kept per preparation for the last threshold asked: the view's and
	 * the what-if's baseline are the same preparation until the scenario's travel arrives, and again
	 * after a reset.
	 */
	#lastAt = new WeakMap<PreparedEquity, EquityResult>();
	#equityAt(prepared: PreparedEquity, threshold: number): EquityResult {
		const last = this.#lastAt.get(prepared);
		if (last && last.threshold === threshold) return last;
		const r = equityAt({ prepared, threshold });
		this.#lastAt.set(prepared, r);
		return r;
	}

	tractValues = $derived(this.travel ? methodValues(this.travel.tracts, this.view.method, this.roadReady) : undefined);
	countyValues = $derived(this.travel ? methodValues(this.travel.counties, this.view.method, this.roadReady) : undefined);
	prepared = $derived(this.population && this.tractValues ? this.#prepareEquity(this.population, this.tractValues, this.regionSpec) : undefined);
	equity = $derived<EquityResult | undefined>(this.prepared ? this.#equityAt(this.prepared, this.view.threshold) : undefined);

	/**
	 * the county whose profile is open (PlaceDetail), or null: its figures are prepared once per travel
	 * array (the threshold-independent part apart, so dragging the threshold only re-cuts), and ahead
	 * with a previewed scenario's
	 */
	placeFips = $state<string | null>(null);
	#placeRegion = $derived<Region | null>(this.placeFips ? { kind: 'counties', county_fips: [this.placeFips] } : null);
	/** the open county's figures at the view's method and threshold (the scenario's when there is one) */
	placeEquity = $derived<EquityResult | undefined>(this.population && this.tractValues ? this.#placeEquityOf(this.population, this.tractValues) : undefined);
	/** The open county's figures for a travel array at the view's threshold (memoised; none without a county open). */
	#placeEquityOf(population: Population, travel: Float64Array): EquityResult | undefined {
		const place = this.#placeRegion;
		return place ? this.#equityAt(this.#prepareEquity(population, travel, place), this.view.threshold) : undefined;
	}

	/**
	 * whether a scenario is compared with the baseline: once its numbers have arrived (until then the
	 * view shows the baseline's, and a comparison of the baseline with itself would only redraw the
	 * panels while the travel worker computes). A boolean, so adding a second centre recomputes nothing
	 * of the baseline.
	 */
	#hasScenario = $derived(!!this.scenarioSet && !!this.scenarioTravel);
	baselinePrepared = $derived(
		this.#hasScenario && this.population && this.baselineTravel
			? this.#prepareEquity(this.population, methodValues(this.baselineTravel.tracts, this.view.method, this.roadReady), this.regionSpec)
			: undefined
	);
	baselineEquity = $derived<EquityResult | undefined>(
		this.baselinePrepared ? this.#equityAt(this.baselinePrepared, this.view.threshold) : undefined
	);

	/** the area data as a weight per tract (county values spread by population) */
	areaWeights = $derived(
		this.areaSet && this.view.areaSet === this.areaSet.name && this.tractRows.length ? areaWeights({ data: this.areaSet, tracts: this.tractRows }) : undefined
	);
	#areaPopulation = $derived(this.population && this.areaWeights ? areaPopulation(this.population, this.areaWeights.weight) : undefined);
	#areaPrepared = $derived(this.#areaPopulation && this.tractValues ? this.#prepareEquity(this.#areaPopulation, this.tractValues, this.regionSpec) : undefined);
	/** the area data beyond the threshold, in the region (one group: AREA_GROUP) */
	areaResult = $derived(this.#areaPrepared ? this.#equityAt(this.#areaPrepared, this.view.threshold).byId[AREA_GROUP] : undefined);
	#areaBaselinePrepared = $derived(
		this.#hasScenario && this.#areaPopulation && this.baselineTravel
			? this.#prepareEquity(this.#areaPopulation, methodValues(this.baselineTravel.tracts, this.view.method, this.roadReady), this.regionSpec)
			: undefined
	);
	/** the same before the what-if scenario (only when there is one) */
	areaBaselineResult = $derived(
		this.#areaBaselinePrepared ? this.#equityAt(this.#areaBaselinePrepared, this.view.threshold).byId[AREA_GROUP] : undefined
	);

	/** Rows of the centre list per evidence level (shown beside the filter). */
	evidenceCounts = $derived({
		strong: this.centres.filter((c) => c.evidence_strength === 'strong').length,
		moderate: this.centres.filter((c) => c.evidence_strength === 'moderate').length,
		weak: this.centres.filter((c) => c.evidence_strength === 'weak').length
	});

	/** Products the centre list names, with how many rows name each (for the product filter). */
	products = $derived.by(() => {
		const counts = new Map<string, number>();
		let rowsNaming = 0;
		for (const c of this.centres) {
			if (c.products?.length) rowsNaming++;
			for (const p of c.products ?? []) counts.set(p, (counts.get(p) ?? 0) + 1);
		}
		const names = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
		return { names, rowsNaming, rows: this.centres.length };
	});

	/** States ranked nationally, or a state's counties ranked, on the same figures. */
	rankingGrain = $derived<'state' | 'county'>(this.view.region === 'US' ? 'state' : 'county');
	preparedRankings = $derived(this.population && this.tractValues ? this.#rankingsOf(this.population, this.tractValues) : undefined);
	/** The rankings prepared for a travel array at the view's grain, state and group (memoised). */
	#rankingsOf(population: Population, travel: Float64Array): PreparedRankings {
		const { region, group } = this.view;
		return this.#prepareRankings({ population, travel, grain: this.rankingGrain, state_fips: region === 'US' ? null : region, group });
	}
	rankings = $derived(this.preparedRankings ? rankingsAt({ prepared: this.preparedRankings, threshold: this.view.threshold }) : []);
	/**
	 * Run the what-if's figures code once, its results dropped, on a stand-in travel array: the view's
	 * own with every 397th known place at half its value. A first centre the user adds then goes through
	 * code the browser has already compiled: measured cold, preparing its equity and rankings from the
	 * baseline's took several times longer. The session calls it once the page is idle. Nothing of it
	 * is shown or kept.
	 */
	warmWhatIf(): void {
		const { population, tractValues: travel, prepared, preparedRankings: ranked } = this;
		if (!population || !travel || !prepared || !ranked) return;
		const moved = travel.slice();
		for (let i = 0; i < moved.length; i += 397) if (Number.isFinite(moved[i])) moved[i] /= 2;
		// (and the alignment a scenario's minutes go through: a copy with every 397th value off in its last bits)
		const near = travel.slice();
		for (let k = 0; k < 2; k++) {
			for (let i = 0; i < near.length; i += 397) near[i] = travel[i] * (1 + 1e-15);
			alignTo(near, travel);
		}
		for (let k = 0; k < 2; k++) {
			equityAt({ prepared: prepareEquity({ population, travel: moved, region: prepared.region, from: prepared }), threshold: this.view.threshold });
			rankingsAt({
				prepared: prepareRankings({ population, travel: moved, grain: ranked.grain, state_fips: ranked.stateFips, group: ranked.group, from: ranked }),
				threshold: this.view.threshold
			});
		}
	}

	/**
	 * While a scenario's travel is computing: the baseline's equity prepared now, with its figures at
	 * the threshold, so the scenario's are a correction of it (equity's `from`) when its travel arrives,
	 * not a full preparation on the first chart's path (a what-if link: ~100 ms of this thread's work
	 * moved to while the travel worker computes).
	 */
	prepareBaseline(): void {
		const { population, baselineTravel } = this;
		if (!this.scenarioSet || this.scenarioTravel || !population || !baselineTravel) return;
		// (the arrays the figures read once the scenario's travel is in: road minutes when both have them)
		const values = methodValues(baselineTravel.tracts, this.view.method, !!baselineTravel.road);
		this.#equityAt(this.#prepareEquity(population, values, this.regionSpec), this.view.threshold);
	}

	placeNames = $derived.by(() => {
		const m: Record<string, string> = {};
		for (const s of this.stateRows) m[s.state_fips] = s.state_name;
		for (const c of this.countyRows) m[c.county_fips] = c.county_name;
		return m;
	});

	/**
	 * After the data load: settings from a link that name something the data do not have (a
	 * state, a product) fall back with a notice.
	 */
	checkLinkAgainstData(): void {
		const notices: string[] = [];
		this.refreshSavedSets();
		if (this.view.centreSet != null) {
			const r = this.useCentreSet(this.view.centreSet);
			if (!r.ok) notices.push(r.message);
		}
		if (this.view.areaSet != null) {
			const r = this.useAreaSet(this.view.areaSet);
			if (!r.ok) notices.push(r.message);
		}
		if (this.view.region !== 'US' && !this.stateNames.has(this.view.region)) {
			notices.push(`Ignored region="${this.view.region}": not a state of the atlas.`);
			this.view.region = 'US';
		}
		const known = new Set(this.products.names.map((p) => p.name));
		const chosen = this.view.filter.products ?? [];
		const unknown = chosen.filter((p) => !known.has(p));
		if (unknown.length) {
			notices.push(`Ignored product(s) ${unknown.map((u) => `"${u}"`).join(', ')}: no centre in the list names it.`);
			this.view.filter = { ...this.view.filter, products: chosen.filter((p) => known.has(p)) };
		}
		if (notices.length) this.notices = [...this.notices, ...notices];
	}

	/** Re-read the list of saved sets (after a set is saved or deleted, or at start). */
	refreshSavedSets(): void {
		this.savedSets = listCentreSets(this.storage ?? undefined).sets;
		this.savedAreaSets = listAreaSets(this.storage ?? undefined).sets;
	}

	/** Weight a second set of figures by a saved area data set (by name), or by none (null). */
	useAreaSet(name: string | null): { ok: true } | { ok: false; message: string } {
		const set = name == null ? null : loadAreaSet(name, this.storage ?? undefined);
		if (name != null && !isAreaSet(set)) {
			this.view.areaSet = null;
			this.areaSet = null;
			return { ok: false, message: missingSetNotice(name, listAreaSets(this.storage ?? undefined).message, 'area data set', 'The figures are shown without it.') };
		}
		this.areaSet = set;
		this.view.areaSet = set?.name ?? null;
		return { ok: true };
	}

	/**
	 * Use a saved centre set (by name), or the atlas list (null). A set that cannot be read
	 * leaves the atlas list in use and returns the reason.
	 */
	useCentreSet(name: string | null): { ok: true } | { ok: false; message: string } {
		// removals name centres of the list being left: they mean nothing in the other list
		if (name !== this.view.centreSet && this.scenario.removed.length) this.scenario = { ...this.scenario, removed: [] };
		if (name == null) {
			this.view.centreSet = null;
			this.userSet = null;
			return { ok: true };
		}
		const storage = this.storage ?? undefined;
		const set = loadCentreSet(name, storage);
		if (!set || !Array.isArray(set.centres) || set.centres.length === 0) {
			this.view.centreSet = null;
			this.userSet = null;
			return { ok: false, message: missingSetNotice(name, listCentreSets(storage).message) };
		}
		this.userSet = set;
		this.view.centreSet = set.name;
		return { ok: true };
	}

	/**
	 * Adopt the scenario a link asked for (after the data load): hospital ids are looked up in
	 * the SQL engine (`db`, booted on demand), unknown ids and centres are dropped with notices.
	 */
	async adoptScenarioLink(parsed: ParsedScenario | undefined, db: () => Promise<Db>): Promise<void> {
		if (!parsed) return;
		const { link } = parsed;
		if (!link.added.length && !link.removed.length) return;
		// only hospital ids need the SQL engine (points and removals do not)
		const rows = parsed.hospitalIds.length ? await hospitals.byIds(await db(), parsed.hospitalIds) : [];
		const r = resolveScenario({ link, hospitals: rows, centreIds: this.centres.map((c) => c.centre_id) });
		this.scenario = r.scenario;
		this.notices = [...this.notices, ...r.notices];
	}

	/** Load the tables the dashboard needs from DuckDB (once). */
	async loadData(db: Db) {
		this.db = db;
		this.phase = 'loading-data';
		this.progress = { message: 'Reading places and population groups', fraction: 0.92 };
		this.setData(await dashboardData.run(db));
	}

	/**
	 * Take the tables the dashboard needs (from DuckDB or from the build-time data file). With
	 * `population: false` the population groups are left for {@link buildPopulation} (the session
	 * hands the places to the travel worker first, then does this work while the worker computes).
	 */
	setData(data: dashboardData.DashboardData, { population = true }: { population?: boolean } = {}) {
		performance.mark('atlas:data-queried');
		this.atlasCentres = data.centres;
		this.#data = data;
		this.population = undefined;
		if (population) this.buildPopulation();
	}

	/** Population groups by tract, from the data taken by {@link setData} (once). */
	buildPopulation() {
		const data = this.#data;
		if (!data || this.population) return;
		this.population = data.tractSource ? buildPopulation({ source: data.tractSource }) : buildPopulation({ rows: data.tractRows });
		performance.mark('atlas:population-built');
	}

	/** Use population groups built elsewhere (the data worker) from the data taken by {@link setData}. */
	adoptPopulation(population: Population) {
		if (!this.#data || this.population) return;
		const n = this.tractPlaces.lat.length;
		if (population.n !== n) throw new Error(`The population groups have ${population.n} places, the data ${n}.`);
		this.population = population;
		performance.mark('atlas:population-built');
	}

	/** what identifies a scenario's travel: the road layer's readiness and the centres, ids and coordinates */
	#scenarioKeyOf(sc: readonly CentrePoint[], roadStatus = this.roadStatus): string {
		return `${roadStatus}|${sc.map((c) => `${c.id}@${c.lat},${c.lon}`).join(',')}`;
	}

	/** A scenario centre set's travel from the worker, aligned with the baseline's. */
	#scenarioTravelOf(sc: CentrePoint[], source: TravelSource, baseline = this.baselineTravel, opts?: { afterRoads?: boolean }): Promise<TravelResult> {
		return source.travel('scenario', sc, opts).then((r) => {
			// (where it is the same trip, the baseline's value to the bit: only the places the change moved differ)
			if (baseline) {
				const t0 = performance.now();
				r.timings.aligned = alignRoadMinutes(r, baseline);
				r.timings.alignMs = performance.now() - t0;
			}
			return r;
		});
	}

	/** a scenario's travel asked for ahead of its choice (previewScenario), by its key */
	#ahead: { key: string; result: Promise<TravelResult> } | null = null;
	/** the travel a recompute is waiting for, baseline and scenario, by its key */
	#asked = new Map<'baseline' | 'scenario', { key: string; result: Promise<TravelResult> }>();

	/**
	 * `ask()`'s travel, unless a recompute is already waiting for the same (`key`): then that request's
	 * (two recomputes at once, the road network's and the session's, asked the worker twice). `first`:
	 * this call made the request.
	 */
	async #askOnce(kind: 'baseline' | 'scenario', key: string, ask: () => Promise<TravelResult>): Promise<{ r: TravelResult; first: boolean }> {
		const same = this.#asked.get(kind);
		const asked = same?.key === key ? same : { key, result: ask() };
		this.#asked.set(kind, asked);
		try {
			return { r: await asked.result, first: asked !== same };
		} finally {
			if (this.#asked.get(kind) === asked) this.#asked.delete(kind);
		}
	}

	/**
	 * Compute a scenario the reader is about to choose (the site the map-click dialog proposes) while
	 * they decide: its travel from the worker, then its figures prepared in the memos the view reads.
	 * When it is chosen, `recompute` takes that travel without asking the worker again, and the
	 * figures are ready; when another one is, the worker's what-if engine updates from it (one centre
	 * removed, one added). Nothing on screen changes. Ignored until the baseline's figures are in.
	 */
	previewScenario(scenario: Scenario, source: TravelSource): void {
		if (this.phase !== 'ready' || !this.baselineTravel || !this.population || isEmptyScenario(scenario)) return;
		const sc = plainCentres(scenarioCentres(this.baselineCentres, scenario));
		const ahead = this.#askAhead(this.#scenarioKeyOf(sc), () => this.#scenarioTravelOf(sc, source));
		ahead?.result.then(
			(r) => {
				if (this.#ahead !== ahead) return;
				this.#prepareFigures(r);
				performance.mark('atlas:scenario-previewed');
			},
			() => {} // (see #askAhead)
		);
	}

	/**
	 * A scenario's travel asked for ahead of `recompute` (previewScenario, askLinkScenario), unless it is the
	 * one shown or is asked for already (then null). A failed request is forgotten: the choice, if made, asks
	 * again and reports the error.
	 */
	#askAhead(key: string, ask: () => Promise<TravelResult>): { key: string; result: Promise<TravelResult> } | null {
		if (key === this.#scenarioKey || this.#ahead?.key === key) return null;
		const ahead = (this.#ahead = { key, result: ask() });
		ahead.result.catch(() => {
			if (this.#ahead === ahead) this.#ahead = null;
		});
		return ahead;
	}

	/**
	 * A link's scenario by road, asked for as soon as the travel it is merged from is known (`baseline`:
	 * the build-time travel the session adopted, before `recompute` makes it the view's) and computed by
	 * the worker once it has the road network: the page's own start (its tables, its population groups)
	 * then runs while the worker merges. `recompute` takes it once the road network is ready, as it takes
	 * a preview; a result without road drive times (the network failed) is not taken.
	 */
	askLinkScenario(baseline: TravelResult, source: TravelSource): void {
		const sc = this.scenarioSet ? plainCentres(this.scenarioSet) : null;
		if (!sc || this.view.method !== 'road' || this.roadStatus === 'error') return;
		this.#askAhead(this.#scenarioKeyOf(sc, 'ready'), () => this.#scenarioTravelOf(sc, source, baseline, { afterRoads: true }));
	}

	/**
	 * Forget a preview that was not chosen; the worker's what-if engine goes back to the scenario on
	 * screen while the page is idle (the next change is then an update from it).
	 */
	dropPreview(source: TravelSource): void {
		if (!this.#ahead) return;
		this.#ahead = null;
		source.settle?.('scenario', plainCentres(this.activeCentres));
	}

	/**
	 * A scenario's figures at the view's settings, prepared into the memos (the same calls the view's
	 * deriveds make once it is chosen, which then find them there), with the baseline's it is compared with.
	 */
	#prepareFigures(r: TravelResult): void {
		const { population, baselineTravel } = this;
		if (!population || !baselineTravel) return;
		const roadReady = !!r.road && !!baselineTravel.road;
		const { method, threshold } = this.view;
		const values = methodValues(r.tracts, method, roadReady);
		this.#equityAt(this.#prepareEquity(population, methodValues(baselineTravel.tracts, method, roadReady), this.regionSpec), threshold);
		this.#equityAt(this.#prepareEquity(population, values, this.regionSpec), threshold);
		this.#rankingsOf(population, values);
		this.#placeEquityOf(population, values);
	}

	/** Recompute travel for the current centre sets (baseline, and scenario if any). */
	async recompute(source: TravelSource) {
		try {
			this.phase = 'computing';
			const base = plainCentres(this.baselineCentres);
			const bKey = `${this.roadStatus}|${base.map((c) => c.id).join(',')}`;
			if (bKey !== this.#baselineKey) {
				// (the session adopted it with the same check: the same centres in the same order)
				const shipped = this.#shipped && sameCentres(this.#shipped.centres, base) ? this.#shipped : null;
				const { r, first } = shipped ? { r: shipped, first: true } : await this.#askOnce('baseline', bKey, () => source.travel('baseline', base));
				if (first) performance.mark('atlas:travel-received', { detail: r.timings });
				this.#baselineKey = bKey;
				this.baselineTravel = r;
			}
			const sc = this.scenarioSet ? plainCentres(this.scenarioSet) : null;
			if (sc) {
				const sKey = this.#scenarioKeyOf(sc);
				if (sKey !== this.#scenarioKey) {
					// (computed ahead while the reader decided: previewScenario; or for a link: askLinkScenario)
					const ahead = this.#ahead?.key === sKey ? this.#ahead.result : null;
					this.#ahead = null;
					const { r, first } = await this.#askOnce('scenario', sKey, () => ahead ?? this.#scenarioTravelOf(sc, source));
					if (first) {
						if (ahead) r.timings.ahead = 1;
						performance.mark('atlas:scenario-travel-received', { detail: r.timings });
					}
					this.#scenarioKey = sKey;
					this.scenarioTravel = r;
				}
			} else {
				// (a scenario was computed: its engine still holds its centres)
				if (this.#scenarioKey) source.settle?.('scenario', base);
				this.scenarioTravel = undefined;
				this.#scenarioKey = '';
			}
			this.phase = 'ready';
		} catch (e) {
			this.error = describeError(e);
			this.phase = 'error';
		}
	}
}

/**
 * Centres as plain objects for the travel worker (its message is copied): id and coordinates only.
 * (`$state.snapshot` walked every centre's fields through structuredClone: ~5 ms at a what-if's click.)
 */
function plainCentres(cs: readonly CentrePoint[]): CentrePoint[] {
	return cs.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon }));
}
