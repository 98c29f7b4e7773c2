/**
 * Question: how many people of each population group live at each place (tract, or county)?
 *
 * Counts are ACS 2018-2022 5-year estimates as carried by CDC/ATSDR SVI 2022 (`counties`,
 * and `tracts` for the 7 states CO, IA, MT, OK, SD, WI, WY), with their 90 % margins of
 * error (MOE). See data/README.md and the demographics PROVENANCE §1 and §8.
 *
 * Tract grain (`tractSql`): the finest geography that has counts.
 * - A tract with its own SVI row (`has_tract_demographics`) keeps its own counts
 *   (`apportioned = false`, `county_share = 1`).
 * - Otherwise the county's counts are spread over its tracts in proportion to the 2020
 *   census population: `county_share = pop_2020 / Σ pop_2020 of the county's tracts`
 *   (`apportioned = true`). If a county's tracts all had zero population the share would be
 *   1 / number of tracts (no county in the 2023 universe needs it).
 * - In a county where some tracts have their own counts, a tract without them gets 0 for every
 *   group (`county_share = 0`, `apportioned = false`): the county's people are already in its
 *   other tracts. These are the 14 zero-population Wisconsin water tracts (PROVENANCE §8).
 * - MOEs are apportioned the same way, `county_moe × county_share`. This is an approximation:
 *   it treats the tract's part of the county estimate as a fixed fraction of it, ignores the
 *   error of the share itself, and the pieces of one county are perfectly correlated (so they
 *   must be added linearly within a county before any root-sum-of-squares across counties;
 *   `metrics/equity.ts` does this). U.S. Census Bureau, "Understanding and Using American
 *   Community Survey Data: What All Data Users Need to Know" (2020), ch. 8.
 * - Puerto Rico has no SVI 2022 data: its rows carry NULL group counts.
 *
 * County attributes used for categorical groups:
 * - `metro`: RUCC 2023 codes 1-3 (USDA ERS, Rural-Urban Continuum Codes 2023 documentation).
 * - `svi_quartile`: quartile of the national county rank `svi_overall` (RPL_THEMES), with the
 *   breaks CDC/ATSDR uses for SVI maps: ≤ 0.25, ≤ 0.50, ≤ 0.75, ≤ 1 (SVI 2022 documentation);
 *   4 = most vulnerable.
 * - `income_quintile`: population-weighted national quintiles of county median household
 *   income (ACS 2019-2023 S1901): cut points are the weighted quantiles at 0.2/0.4/0.6/0.8 of
 *   counties of the 50 states + DC weighted by `acs_pop` (smallest income whose cumulative
 *   population share reaches q, the same rule as `metrics/shares.weightedQuantile`), computed
 *   here in SQL from the data. Quintile = 1 + number of cut points strictly below the income,
 *   so 1 = lowest. Puerto Rico municipios are classed by the same national cut points.
 * - `medicaid_expansion`: KFF, status of state Medicaid expansion decisions, April 2025.
 */
import type { Db, SqlParam } from '$lib/db/types';

