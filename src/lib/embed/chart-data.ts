/**
 * The numbers behind each embeddable chart, as a `ChartTable` (the CSV export and the data
 * table alternative), built from the same rows the chart builders draw, so the file holds
 * exactly what the chart shows. Full precision: shares are fractions 0-1 as computed.
 */
import { GROUP_COPY } from '$lib/copy/groups';
import type { BarRow } from '$lib/charts/equity-bars';
import type { CompareRow } from '$lib/charts/compare-bars';
import type { MapPlace, MapTract } from '$lib/charts/county-map';
import type { EquityResult } from '$lib/metrics/equity';
import type { RankingRow } from '$lib/metrics/rankings';
import { formatThreshold, METHOD_INFO, type Method, type TravelUnit } from '$lib/metrics/travel-methods';
import type { CentreFilter } from '$lib/queries/centre-filter';
import { fileFor } from '$lib/copy/sources';
import type { ChartTable, Column } from './csv';

export interface TableContext {
	method: Method;
	threshold: number;
	unit: TravelUnit;
	filter: CentreFilter;
	/** number of centres in the set the figures use */
	centreCount: number;
	regionName: string;
	/** e.g. "scenario: 1 centre added, 2 removed" */
	scenario?: string;
	/** name of the user's own centre set the figures use (state/centre-source); absent: the atlas's list */
	userSet?: string | null;
}

/** "evidence dated 2017-09 to 2026-02" (the centre list's vintage in the manifest). */
export function centreListVintage(): string {
	return fileFor('centres')?.sources.find((s) => s.path.includes('car_t_centres'))?.vintage ?? 'unknown date';
}

/** "ACS 2018-2022 5-year" (the group counts' vintage in the manifest). */
export function acsVintage(): string {
	return fileFor('tracts')?.sources.find((s) => s.path.includes('svi'))?.vintage ?? 'ACS 5-year';
}

/** The embed's source line (`userSet`: the user's own centre set, when the figures use one). */
export function embedSource(userSet: string | null = null): string {
	// (the atlas's list is incomplete: said in every embed and export, as on every page)
	const centres =
		userSet != null ? `centres from the user's own list "${userSet}"` : `centre list as of ${centreListVintage()}, incomplete (distances are upper bounds)`;
	return `Source: CAR-T Access Atlas; ${centres}; population ACS ${acsVintage().replace(/^ACS /, '')} (CDC/ATSDR SVI 2022) and 2020 Census.`;
}

export function centreSetWords(f: CentreFilter, userSet: string | null = null): string {
	if (userSet != null) return `from the user's own list "${userSet}"`;
	const served = f.served.length ? `, serving ${f.served.join(' and ')} patients` : '';
	return `with ${f.evidence.join(' + ')} evidence${served}`;
}

/** Comment lines every table carries. */
export function methodNotes(c: TableContext): string[] {
	const m = METHOD_INFO[c.method];
	return [
		`Region: ${c.regionName}.`,
		`Method: ${m.label} (${m.description}) Unit: ${c.unit}.`,
		`Threshold: ${c.threshold} ${c.unit} (${formatThreshold({ value: c.threshold, unit: c.unit })}); beyond = strictly more than the threshold.`,
		`Centre set: ${c.centreCount} centres ${centreSetWords(c.filter, c.userSet)}${c.scenario ? `; ${c.scenario}` : ''}. ${c.userSet != null ? 'The figures are as complete as that list.' : 'The centre list is incomplete, so distances are upper bounds.'}`,
		`Vintages: ${c.userSet != null ? '' : `centre list ${centreListVintage()}; `}group counts ${acsVintage()} (CDC/ATSDR SVI 2022); population and population-weighted centres 2020 Census.`,
		'Shares are fractions from 0 to 1; intervals are 90 % intervals from ACS margins of error (sampling error of the counts only); empty cell = no data.',
		embedSource(c.userSet)
	];
}

// ---------------------------------------------------------------- map

