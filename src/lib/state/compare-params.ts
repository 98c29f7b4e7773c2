/**
 * The comparison page's shareable state <-> URL search params. Pure: callers pass the
 * URLSearchParams in and write the result out (library code never imports $app).
 *
 * Format: `regions=08,30,56035` (2-digit state or 5-digit county FIPS, in the order chosen,
 * 2 to 4 of them) plus the dashboard's `method`, `t`, `evidence`, `served`, `group`
 * (parsed by `url-params.parseView`, so both pages read the same words the same way).
 *
 * Checking happens in two steps, because only the data know which codes exist:
 * `parseCompare` drops malformed codes and duplicates (no data needed); `checkRegions`
 * drops codes that are not a state or county of the atlas and keeps the first `MAX_REGIONS`.
 * Every drop leaves a notice that says what was ignored and what to use instead.
 */
import { DEFAULT_VIEW, parseView, serialiseView, type ViewState } from './url-params';
import { headline, type EquityResult, type GroupId, type GroupResult, type Region } from '$lib/metrics/equity';
import { formatPercent } from '$lib/charts/equity-bars';
import { formatThreshold, type TravelUnit } from '$lib/metrics/travel-methods';

export const MIN_REGIONS = 2;
export const MAX_REGIONS = 4;

/** Puerto Rico: in the tables, but without group counts, so there is nothing to compare. */
const NO_COUNTS_STATE = '72';

export interface CompareState {
	view: ViewState;
	/** state (2-digit) and county (5-digit) FIPS codes, in the order chosen */
	regions: string[];
}

export interface ParsedCompare {
	view: ViewState;
	/** well-formed codes, duplicates removed; not yet checked against the data */
	codes: string[];
	notices: string[];
}

const CODE = /^(\d{2}|\d{5})$/;

export function isRegionCode(code: string): boolean {
	return CODE.test(code);
}

export function regionKind(code: string): 'state' | 'county' {
	return code.length === 2 ? 'state' : 'county';
}

/** The equity region of a code. */
export function regionOf(code: string): Region {
	if (!isRegionCode(code)) throw new RangeError(`"${code}" is not a 2-digit state or 5-digit county FIPS code`);
	return code.length === 2 ? { kind: 'state', state_fips: code } : { kind: 'counties', county_fips: [code] };
}

/** Split `08,30,56035` into well-formed codes; malformed ones and repeats leave a notice. */
export function parseRegionList(value: string | null): { codes: string[]; notices: string[] } {
	const notices: string[] = [];
	if (value == null) return { codes: [], notices };
	const parts = value
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const codes: string[] = [];
	const bad: string[] = [];
	const repeated: string[] = [];
	for (const p of parts) {
		if (!isRegionCode(p)) bad.push(p);
		else if (codes.includes(p)) repeated.push(p);
		else codes.push(p);
	}
	if (bad.length) {
		notices.push(
			`Ignored region code${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}: use a 2-digit state FIPS code (08 = Colorado) or a 5-digit county FIPS code (56035 = Sublette County, WY).`
		);
	}
	if (repeated.length) notices.push(`Ignored repeated region code${repeated.length > 1 ? 's' : ''} ${repeated.map((b) => `"${b}"`).join(', ')}.`);
	return { codes, notices };
}

/** Read the comparison from the URL: the regions, and the dashboard's view settings. */
export function parseCompare(params: URLSearchParams): ParsedCompare {
	const rest = new URLSearchParams(params);
	const notices: string[] = [];
	rest.delete('regions');
	if (rest.has('region')) {
		notices.push(`Ignored region="${rest.get('region')}": this page compares the regions listed in regions=, e.g. regions=08,30.`);
		rest.delete('region');
	}
	for (const key of ['add', 'remove']) {
		if (rest.has(key)) {
			notices.push(`Ignored the what-if setting "${key}": scenarios are explored on the map page; this page compares today's centres.`);
			rest.delete(key);
		}
	}
	const v = parseView(rest);
	const r = parseRegionList(params.get('regions'));
	return { view: { ...v.state, region: DEFAULT_VIEW.region }, codes: r.codes, notices: [...r.notices, ...notices, ...v.notices] };
}

/**
 * Keep the codes that are a state or county of the atlas (Puerto Rico left out: no group
 * counts), then the first `max`.
 */
export function checkRegions({
	codes,
	states,
	counties,
	max = MAX_REGIONS
}: {
	codes: readonly string[];
	states: ReadonlySet<string>;
	counties: ReadonlySet<string>;
	max?: number;
}): { regions: string[]; notices: string[] } {
	const notices: string[] = [];
	const known: string[] = [];
	const unknown: string[] = [];
	const pr: string[] = [];
	for (const c of codes) {
		if (c.slice(0, 2) === NO_COUNTS_STATE) pr.push(c);
		else if (c.length === 2 ? states.has(c) : counties.has(c)) known.push(c);
		else unknown.push(c);
	}
	if (unknown.length) {
		notices.push(
			`Ignored region code${unknown.length > 1 ? 's' : ''} ${unknown.map((b) => `"${b}"`).join(', ')}: not a state or county of the atlas (50 states and DC, 2023 counties).`
		);
	}
	if (pr.length) notices.push(`Ignored ${pr.map((b) => `"${b}"`).join(', ')}: Puerto Rico has no population-group counts in the data, so it cannot be compared.`);
	if (known.length > max) {
		notices.push(`The link names ${known.length} regions; this page compares at most ${max}, so it kept the first ${max} (${known.slice(max).join(', ')} left out).`);
	}
	return { regions: known.slice(0, max), notices };
}

/** Add a region at the end (no-op if present or when `max` regions are chosen). */
export function addRegion(regions: readonly string[], code: string, max = MAX_REGIONS): string[] {
	if (!isRegionCode(code) || regions.includes(code) || regions.length >= max) return [...regions];
	return [...regions, code];
}

export function removeRegion(regions: readonly string[], code: string): string[] {
	return regions.filter((r) => r !== code);
}

/** The comparison as URL params: regions first, then the view settings that differ from the defaults. */
export function serialiseCompare({ view, regions }: CompareState): URLSearchParams {
	const p = new URLSearchParams();
	if (regions.length) p.set('regions', regions.join(','));
	for (const [k, v] of serialiseView({ ...view, region: DEFAULT_VIEW.region })) p.set(k, v);
	return p;
}

/** The query string for the address bar, commas left readable (`regions=08,30`); '' for none. */
export function compareQuery(state: CompareState): string {
	const q = serialiseCompare(state).toString().replaceAll('%2C', ',');
	return q ? `?${q}` : '';
}

/** The sentence for one region and the chosen group (against its reference group, or everyone). */
export function regionSentence({
	f,
	group,
	unit,
	threshold
}: {
	f: { name: string; result: EquityResult };
	group: GroupId;
	unit: TravelUnit;
	threshold: number;
}): string {
	const chosen: GroupResult | undefined = f.result.byId[group] ?? f.result.byId.all;
	if (!chosen) return '';
	const refId = chosen.reference ?? (chosen.id === 'all' ? undefined : 'all');
	const reference = refId ? f.result.byId[refId] : undefined;
	if (reference) return headline({ regionName: f.name, group: chosen, reference, threshold, unit });
	return `In ${f.name}, ${formatPercent(chosen.share)} of residents live more than ${formatThreshold({ value: threshold, unit })} from a CAR-T centre.`;
}
