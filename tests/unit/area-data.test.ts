import { describe, expect, it } from 'vitest';
import { readAreaFile, readAreaText, MAX_AREA_ROWS, type KnownPlaces } from '../../src/lib/explore/area-upload';
import { deleteAreaSet, isAreaSet, listAreaSets, loadAreaSet, saveAreaSet, AREA_STORE_KEY } from '../../src/lib/explore/area-store';
import { areaPopulation, areaWeights, AREA_GROUP } from '../../src/lib/metrics/area-weights';
import { buildPopulation, equityAt, prepareEquity, type PopulationRow } from '../../src/lib/metrics/equity';
import { lcg } from './seeded';

const KNOWN: KnownPlaces = {
	counties: new Set(['01001', '08031', '09110', '56035']),
	tracts: new Set(['08031000100', '08031000200', '56035000100'])
};

const ok = (text: string, column?: string) => {
	const r = readAreaText(text, KNOWN, column);
	if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
	return r;
};
const errors = (text: string) => {
	const r = readAreaText(text, KNOWN);
	if (r.ok) throw new Error('accepted');
	return r.errors.map((e) => `${e.line}: ${e.message}`);
};

describe('area data upload', () => {
	it('reads county values, with the value column found by name', () => {
		const r = ok('fips,state,patients\n08031,CO,12\n56035,WY,1204\n');
		expect(r.data).toEqual({ grain: 'county', column: 'patients', fips: ['08031', '56035'], values: [12, 1204] });
		expect(r.warnings.map((w) => w.message)).toEqual(['Used the column "patients"; ignored state.']);
	});
	it('reads tract values and pads codes that lost a leading zero', () => {
		const r = ok('GEOID;value\n8031000100;3\n56035000100;0\n');
		expect(r.data.grain).toBe('tract');
		expect(r.data.fips).toEqual(['08031000100', '56035000100']);
		expect(r.warnings[0].message).toMatch(/1 FIPS code had lost a leading zero/);
	});
	it('asks which column when several could hold the values, then takes the one chosen', () => {
		const r = readAreaText('fips,a2023,a2024\n08031,1,2\n', KNOWN);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.choices).toEqual(['a2023', 'a2024']);
		expect(ok('fips,a2023,a2024\n08031,1,2\n', 'a2024').data.values).toEqual([2]);
	});
	it.each([
		['', /empty/],
		['name,value\nx,1\n', /^1: Missing the FIPS column/],
		['fips\n08031\n', /no column of values/],
		['fips,value\n', /header line but no rows/],
		['fips,value\n8031A,1\n', /^2: "8031A" is not a FIPS code/],
		['fips,value\n08031,1\n08031000100,2\n', /^3: Is a tract code, but line 2 is a county code/],
		['fips,value\n99999,1\n', /^2: 99999 is not a county of the atlas/],
		['fips,value\n09001,1\n', /Connecticut county code from before 2022/],
		['fips,value\n08031999999,1\n', /not a 2020 census tract/],
		['fips,value\n08031,<11\n', /suppressed or missing/],
		['fips,value\n08031,*\n', /suppressed or missing/],
		['fips,value\n08031,\n', /value is empty \(write 0/],
		['fips,value\n08031,-4\n', /negative/],
		['fips,value\n08031,many\n', /"many" is not a number/],
		['fips,value\n08031,1\n08031,2\n', /^3: Repeats the FIPS code 08031 of line 2/],
		['fips,value\n08031,0\n', /Every value is 0/],
		['fips,value\n08031,1,2\n', /^2: Has 3 fields/]
	])('refuses %j', (text, message) => {
		expect(errors(text).join('\n')).toMatch(message);
	});
	it('refuses a file over the row limit, bad UTF-8 and an empty file, before parsing', () => {
		const big = 'fips,value\n' + '08031,1\n'.repeat(MAX_AREA_ROWS + 1);
		expect(errors(big)[0]).toMatch(/limit is 100,000/);
		const latin1 = readAreaFile(Uint8Array.from([...Buffer.from('fips,value\n08031,1 caf'), 0xe9, 10]), KNOWN);
		expect(!latin1.ok && latin1.errors[0].message).toMatch(/UTF-8/);
		expect(!readAreaFile(new Uint8Array(0), KNOWN).ok).toBe(true);
	});
	it('fuzz: 3,000 random malformed files never throw', () => {
		const r = lcg(7);
		const PIECES = ['fips', 'value', 'geoid', ',', ';', '\t', '"', '\n', '\r\n', '08031', '8031', '56035000100', '-1', '1e999', 'NaN', '<5', '*', 'é', '\u0000', '__proto__', ' '];
		for (let k = 0; k < 3000; k++) {
			let s = r() < 0.5 ? 'fips,value\n' : '';
			const n = Math.floor(r() * 30);
			for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
			const res = readAreaText(s, KNOWN);
			if (res.ok) expect(res.data.values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
			else expect(res.errors.length).toBeGreaterThan(0);
		}
	});
});

describe('area store', () => {
	const mem = () => {
		const m = new Map<string, string>();
		return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
	};
	it('saves, lists with totals, loads, refuses a duplicate name, deletes', () => {
		const s = mem();
		const data = ok('fips,patients\n08031,12\n56035,3\n').data;
		expect(saveAreaSet({ name: 'Referrals 2025', data, now: new Date('2026-11-30T00:00:00Z') }, s)).toEqual({ ok: true });
		expect(listAreaSets(s).sets).toEqual([{ name: 'Referrals 2025', savedAt: '2026-11-30T00:00:00.000Z', grain: 'county', column: 'patients', rows: 2, total: 15 }]);
		const loaded = loadAreaSet('Referrals 2025', s);
		expect(isAreaSet(loaded)).toBe(true);
		expect(loaded?.values).toEqual([12, 3]);
		expect(saveAreaSet({ name: 'Referrals 2025', data }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/area data set named "Referrals 2025" already exists/) });
		expect(deleteAreaSet('Referrals 2025', s)).toEqual({ ok: true });
		expect(listAreaSets(s).sets).toEqual([]);
		expect(JSON.parse(s.m.get(AREA_STORE_KEY)!)).toEqual({ version: 1, sets: {} });
	});
	it('isAreaSet rejects damaged values', () => {
		expect(isAreaSet({ grain: 'county', fips: ['08031'], values: [-1] })).toBe(false);
		expect(isAreaSet({ grain: 'state', fips: [], values: [] })).toBe(false);
		expect(isAreaSet({ grain: 'tract', fips: ['1'], values: [] })).toBe(false);
	});
});

