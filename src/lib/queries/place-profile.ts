/**
 * Questions: everything the atlas knows about one county (the place detail panel), and which
 * counties and states match what a reader typed (the place search).
 *
 * Profile (`profileSql`): one row of `counties` by FIPS (a bound parameter), with the state's
 * name, the ACS 2018-2022 counts and 90 % MOEs (as carried by CDC/ATSDR SVI 2022), the SVI
 * 2022 national county ranks (overall and the four themes), ACS 2019-2023 median household
 * income and MOE, RUCC 2023 code and description, metro, Medicaid expansion (KFF April 2025),
 * land area, and from `tracts` the number of 2020 tracts and whether any has its own ACS
 * counts (PROVENANCE §8: only CO, IA, MT, OK, SD, WI, WY). The SVI quartile and the income
 * quintile come from `population-groups.countySql`, so the panel names the same classes as
 * the equity groups (one definition of the cut points). Puerto Rico rows carry NULL counts,
 * SVI and land area (data/README.md, counties).
 *
 * Search (`searchSql`): case- and accent-insensitive substring match with `contains` /
 * `starts_with` on `lower(strip_accents(...))`, not LIKE, so the reader's text is a bound
 * parameter and `%`, `_`, `\`, `'` are literal. Counties also match on "name, state name"
 * and "name, postal code" so "washington county, or" finds the one in Oregon.
 * Ranking: exact name, then name starts with the text, then a word of the name starts with
 * it, then any other match; within a rank states before counties, then larger 2020
 * population first, then name and FIPS so the order is total.
 */
import type { Db, SqlParam } from '$lib/db/types';
import { countySql, COUNT_COLUMNS, type CountColumn } from './population-groups';

/** A 5-digit county FIPS code (state + county). */
export const COUNTY_FIPS_PATTERN = /^\d{5}$/;
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;
/** Longest search text used; longer input is cut (no place name is this long). */
export const MAX_TEXT_LENGTH = 100;

export interface Params {
	/** 5-digit county FIPS, e.g. "08031" */
	county_fips: string;
}

type Counts = { [K in CountColumn]: number | null } & { [K in `${CountColumn}_moe`]: number | null };

export type Row = Counts & {
	county_fips: string;
	state_fips: string;
	county_name: string;
	/** postal code, e.g. "CO" */
	state: string;
	state_name: string;
	lat: number;
	lon: number;
	/** persons, 2020 Census */
	pop_2020: number;
	/** false for the 78 Puerto Rico municipios (no SVI 2022, so no ACS counts) */
	has_svi: boolean;
	/** 0-1 national percentile ranks among US counties (SVI 2022); null for PR */
	svi_overall: number | null;
	svi_socioeconomic: number | null;
	svi_household: number | null;
	svi_minority: number | null;
	svi_housing_transport: number | null;
	/** 1-4, 4 = most vulnerable (same breaks as the equity groups) */
	svi_quartile: number | null;
	/** 2023 US dollars, ACS 2019-2023; null for Esmeralda NV and Kenedy TX */
	median_hh_income: number | null;
	median_hh_income_moe: number | null;
	/** 1 = lowest population-weighted national quintile */
	income_quintile: number | null;
	/** 1-9 (USDA ERS RUCC 2023) */
	rucc_2023: number | null;
	rucc_description: string | null;
	metro: boolean | null;
	medicaid_expansion: boolean | null;
	/** square miles of land; null for PR */
	land_area_sqmi: number | null;
	/** 2020 census tracts in the county */
	n_tracts: number;
	/** true when the county's tracts carry their own ACS counts (else counts are spread by 2020 population) */
	has_tract_counts: boolean;
};

function checkFips(fips: string): string {
	if (typeof fips !== 'string' || !COUNTY_FIPS_PATTERN.test(fips)) {
		throw new RangeError(`county_fips must be a 5-digit county FIPS code such as "08031", got "${fips}"`);
	}
	return fips;
}

/** A county's SVI quartile and income quintile (`population-groups.countySql`'s classes). */
export type CountyClasses = Pick<Row, 'svi_quartile' | 'income_quintile'>;

/**
 * `classes`: the county's SVI quartile and income quintile when the caller has them already (the
 * dashboard holds every county's row of `population-groups.countySql`): the query then reads the one
 * county's row and its tracts only, not every county's classes (~10× less work; a test holds the two equal).
 */