/** ACS count columns carried per place, each with `<col>_moe`. Identifiers come only from here. */
export const COUNT_COLUMNS = [
	'acs_pop',
	'nh_white',
	'nh_black',
	'hispanic',
	'nh_asian',
	'nh_aian',
	'nh_nhpi',
	'nh_other_multi',
	'pov150',
	'uninsured',
	'age65',
	'households',
	'no_vehicle_hh'
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** States whose tracts carry their own ACS counts (PROVENANCE §8). */
export const TRACT_COUNT_STATES = ['08', '19', '30', '40', '46', '55', '56'] as const;

/** Quantile levels of the income quintile cut points. */
export const INCOME_QUINTILE_LEVELS = [0.2, 0.4, 0.6, 0.8] as const;

export interface Params {
	/** Only places of this state (2-digit FIPS); null or absent = every place (incl. PR). */
	state_fips?: string | null;
}

type Counts = { [K in CountColumn]: number | null } & { [K in `${CountColumn}_moe`]: number | null };

export type Row = Counts & {
	tract_fips: string;
	county_fips: string;
	state_fips: string;
	lat: number;
	lon: number;
	pop_2020: number;
	/** counts are the county's, spread by 2020 population share */
	apportioned: boolean;
	/** fraction of the county's counts given to this tract (1 for tracts with their own counts) */
	county_share: number;
	metro: boolean | null;
	svi_quartile: number | null;
	income_quintile: number | null;
	medicaid_expansion: boolean | null;
};

export type CountyRow = Counts & {
	county_fips: string;
	state_fips: string;
	county_name: string;
	lat: number;
	lon: number;
	pop_2020: number;
	metro: boolean | null;
	svi_quartile: number | null;
	income_quintile: number | null;
	medicaid_expansion: boolean | null;
};

export interface IncomeCutsRow extends Record<string, unknown> {
	q20: number;
	q40: number;
	q60: number;
	q80: number;
}

/** Population-weighted income cut points, 50 states + DC (CTE `income_cuts`). */
const INCOME_CUTS_CTE = `income_cuts AS (
  SELECT ${INCOME_QUINTILE_LEVELS.map(
		(q) => `min(median_hh_income) FILTER (WHERE cum_pop >= ${q} * total_pop)::DOUBLE AS q${Math.round(q * 100)}`
	).join(', ')}
  FROM (
    SELECT median_hh_income,
           sum(acs_pop) OVER (ORDER BY median_hh_income, county_fips ROWS UNBOUNDED PRECEDING) AS cum_pop,
           sum(acs_pop) OVER () AS total_pop
    FROM counties
    WHERE state_fips <> '72' AND median_hh_income IS NOT NULL AND acs_pop > 0
  )
)`;

/** County attributes (CTE `county_attr`, needs `income_cuts`). */
const COUNTY_ATTR_CTE = `county_attr AS (
  SELECT c.county_fips,
         c.metro,
         CASE WHEN c.svi_overall IS NULL THEN NULL
              WHEN c.svi_overall <= 0.25 THEN 1 WHEN c.svi_overall <= 0.5 THEN 2
              WHEN c.svi_overall <= 0.75 THEN 3 ELSE 4 END::INTEGER AS svi_quartile,
         CASE WHEN c.median_hh_income IS NULL THEN NULL
              ELSE 1 + (c.median_hh_income > k.q20)::INTEGER + (c.median_hh_income > k.q40)::INTEGER
                     + (c.median_hh_income > k.q60)::INTEGER + (c.median_hh_income > k.q80)::INTEGER END::INTEGER AS income_quintile,
         c.medicaid_expansion
  FROM counties c CROSS JOIN income_cuts k
)`;

const STATE_FILTER = '(CAST(? AS VARCHAR) IS NULL OR x.state_fips = CAST(? AS VARCHAR))';

function stateParams(p: Params): SqlParam[] {
	const s = p.state_fips ?? null;
	if (s != null && !/^\d{2}$/.test(s)) throw new RangeError(`state_fips must be a 2-digit FIPS code such as "08", got "${s}"`);
	return [s, s];
}

/** Tract grain: one row per 2020 tract, ordered by tract_fips. */
export function tractSql(p: Params = {}) {
	const counts = COUNT_COLUMNS.flatMap((c) => [
		`(CASE WHEN t.has_tract_demographics THEN t.${c} ELSE c.${c} * s.county_share END)::DOUBLE AS ${c}`,
		`(CASE WHEN t.has_tract_demographics THEN t.${c}_moe ELSE c.${c}_moe * s.county_share END)::DOUBLE AS ${c}_moe`
	]);
	return {
		sql: `
WITH ${INCOME_CUTS_CTE}, ${COUNTY_ATTR_CTE},
county_tracts AS (
  SELECT county_fips, sum(pop_2020)::DOUBLE AS tract_pop, count(*)::DOUBLE AS n_tracts,
         bool_or(has_tract_demographics) AS any_tract_counts
  FROM tracts GROUP BY county_fips
), shares AS (
  SELECT t.tract_fips,
         CASE WHEN t.has_tract_demographics THEN 1.0
              WHEN k.any_tract_counts THEN 0.0
              WHEN k.tract_pop > 0 THEN t.pop_2020 / k.tract_pop
              ELSE 1.0 / k.n_tracts END::DOUBLE AS county_share,
         NOT k.any_tract_counts AS apportioned
  FROM tracts t JOIN county_tracts k USING (county_fips)
), x AS (
  SELECT t.tract_fips, t.county_fips, t.state_fips, t.lat, t.lon, t.pop_2020::DOUBLE AS pop_2020,
         s.apportioned, s.county_share,
         ${counts.join(',\n         ')},
         a.metro, a.svi_quartile, a.income_quintile, a.medicaid_expansion
  FROM tracts t
  JOIN shares s USING (tract_fips)
  LEFT JOIN counties c USING (county_fips)
  LEFT JOIN county_attr a USING (county_fips)
)
SELECT * FROM x WHERE ${STATE_FILTER}
ORDER BY tract_fips`,
		params: stateParams(p)
	};
}

/** County grain: one row per county (3,144 + 78 PR municipios), ordered by county_fips. */
export function countySql(p: Params = {}) {
	const counts = COUNT_COLUMNS.flatMap((c) => [`c.${c}::DOUBLE AS ${c}`, `c.${c}_moe::DOUBLE AS ${c}_moe`]);
	return {
		sql: `
WITH ${INCOME_CUTS_CTE}, ${COUNTY_ATTR_CTE},
x AS (
  SELECT c.county_fips, c.state_fips, c.county_name, c.lat, c.lon, c.pop_2020::DOUBLE AS pop_2020,
         ${counts.join(',\n         ')},
         a.metro, a.svi_quartile, a.income_quintile, a.medicaid_expansion
  FROM counties c LEFT JOIN county_attr a USING (county_fips)
)
SELECT * FROM x WHERE ${STATE_FILTER}
ORDER BY county_fips`,
		params: stateParams(p)
	};
}

/** The four income cut points (US dollars, ACS 2019-2023), for captions. */
export function incomeCutsSql() {
	return { sql: `WITH ${INCOME_CUTS_CTE} SELECT * FROM income_cuts`, params: [] as SqlParam[] };
}

export async function run(db: Db, p: Params = {}): Promise<Row[]> {
	const q = tractSql(p);
	return db.query<Row>(q.sql, q.params);
}

export async function runCounties(db: Db, p: Params = {}): Promise<CountyRow[]> {
	const q = countySql(p);
	return db.query<CountyRow>(q.sql, q.params);
}

export async function runIncomeCuts(db: Db): Promise<IncomeCutsRow> {
	const q = incomeCutsSql();
	const [r] = await db.query<IncomeCutsRow>(q.sql, q.params);
	return r;
}

/** Every query of this module, for the schema-compilation test. */
export const ALL_QUERIES = { tractSql, countySql, incomeCutsSql };
