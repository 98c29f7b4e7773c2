/**
 * counties.parquet: one row per county of the 2023 county universe (3,144 counties of the
 * 50 states + DC as in SVI 2022 and us-atlas-2023, plus 78 Puerto Rico municipios).
 */
import type { Ctx } from './lib/context.ts';
import { csvText } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { P, S } from './lib/sources.ts';
import { demographicColumns, sviNum, SVI_SOURCE_COLUMNS, unparsedCountSql } from './lib/acs.ts';
import { EXPECTED } from './reference.ts';
import type { TableSpec } from './lib/write.ts';

/** Counties known to have no S1901 2019-2023 median household income ('-': too few sample cases). */
export const NO_MEDIAN_INCOME: Record<string, string> = {
	'32009': 'Esmeralda County, Nevada',
	'48261': 'Kenedy County, Texas'
};
/** Fail if a Connecticut planning region's tract sum differs from RUCC Population_2020 by more than this. */
export const CT_TOLERANCE = 0.01;

export async function buildCounties(ctx: Ctx): Promise<TableSpec> {
	const { db, report } = ctx;

	// --- Parse checks on the SVI columns we read.
	const rankCols = ['RPL_THEMES', 'RPL_THEME1', 'RPL_THEME2', 'RPL_THEME3', 'RPL_THEME4', 'AREA_SQMI'];
	const unparsed = await db.one<Record<string, number>>(unparsedCountSql('raw_svi', [...SVI_SOURCE_COLUMNS, ...rankCols]));
	const badCols = Object.entries(unparsed).filter(([, v]) => v > 0);
	assert(badCols.length === 0, `counties: non-numeric SVI cells in ${badCols.map(([k, v]) => `${k} (${v})`).join(', ')}`);

	// --- Connecticut planning regions from 2020 tracts (Census centre-of-population formula).
	await db.run(`CREATE OR REPLACE TABLE ct_regions AS
		SELECT county_fips, sum(pop_2020)::INTEGER AS pop_2020,
			round(sum(pop_2020 * lat) / sum(pop_2020), 6) AS lat,
			round(sum(pop_2020 * lon * cos(radians(lat))) / sum(pop_2020 * cos(radians(lat))), 6) AS lon,
			count(*)::INTEGER AS tracts
		FROM (SELECT * FROM tract_base WHERE state_fips = '09' ORDER BY tract_fips) GROUP BY county_fips`);
	const ctCheck = await db.all<{ county_fips: string; county_name: string; tracts: number; pop_2020: number; rucc_pop_2020: number; diff: number; rel: number }>(`
		SELECT c.county_fips, r.county_name, c.tracts, c.pop_2020, r.rucc_pop_2020, c.pop_2020 - r.rucc_pop_2020 AS diff,
			(c.pop_2020 - r.rucc_pop_2020) / r.rucc_pop_2020 AS rel
		FROM ct_regions c LEFT JOIN rucc r USING (county_fips) ORDER BY c.county_fips`);
	assert(ctCheck.length === 9, `counties: ${ctCheck.length} Connecticut planning regions from tracts, expected 9`);
	const lines = ctCheck.map(
		(r) =>
			`${r.county_fips} ${r.county_name}: ${r.tracts} tracts, tract sum ${r.pop_2020.toLocaleString('en-US')} vs RUCC ${r.rucc_pop_2020?.toLocaleString('en-US')} (${r.diff >= 0 ? '+' : ''}${r.diff}, ${(r.rel * 100).toFixed(3)} %)`
	);
	const off = ctCheck.filter((r) => r.rucc_pop_2020 == null || Math.abs(r.rel) > CT_TOLERANCE);
	assert(off.length === 0, `Connecticut planning regions off by more than ${CT_TOLERANCE * 100} % from RUCC 2023 Population_2020:\n  ${lines.join('\n  ')}`);
	report.exception('counties', 'Connecticut planning regions: 2020 tract sums (final assignment) vs RUCC 2023 Population_2020', lines);
	const pipOnly = await db.all<{ county_fips: string; pop: number; rucc_pop_2020: number }>(`SELECT r.county_fips, COALESCE(p.pop, 0)::INTEGER pop, r.rucc_pop_2020
		FROM rucc r LEFT JOIN (SELECT a.pip_fips AS county_fips, sum(t.pop_2020) pop FROM ct_tract_region a JOIN tract_base t USING (tract_fips) GROUP BY 1) p USING (county_fips)
		WHERE r.county_fips LIKE '091_0' ORDER BY 1`);
	const pipOff = pipOnly.filter((r) => r.pop !== r.rucc_pop_2020);
	report.exception(
		'counties',
		'Connecticut planning regions where plain point-in-polygon (before the old-county constraint) would differ from RUCC 2023',
		pipOff.map((r) => `${r.county_fips}: ${r.pop.toLocaleString('en-US')} vs ${r.rucc_pop_2020.toLocaleString('en-US')} (${r.pop - r.rucc_pop_2020 >= 0 ? '+' : ''}${r.pop - r.rucc_pop_2020}, ${(((r.pop - r.rucc_pop_2020) / r.rucc_pop_2020) * 100).toFixed(3)} %)`)
	);

	// --- S1901 2019-2023 median household income.
	await db.run(`CREATE OR REPLACE TABLE raw_s1901 AS SELECT GEO_ID, NAME, S1901_C01_012E, S1901_C01_012M FROM ${csvText(ctx, P.s1901, "delim = ',', quote = '\"'")}`);
	const s1901 = await db.one<{ n: number; label: number; county: number; other: string }>(`SELECT count(*)::INTEGER n,
		count(*) FILTER (WHERE GEO_ID = 'Geography')::INTEGER AS label, count(*) FILTER (WHERE GEO_ID LIKE '0500000US%')::INTEGER AS county,
		string_agg(GEO_ID, ',' ORDER BY GEO_ID) FILTER (WHERE GEO_ID <> 'Geography' AND GEO_ID NOT LIKE '0500000US%') other FROM raw_s1901`);
	assert(s1901.label === 1 && s1901.county === EXPECTED.universe, `S1901: ${s1901.county} county rows, expected ${EXPECTED.universe}`);
	report.count({
		table: 'counties (S1901 input)',
		rows_in: s1901.n - s1901.label,
		rows_out: s1901.county,
		excluded: [{ reason: `non-county rows (${s1901.other})`, rows: s1901.n - s1901.label - s1901.county }]
	});
	await db.run(`CREATE OR REPLACE TABLE s1901 AS SELECT right(GEO_ID, 5) AS county_fips,
		TRY_CAST(S1901_C01_012E AS INTEGER) AS median_hh_income, TRY_CAST(S1901_C01_012M AS DOUBLE) AS median_hh_income_moe,
		S1901_C01_012E AS raw_e, S1901_C01_012M AS raw_m, NAME
		FROM raw_s1901 WHERE GEO_ID LIKE '0500000US%'`);
	const s1901Orphans = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM s1901 ANTI JOIN universe USING (county_fips)`);
	assert(s1901Orphans.n === 0, `S1901: ${s1901Orphans.n} county rows outside the 2023 universe`);

	// --- Assemble.
	const demo = demographicColumns('s');
	await db.run(`CREATE OR REPLACE TABLE out_counties AS
		SELECT u.county_fips,
			left(u.county_fips, 2) AS state_fips,
			sr.state,
			COALESCE(s.COUNTY, r.county_name) AS county_name,
			COALESCE(ct.lat, co.LATITUDE::DOUBLE) AS lat,
			COALESCE(ct.lon, co.LONGITUDE::DOUBLE) AS lon,
			CASE WHEN ct.county_fips IS NOT NULL THEN 'tract_aggregate' WHEN co.STATEFP IS NOT NULL THEN 'cenpop2020_county' END AS centre_source,
			COALESCE(ct.pop_2020, co.POPULATION::INTEGER) AS pop_2020,
			u.has_svi,
			${demo.map(([name, expr, type]) => `CAST(${expr} AS ${type}) AS ${name}`).join(',\n\t\t\t')},
			CAST(${sviNum('s.RPL_THEMES')} AS DOUBLE) AS svi_overall,
			CAST(${sviNum('s.RPL_THEME1')} AS DOUBLE) AS svi_socioeconomic,
			CAST(${sviNum('s.RPL_THEME2')} AS DOUBLE) AS svi_household,
			CAST(${sviNum('s.RPL_THEME3')} AS DOUBLE) AS svi_minority,
			CAST(${sviNum('s.RPL_THEME4')} AS DOUBLE) AS svi_housing_transport,
			CAST(${sviNum('s.AREA_SQMI')} AS DOUBLE) AS land_area_sqmi,
			i.median_hh_income,
			i.median_hh_income_moe,
			r.rucc_2023,
			r.rucc_description,
			CASE WHEN r.rucc_2023 IS NULL THEN NULL ELSE r.rucc_2023 BETWEEN 1 AND 3 END AS metro,
			m.medicaid_expansion
		FROM universe u
		LEFT JOIN raw_svi s ON lpad(s.FIPS, 5, '0') = u.county_fips
		LEFT JOIN raw_cenpop_co co ON co.STATEFP || co.COUNTYFP = u.county_fips
		LEFT JOIN ct_regions ct ON ct.county_fips = u.county_fips
		LEFT JOIN rucc r ON r.county_fips = u.county_fips
		LEFT JOIN s1901 i ON i.county_fips = u.county_fips
		LEFT JOIN state_ref sr ON sr.state_fips = left(u.county_fips, 2)
		LEFT JOIN medicaid m ON m.state_fips = left(u.county_fips, 2)`);

	// --- Validation.
	const n = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM out_counties`);
	assert(n.n === EXPECTED.universe, `counties: ${n.n} rows, expected ${EXPECTED.universe}`);
	report.count({ table: 'counties', rows_in: EXPECTED.universe, rows_out: n.n, excluded: [] });

	// Census county file rows: all used except the 8 old CT counties (replaced by planning regions).
	const unusedCo = await db.all<{ f: string }>(`SELECT STATEFP || COUNTYFP f FROM raw_cenpop_co ANTI JOIN universe ON county_fips = STATEFP || COUNTYFP ORDER BY 1`);
	assert(unusedCo.every((r) => /^090(0[1-9]|1[0-5])$/.test(r.f)) && unusedCo.length === 8, `CenPop county rows not in the universe: ${unusedCo.map((r) => r.f).join(', ')}`);
	report.count({
		table: 'counties (CenPop county input)',
		rows_in: EXPECTED.cenpopCounties,
		rows_out: EXPECTED.cenpopCounties - unusedCo.length,
		excluded: [{ reason: `old Connecticut counties ${unusedCo.map((r) => r.f).join(',')}, replaced by the 9 planning regions from tracts`, rows: unusedCo.length }]
	});

	const missing = await db.one<Record<string, number>>(`SELECT
		count(*) FILTER (WHERE lat IS NULL OR lon IS NULL OR centre_source IS NULL)::INTEGER no_centre,
		count(*) FILTER (WHERE pop_2020 IS NULL)::INTEGER no_pop,
		count(*) FILTER (WHERE state IS NULL OR county_name IS NULL)::INTEGER no_name,
		count(*) FILTER (WHERE has_svi AND (acs_pop IS NULL OR svi_overall IS NULL OR land_area_sqmi IS NULL))::INTEGER svi_gap,
		count(*) FILTER (WHERE NOT has_svi AND state_fips <> '72')::INTEGER no_svi_not_pr,
		count(*) FILTER (WHERE rucc_2023 IS NULL)::INTEGER no_rucc,
		count(*) FILTER (WHERE medicaid_expansion IS NULL AND state_fips <> '72')::INTEGER no_medicaid
		FROM out_counties`);
	for (const [k, v] of Object.entries(missing)) assert(v === 0, `counties: ${v} rows fail check ${k}`);
	const rankRange = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM out_counties WHERE
		NOT (svi_overall BETWEEN 0 AND 1 AND svi_socioeconomic BETWEEN 0 AND 1 AND svi_household BETWEEN 0 AND 1
		AND svi_minority BETWEEN 0 AND 1 AND svi_housing_transport BETWEEN 0 AND 1)`);
	assert(rankRange.n === 0, `counties: ${rankRange.n} SVI ranks outside 0-1`);

	const noIncome = await db.all<{ county_fips: string; NAME: string; raw_e: string; raw_m: string }>(`SELECT o.county_fips, i.NAME, i.raw_e, i.raw_m
		FROM out_counties o JOIN s1901 i USING (county_fips) WHERE o.median_hh_income IS NULL ORDER BY 1`);
	const unexpected = noIncome.filter((r) => !(r.county_fips in NO_MEDIAN_INCOME));
	assert(unexpected.length === 0, `counties: median household income missing for unexpected counties ${unexpected.map((r) => `${r.county_fips} ${r.NAME} (${r.raw_e})`).join('; ')}`);
	report.exception('counties', 'no S1901 2019-2023 median household income (NULL)', noIncome.map((r) => `${r.county_fips} ${r.NAME}: estimate '${r.raw_e}', MOE '${r.raw_m}'`));
	const noIncomeMoe = await db.all<{ county_fips: string; NAME: string; raw_m: string }>(`SELECT o.county_fips, i.NAME, i.raw_m FROM out_counties o JOIN s1901 i USING (county_fips)
		WHERE o.median_hh_income IS NOT NULL AND o.median_hh_income_moe IS NULL ORDER BY 1`);
	if (noIncomeMoe.length) report.exception('counties', 'median household income present but its MOE is not a number (NULL)', noIncomeMoe.map((r) => `${r.county_fips} ${r.NAME}: '${r.raw_m}'`));

	const pr = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM out_counties WHERE NOT has_svi`);
	report.exception('counties', 'Puerto Rico municipios: no SVI 2022 (CDC publishes PR separately), so ACS demographics, SVI ranks and land area are NULL; Medicaid expansion NULL (KFF covers 50 states + DC)', [`${pr.n} municipios 72001-72153`]);

	// Tract sums = county population, everywhere (CT via the planning-region assignment).
	const tractMismatch = await db.all<{ county_fips: string; t: number; c: number }>(`SELECT c.county_fips, t.pop::INTEGER t, c.pop_2020 c
		FROM out_counties c FULL JOIN (SELECT county_fips, sum(pop_2020) pop FROM tract_base GROUP BY 1) t USING (county_fips)
		WHERE t.pop IS DISTINCT FROM c.pop_2020 ORDER BY 1`);
	assert(tractMismatch.length === 0, `tract population sums differ from county pop_2020 in ${tractMismatch.length} counties: ${tractMismatch.slice(0, 10).map((r) => `${r.county_fips} ${r.t} vs ${r.c}`).join('; ')}`);
	// And on the old CT counties: tract sums = Census county file.
	const ctOld = await db.all<{ f: string }>(`SELECT co.STATEFP || co.COUNTYFP f FROM raw_cenpop_co co
		LEFT JOIN (SELECT county_fips_2020, sum(pop_2020) pop FROM tract_base GROUP BY 1) t ON t.county_fips_2020 = co.STATEFP || co.COUNTYFP
		WHERE t.pop IS DISTINCT FROM co.POPULATION::BIGINT`);
	assert(ctOld.length === 0, `tract sums differ from the Census county file for ${ctOld.map((r) => r.f).join(', ')}`);

	// National totals against the source files and the published 2020 Census counts.
	const tot = await db.one<{ all: number; us: number; src: number; src_us: number; acs: number; acs_src: number }>(`SELECT
		(SELECT sum(pop_2020) FROM out_counties)::BIGINT::DOUBLE AS all,
		(SELECT sum(pop_2020) FROM out_counties WHERE state_fips <> '72')::DOUBLE AS us,
		(SELECT sum(POPULATION::BIGINT) FROM raw_cenpop_co)::DOUBLE AS src,
		(SELECT sum(POPULATION::BIGINT) FROM raw_cenpop_co WHERE STATEFP <> '72')::DOUBLE AS src_us,
		(SELECT sum(acs_pop) FROM out_counties)::DOUBLE AS acs,
		(SELECT sum(E_TOTPOP::BIGINT) FROM raw_svi)::DOUBLE AS acs_src`);
	assert(tot.all === tot.src && tot.all === EXPECTED.pop2020WithPr, `counties: pop_2020 total ${tot.all} vs Census file ${tot.src} vs published ${EXPECTED.pop2020WithPr}`);
	assert(tot.us === tot.src_us && tot.us === EXPECTED.pop2020Us, `counties: pop_2020 total without PR ${tot.us} vs ${tot.src_us} vs ${EXPECTED.pop2020Us}`);
	assert(tot.acs === tot.acs_src, `counties: acs_pop total ${tot.acs} vs SVI E_TOTPOP total ${tot.acs_src}`);
	report.note(
		`national totals: 2020 Census ${tot.all.toLocaleString('en-US')} incl. PR (= source, = published); ${tot.us.toLocaleString('en-US')} 50 states + DC; ACS 2018-2022 (SVI E_TOTPOP) ${tot.acs.toLocaleString('en-US')} (= source).`
	);

	// RUCC population vs ours, outside CT (informational; should be identical).
	const ruccDiff = await db.all<{ county_fips: string; pop_2020: number; rucc_pop_2020: number }>(`SELECT o.county_fips, o.pop_2020, r.rucc_pop_2020
		FROM out_counties o JOIN rucc r USING (county_fips) WHERE o.state_fips <> '09' AND o.pop_2020 IS DISTINCT FROM r.rucc_pop_2020 ORDER BY 1`);
	if (ruccDiff.length) report.exception('counties', 'RUCC 2023 Population_2020 differs from the Census county file (outside CT)', ruccDiff.map((r) => `${r.county_fips}: ${r.pop_2020} vs ${r.rucc_pop_2020}`));
	else report.note('RUCC 2023 Population_2020 equals the Census county file for all 3,213 counties outside CT.');

	return {
		source: 'out_counties',
		table: 'counties',
		file: 'counties.parquet',
		description:
			'One row per county of the 2023 county universe (3,144 counties of the 50 states + DC incl. the 9 CT planning regions, plus 78 PR municipios): 2020 population-weighted centre and population, ACS 2018-2022 demographics and SVI 2022 ranks, ACS 2019-2023 median household income, RUCC 2023, Medicaid expansion.',
		sources: [S.cenpopCounty, S.cenpopTract, S.svi, S.s1901, S.rucc, S.kff, S.atlas],
		orderBy: 'county_fips'
	};
}