export function profileSql(p: Params, classes?: CountyClasses): { sql: string; params: SqlParam[] } {
	const fips = checkFips(p.county_fips);
	const counts = COUNT_COLUMNS.flatMap((c) => [`c.${c}::DOUBLE AS ${c}`, `c.${c}_moe::DOUBLE AS ${c}_moe`]);
	const given = classes !== undefined;
	const g = given ? { sql: '', params: [] as SqlParam[] } : countySql({});
	return {
		sql: `WITH ${given ? '' : `g AS (${g.sql}),
`}t AS (
  SELECT count(*)::INTEGER AS n_tracts, coalesce(bool_or(has_tract_demographics), false) AS has_tract_counts
  FROM tracts WHERE county_fips = ?::VARCHAR
)
SELECT c.county_fips, c.state_fips, c.county_name, c.state, s.state_name, c.lat, c.lon,
       c.pop_2020::DOUBLE AS pop_2020, c.has_svi,
       ${counts.join(',\n       ')},
       c.svi_overall, c.svi_socioeconomic, c.svi_household, c.svi_minority, c.svi_housing_transport,
       ${given ? '?::INTEGER AS svi_quartile' : 'g.svi_quartile'},
       c.median_hh_income::DOUBLE AS median_hh_income, c.median_hh_income_moe::DOUBLE AS median_hh_income_moe,
       ${given ? '?::INTEGER AS income_quintile' : 'g.income_quintile'},
       c.rucc_2023::INTEGER AS rucc_2023, c.rucc_description, c.metro, c.medicaid_expansion,
       c.land_area_sqmi,
       t.n_tracts, t.has_tract_counts
FROM counties c
CROSS JOIN t
LEFT JOIN states s ON s.state_fips = c.state_fips
${given ? '' : 'LEFT JOIN g ON g.county_fips = c.county_fips\n'}WHERE c.county_fips = ?::VARCHAR`,
		params: given ? [fips, classes.svi_quartile, classes.income_quintile, fips] : [...g.params, fips, fips]
	};
}

/**
 * One county's profile, or null when no county has this FIPS. Throws on a malformed code. `classes`:
 * see {@link profileSql}.
 */
export async function run(db: Db, p: Params, classes?: CountyClasses): Promise<Row | null> {
	const q = profileSql(p, classes);
	const [row] = await db.query<Row>(q.sql, q.params);
	return row ?? null;
}

// ---- search ----

export interface SearchParams {
	/** what the reader typed; trimmed, inner spaces collapsed, accents and case ignored */
	text: string;
	/** 1..MAX_LIMIT; default DEFAULT_LIMIT */
	limit?: number;
}

export interface PlaceHit extends Record<string, unknown> {
	kind: 'state' | 'county';
	/** 2-digit state or 5-digit county FIPS */
	fips: string;
	/** "Colorado", "Denver County" */
	name: string;
	/** postal code of the state ("CO"; the state's own for a state) */
	state: string;
	/** "Colorado" */
	state_name: string;
	/** persons, 2020 Census */
	pop_2020: number;
}

/** Lower case, accents dropped, spaces collapsed, cut to MAX_TEXT_LENGTH (the SQL side uses strip_accents). */
export function normaliseText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.trim()
		.replace(/\s+/g, ' ')
		.slice(0, MAX_TEXT_LENGTH)
		.toLowerCase();
}

function clampLimit(limit: number | undefined): number {
	if (limit == null || !Number.isFinite(limit)) return DEFAULT_LIMIT;
	return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export function searchSql(p: SearchParams): { sql: string; params: SqlParam[] } {
	return {
		sql: `WITH p AS (SELECT ?::VARCHAR AS t),
places AS (
  SELECT 'state' AS kind, state_fips AS fips, state_name AS name, state, state_name, pop_2020::DOUBLE AS pop_2020,
         lower(strip_accents(state_name)) AS n, lower(strip_accents(state_name)) AS label1, lower(state) AS label2
  FROM states
  UNION ALL
  SELECT 'county', c.county_fips, c.county_name, c.state, s.state_name, c.pop_2020::DOUBLE,
         lower(strip_accents(c.county_name)),
         lower(strip_accents(c.county_name || ', ' || s.state_name)),
         lower(strip_accents(c.county_name || ', ' || c.state))
  FROM counties c LEFT JOIN states s ON s.state_fips = c.state_fips
)
SELECT kind, fips, name, state, state_name, pop_2020
FROM places CROSS JOIN p
WHERE p.t <> '' AND (contains(n, p.t) OR contains(label1, p.t) OR contains(label2, p.t))
ORDER BY CASE
           WHEN n = p.t THEN 0
           WHEN starts_with(n, p.t) THEN 1
           WHEN contains(n, ' ' || p.t) OR contains(n, '-' || p.t) THEN 2
           ELSE 3
         END,
         CASE kind WHEN 'state' THEN 0 ELSE 1 END,
         pop_2020 DESC, name, fips
LIMIT ?`,
		params: [normaliseText(p.text ?? ''), clampLimit(p.limit)]
	};
}

/** Counties and states matching the text, best first; empty text matches nothing. */
export async function searchPlaces(db: Db, p: SearchParams): Promise<PlaceHit[]> {
	const q = searchSql(p);
	if (q.params[0] === '') return [];
	return db.query<PlaceHit>(q.sql, q.params);
}

/** Every query of the module with typical parameters, for the schema test. */
export const ALL_QUERIES = {
	profile: () => profileSql({ county_fips: '08031' }),
	profileWithClasses: () => profileSql({ county_fips: '08031' }, { svi_quartile: 3, income_quintile: 5 }),
	search: () => searchSql({ text: 'denver' })
};