export const MAP_COLUMNS = (unit: TravelUnit): Column[] => [
	{ key: 'level', label: 'county, or census tract (state maps draw tracts as dots)' },
	{ key: 'fips', label: 'county FIPS code (tracts: their county)' },
	{ key: 'name', label: 'county name' },
	{ key: 'travel', label: 'travel to the nearest centre, as coloured on the map', unit },
	{ key: 'pop_2020', label: 'population, 2020 Census', unit: 'people' },
	{ key: 'nearest_centre', label: 'nearest centre' },
	{ key: 'lat', label: 'tract population-weighted centre latitude', unit: 'degrees' },
	{ key: 'lon', label: 'tract population-weighted centre longitude', unit: 'degrees' }
];

export function mapTable({
	places,
	tracts = [],
	ctx,
	title
}: {
	/** the counties drawn (a state map: that state's counties only) */
	places: readonly MapPlace[];
	tracts?: readonly (MapTract & { county_fips?: string })[];
	ctx: TableContext;
	title: string;
}): ChartTable {
	return {
		title,
		columns: MAP_COLUMNS(ctx.unit),
		rows: [
			...places.map((p) => ['county', p.id, p.name, p.value, p.pop, p.nearest, null, null]),
			...tracts.map((t) => ['tract', t.county_fips ?? null, null, t.value, null, null, t.lat, t.lon])
		],
		notes: [...methodNotes(ctx), 'Map colour classes (upper bounds): see the legend.']
	};
}

// ---------------------------------------------------------------- equity and what-if

export const EQUITY_COLUMNS: Column[] = [
	{ key: 'group_id', label: 'group id' },
	{ key: 'group', label: 'group' },
	{ key: 'family', label: 'family of groups' },
	{ key: 'unit', label: 'people or households' },
	{ key: 'known', label: 'with known travel', unit: 'people or households' },
	{ key: 'beyond', label: 'beyond the threshold', unit: 'people or households' },
	{ key: 'share', label: 'share beyond the threshold (the bar)', unit: 'fraction 0-1' },
	{ key: 'share_low', label: '90 % interval, low', unit: 'fraction 0-1' },
	{ key: 'share_high', label: '90 % interval, high', unit: 'fraction 0-1' },
	{ key: 'ratio', label: 'share divided by the reference group share', unit: 'ratio' },
	{ key: 'reference', label: 'reference group' }
];

export function equityTable({ rows, result, ctx, title }: { rows: readonly BarRow[]; result: EquityResult; ctx: TableContext; title: string }): ChartTable {
	return {
		title,
		columns: EQUITY_COLUMNS,
		rows: rows
			.filter((r) => !r.heading && r.id)
			.map((r) => {
				const g = result.byId[r.id!]!;
				return [g.id, r.label, g.family, g.unit, g.known, g.beyond, r.share, r.low, r.high, r.ratio, r.reference ? GROUP_COPY[r.reference].label : null];
			}),
		notes: methodNotes(ctx)
	};
}

export const WHATIF_COLUMNS: Column[] = [
	{ key: 'group_id', label: 'group id' },
	{ key: 'group', label: 'group' },
	{ key: 'unit', label: 'people or households' },
	{ key: 'share_before', label: 'share beyond the threshold with today\'s centres (the diamond)', unit: 'fraction 0-1' },
	{ key: 'share_after', label: 'share beyond the threshold in the scenario (the bar)', unit: 'fraction 0-1' },
	{ key: 'beyond_before', label: 'beyond the threshold with today\'s centres', unit: 'people or households' },
	{ key: 'beyond_after', label: 'beyond the threshold in the scenario', unit: 'people or households' },
	{ key: 'newly_within', label: 'newly within reach (before minus after)', unit: 'people or households' },
	{ key: 'share_low', label: 'scenario 90 % interval, low', unit: 'fraction 0-1' },
	{ key: 'share_high', label: 'scenario 90 % interval, high', unit: 'fraction 0-1' }
];

