/**
 * place-profile on the real database (static/data/atlas.duckdb from data/*.parquet).
 * Expected values are read from data/README.md and the source files it cites: Denver County
 * (its own tract counts, Colorado is one of the 7 states), Los Angeles County (apportioned
 * tracts), Adjuntas Municipio PR (no SVI) and Esmeralda County NV (no 2019-2023 income).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import { ALL_QUERIES, normaliseText, profileSql, run, searchPlaces, searchSql, MAX_LIMIT, type PlaceHit } from '../../src/lib/queries/place-profile';
import { runCounties } from '../../src/lib/queries/population-groups';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

const labels = (hits: PlaceHit[]) => hits.map((h) => `${h.kind}:${h.name}, ${h.state}`);

describe('place-profile: one county', () => {
	it('Denver County: names, counts, SVI, income, RUCC, tracts', async () => {
		const r = await run(db, { county_fips: '08031' });
		expect(r).toMatchObject({
			county_fips: '08031',
			state_fips: '08',
			county_name: 'Denver County',
			state: 'CO',
			state_name: 'Colorado',
			pop_2020: 715_522,
			has_svi: true,
			acs_pop: 710_800,
			nh_black: 60_387,
			nh_black_moe: 1_114,
			uninsured: 64_070,
			no_vehicle_hh: 32_094,
			households: 322_964,
			nh_white_moe: null,
			svi_overall: 0.5603,
			svi_quartile: 3,
			median_hh_income: 91_681,
			median_hh_income_moe: 1_359,
			rucc_2023: 1,
			metro: true,
			medicaid_expansion: true,
			n_tracts: 178,
			has_tract_counts: true
		});
		expect(r!.land_area_sqmi).toBeCloseTo(153.074, 3);
		expect(r!.rucc_description).toMatch(/^Metro - Counties in metro areas of 1 million/);
		// no bigint leaks (counts cast to DOUBLE, tracts to INTEGER)
		for (const [k, v] of Object.entries(r!)) expect(typeof v, k).not.toBe('bigint');
	});

	it('svi_quartile and income_quintile are the equity groups’ own classes for every county', async () => {
		const groups = new Map((await runCounties(db)).map((c) => [c.county_fips, c]));
		for (const fips of ['08031', '06037', '72001', '32009', '02013', '15005']) {
			const r = await run(db, { county_fips: fips });
			const g = groups.get(fips)!;
			expect([r!.svi_quartile, r!.income_quintile, r!.metro, r!.acs_pop], fips).toEqual([g.svi_quartile, g.income_quintile, g.metro, g.acs_pop]);
		}
	});

	it('with the classes given (the dashboard has them): the same row, read without every county’s classes', async () => {
		const groups = new Map((await runCounties(db)).map((c) => [c.county_fips, c]));
		// (Puerto Rico and Esmeralda: null classes; Kalawao HI: the smallest county)
		for (const fips of ['08031', '06037', '72001', '32009', '02013', '15005', '46103', '31161']) {
			const g = groups.get(fips)!;
			const fast = await run(db, { county_fips: fips }, { svi_quartile: g.svi_quartile, income_quintile: g.income_quintile });
			expect(fast, fips).toEqual(await run(db, { county_fips: fips }));
		}
		expect(await run(db, { county_fips: '99999' }, { svi_quartile: null, income_quintile: null })).toBeNull();
		expect(profileSql({ county_fips: '08031' }, { svi_quartile: 3, income_quintile: 5 }).sql).not.toMatch(/income_cuts/);
	});

	it('Los Angeles County: tracts without their own counts', async () => {
		const r = await run(db, { county_fips: '06037' });
		expect(r).toMatchObject({ county_name: 'Los Angeles County', state_name: 'California', has_tract_counts: false });
		const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INT AS n FROM tracts WHERE county_fips = '06037'`);
		expect(r!.n_tracts).toBe(n);
		expect(n).toBeGreaterThan(2000);
	});

	it('Puerto Rico: no ACS counts, SVI or land area, but population, income and RUCC', async () => {
		const r = await run(db, { county_fips: '72001' });
		expect(r).toMatchObject({
			county_name: 'Adjuntas Municipio',
			state_name: 'Puerto Rico',
			has_svi: false,
			acs_pop: null,
			uninsured: null,
			svi_overall: null,
			svi_quartile: null,
			land_area_sqmi: null,
			medicaid_expansion: null,
			pop_2020: 18_020,
			median_hh_income: 18_605,
			rucc_2023: 6,
			has_tract_counts: false
		});
	});

	it('Esmeralda County NV has no 2019-2023 median income', async () => {
		const r = await run(db, { county_fips: '32009' });
		expect(r).toMatchObject({ median_hh_income: null, median_hh_income_moe: null, income_quintile: null, rucc_2023: 9 });
	});

	it('unknown code → null; malformed code → an error that names the format', async () => {
		await expect(run(db, { county_fips: '99999' })).resolves.toBeNull();
		await expect(run(db, { county_fips: "08031' OR 1=1 --" })).rejects.toThrow(/5-digit county FIPS/);
		await expect(run(db, { county_fips: '8031' })).rejects.toThrow(/5-digit county FIPS/);
	});
});

describe('place-profile: search', () => {
	it('the state first, then counties by population', async () => {
		const hits = await searchPlaces(db, { text: 'Washington' });
		expect(hits).toHaveLength(20);
		expect(labels(hits).slice(0, 3)).toEqual(['state:Washington, WA', 'county:Washington County, OR', 'county:Washington County, MN']);
		expect(hits[0]).toMatchObject({ kind: 'state', fips: '53', state_name: 'Washington' });
		const counties = hits.slice(1);
		for (let k = 1; k < counties.length; k++) expect(counties[k - 1].pop_2020).toBeGreaterThanOrEqual(counties[k].pop_2020);
	});

	it('case, spaces and accents do not matter; "name, state" narrows', async () => {
		expect(labels(await searchPlaces(db, { text: '  DOÑA   ana ' }))).toEqual(['county:Doña Ana County, NM']);
		expect(labels(await searchPlaces(db, { text: 'dona ana' }))).toEqual(['county:Doña Ana County, NM']);
		expect(labels(await searchPlaces(db, { text: 'washington county, or' }))).toEqual(['county:Washington County, OR']);
		expect(labels(await searchPlaces(db, { text: 'Denver County, Colorado' }))).toEqual(['county:Denver County, CO']);
	});

	it('prefix matches come before matches inside a name', async () => {
		const hits = labels(await searchPlaces(db, { text: 'dona' }));
		expect(hits).toEqual(['county:Doña Ana County, NM', 'county:McDonald County, MO']);
		// the small prefix matches first, though Miami-Dade (2.7 million) is far larger
		expect(labels(await searchPlaces(db, { text: 'dade' }))).toEqual(['county:Dade County, GA', 'county:Dade County, MO', 'county:Miami-Dade County, FL']);
		// York counties (prefix) before the state of New York (a word of the name)
		const york = labels(await searchPlaces(db, { text: 'york' }));
		expect(york.slice(0, 5).every((h) => h.startsWith('county:York County'))).toBe(true);
		expect(york[5]).toBe('state:New York, NY');
	});

	it('text is never a pattern: quotes, % and _ are literal', async () => {
		expect(labels(await searchPlaces(db, { text: "o'brien" }))).toEqual(["county:O'Brien County, IA"]);
		await expect(searchPlaces(db, { text: '%' })).resolves.toEqual([]);
		await expect(searchPlaces(db, { text: '_' })).resolves.toEqual([]);
		await expect(searchPlaces(db, { text: "'; DROP TABLE counties; --" })).resolves.toEqual([]);
	});

	it('empty text matches nothing; limits are clamped', async () => {
		await expect(searchPlaces(db, { text: '   ' })).resolves.toEqual([]);
		expect(await searchPlaces(db, { text: 'county', limit: 3 })).toHaveLength(3);
		expect(await searchPlaces(db, { text: 'county', limit: 10_000 })).toHaveLength(MAX_LIMIT);
		expect(searchSql({ text: 'x', limit: 0 }).params[1]).toBe(1);
	});

	it('normaliseText', () => {
		expect(normaliseText('  Añasco   Municipio ')).toBe('anasco municipio');
		expect(normaliseText('x'.repeat(500))).toHaveLength(100);
	});
});

describe('every query of the module compiles against the real schema', () => {
	it.each(Object.entries(ALL_QUERIES))('%s', async (_, make) => {
		const q = make();
		await expect(db.query(`EXPLAIN ${q.sql}`, q.params)).resolves.toBeDefined();
	});
});
