/**
 * The range of a headline figure across methods and centre-evidence filters
 * (`metrics/sensitivity`), for the dashboard, the comparison page and the equity embed.
 * Composes `Dashboard` (never edits it). Travel for the three evidence filters' centre sets
 * comes from a second travel worker (`Session.variantTravel`), requested only once the main
 * view is ready and has stayed unchanged for a moment, so it never delays it; again when the
 * road network arrives (road variants).
 * Construct during component initialisation (it sets up an effect).
 */
import { untrack } from 'svelte';
import type { Dashboard } from './dashboard.svelte';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { TravelResult } from '$lib/metrics/travel-engine';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import { regionMask, type GroupId, type Region } from '$lib/metrics/equity';
import { METHOD_INFO, formatThreshold } from '$lib/metrics/travel-methods';
import { centreListVariants, prepareSeries, variantSeries, variantsAt, type CentreSetTravel, type PreparedSeries, type Variant, type VariantSeries } from '$lib/metrics/sensitivity';
import { passesFilter } from '$lib/queries/centre-filter';
import { describeError } from './resource.svelte';
import { GROUP_COPY } from '$lib/copy/groups';

/** ms the view must stay unchanged before the range is computed: straight-line and calibrated
 * variants are cheap; road variants load the road network into the range's worker and run three
 * national searches, so they wait for a longer pause */
const SETTLE_MS = 1500;
const ROAD_SETTLE_MS = 5000;

/** What the series are computed for: the road layer's readiness and the centre list. */
const keyOf = (road: boolean, centres: readonly { centre_id: string }[]) => `${road}|${centres.map((c) => c.centre_id).join(',')}`;

export class MethodRange {
	readonly dash: Dashboard;
	/** 'computing' while the evidence-filter sets are being computed (the view's own figure is known already) */
	status = $state<'idle' | 'computing' | 'ready' | 'error'>('idle');
	error = $state<string | undefined>(undefined);
	series = $state.raw<VariantSeries[]>([]);
	/** true when the series include road drive times */
	road = $state(false);
	#key = '';
	#run = 0;
	#travel: (centres: CentrePoint[]) => Promise<TravelResult>;
	#calibration: Calibration;