export function whatifTable({
	rows,
	result,
	baseline,
	ctx,
	title
}: {
	rows: readonly BarRow[];
	result: EquityResult;
	baseline: EquityResult;
	ctx: TableContext;
	title: string;
}): ChartTable {
	return {
		title,
		columns: WHATIF_COLUMNS,
		rows: rows
			.filter((r) => !r.heading && r.id)
			.map((r) => {
				const a = baseline.byId[r.id!];
				const b = result.byId[r.id!]!;
				return [b.id, r.label, b.unit, r.baseline, r.share, a?.beyond ?? null, b.beyond, a ? a.beyond - b.beyond : null, r.low, r.high];
			}),
		notes: methodNotes(ctx)
	};
}

// ---------------------------------------------------------------- ranking

export function rankingColumns(unit: TravelUnit, groupLabel: string | null): Column[] {
	const cols: Column[] = [
		{ key: 'rank', label: 'rank by share beyond (1 = largest share)', unit: 'rank' },
		{ key: 'fips', label: 'state or county FIPS code' },
		{ key: 'name', label: 'name' },
		{ key: 'share', label: 'share of residents beyond the threshold (the bar)', unit: 'fraction 0-1' },
		{ key: 'beyond', label: 'residents beyond the threshold', unit: 'people' },
		{ key: 'people', label: 'residents with known travel', unit: 'people' },
		{ key: 'median', label: 'population-weighted median travel', unit },
		{ key: 'p90', label: 'population-weighted 90th percentile travel', unit }
	];
	if (groupLabel) {
		cols.push({ key: 'group_share', label: `${groupLabel}: share beyond`, unit: 'fraction 0-1' });
		cols.push({ key: 'group_ratio', label: `${groupLabel}: ratio to its reference group`, unit: 'ratio' });
	}
	return cols;
}

export function rankingTable({
	rows,
	names,
	ctx,
	title,
	groupLabel
}: {
	/** the rows drawn, in rank order */
	rows: readonly RankingRow[];
	names: Record<string, string>;
	ctx: TableContext;
	title: string;
	groupLabel: string | null;
}): ChartTable {
	const withGroup = !!groupLabel && rows.some((r) => r.groupShares);
	return {
		title,
		columns: rankingColumns(ctx.unit, withGroup ? groupLabel : null),
		rows: rows.map((r, i) => [
			i + 1,
			r.id,
			names[r.id] ?? r.id,
			r.share,
			r.beyond,
			r.people,
			r.median,
			r.p90,
			...(withGroup ? [r.groupShares?.share ?? null, r.groupShares?.ratio ?? null] : [])
		]),
		notes: methodNotes(ctx)
	};
}

// ---------------------------------------------------------------- compare

export const COMPARE_COLUMNS: Column[] = [
	{ key: 'group_id', label: 'group id' },
	{ key: 'group', label: 'group' },
	{ key: 'region_code', label: 'state or county FIPS code (US = 50 states and DC)' },
	{ key: 'region', label: 'region' },
	{ key: 'share', label: 'share of the group beyond the threshold (the bar)', unit: 'fraction 0-1' },
	{ key: 'share_low', label: '90 % interval, low', unit: 'fraction 0-1' },
	{ key: 'share_high', label: '90 % interval, high', unit: 'fraction 0-1' },
	{ key: 'national_share', label: 'the same group in the United States (the dashed line)', unit: 'fraction 0-1' }
];

export function compareTable({ rows, ctx, title }: { rows: readonly CompareRow[]; ctx: TableContext; title: string }): ChartTable {
	return {
		title,
		columns: COMPARE_COLUMNS,
		rows: rows
			.filter((r) => r.kind !== 'heading')
			.map((r) => [r.group, GROUP_COPY[r.group].label, r.key.split('|')[1], r.label, r.share, r.low, r.high, r.national]),
		notes: methodNotes(ctx)
	};
}
