/**
 * population-groups on the real database (static/data/atlas.duckdb from data/*.parquet).
 * Checks run as SQL over the query's own output, so 85k tract rows never cross into JS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import type { SqlParam } from '../../src/lib/db/types';
import {
	ALL_QUERIES,
	COUNT_COLUMNS,
	countySql,
	runCounties,
	runIncomeCuts,
	TRACT_COUNT_STATES,
	tractSql
} from '../../src/lib/queries/population-groups';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

/** Wrap a query module's SQL as a CTE `q` and run `rest` over it. */
async function over<R extends Record<string, unknown>>(q: { sql: string; params: SqlParam[] }, rest: string): Promise<R[]> {
	return db.query<R>(`WITH q AS (${q.sql}) ${rest}`, q.params);
}

describe('population-groups: tract grain', () => {
	it('one row per tract', async () => {
		const [r] = await over<{ n: number; distinct_n: number }>(tractSql(), 'SELECT count(*)::INT n, count(DISTINCT tract_fips)::INT distinct_n FROM q');
		expect(r).toEqual({ n: 85_395, distinct_n: 85_395 });
	});

	it('apportioned counts and MOEs add up to each county (to rounding)', async () => {
		const cols = COUNT_COLUMNS.flatMap((c) => (c === 'nh_white' ? [c] : [c, `${c}_moe`]));
		const rows = await over<Record<string, number>>(
			tractSql(),
			`, s AS (SELECT county_fips, ${cols.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM q WHERE apportioned GROUP BY 1)
			SELECT count(*)::INT AS counties,
			       ${cols.map((c) => `max(abs(s.${c} - c.${c}))::DOUBLE AS ${c}`).join(', ')}
			FROM s JOIN counties c USING (county_fips) WHERE c.has_svi`
		);
		// 3,144 SVI counties minus the 457 counties of the 7 tract-count states
		expect(rows[0].counties).toBe(3_144 - 457);
		for (const c of cols) expect(rows[0][c], c).toBeLessThan(1e-6);
	});

	it('tract totals equal national totals for every group', async () => {
		const [t] = await over<Record<string, number>>(tractSql(), `SELECT ${COUNT_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM q`);
		const [c] = await db.query<Record<string, number>>(`SELECT ${COUNT_COLUMNS.map((c) => `sum(${c})::DOUBLE AS ${c}`).join(', ')} FROM counties`);
		for (const col of COUNT_COLUMNS) expect(Math.abs(t[col] - c[col]), col).toBeLessThan(1e-3);
		expect(c.acs_pop).toBe(331_097_593);
	});

	it('the 7 states use their own tract counts; everywhere else is apportioned', async () => {
		const states = TRACT_COUNT_STATES.map((s) => `'${s}'`).join(',');
		const [r] = await over<Record<string, number>>(
			tractSql(),
			`SELECT count(*) FILTER (WHERE state_fips IN (${states}) AND apportioned)::INT AS apportioned_in_7,
			        count(*) FILTER (WHERE state_fips NOT IN (${states}) AND NOT apportioned)::INT AS own_outside_7,
			        count(*) FILTER (WHERE state_fips IN (${states}) AND county_share = 1)::INT AS own_rows,
			        count(*) FILTER (WHERE state_fips IN (${states}) AND county_share = 0 AND pop_2020 > 0)::INT AS populated_zero_share
			 FROM q`
		);
		expect(r).toEqual({ apportioned_in_7: 0, own_outside_7: 0, own_rows: 5_797, populated_zero_share: 0 });
		// and the values are the tract table's, unchanged
		const [d] = await over<{ diffs: number }>(
			tractSql(),
			`SELECT count(*)::INT AS diffs FROM q JOIN tracts t USING (tract_fips)
			 WHERE t.has_tract_demographics AND (q.nh_black IS DISTINCT FROM t.nh_black OR q.pov150_moe IS DISTINCT FROM t.pov150_moe OR q.acs_pop IS DISTINCT FROM t.acs_pop)`
		);
		expect(d.diffs).toBe(0);
	});

	it('Puerto Rico rows carry NULL groups', async () => {
		const [r] = await over<{ n: number; with_counts: number }>(
			tractSql({ state_fips: '72' }),
			`SELECT count(*)::INT n, count(*) FILTER (WHERE ${COUNT_COLUMNS.map((c) => `${c} IS NOT NULL`).join(' OR ')})::INT with_counts FROM q`
		);
		expect(r.n).toBeGreaterThan(0);
		expect(r.with_counts).toBe(0);
	});

	it('the state filter is a bound parameter and rejects non-FIPS input', async () => {
		const [r] = await over<{ states: string }>(tractSql({ state_fips: '56' }), `SELECT string_agg(DISTINCT state_fips, ',') AS states FROM q`);
		expect(r.states).toBe('56');
		expect(() => tractSql({ state_fips: "08' OR 1=1 --" })).toThrow(/2-digit FIPS/);
	});

	it('categorical attributes: every 50-state + DC tract has metro, SVI quartile and Medicaid status', async () => {
		const [r] = await over<Record<string, number>>(
			tractSql(),
			`SELECT count(*) FILTER (WHERE metro IS NULL)::INT AS no_metro,
			        count(*) FILTER (WHERE svi_quartile IS NULL)::INT AS no_svi,
			        count(*) FILTER (WHERE medicaid_expansion IS NULL)::INT AS no_medicaid,
			        count(*) FILTER (WHERE svi_quartile NOT BETWEEN 1 AND 4 OR income_quintile NOT BETWEEN 1 AND 5)::INT AS out_of_range
			 FROM q WHERE state_fips <> '72'`
		);
		expect(r).toEqual({ no_metro: 0, no_svi: 0, no_medicaid: 0, out_of_range: 0 });
	});
});

