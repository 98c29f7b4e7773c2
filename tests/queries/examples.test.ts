/**
 * Every example query of the SQL console runs against the real shipped database, returns
 * rows, and gives plausible values: the examples cannot rot when the schema changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import { EXAMPLES, exampleById } from '../../src/lib/explore/examples';
import { prepareScript } from '../../src/lib/explore/sql-script';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

type R = Record<string, unknown>;
const run = (id: string) => db.query<R>(exampleById(id)!.sql);

describe('example queries', () => {
	it('have unique ids and pass the console guard', () => {
		expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
		for (const e of EXAMPLES) expect(prepareScript(e.sql).problem, e.id).toBeNull();
	});

	it.each(EXAMPLES.filter((e) => e.id !== 'tract-distances').map((e) => e.id))('%s runs and returns rows', async (id) => {
		const rows = await run(id);
		expect(rows.length).toBeGreaterThan(0);
	});

	it('black-residents-far: only counties above both thresholds, largest first', async () => {
		const rows = await run('black-residents-far');
		for (const r of rows) {
			expect(r.nh_black as number).toBeGreaterThan(10_000);
			expect(r.miles as number).toBeGreaterThan(100);
		}
		const b = rows.map((r) => r.nh_black as number);
		expect(b).toEqual([...b].sort((x, y) => y - x));
	});

	it('state-share-far: 52 places, shares between 0 and 100; DC is 0', async () => {
		const rows = await run('state-share-far');
		expect(rows).toHaveLength(52);
		for (const r of rows) expect(r.pct_beyond_100_miles as number).toBeGreaterThanOrEqual(0);
		expect(rows.find((r) => r.state === 'DC')!.pct_beyond_100_miles).toBe(0);
	});

	it('centres-per-million: counts add up to the 174 listed centres', async () => {
		const rows = await run('centres-per-million');
		expect(rows.reduce((s, r) => s + (r.centres as number), 0)).toBe(174);
	});

	it('metro-distance: residents add up to the 2020 Census count', async () => {
		const rows = await run('metro-distance');
		expect(rows.reduce((s, r) => s + (r.residents as number), 0)).toBe(334_735_155);
	});

	it('tract-distances: one row per tract, non-negative miles', async () => {
		const rows = await run('tract-distances');
		expect(rows).toHaveLength(85_395);
		expect(Math.min(...rows.map((r) => r.miles as number))).toBeGreaterThanOrEqual(0);
	});
});
