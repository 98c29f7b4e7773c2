/**
 * states.parquet: 50 states + DC + PR. Medicaid expansion (KFF April 2025), NCI Cancer Atlas
 * 2013-2017 age-adjusted incidence (NHL, leukaemia), CDC WONDER myeloma ages 30+ for the latest
 * year in the file, and 2020 Census population (sum of the counties table).
 */
import type { Ctx } from './lib/context.ts';
import { csvText, rawPath } from './lib/context.ts';
import { assert } from './lib/check.ts';
import { createTableFromRows } from './lib/duck.ts';
import { readXlsxSheet } from './lib/xlsx.ts';
import { P, S } from './lib/sources.ts';
import type { TableSpec } from './lib/write.ts';

const MYELOMA_HEADER = ['Year', 'Year Code', 'States', 'States Code', 'Count', 'Population', 'Crude Rate'];

export async function buildStates(ctx: Ctx): Promise<TableSpec> {
	const { db, report } = ctx;

	// NCI Cancer Atlas (line 1 is a title).
	for (const [key, rel] of [['nhl', P.nhl], ['leukemia', P.leukemia]] as const) {
		await db.run(`CREATE OR REPLACE TABLE raw_${key} AS SELECT * FROM ${csvText(ctx, rel, 'skip = 1')}`);
		const c = await db.one<{ n: number; bad: number }>(`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE
			TRY_CAST("Age-Adjusted Rate per 100,000" AS DOUBLE) IS NULL OR TRY_CAST("Lower CI" AS DOUBLE) IS NULL
			OR TRY_CAST("Upper CI" AS DOUBLE) IS NULL OR TRY_CAST("Count" AS INTEGER) IS NULL)::INTEGER bad FROM raw_${key}`);
		assert(c.n === 51, `${rel}: ${c.n} rows, expected 51 (50 states + DC)`);
		if (c.bad) {
			const rows = await db.all<Record<string, string>>(`SELECT * FROM raw_${key} WHERE TRY_CAST("Age-Adjusted Rate per 100,000" AS DOUBLE) IS NULL OR TRY_CAST("Count" AS INTEGER) IS NULL`);
			report.exception('states', `${key}: non-numeric cells -> NULL`, rows.map((r) => JSON.stringify(r)));
		}
		await db.run(`CREATE OR REPLACE TABLE ${key} AS SELECT lpad("State FIPS", 2, '0') AS state_fips, Area AS area,
			TRY_CAST("Age-Adjusted Rate per 100,000" AS DOUBLE) AS rate, TRY_CAST("Lower CI" AS DOUBLE) AS lci,
			TRY_CAST("Upper CI" AS DOUBLE) AS uci, TRY_CAST("Count" AS INTEGER) AS cnt FROM raw_${key}`);
		const mism = await db.all<{ state_fips: string; area: string }>(`SELECT k.state_fips, k.area FROM ${key} k LEFT JOIN state_ref s USING (state_fips)
			WHERE s.state_name IS DISTINCT FROM k.area ORDER BY 1`);
		assert(mism.length === 0, `${rel}: state FIPS/name do not match the Census names: ${mism.map((r) => `${r.state_fips} ${r.area}`).join(', ')}`);
	}

	// CDC WONDER myeloma (xlsx).
	const sheet = readXlsxSheet(rawPath(ctx, P.myeloma));
	const header = sheet[0];
	assert(
		MYELOMA_HEADER.every((h, i) => header[i] === h),
		`${P.myeloma}: header ${header.join('|')} does not start with ${MYELOMA_HEADER.join('|')}`
	);
	const body = sheet.slice(1).filter((r) => r.some((c) => c !== ''));
	assert(body.length === 1173, `${P.myeloma}: ${body.length} data rows, expected 1,173`);
	const parsed = body.map((r) => ({
		year: Number(r[0]),
		state_name: r[2],
		state_fips: r[3].padStart(2, '0'),
		count: r[4],
		population: r[5],
		crude: r[6]
	}));
	const latest = Math.max(...parsed.map((r) => r.year));
	const rows = parsed.filter((r) => r.year === latest);
	assert(rows.length === 51, `${P.myeloma}: ${rows.length} rows for ${latest}, expected 51`);
	const numOrNull = (v: string, what: string, st: string): number | null => {
		if (v === 'Suppressed' || v === 'Missing' || v === 'Not Applicable' || v === '') return null;
		const n = Number(v);
		if (!Number.isFinite(n)) throw new Error(`${P.myeloma}: ${what} for ${st} ${latest} is '${v}', not a number or 'Suppressed'`);
		return n;
	};
	const nulls: string[] = [];
	const myeloma = rows.map((r) => {
		const o = {
			state_fips: r.state_fips,
			state_name: r.state_name,
			myeloma_count: numOrNull(r.count, 'Count', r.state_name),
			myeloma_pop_30plus: numOrNull(r.population, 'Population', r.state_name),
			myeloma_crude_rate_30plus: numOrNull(r.crude, 'Crude Rate', r.state_name)
		};
		if (o.myeloma_count === null || o.myeloma_crude_rate_30plus === null || o.myeloma_pop_30plus === null)
			nulls.push(`${r.state_fips} ${r.state_name}: count '${r.count}', rate '${r.crude}'`);
		return o;
	});
	if (nulls.length) report.exception('states', `myeloma ${latest}: suppressed or missing cells -> NULL`, nulls);
	await createTableFromRows(
		db,
		'myeloma',
		[
			{ name: 'state_fips', type: 'VARCHAR' },
			{ name: 'state_name', type: 'VARCHAR' },
			{ name: 'myeloma_count', type: 'INTEGER' },
			{ name: 'myeloma_pop_30plus', type: 'INTEGER' },
			{ name: 'myeloma_crude_rate_30plus', type: 'DOUBLE' }
		],
		myeloma
	);
	const mism = await db.all<{ state_fips: string }>(`SELECT m.state_fips FROM myeloma m LEFT JOIN state_ref s USING (state_fips) WHERE s.state_name IS DISTINCT FROM m.state_name`);
	assert(mism.length === 0, `${P.myeloma}: state code/name mismatch for ${mism.map((r) => r.state_fips).join(', ')}`);

	await db.run(`CREATE OR REPLACE TABLE out_states AS
		SELECT s.state_fips, s.state, s.state_name, m.medicaid_expansion,
			n.rate AS nhl_rate, n.lci AS nhl_rate_lci, n.uci AS nhl_rate_uci, n.cnt AS nhl_count_2013_2017,
			l.rate AS leukemia_rate, l.lci AS leukemia_rate_lci, l.uci AS leukemia_rate_uci, l.cnt AS leukemia_count_2013_2017,
			CASE WHEN y.state_fips IS NOT NULL THEN ${latest} END::INTEGER AS myeloma_year,
			y.myeloma_count, y.myeloma_pop_30plus, y.myeloma_crude_rate_30plus,
			c.pop_2020
		FROM state_ref s
		LEFT JOIN medicaid m USING (state_fips)
		LEFT JOIN nhl n USING (state_fips)
		LEFT JOIN leukemia l USING (state_fips)
		LEFT JOIN myeloma y USING (state_fips)
		LEFT JOIN (SELECT state_fips, sum(pop_2020)::INTEGER pop_2020 FROM out_counties GROUP BY 1) c USING (state_fips)`);
	const chk = await db.one<{ n: number; pop: number; nopop: number }>(`SELECT count(*)::INTEGER n, sum(pop_2020)::DOUBLE pop, count(*) FILTER (WHERE pop_2020 IS NULL)::INTEGER nopop FROM out_states`);
	assert(chk.n === 52 && chk.nopop === 0, `states: ${chk.n} rows (${chk.nopop} without population), expected 52`);
	const cen = await db.one<{ p: number }>(`SELECT sum(POPULATION::BIGINT)::DOUBLE p FROM raw_cenpop_co`);
	assert(chk.pop === cen.p, `states: pop_2020 total ${chk.pop} vs Census county file ${cen.p}`);
	report.count({ table: 'states', rows_in: 52, rows_out: chk.n, excluded: [] });
	report.exception('states', 'Puerto Rico: no NCI Cancer Atlas, CDC WONDER myeloma or KFF row (those files cover 50 states + DC); columns NULL', ['72 Puerto Rico']);

	return {
		source: 'out_states',
		table: 'states',
		file: 'states.parquet',
		description: `50 states + DC + PR: Medicaid expansion (KFF April 2025), NCI Cancer Atlas 2013-2017 age-adjusted NHL and leukaemia incidence, CDC WONDER myeloma ages 30+ (${latest}), 2020 Census population.`,
		sources: [S.cenpopCounty, S.rucc, S.kff, S.nhl, S.leukemia, S.myeloma],
		orderBy: 'state_fips'
	};
}
