/**
 * State of the region comparison: two to four regions (states or counties), evaluated on
 * the dashboard's data and travel results. Composes `Dashboard` (never edits it): the
 * dashboard's view stays on the nation (`region = 'US'`), so `dash.equity` IS the national
 * reference at the same method, threshold and centre set; each chosen region gets its own
 * `prepareEquity` (threshold-independent, redone only when the regions or the travel values
 * change) and a cheap `equityAt` per threshold.
 */
import type { Dashboard } from './dashboard.svelte';
import { equityAt, prepareEquity, type EquityResult, type GroupId } from '$lib/metrics/equity';
import { addRegion, checkRegions, MAX_REGIONS, MIN_REGIONS, regionKind, regionOf, regionSentence, removeRegion } from './compare-params';

/** A state or county the picker offers. */
export interface RegionOption {
	code: string;
	name: string;
	kind: 'state' | 'county';
}

export interface RegionFigures {
	code: string;
	name: string;
	kind: 'state' | 'county';
	/** 2020 census population */
	pop2020: number;
	result: EquityResult;
}

/** Puerto Rico has no group counts: nothing to compare, so the picker leaves it out. */
const NO_COUNTS_STATE = '72';

export class Comparison {
	readonly dash: Dashboard;
	/** chosen codes, in the order chosen (mirrored in the URL) */
	regions = $state<string[]>([]);

	constructor(dash: Dashboard) {
		this.dash = dash;
	}

	/** the composed dashboard, read lazily by the derived values below */
	#d = (): Dashboard => this.dash;

	#stateAbbr = $derived(new Map(this.#d().stateRows.map((s) => [s.state_fips, s.state])));

	/** Every comparable state and county, states first, each by name. */
	options = $derived.by((): RegionOption[] => {
		const states = this.dash.stateRows
			.filter((s) => s.state_fips !== NO_COUNTS_STATE)
			.map((s) => ({ code: s.state_fips, name: s.state_name, kind: 'state' as const }));
		const counties = this.dash.countyRows
			.filter((c) => c.state_fips !== NO_COUNTS_STATE)
			.map((c) => ({ code: c.county_fips, name: `${c.county_name}, ${this.#stateAbbr.get(c.state_fips) ?? c.state_fips}`, kind: 'county' as const }))
			.sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
		return [...states, ...counties];
	});
	#byCode = $derived(new Map(this.options.map((o) => [o.code, o])));
	#pop = $derived.by(() => {
		const m = new Map<string, number>();
		for (const s of this.dash.stateRows) m.set(s.state_fips, s.pop_2020);
		for (const c of this.dash.countyRows) m.set(c.county_fips, c.pop_2020);
		return m;
	});
	knownStates = $derived(new Set(this.options.filter((o) => o.kind === 'state').map((o) => o.code)));
	knownCounties = $derived(new Set(this.options.filter((o) => o.kind === 'county').map((o) => o.code)));

	enough = $derived(this.regions.length >= MIN_REGIONS);
	full = $derived(this.regions.length >= MAX_REGIONS);

	nameOf(code: string): string {
		return this.#byCode.get(code)?.name ?? code;
	}

	/** the national reference: the dashboard's own result (its region stays the nation) */
	national = $derived(this.#d().equity);

	#prepared = $derived(
		this.#d().population && this.#d().tractValues
			? this.regions.map((code) => prepareEquity({ population: this.#d().population!, travel: this.#d().tractValues!, region: regionOf(code) }))
			: undefined
	);

	figures = $derived.by((): RegionFigures[] | undefined => {
		const prepared = this.#prepared;
		if (!prepared || prepared.length !== this.regions.length) return undefined;
		return prepared.map((p, i) => {
			const code = this.regions[i];
			return {
				code,
				name: this.nameOf(code),
				kind: regionKind(code),
				pop2020: this.#pop.get(code) ?? 0,
				result: equityAt({ prepared: p, threshold: this.dash.view.threshold })
			};
		});
	});

	/** Keep only the link's codes that exist (after the data load); returns the notices. */
	adopt(codes: readonly string[]): string[] {
		const r = checkRegions({ codes, states: this.knownStates, counties: this.knownCounties });
		this.regions = r.regions;
		return r.notices;
	}

	add(code: string) {
		this.regions = addRegion(this.regions, code);
	}

	remove(code: string) {
		this.regions = removeRegion(this.regions, code);
	}

	/** The sentence for one region and the chosen group (against its reference group, or everyone). */
	sentence(f: RegionFigures, group: GroupId): string {
		return regionSentence({ f, group, unit: this.dash.unit, threshold: this.dash.view.threshold });
	}
}