describe('area weights', () => {
	const tracts = [
		{ tract_fips: '08031000100', county_fips: '08031', pop_2020: 3000 },
		{ tract_fips: '08031000200', county_fips: '08031', pop_2020: 1000 },
		{ tract_fips: '56035000100', county_fips: '56035', pop_2020: 0 }
	];
	it('spreads county values over tracts by 2020 population; a county without population stays unplaced', () => {
		const w = areaWeights({ data: { grain: 'county', fips: ['08031', '56035', '01001'], values: [100, 7, 5] }, tracts });
		expect([...w.weight]).toEqual([75, 25, 0]);
		expect(w.total).toBe(112);
		expect(w.unplaced).toBe(12);
		expect(w.unmatched).toEqual(['01001']);
	});
	it('puts tract values on their tracts', () => {
		const w = areaWeights({ data: { grain: 'tract', fips: ['08031000200', '99999999999'], values: [4, 2] }, tracts });
		expect([...w.weight]).toEqual([0, 4, 0]);
		expect(w.unplaced).toBe(2);
		expect(w.unmatched).toEqual(['99999999999']);
	});
	it('weights the equity figures: share of the uploaded values beyond the threshold', () => {
		const rows = tracts.map((t) => ({ ...t, state_fips: t.county_fips.slice(0, 2), acs_pop: t.pop_2020 })) as unknown as PopulationRow[];
		const base = buildPopulation({ rows });
		const w = areaWeights({ data: { grain: 'tract', fips: ['08031000100', '08031000200'], values: [30, 10] }, tracts });
		const pop = areaPopulation(base, w.weight);
		// travel: 40 min, 150 min, unknown
		const r = equityAt({ prepared: prepareEquity({ population: pop, travel: Float64Array.from([40, 150, NaN]), region: { kind: 'nation' } }), threshold: 120 });
		const g = r.byId[AREA_GROUP]!;
		expect(g.known).toBe(40);
		expect(g.beyond).toBe(10);
		expect(g.share).toBeCloseTo(0.25, 12);
		expect(g.shareMoe).toBeNull();
		expect(() => areaPopulation(base, new Float64Array(2))).toThrow(/2 rows/);
	});
});
