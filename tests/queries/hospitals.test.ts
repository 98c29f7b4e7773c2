/** queries/hospitals on the real database (static/data/atlas.duckdb from data/*.parquet). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import { ALL_QUERIES, byIds, MAX_LIMIT, search } from '../../src/lib/queries/hospitals';
import { isInUsBounds } from '../../src/lib/geo/us-bounds';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

const FORT_SMITH = '0000372903'; // MERCY HOSPITAL FORT SMITH, Fort Smith AR, 336 beds (HIFLD 2020)

describe('search', () => {
	it.each([
		{ text: 'mercy hospital fort', why: 'name prefix' },
		{ text: 'Hospital Fort Sm', why: 'inside the name, any case' },
		{ text: '  FORT   smith ', why: 'city, extra spaces' }
	])('finds Mercy Hospital Fort Smith by "$text" ($why)', async ({ text }) => {
		const rows = await search(db, { text, state: 'AR', limit: 50 });
		const hit = rows.find((r) => r.hospital_id === FORT_SMITH);
		expect(hit).toMatchObject({
			name: 'MERCY HOSPITAL FORT SMITH',
			city: 'FORT SMITH',
			state: 'AR',
			type: 'GENERAL ACUTE CARE',
			beds: 336,
			is_car_t_centre: false,
			county_name: expect.stringMatching(/Sebastian/)
		});
		expect(typeof hit!.lat).toBe('number');
	});

	it('ranks name prefixes first, then by beds (unknown last)', async () => {
		const rows = await search(db, { text: 'mercy', limit: 50 });
		expect(rows).toHaveLength(50);
		const rank = (n: string) => (n.toLowerCase().startsWith('mercy') ? 0 : n.toLowerCase().includes(' mercy') ? 1 : 2);
		for (let i = 1; i < rows.length; i++) {
			const [a, b] = [rows[i - 1], rows[i]];
			expect(rank(a.name)).toBeLessThanOrEqual(rank(b.name));
			if (rank(a.name) === rank(b.name) && b.beds != null) expect(a.beds ?? -1).toBeGreaterThanOrEqual(b.beds);
		}
		expect(rank(rows[0].name)).toBe(0);
	});

	it.each([
		{ text: '%', why: 'LIKE wildcard' },
		{ text: '_', why: 'LIKE single-char wildcard' },
		{ text: "x' OR 1=1 --", why: 'quote injection' },
		{ text: '\\', why: 'backslash' }
	])('user text "$text" is literal ($why)', async ({ text }) => {
		await expect(search(db, { text, limit: 50 })).resolves.toEqual([]);
	});

	it("an apostrophe in the text finds names with one (ST DAVID'S)", async () => {
		const rows = await search(db, { text: "st david's", limit: 50 });
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.name.toLowerCase()).toContain("st david's");
	});

	it('filters by state, beds and type; clamps the limit to 50', async () => {
		const rows = await search(db, { text: '', state: 'tx', minBeds: 500, types: ['GENERAL ACUTE CARE'], limit: 500 });
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.length).toBeLessThanOrEqual(MAX_LIMIT);
		for (const r of rows) expect(r).toMatchObject({ state: 'TX', type: 'GENERAL ACUTE CARE', beds: expect.any(Number) });
		expect(Math.min(...rows.map((r) => r.beds!))).toBeGreaterThanOrEqual(500);
		expect((await search(db, { text: '', limit: 0 })).length).toBe(1);
	});

	it('marks hospitals that are already CAR-T centres', async () => {
		const [r] = await db.query<{ hospital_id: string; name: string }>(
			`SELECT hospital_id, name FROM hospitals WHERE is_car_t_centre ORDER BY hospital_id LIMIT 1`
		);
		const rows = await byIds(db, [r.hospital_id]);
		expect(rows[0].is_car_t_centre).toBe(true);
	});
});

describe('byIds', () => {
	it('round-trips the ids of a search, ordered by id, bad and unknown ids dropped', async () => {
		const found = await search(db, { text: 'children', limit: 10 });
		const ids = found.map((r) => r.hospital_id);
		const rows = await byIds(db, [...ids, '0000000000', 'h:0000372903', "1'; DROP", ids[0]]);
		expect(rows.map((r) => r.hospital_id)).toEqual([...ids].sort());
		expect(rows).toEqual(expect.arrayContaining(found));
	});
	it('no ids → no rows, no query', async () => {
		await expect(byIds(db, [])).resolves.toEqual([]);
		await expect(byIds(db, ['nope'])).resolves.toEqual([]);
	});
});

describe('us-bounds against the data', () => {
	it('every candidate hospital and every centre lies inside the US boxes', async () => {
		const rows = await db.query<{ id: string; lat: number; lon: number }>(
			`SELECT hospital_id AS id, lat, lon FROM hospitals UNION ALL SELECT centre_id, lat, lon FROM centres`
		);
		expect(rows.length).toBe(5_347 + 174);
		expect(rows.filter((r) => !isInUsBounds(r.lat, r.lon))).toEqual([]);
	});
});

describe('every query of the module compiles against the real schema', () => {
	it.each(Object.entries(ALL_QUERIES))('%s', async (_, make) => {
		const q = make();
		await expect(db.query(`EXPLAIN ${q.sql}`, q.params)).resolves.toBeDefined();
	});
});
