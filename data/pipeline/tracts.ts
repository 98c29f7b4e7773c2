/**
 * tracts.parquet: one row per 2020 census tract of the 52 Centers of Population tract files
 * (50 states + DC + PR). Connecticut tracts keep their 2020 codes (old counties 09001-09015) and
 * are assigned to a 2023 planning region (09110-09190) by point-in-polygon of their population
 * centre. Demographics only for the 7 states of the partial SVI 2022 tract set.
 */
import type { Ctx } from './lib/context.ts';
import { csvText, rawPath } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { createTableFromRows, lit } from './lib/duck.ts';
import { P, S } from './lib/sources.ts';
import { assignCtTracts } from './lib/ct-regions.ts';
import { demographicColumns, sviNum, SVI_SOURCE_COLUMNS, unparsedCountSql } from './lib/acs.ts';
import type { TableSpec } from './lib/write.ts';
import path from 'node:path';

export const EXPECTED_TRACTS = 85_395;
export const EXPECTED_TRACT_FILES = 52;
/** A CT tract centre at least this far from every other region's 1:10m boundary counts as unambiguous. */
export const CT_UNAMBIGUOUS_KM = 2;
export const SVI_TRACT_STATES = ['08', '19', '30', '40', '46', '55', '56'];

/** Stage `tract_base`: every CenPop tract with its 2023-universe county_fips. */
export async function stageTracts(ctx: Ctx): Promise<void> {
	const { db, report } = ctx;
	const glob = path.join(rawPath(ctx, P.cenpopTractDir), 'CenPop2020_Mean_TR*.txt');
	await db.run(`CREATE OR REPLACE TABLE raw_tract AS
		SELECT STATEFP, COUNTYFP, TRACTCE, POPULATION, LATITUDE, LONGITUDE, parse_filename(filename) AS src_file
		FROM read_csv(${lit(glob)}, all_varchar = true, header = true, filename = true)`);
	const f = await db.one<{ files: number; n: number; bad: number }>(`SELECT count(DISTINCT src_file)::INTEGER files, count(*)::INTEGER n,
		count(*) FILTER (WHERE TRY_CAST(POPULATION AS INTEGER) IS NULL OR TRY_CAST(LATITUDE AS DOUBLE) IS NULL
			OR TRY_CAST(LONGITUDE AS DOUBLE) IS NULL OR length(STATEFP||COUNTYFP||TRACTCE) <> 11)::INTEGER bad FROM raw_tract`);
	assert(f.files === EXPECTED_TRACT_FILES, `tracts: found ${f.files} CenPop tract files, expected ${EXPECTED_TRACT_FILES}`);
	assert(f.n === EXPECTED_TRACTS, `tracts: ${f.n} tract rows, expected ${EXPECTED_TRACTS} (geography PROVENANCE §2)`);
	assert(f.bad === 0, `tracts: ${f.bad} rows with unparseable population/coordinates or a GEOID that is not 11 characters`);

	// Connecticut: tract population centre -> 2023 planning region.
	const ct = await db.all<{ tract_fips: string; lat: number; lon: number; pop: number }>(`SELECT STATEFP||COUNTYFP||TRACTCE tract_fips,
		LATITUDE::DOUBLE lat, LONGITUDE::DOUBLE lon, POPULATION::INTEGER pop FROM raw_tract WHERE STATEFP = '09' ORDER BY tract_fips`);
	const { rows, allowed } = assignCtTracts(ctx.locator, ct, CT_UNAMBIGUOUS_KM);
	ctx.ctAllowed = allowed;
	await createTableFromRows(
		db,
		'ct_tract_region',
		[
			{ name: 'tract_fips', type: 'VARCHAR' },
			{ name: 'county_fips', type: 'VARCHAR' },
			{ name: 'pip_fips', type: 'VARCHAR' },
			{ name: 'method', type: 'VARCHAR' }
		],
		rows
	);
	const nearest = rows.filter((r) => r.method === 'nearest');
	if (nearest.length > 0) {
		report.exception(
			'tracts',
			'Connecticut tracts whose population centre falls outside every 1:10m planning-region polygon (coast): assigned to the nearest region',
			nearest.map((r) => `${r.tract_fips} -> ${r.county_fips} (${r.boundary_km} km from another region, pop ${r.pop})`)
		);
	}
	const moved = rows.filter((r) => r.method === 'constrained');
	if (moved.length > 0) {
		report.exception(
			'tracts',
			`Connecticut tracts within ${CT_UNAMBIGUOUS_KM} km of a 1:10m region boundary whose polygon hit would put them in a region no unambiguous tract of their old county reaches: moved to the nearest region their old county reaches`,
			moved.map((r) => `${r.tract_fips} (pop ${r.pop}): point-in-polygon ${r.pip_fips} -> ${r.county_fips}, ${r.boundary_km} km from the boundary`)
		);
	}
	report.note(
		`CT: ${rows.length} tracts assigned to planning regions (${rows.filter((r) => r.method === 'contains').length} by containment, ${nearest.length} by nearest region, ${moved.length} moved by the old-county constraint).`
	);

	await db.run(`CREATE OR REPLACE TABLE tract_base AS
		SELECT t.STATEFP||t.COUNTYFP||t.TRACTCE AS tract_fips,
			t.STATEFP AS state_fips,
			COALESCE(c.county_fips, t.STATEFP||t.COUNTYFP) AS county_fips,
			t.STATEFP||t.COUNTYFP AS county_fips_2020,
			t.LATITUDE::DOUBLE AS lat,
			t.LONGITUDE::DOUBLE AS lon,
			t.POPULATION::INTEGER AS pop_2020
		FROM raw_tract t LEFT JOIN ct_tract_region c ON c.tract_fips = t.STATEFP||t.COUNTYFP||t.TRACTCE`);
	const ctLeft = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM tract_base WHERE state_fips = '09' AND county_fips NOT LIKE '091_0'`);
	assert(ctLeft.n === 0, `tracts: ${ctLeft.n} Connecticut tracts not mapped to a planning region`);
}

/** Build `out_tracts` (needs tract_base and the county universe table `universe`). */
export async function buildTracts(ctx: Ctx): Promise<TableSpec> {
	const { db, report } = ctx;
	const files = ['Colorado', 'Iowa', 'Montana', 'Oklahoma', 'SouthDakota', 'Wisconsin', 'Wyoming'].map((s) =>
		rawPath(ctx, `${P.sviTractDir}/${s}.csv`)
	);
	await db.run(`CREATE OR REPLACE TABLE raw_svi_tract AS SELECT * FROM read_csv([${files.map(lit).join(', ')}], all_varchar = true, header = true)`);
	const svi = await db.one<{ n: number; dup: number; states: string }>(`SELECT count(*)::INTEGER n, (count(*) - count(DISTINCT FIPS))::INTEGER dup,
		string_agg(DISTINCT ST, ',' ORDER BY ST) states FROM raw_svi_tract`);
	assert(svi.n === 5797 && svi.dup === 0, `tracts: SVI tract files have ${svi.n} rows (${svi.dup} duplicate FIPS); expected 5,797 unique`);
	assert(svi.states === SVI_TRACT_STATES.join(','), `tracts: SVI tract states ${svi.states}, expected ${SVI_TRACT_STATES.join(',')}`);
	const unparsed = await db.one<Record<string, number>>(unparsedCountSql('raw_svi_tract', [...SVI_SOURCE_COLUMNS, 'RPL_THEMES']));
	const badCols = Object.entries(unparsed).filter(([, v]) => v > 0);
	assert(badCols.length === 0, `tracts: non-numeric SVI cells in ${badCols.map(([k, v]) => `${k} (${v})`).join(', ')}`);
	const orphan = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM raw_svi_tract s ANTI JOIN tract_base t ON t.tract_fips = s.FIPS`);
	assert(orphan.n === 0, `tracts: ${orphan.n} SVI tract rows do not match a 2020 CenPop tract`);

	const demo = demographicColumns('s');
	await db.run(`CREATE OR REPLACE TABLE out_tracts AS
		SELECT t.tract_fips, t.county_fips, t.state_fips, t.lat, t.lon, t.pop_2020,
			(s.FIPS IS NOT NULL) AS has_tract_demographics,
			${demo.map(([name, expr, type]) => `CAST(${expr} AS ${type}) AS ${name}`).join(',\n\t\t\t')},
			CAST(${sviNum('s.RPL_THEMES')} AS DOUBLE) AS svi_overall_state_rank
		FROM tract_base t LEFT JOIN raw_svi_tract s ON s.FIPS = t.tract_fips`);

	const notIn = await db.all<{ county_fips: string }>(`SELECT DISTINCT county_fips FROM out_tracts ANTI JOIN universe USING (county_fips) ORDER BY 1`);
	assert(notIn.length === 0, `tracts: county_fips outside the 2023 county universe: ${notIn.map((r) => r.county_fips).join(', ')}`);
	const noDemo = await db.all<{ tract_fips: string; pop_2020: number }>(`SELECT tract_fips, pop_2020 FROM out_tracts
		WHERE state_fips IN (${SVI_TRACT_STATES.map(lit).join(',')}) AND NOT has_tract_demographics ORDER BY tract_fips`);
	if (noDemo.length) {
		assert(noDemo.every((r) => r.pop_2020 === 0), `tracts: populated tracts without an SVI row in the 7 SVI states: ${noDemo.filter((r) => r.pop_2020 > 0).map((r) => r.tract_fips).join(', ')}`);
		report.exception('tracts', 'tracts in the 7 SVI states with no SVI 2022 row (all zero-population water tracts)', noDemo.map((r) => r.tract_fips));
	}
	const n = await db.one<{ n: number; with_demo: number }>(`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE has_tract_demographics)::INTEGER with_demo FROM out_tracts`);
	report.count({ table: 'tracts', rows_in: EXPECTED_TRACTS, rows_out: n.n, excluded: [] });
	report.note(`tracts: ${n.with_demo} of ${n.n} tracts carry SVI 2022 tract demographics (7 states); the rest are NULL.`);

	return {
		source: 'out_tracts',
		table: 'tracts',
		file: 'tracts.parquet',
		description:
			'One row per 2020 census tract (50 states + DC + PR): population-weighted centre and 2020 population; ACS 2018-2022 demographics only for CO, IA, MT, OK, SD, WI, WY.',
		sources: [S.cenpopTract, S.sviTract, S.atlas],
		orderBy: 'tract_fips'
	};
}
