/**
 * hospitals.parquet: HIFLD hospitals usable as candidate CAR-T sites for what-if planning:
 * STATUS = 'OPEN' and TYPE in (GENERAL ACUTE CARE, CRITICAL ACCESS, CHILDREN), inside the 2023
 * county universe (50 states + DC + PR). CCN and staffed beds via CovidCareMap.
 */
import type { Ctx } from './lib/context.ts';
import { csvText } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { remapCounties } from './lib/remap.ts';
import { P, S } from './lib/sources.ts';
import type { TableSpec } from './lib/write.ts';

export const HOSPITAL_TYPES = ['GENERAL ACUTE CARE', 'CRITICAL ACCESS', 'CHILDREN'];
export const EXPECTED_HIFLD = 7_581;

export async function buildHospitals(ctx: Ctx, universe: Set<string>): Promise<TableSpec> {
	const { db, report } = ctx;
	await db.run(`CREATE OR REPLACE TABLE raw_hifld AS SELECT * FROM ${csvText(ctx, P.hifld)}`);
	const h = await db.one<{ n: number; u: number; badid: number; bad: number }>(`SELECT count(*)::INTEGER n, count(DISTINCT ID)::INTEGER u,
		count(*) FILTER (WHERE NOT regexp_full_match(ID, '\\d{10}'))::INTEGER badid,
		count(*) FILTER (WHERE TRY_CAST(LATITUDE AS DOUBLE) IS NULL OR TRY_CAST(LONGITUDE AS DOUBLE) IS NULL OR TRY_CAST(BEDS AS INTEGER) IS NULL)::INTEGER bad
		FROM raw_hifld`);
	assert(h.n === EXPECTED_HIFLD && h.u === h.n && h.badid === 0, `hospitals: HIFLD has ${h.n} rows, ${h.u} unique IDs, ${h.badid} IDs not 10 digits; expected ${EXPECTED_HIFLD}`);
	assert(h.bad === 0, `hospitals: ${h.bad} HIFLD rows with unparseable coordinates or BEDS`);

	const typeList = HOSPITAL_TYPES.map((t) => `'${t}'`).join(', ');
	await db.run(`CREATE OR REPLACE TABLE hifld_class AS SELECT *,
		CASE WHEN STATUS <> 'OPEN' THEN 'status ' || STATUS
			WHEN TYPE NOT IN (${typeList}) THEN 'type ' || TYPE
			WHEN lpad(ST_FIPS, 2, '0') NOT IN (SELECT state_fips FROM state_ref) THEN 'outside the county universe (' || STATE || ')'
		END AS excluded FROM raw_hifld`);
	const excl = await db.all<{ reason: string; rows: number }>(`SELECT excluded AS reason, count(*)::INTEGER AS rows FROM hifld_class
		WHERE excluded IS NOT NULL GROUP BY 1 ORDER BY 1`);

	const pts = await db.all<{ id: string; state_fips: string; county_fips_src: string | null; lat: number; lon: number }>(`SELECT ID AS id,
		lpad(ST_FIPS, 2, '0') AS state_fips, NULLIF(COUNTYFIPS, 'NOT AVAILABLE') AS county_fips_src, LATITUDE::DOUBLE lat, LONGITUDE::DOUBLE lon
		FROM hifld_class WHERE excluded IS NULL ORDER BY ID`);
	const remapped = await remapCounties(ctx, 'hospital_county', pts, universe);
	const byCode = new Map<string, string[]>();
	for (const r of remapped) {
		const k = `${r.county_fips_src ?? 'blank'} -> ${r.county_fips}${r.county_method === 'nearest_polygon' ? ' (nearest polygon)' : ''}`;
		byCode.set(k, [...(byCode.get(k) ?? []), r.id]);
	}
	report.exception(
		'hospitals',
		'HIFLD county code not in the 2023 universe, replaced by point-in-polygon (code -> new code: hospitals)',
		[...byCode.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, ids]) => `${k}: ${ids.length}`)
	);

	await db.run(`CREATE OR REPLACE TABLE raw_ccm AS SELECT * FROM ${csvText(ctx, P.ccm)}`);
	const ccm = await db.one<{ dup: number; nan: number; badccn: number }>(`SELECT
		(count(*) FILTER (WHERE "HIFLD-ID" <> 'NaN') - count(DISTINCT "HIFLD-ID") FILTER (WHERE "HIFLD-ID" <> 'NaN'))::INTEGER dup,
		count(*) FILTER (WHERE "HIFLD-ID" = 'NaN' OR "HIFLD-ID" IS NULL)::INTEGER nan,
		count(*) FILTER (WHERE "HCRIS-ID" IS NOT NULL AND NOT regexp_full_match("HCRIS-ID", '[0-9A-Z]{6}'))::INTEGER badccn FROM raw_ccm`);
	assert(ccm.dup === 0, `hospitals: ${ccm.dup} duplicate HIFLD-IDs in CovidCareMap`);
	assert(ccm.badccn === 0, `hospitals: ${ccm.badccn} CovidCareMap HCRIS-IDs are not 6-character CCNs`);

	await db.run(`CREATE OR REPLACE TABLE out_hospitals AS
		SELECT h.ID AS hospital_id, h.NAME AS name, h.CITY AS city, h.STATE AS state, lpad(h.ST_FIPS, 2, '0') AS state_fips, k.county_fips,
			h.LATITUDE::DOUBLE AS lat, h.LONGITUDE::DOUBLE AS lon, h.TYPE AS type,
			CASE WHEN h.BEDS::INTEGER = -999 THEN NULL ELSE h.BEDS::INTEGER END AS beds,
			c."HCRIS-ID" AS ccn,
			CAST(TRY_CAST(c."Staffed All Beds" AS DOUBLE) AS INTEGER) AS staffed_beds,
			NULLIF(h.TRAUMA, 'NOT AVAILABLE') AS trauma,
			h.ID IN (SELECT hifld_id FROM raw_centres WHERE hifld_id IS NOT NULL) AS is_car_t_centre
		FROM hifld_class h
		JOIN hospital_county k ON k.id = h.ID
		LEFT JOIN raw_ccm c ON c."HIFLD-ID" = ltrim(h.ID, '0') AND c."HIFLD-ID" <> 'NaN'
		WHERE h.excluded IS NULL`);
	const o = await db.one<{ n: number; ccn: number; staffed: number; centres: number; nobeds: number }>(`SELECT count(*)::INTEGER n, count(ccn)::INTEGER ccn,
		count(staffed_beds)::INTEGER staffed, count(*) FILTER (WHERE is_car_t_centre)::INTEGER centres, count(*) FILTER (WHERE beds IS NULL)::INTEGER nobeds FROM out_hospitals`);
	report.count({ table: 'hospitals', rows_in: h.n, rows_out: o.n, excluded: excl });
	report.note(`hospitals: ${o.n} candidate sites; ${o.ccn} with a CCN and ${o.staffed} with staffed beds via CovidCareMap; ${o.nobeds} with HIFLD BEDS = -999 (NULL); ${o.centres} are CAR-T centre hospitals.`);

	const centreMiss = await db.all<{ id: string; hifld_id: string; why: string }>(`SELECT c.id, c.hifld_id, COALESCE(h.excluded, 'not in HIFLD') why
		FROM raw_centres c LEFT JOIN hifld_class h ON h.ID = c.hifld_id
		WHERE c.hifld_id IS NOT NULL AND c.hifld_id NOT IN (SELECT hospital_id FROM out_hospitals) ORDER BY c.id`);
	if (centreMiss.length)
		report.exception('hospitals', 'centre hospitals (hifld_id) not among the candidate sites because HIFLD excludes them by type/status', centreMiss.map((r) => `${r.id} ${r.hifld_id}: ${r.why}`));

	return {
		source: 'out_hospitals',
		table: 'hospitals',
		file: 'hospitals.parquet',
		description:
			"HIFLD hospitals as candidate CAR-T sites: STATUS = 'OPEN' and TYPE in (GENERAL ACUTE CARE, CRITICAL ACCESS, CHILDREN), 50 states + DC + PR, with 2023 county FIPS, CCN and staffed beds via CovidCareMap.",
		sources: [S.hifld, S.ccm, S.centres, S.atlas],
		orderBy: 'hospital_id'
	};
}