	/**
	 * `travel`: travel for a centre set (Session.variantTravel); `enabled` (optional): whether
	 * this page shows the range at all (nothing is computed otherwise).
	 */
	constructor(
		dash: Dashboard,
		opts: { travel: (centres: CentrePoint[]) => Promise<TravelResult>; calibration: Calibration; enabled?: () => boolean }
	) {
		this.dash = dash;
		this.#travel = opts.travel;
		this.#calibration = opts.calibration;
		$effect(() => {
			if (dash.phase !== 'ready' || !dash.centres.length || (opts.enabled && !opts.enabled())) return;
			const road = dash.roadStatus === 'ready';
			// these sets computed already: nothing to wait for (a threshold drag then costs no snapshot or timer a step)
			if (keyOf(road, dash.centres) === this.#key) return;
			// wait until the view has settled: no extra work while the user is changing things
			$state.snapshot(dash.view);
			void dash.scenario;
			const timer = setTimeout(() => untrack(() => this.#update(road)), road ? ROAD_SETTLE_MS : SETTLE_MS);
			return () => clearTimeout(timer);
		});
	}

	async #update(road: boolean) {
		const rows = this.dash.centres;
		const key = keyOf(road, rows);
		if (key === this.#key) return;
		this.#key = key;
		const run = ++this.#run;
		this.status = 'computing';
		this.error = undefined;
		try {
			const sets: CentreSetTravel[] = [];
			for (const v of centreListVariants(this.dash.view.centreSet)) {
				const centres = rows.filter((c) => passesFilter(c, v.filter)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
				const r = await this.#travel(centres);
				if (run !== this.#run) return;
				sets.push({ label: `${v.label} (${centres.length} centres)`, straightKm: r.tracts.straightKm, roadMinutes: r.road ? r.tracts.roadMinutes : null });
			}
			this.series = variantSeries({ sets, calibration: this.#calibration, stateFips: this.dash.tractPlaces.stateFips });
			this.road = sets.some((s) => s.roadMinutes);
			this.status = 'ready';
		} catch (e) {
			if (run !== this.#run) return;
			this.#key = '';
			this.error = describeError(e);
			this.status = 'error';
		}
	}

	/**
	 * The series prepared for a weight, per region (a threshold move is then a binary search per
	 * series): the comparison page shows a range for each of its regions at once.
	 */
	#prepared = perRegion<PreparedSeries[]>();
	#preparedFor(series: VariantSeries[], weight: ArrayLike<number>, region: Region): PreparedSeries[] {
		return this.#prepared([series, weight], region, () => {
			const include = this.#maskOf(region);
			return series.map((s) => prepareSeries({ values: s.values, weight, include }));
		});
	}

	/**
	 * The view's own values prepared the same way, per weight and region (made once per travel array:
	 * a threshold move then costs a binary search, not a pass over every place).
	 */
	#current = perRegion<PreparedSeries>();
	#currentFor(values: ArrayLike<number>, weight: ArrayLike<number>, region: Region): PreparedSeries {
		return this.#current([values, weight], region, () => prepareSeries({ values, weight, include: this.#maskOf(region) }));
	}

	/** region masks by region, for the figure recomputed on every threshold move */
	#masks = new Map<string, Uint8Array>();
	#masksOf: unknown = null;
	#maskOf(region: Region): Uint8Array {
		if (this.#masksOf !== this.dash.population) {
			this.#masks.clear();
			this.#masksOf = this.dash.population;
		}
		const key = JSON.stringify(region);
		let mask = this.#masks.get(key);
		if (!mask) remember(this.#masks, key, (mask = regionMask(this.dash.population!, region)));
		return mask;
	}

	/** What the range leaves out, said on screen (null when nothing). */
	note = $derived.by(() => {
		if (this.status === 'error') return `Only this view’s figure is shown: the other methods and centre lists failed (${this.error}).`;
		if (this.status === 'ready' && !this.road)
			return this.dash.roadStatus === 'error'
				? 'Drive time on roads is not in the range: the road network is not loaded here.'
				: 'Drive time on roads joins the range once the road network has loaded.';
		return null;
	});

	/** Everything `SensitivityRange` shows for a group in a region. */
	view(group: GroupId, region: Region, regionName: string): { variants: Variant[]; title: string; pending: boolean; note: string | null } {
		return { variants: this.variants(group, region), title: this.title(group, regionName), pending: this.status === 'computing' || this.status === 'idle', note: this.note };
	}

	/** e.g. "Share of residents of non-metro counties beyond 2 hours in Montana" */
	title(group: GroupId, regionName: string): string {
		return `Share of ${GROUP_COPY[group]?.many ?? 'residents'} beyond ${formatThreshold({ value: this.dash.view.threshold, unit: this.dash.unit })} in ${regionName}`;
	}

	/** Variants of a group's share beyond the view's threshold in a region, the view's own figure last. */
	variants(group: GroupId, region: Region): Variant[] {
		const d = this.dash;
		const g = d.population ? d.population.groups.findIndex((x) => x.id === group) : -1;
		if (g < 0) return [];
		// the view's own figure in its own region is the equity panel's share (same places, weight and
		// threshold): not prepared again for each new travel array (a what-if, a filter)
		const own = d.equity && JSON.stringify(region) === JSON.stringify(d.regionSpec) ? d.equity.byId[group] : undefined;
		return this.variantsFor(d.population!.weight[g], region, own && (own.share == null ? NaN : 100 * own.share));
	}

	/**
	 * Variants of the share of any per-place weight (e.g. modelled eligible patients) beyond the view's
	 * threshold; `ownShare`, the view's own figure when the caller has it (percent).
	 */
	variantsFor(weight: ArrayLike<number>, region: Region, ownShare?: number): Variant[] {
		const d = this.dash;
		if (!d.population || !d.tractValues) return [];
		const include = this.#maskOf(region);
		const series = this.series;
		return variantsAt({
			series,
			prepared: this.#preparedFor(series, weight, region),
			weight,
			include,
			threshold: d.view.threshold,
			unit: d.unit,
			current: {
				label: `${METHOD_INFO[d.view.method].label}, ${formatThreshold({ value: d.view.threshold, unit: d.unit })}`,
				values: d.tractValues,
				...(ownShare !== undefined ? { share: ownShare } : { prepared: this.#currentFor(d.tractValues, weight, region) })
			}
		});
	}
}

/**
 * Values kept per region for one set of inputs (compared by identity), dropped when an input changes:
 * `get(inputs, region, make)`.
 */
function perRegion<T>(): (inputs: readonly unknown[], region: Region, make: () => T) => T {
	let kept: readonly unknown[] = [];
	let byRegion = new Map<string, T>();
	return (inputs, region, make) => {
		if (inputs.length !== kept.length || inputs.some((x, i) => x !== kept[i])) {
			kept = inputs;
			byRegion = new Map();
		}
		const key = JSON.stringify(region);
		let value = byRegion.get(key);
		if (value === undefined) remember(byRegion, key, (value = make()));
		return value;
	};
}

/** Keep a value under a key, forgetting the oldest beyond eight (a page shows at most four regions at once). */
function remember<T>(m: Map<string, T>, key: string, value: T): void {
	m.set(key, value);
	if (m.size > 8) m.delete(m.keys().next().value as string);
}
