/**
 * The first figures: the equity figures of the default centre list by road, for the nation and
 * every state at the road method's two offered thresholds (1 and 2 hours), computed at build time
 * by the page's own engine and data (`scripts/first-view.ts`, `static/data/first-figures.json`).
 *
 * An embed whose link asks for exactly such figures (the equity bars of the nation or a state,
 * the state ranking, a comparison of states) draws them from this file (~30 KB compressed)
 * before the engine has built its population groups (the 3.3 MB data file, ~0.4 s of a cold
 * worker); the engine then takes over with the same numbers, to the bit: the file stores the
 * sums each figure is computed from (`EquityTotals`) and the page derives shares, ratios, margins
 * and intervals from them with the engine's own code (`resultFromTotals`). The build checks every
 * region, group and threshold against the engine before it writes the file.
 */
import { GROUPS, resultFromTotals, type EquityResult, type EquityTotals, type GroupId, type PreparedEquity, type Region } from '$lib/metrics/equity';
import { rankingRowsFromResults, type RankingRow } from '$lib/metrics/rankings';
import type { CentrePoint } from '$lib/metrics/nearest';
import { METHOD_INFO } from '$lib/metrics/travel-methods';
import { MIN_REGIONS, regionKind, regionSentence } from './compare-params';
import { EMPTY_SCENARIO } from './scenario';
import { usesDefaultCentres, type ViewState } from './url-params';
import type { RegionFigures } from './compare.svelte';
import type { FiguresComparison, FiguresDash } from '$lib/embed/chart-model';

/** One region's sums, per group in `FirstFigures.groups` order (null: NaN, none). */
export interface FirstRegion {
	/** 'US' (50 states and DC) or a state FIPS code */
	code: string;
	name: string;
	/** 2020 census population */
	pop2020: number;
	pop2020WithoutCounts: number;
	known: number[];
	unknown: number[];
	median: (number | null)[];
	p90: (number | null)[];
	knownMoe: (number | null)[];
	/** per threshold (in `FirstFigures.thresholds` order), per group */
	beyond: number[][];
	beyondMoe: (number | null)[][];
}

export interface FirstFigures {
	version: 1;
	method: 'road';
	thresholds: number[];
	/** the centre set the figures are for (the default list), in the engine's order */
	centres: CentrePoint[];
	groups: GroupId[];
	regions: FirstRegion[];
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
const orNaN = (v: number | null): number => (v == null ? NaN : v);

/** Build side: the file from prepared figures of each region (same population, travel and centres). */
export function firstFigures({
	thresholds,
	centres,
	regions
}: {
	thresholds: readonly number[];
	centres: readonly CentrePoint[];
	regions: readonly { code: string; name: string; pop2020: number; prepared: PreparedEquity; at: (threshold: number) => EquityResult }[];
}): FirstFigures {
	return {
		version: 1,
		method: 'road',
		thresholds: [...thresholds],
		centres: centres.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon })),
		groups: GROUPS.map((g) => g.id),
		regions: regions.map(({ code, name, pop2020, prepared, at }) => {
			const results = thresholds.map((t) => at(t));
			const first = results[0];
			return {
				code,
				name,
				pop2020,
				pop2020WithoutCounts: prepared.pop2020WithoutCounts,
				known: first.groups.map((g) => g.known),
				unknown: first.groups.map((g) => g.unknown),
				median: first.groups.map((g) => g.median),
				p90: first.groups.map((g) => g.p90),
				knownMoe: Array.from(prepared.knownMoe, orNull),
				beyond: results.map((r) => r.groups.map((g) => g.beyond)),
				// (a result's margin is null where the group has none: NaN again when read)
				beyondMoe: results.map((r) => r.groups.map((g) => g.beyondMoe))
			};
		})
	};
}

const isNums = (a: unknown, n: number, nullable = false): boolean =>
	Array.isArray(a) && a.length === n && a.every((v) => (typeof v === 'number' && Number.isFinite(v)) || (nullable && v === null));

/** True for a well-formed file of the engine's groups (else the page waits for the engine). */
export function isFirstFigures(x: unknown): x is FirstFigures {
	const f = x as FirstFigures;
	if (!f || f.version !== 1 || f.method !== 'road' || !Array.isArray(f.thresholds) || !Array.isArray(f.centres) || !Array.isArray(f.regions)) return false;
	const G = GROUPS.length;
	if (!Array.isArray(f.groups) || f.groups.length !== G || f.groups.some((g, i) => g !== GROUPS[i].id)) return false;
	const T = f.thresholds.length;
	if (!isNums(f.thresholds, T)) return false;
	return f.regions.every(
		(r) =>
			typeof r?.code === 'string' &&
			typeof r.name === 'string' &&
			isNums([r.pop2020, r.pop2020WithoutCounts], 2) &&
			isNums(r.known, G) &&
			isNums(r.unknown, G) &&
			isNums(r.median, G, true) &&
			isNums(r.p90, G, true) &&
			isNums(r.knownMoe, G, true) &&
			Array.isArray(r.beyond) &&
			r.beyond.length === T &&
			r.beyond.every((b) => isNums(b, G)) &&
			Array.isArray(r.beyondMoe) &&
			r.beyondMoe.length === T &&
			r.beyondMoe.every((b) => isNums(b, G, true))
	);
}