describe('population-groups: county grain and income quintiles', () => {
	it('one row per county, counts as in the counties table', async () => {
		const rows = await runCounties(db);
		expect(rows.length).toBe(3_222);
		const boulder = rows.find((r) => r.county_fips === '08013')!;
		const [raw] = await db.query<{ nh_black: number; metro: boolean }>(`SELECT nh_black::DOUBLE AS nh_black, metro FROM counties WHERE county_fips = '08013'`);
		expect(boulder.nh_black).toBe(raw.nh_black);
		expect(boulder.metro).toBe(raw.metro);
		expect(typeof boulder.acs_pop).toBe('number');
	});

	it('cut points rise, and each quintile holds about a fifth of the 50-state + DC population', async () => {
		const cuts = await runIncomeCuts(db);
		expect(cuts.q20).toBeLessThan(cuts.q40);
		expect(cuts.q40).toBeLessThan(cuts.q60);
		expect(cuts.q60).toBeLessThan(cuts.q80);
		const rows = await over<{ income_quintile: number; share: number }>(
			countySql(),
			`SELECT income_quintile, sum(acs_pop) / (SELECT sum(acs_pop) FROM q WHERE state_fips <> '72' AND income_quintile IS NOT NULL) AS share
			 FROM q WHERE state_fips <> '72' AND income_quintile IS NOT NULL GROUP BY 1 ORDER BY 1`
		);
		expect(rows.map((r) => r.income_quintile)).toEqual([1, 2, 3, 4, 5]);
		// whole counties cannot split a quintile (Los Angeles County alone is ~3 % of the population)
		for (const r of rows) expect(Math.abs(r.share - 0.2)).toBeLessThan(0.04);
	});
});

describe('every query of the module compiles against the real schema', () => {
	it.each(Object.entries(ALL_QUERIES))('%s', async (_, make) => {
		const q = make({});
		await expect(db.query(`EXPLAIN ${q.sql}`, q.params)).resolves.toBeDefined();
	});
});
