/**
 * centres.parquet: every row of the compiled CAR-T centre list (174; partial, see data/README.md),
 * with 2023-universe county FIPS, CCNs completed from the CMS DRG comparison, and CMS Medicare
 * DRG 018 (CAR-T) discharges for data year 2021 joined by CCN.
 */
import type { Ctx } from './lib/context.ts';
import { csvText } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { remapCounties } from './lib/remap.ts';
import { P, S } from './lib/sources.ts';
import type { TableSpec } from './lib/write.ts';

export const EXPECTED_CENTRES = 174;

export async function buildCentres(ctx: Ctx, universe: Set<string>): Promise<TableSpec> {
	const { db, report } = ctx;
	await db.run(`CREATE OR REPLACE TABLE raw_centres AS SELECT * FROM ${csvText(ctx, P.centres)}`);
	const n = await db.one<{ n: number; u: number; bad: number }>(`SELECT count(*)::INTEGER n, count(DISTINCT id)::INTEGER u,
		count(*) FILTER (WHERE TRY_CAST(lat AS DOUBLE) IS NULL OR TRY_CAST(lon AS DOUBLE) IS NULL
			OR (hifld_beds IS NOT NULL AND TRY_CAST(hifld_beds AS INTEGER) IS NULL))::INTEGER bad FROM raw_centres`);
	assert(n.n === EXPECTED_CENTRES && n.u === n.n, `centres: ${n.n} rows / ${n.u} ids, expected ${EXPECTED_CENTRES} unique`);
	assert(n.bad === 0, `centres: ${n.bad} rows with unparseable lat/lon/hifld_beds`);
	const enums = await db.one<{ bad: number }>(`SELECT count(*)::INTEGER bad FROM raw_centres WHERE population NOT IN ('adult', 'pediatric', 'both')
		OR evidence_strength NOT IN ('strong', 'moderate', 'weak') OR geocode_precision NOT IN ('hospital_exact', 'hospital_campus', 'city_centroid')`);
	assert(enums.bad === 0, `centres: ${enums.bad} rows with an unknown population/evidence_strength/geocode_precision value`);

	const pts = await db.all<{ id: string; state_fips: string; county_fips_src: string | null; lat: number; lon: number }>(`SELECT c.id, s.state_fips,
		c.county_fips AS county_fips_src, c.lat::DOUBLE lat, c.lon::DOUBLE lon FROM raw_centres c LEFT JOIN state_ref s USING (state) ORDER BY c.id`);
	assert(pts.every((p) => p.state_fips), `centres: state postal code not recognised for ${pts.filter((p) => !p.state_fips).map((p) => p.id).join(', ')}`);
	const remapped = await remapCounties(ctx, 'centre_county', pts, universe);
	report.exception(
		'centres',
		'county FIPS not taken from HIFLD (old CT county, retired AK code, or no HIFLD record): located by point-in-polygon in us-atlas-2023',
		remapped.map((r) => `${r.id}: ${r.county_fips_src ?? 'blank'} -> ${r.county_fips} (${r.county_method})`)
	);

	// CCNs that the CMS DRG 018 comparison supplies for centre rows without one (the 5 of centres PROVENANCE §8).
	await db.run(`CREATE OR REPLACE TABLE raw_drg_comparison AS SELECT * FROM ${csvText(ctx, P.drgComparison)}`);
	await db.run(`CREATE OR REPLACE TABLE ccn_fill AS SELECT DISTINCT trim(unnest(string_split(centre_ids, ';'))) AS id, ccn_missing_in_centre_list AS ccn
		FROM raw_drg_comparison WHERE drg_cd = '018' AND ccn_missing_in_centre_list IS NOT NULL AND trim(ccn_missing_in_centre_list) <> ''`);
	const notUsed = await db.all<{ id: string; ccn: string; match_method: string }>(`SELECT DISTINCT centre_ids AS id, ccn_missing_in_centre_list AS ccn, match_method FROM raw_drg_comparison
		WHERE drg_cd <> '018' AND ccn_missing_in_centre_list IS NOT NULL AND centre_ids NOT IN (SELECT id FROM ccn_fill) ORDER BY 1`);
	report.exception('centres', 'CCN candidates from DRG 016 (autologous BMT) rows of drg_comparison.csv, NOT applied (only the 5 DRG 018 fills are)', notUsed.map((r) => `${r.id} ${r.ccn} (${r.match_method})`));
	const fill = await db.all<{ id: string; ccn: string; old: string | null }>(`SELECT f.id, f.ccn, c.ccn AS old FROM ccn_fill f LEFT JOIN raw_centres c USING (id) ORDER BY f.id`);
	assert(fill.length === 5, `centres: ${fill.length} CCN fills in drg_comparison.csv, expected 5`);
	assert(fill.every((f) => f.old === null), `centres: CCN fill would overwrite an existing CCN: ${fill.filter((f) => f.old).map((f) => `${f.id} ${f.old}->${f.ccn}`).join(', ')}`);
	assert(new Set(fill.map((f) => f.id)).size === fill.length, 'centres: a centre gets two CCN fills');
	report.note(`centres: CCN filled from CMS DRG comparison for ${fill.map((f) => `${f.id}=${f.ccn}`).join(', ')}.`);

	// CMS DRG 018 discharges, data year 2021.
	await db.run(`CREATE OR REPLACE TABLE raw_drg AS SELECT * FROM ${csvText(ctx, P.drgExtract)}`);
	await db.run(`CREATE OR REPLACE TABLE drg018 AS SELECT Rndrng_Prvdr_CCN AS ccn, Tot_Dschrgs::INTEGER AS discharges FROM raw_drg WHERE DRG_Cd = '018'`);
	const d = await db.one<{ n: number; u: number; total: number }>(`SELECT count(*)::INTEGER n, count(DISTINCT ccn)::INTEGER u, sum(discharges)::INTEGER total FROM drg018`);
	assert(d.n === 23 && d.u === 23 && d.total === 544, `centres: DRG 018 extract has ${d.n} rows (${d.u} CCNs, ${d.total} discharges); expected 23 / 23 / 544`);

	await db.run(`CREATE OR REPLACE TABLE out_centres AS
		SELECT c.id AS centre_id, c.name, c.city, c.state, s.state_fips, k.county_fips,
			c.lat::DOUBLE AS lat, c.lon::DOUBLE AS lon, c.geocode_precision,
			CASE WHEN c.products IS NULL OR trim(c.products) = '' THEN []::VARCHAR[]
				ELSE list_filter(list_transform(string_split(c.products, ';'), x -> trim(x)), x -> x <> '') END AS products,
			c.products_note, c.population AS population_served, c.evidence_strength, c.evidence_basis,
			c.source AS source_url, c.source_date,
			COALESCE(c.ccn, f.ccn) AS ccn,
			CASE WHEN c.ccn IS NOT NULL THEN 'centre_list' WHEN f.ccn IS NOT NULL THEN 'cms_drg_comparison' END AS ccn_source,
			c.hifld_id, c.hifld_beds::INTEGER AS beds,
			g.discharges AS cms_drg018_discharges_2021
		FROM raw_centres c
		LEFT JOIN state_ref s USING (state)
		LEFT JOIN centre_county k ON k.id = c.id
		LEFT JOIN ccn_fill f ON f.id = c.id
		LEFT JOIN drg018 g ON g.ccn = COALESCE(c.ccn, f.ccn)`);
	const unmatched = await db.all<{ ccn: string }>(`SELECT ccn FROM drg018 ANTI JOIN out_centres USING (ccn) ORDER BY 1`);
	assert(unmatched.length === 0, `centres: DRG 018 hospitals with no centre row: ${unmatched.map((r) => r.ccn).join(', ')}`);
	const c = await db.one<{ n: number; withccn: number; drg: number; shared: string }>(`SELECT count(*)::INTEGER n, count(ccn)::INTEGER withccn,
		count(cms_drg018_discharges_2021)::INTEGER drg,
		(SELECT string_agg(ccn || ' (' || ids || ')', '; ' ORDER BY ccn) FROM (SELECT ccn, string_agg(centre_id, ',' ORDER BY centre_id) ids FROM out_centres
			WHERE cms_drg018_discharges_2021 IS NOT NULL GROUP BY ccn HAVING count(*) > 1)) shared FROM out_centres`);
	report.count({ table: 'centres', rows_in: EXPECTED_CENTRES, rows_out: c.n, excluded: [] });
	report.note(`centres: ${c.withccn} rows with a CCN; ${c.drg} rows carry DRG 018 discharges (23 CCNs; shared CCNs repeat the hospital total: ${c.shared}).`);

	return {
		source: 'out_centres',
		table: 'centres',
		file: 'centres.parquet',
		description:
			'CAR-T centres: the 174 rows of the partial, evidence-based centre list (a quarter or more of real centres may be missing, so distances are an upper bound on travel burden), with 2023 county FIPS, CCN and CMS DRG 018 discharges (2021).',
		sources: [S.centres, S.hifld, S.ccm, S.drgComparison, S.drgExtract, S.atlas],
		orderBy: 'centre_id'
	};
}