/** A region's figures at one of the file's thresholds, as the engine computes them; undefined when the file has none. */
export function firstResult(file: FirstFigures, code: string, threshold: number): EquityResult | undefined {
	const f = firstTotals(file, code, threshold);
	return f && resultFromTotals({ groups: GROUPS, region: regionOf(code), threshold, ...f });
}

/** The region of a code of the file ('US' or a state's FIPS). */
export const regionOf = (code: string): Region => (code === 'US' ? { kind: 'nation' } : { kind: 'state', state_fips: code });

/** The states ranked for one group at one of the file's thresholds, as the engine ranks them. */
export function firstRanking(file: FirstFigures, threshold: number, group: GroupId): RankingRow[] | undefined {
	const states = file.regions.filter((r) => r.code !== 'US');
	const results = states.map((r) => firstResult(file, r.code, threshold));
	if (!results.length || results.some((r) => !r)) return undefined;
	return rankingRowsFromResults(
		states.map((r, i) => ({ id: r.code, result: results[i]! })),
		group
	);
}

/** Charts the first figures can draw (the map: its headline share; the engine's travel draws the map). */
const CHARTS = new Set(['equity', 'ranking', 'compare', 'map']);

/**
 * True when a link may be drawn from the first figures: the road method at one of its offered
 * thresholds, the default centre list, no scenario, no areas of the user's (the file decides the
 * rest: {@link firstFiguresSource}). A page fetches the file only then.
 */
export function mayUseFirstFigures({ chart, view, hasScenario }: { chart: string; view: ViewState; hasScenario: boolean }): boolean {
	return (
		CHARTS.has(chart) &&
		view.method === 'road' &&
		METHOD_INFO.road.thresholds.includes(view.threshold) &&
		!hasScenario &&
		view.areaSet == null &&
		usesDefaultCentres(view)
	);
}

/**
 * What every chart model built from the file reads besides its figures (the view's region named, the
 * default list, no scenario); undefined when the file holds no figures for the view's threshold or region.
 */
export function figuresBase(file: FirstFigures, view: ViewState) {
	if (!file.thresholds.includes(view.threshold)) return undefined;
	const names: Record<string, string> = {};
	for (const r of file.regions) if (r.code !== 'US') names[r.code] = r.name;
	const regionName = view.region === 'US' ? 'the United States' : names[view.region];
	if (!regionName) return undefined;
	return {
		view,
		unit: METHOD_INFO[file.method].unit,
		regionName,
		baselineEquity: undefined,
		scenario: EMPTY_SCENARIO,
		scenarioSet: null,
		centreNames: {},
		activeCentres: file.centres,
		placeNames: names
	};
}

/** A region's sums at one of the file's thresholds, as {@link resultFromTotals} reads them; undefined when the file has none. */
export function firstTotals(file: FirstFigures, code: string, threshold: number): { totals: EquityTotals; pop2020WithoutCounts: number } | undefined {
	const t = file.thresholds.indexOf(threshold);
	const r = file.regions.find((x) => x.code === code);
	if (t < 0 || !r) return undefined;
	return {
		totals: {
			known: r.known,
			beyond: r.beyond[t],
			unknown: r.unknown,
			median: r.median,
			p90: r.p90,
			beyondMoe: r.beyondMoe[t].map(orNaN),
			knownMoe: r.knownMoe.map(orNaN)
		},
		pop2020WithoutCounts: r.pop2020WithoutCounts
	};
}

/**
 * What an embed's chart model reads, from the file, when the link asks for figures it holds:
 * the road method at one of its thresholds, the default centre list (no scenario, no list or
 * areas of the user's), and the nation or states only. Undefined otherwise (the engine draws).
 */
export function firstFiguresSource({
	file,
	chart,
	view,
	hasScenario,
	regions = []
}: {
	file: FirstFigures;
	chart: string;
	view: ViewState;
	hasScenario: boolean;
	/** compare: the link's region codes */
	regions?: readonly string[];
}): { dash: FiguresDash; cmp?: FiguresComparison } | undefined {
	if (!mayUseFirstFigures({ chart, view, hasScenario })) return undefined;
	const base = figuresBase(file, view);
	if (!base) return undefined;
	const names = base.placeNames;
	const threshold = view.threshold;
	switch (chart) {
		case 'equity':
		case 'map': {
			const equity = firstResult(file, view.region, threshold);
			return equity ? { dash: { ...base, equity, rankings: [], rankingGrain: 'state' } } : undefined;
		}
		case 'ranking': {
			const rankings = view.region === 'US' ? firstRanking(file, threshold, view.group) : undefined;
			return rankings ? { dash: { ...base, equity: undefined, rankings, rankingGrain: 'state' } } : undefined;
		}
		case 'compare': {
			const national = firstResult(file, 'US', threshold);
			if (!national || view.region !== 'US' || !regions.length || regions.some((c) => regionKind(c) !== 'state')) return undefined;
			const figures: RegionFigures[] = [];
			for (const code of regions) {
				const region = file.regions.find((r) => r.code === code);
				const result = firstResult(file, code, threshold);
				if (!region || !result) return undefined;
				figures.push({ code, name: region.name, kind: 'state', pop2020: region.pop2020, result });
			}
			const dash: FiguresDash = { ...base, equity: national, rankings: [], rankingGrain: 'state' };
			return { dash, cmp: { national, enough: figures.length >= MIN_REGIONS, figures, sentence: (f, group) => regionSentence({ f, group, unit: dash.unit, threshold }) } };
		}
	}
	return undefined;
}
