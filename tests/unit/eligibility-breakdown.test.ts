/** Eligibility by county, by group, with age structure, and across methods: hand-worked cases. */
import { describe, expect, it } from 'vitest';
import { stateIncidenceRow } from '../fixtures/eligibility-rows';
import { ageWeights, estimateStates, placeWeights, stateAgeShares, type StateIncidenceRow } from '../../src/lib/eligibility/model';
import { countyBreakdown, groupBreakdown } from '../../src/lib/eligibility/breakdown';
import { eligibilityVariants } from '../../src/lib/eligibility/sensitivity';
import { weightBeyond } from '../../src/lib/metrics/sensitivity';
import { AGE_DEFS, DEFAULT_AGE, ageShares, parseAge, serialiseAge } from '../../src/lib/eligibility/age';
import { countyTable, groupTable } from '../../src/lib/eligibility/tables';
import { toCsv } from '../../src/lib/embed/csv';
import { buildPopulation, GROUPS, type PopulationRow } from '../../src/lib/metrics/equity';
import { COUNT_COLUMNS } from '../../src/lib/queries/population-groups';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import calibrationJson from '../../data/drive_time_calibration.json';

const stateRow = stateIncidenceRow;

/** a place row with every ACS count (0 unless given) */
const place = (o: Partial<PopulationRow> & { county_fips: string; state_fips: string }): PopulationRow =>
	({ ...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])), pop_2020: o.acs_pop ?? 0, ...o }) as PopulationRow;

const [state] = estimateStates({ rows: [stateRow()] });
const E = (d: 'lbcl' | 'ball' | 'mm') => state.diseases![d].eligible.central;

// two places in county 01001 and one in 01003:
//   A: 100 people, 50 aged 65+;  B: 300 people, 50 aged 65+;  C: 100 people, 0 aged 65+
// state: 500 people, 100 aged 65+, 400 under 65
const rows = [
	place({ county_fips: '01001', state_fips: '01', acs_pop: 100, age65: 50, nh_black: 20, households: 40, no_vehicle_hh: 10, metro: false }),
	place({ county_fips: '01001', state_fips: '01', acs_pop: 300, age65: 50, nh_black: 30, households: 100, no_vehicle_hh: 5, metro: true }),
	place({ county_fips: '01003', state_fips: '01', acs_pop: 100, age65: 0, nh_black: 0, households: 30, no_vehicle_hh: 0, metro: true })
];

describe('age structure within a state', () => {
	const shares = { nhl: 0.6, leukemia: null, myeloma: 0.8 };
	const aw = ageWeights({ rows, states: [state], ageShare: shares });
	it('lymphoma: 0.6 of patients by share of people 65+, 0.4 by share of people under 65', () => {
		// A: 0.6 × 50/100 + 0.4 × 50/400 = 0.35;  B: 0.6 × 50/100 + 0.4 × 250/400 = 0.55;  C: 0.4 × 100/400 = 0.10
		expect(aw.all['lbcl:central'][0]).toBeCloseTo(0.35 * E('lbcl'), 9);
		expect(aw.all['lbcl:central'][1]).toBeCloseTo(0.55 * E('lbcl'), 9);
		expect(aw.all['lbcl:central'][2]).toBeCloseTo(0.1 * E('lbcl'), 9);
		// the 65+ part: 0.3, 0.3, 0
		expect(aw.age65['lbcl:central'][0]).toBeCloseTo(0.3 * E('lbcl'), 9);
		expect(aw.age65['lbcl:central'][2]).toBe(0);
	});
	it('myeloma with 0.8 aged 65+: A = 0.8 × 0.5 + 0.2 × 0.125 = 0.425', () => {
		expect(aw.all['mm:central'][0]).toBeCloseTo(0.425 * E('mm'), 9);
	});
	it('B-ALL (no age share) stays spread by population: 0.2, 0.6, 0.2; its 65+ part is split by population', () => {
		expect(aw.all['ball:central'][0]).toBeCloseTo(0.2 * E('ball'), 9);
		expect(aw.all['ball:central'][1]).toBeCloseTo(0.6 * E('ball'), 9);
		// A: 0.2 × 50/100
		expect(aw.age65['ball:central'][0]).toBeCloseTo(0.1 * E('ball'), 9);
	});
	it('state totals are kept for every disease and bound; total = sum of diseases', () => {
		for (const k of Object.keys(aw.all) as (keyof typeof aw.all)[]) {
			const [d, b] = k.split(':') as [string, 'low' | 'central' | 'high'];
			const sum = aw.all[k].reduce((a, x) => a + x, 0);
			const want = d === 'total' ? state.total![b] : state.diseases![d as 'lbcl'].eligible[b];
			expect(sum, k).toBeCloseTo(want, 9);
		}
	});
	it('no age shares = the population weights of placeWeights', () => {
		const plain = placeWeights({ rows, states: [state] });
		expect(plain['lbcl:central'][0]).toBeCloseTo(0.2 * E('lbcl'), 9);
		expect(ageWeights({ rows, states: [state] }).all['lbcl:central'][1]).toBeCloseTo(plain['lbcl:central'][1], 12);
	});
	it('a state without anyone aged 65+ (or without age counts) falls back to population', () => {
		const young = rows.map((r) => ({ ...r, age65: 0 }));
		expect(ageWeights({ rows: young, states: [state], ageShare: shares }).all['lbcl:central'][0]).toBeCloseTo(0.2 * E('lbcl'), 9);
		const unknown = rows.map((r) => ({ ...r, age65: null }));
		expect(ageWeights({ rows: unknown, states: [state], ageShare: shares }).all['lbcl:central'][1]).toBeCloseTo(0.6 * E('lbcl'), 9);
	});
	it('a state older than the nation gets a larger share of its cases aged 65+ (same rate ratio)', () => {
		// nation: 600 people, 150 aged 65+ (p = 0.25); a = 0.6 → rate ratio r = 0.6 × 0.75 / (0.4 × 0.25) = 4.5
		// state 01: p = 0.2 → a = 4.5 × 0.2 / (0.9 + 0.8) = 0.9 / 1.7; state 02: p = 0.5 → a = 2.25 / 2.75
		const [s1, s2] = estimateStates({ rows: [stateRow(), stateRow({ state_fips: '02' })] });
		const two = [...rows, place({ county_fips: '02001', state_fips: '02', acs_pop: 100, age65: 50 })];
		const w = ageWeights({ rows: two, states: [s1, s2], ageShare: shares });
		const a1 = 0.9 / 1.7;
		expect(w.all['lbcl:central'][0]).toBeCloseTo((a1 * 0.5 + (1 - a1) * 0.125) * s1.diseases!.lbcl.eligible.central, 9);
		expect(w.age65['lbcl:central'][3]).toBeCloseTo((2.25 / 2.75) * s2.diseases!.lbcl.eligible.central, 9);
		const f = stateAgeShares(shares, 0.25);
		expect(f('nhl', 0.25)).toBeCloseTo(0.6, 12);
		expect(f('leukemia', 0.25)).toBeNull();
		expect(f('nhl', 0)).toBeNull();
	});
	it('cited defaults are valid shares and the URL keeps edits and the off switch', () => {
		for (const a of AGE_DEFS) {
			expect(a.low).toBeLessThanOrEqual(a.value);
			expect(a.value).toBeLessThanOrEqual(a.high);
			expect(a.citations.length).toBeGreaterThan(0);
		}
		expect(ageShares(DEFAULT_AGE)).toEqual({ nhl: 0.553, leukemia: null, myeloma: 0.74 });
		expect(serialiseAge(DEFAULT_AGE)).toEqual({});
		expect(serialiseAge(null)).toEqual({ age: 'off' });
		expect(parseAge(new URLSearchParams('mm_age65=0.6')).values!.mm_age65).toBe(0.6);
		expect(parseAge(new URLSearchParams('age=off')).values).toBeNull();
		const bad = parseAge(new URLSearchParams('nhl_age65=1.5'));
		expect(bad.values!.nhl_age65).toBe(0.553);
		expect(bad.notices[0]).toMatch(/between 0 and 1/);
	});
});

describe('by county', () => {
	const w = placeWeights({ rows, states: [state] });
	const travel = [150, 30, null];
	it('sums places per county; unknown travel counts in eligible only; strict threshold', () => {
		const c = countyBreakdown({ weights: w, rows, travel, threshold: 120, disease: 'total' });
		const T = state.total!;
		expect(c.map((x) => x.county_fips)).toEqual(['01001', '01003']);
		const a = c[0];
		// A 0.2, B 0.6 of the state; A is beyond
		expect(a.eligible.central).toBeCloseTo(0.8 * T.central, 9);
		expect(a.beyond.central).toBeCloseTo(0.2 * T.central, 9);
		expect(a.beyond.low).toBeCloseTo(0.2 * T.low, 9);
		expect(a.beyond.high).toBeCloseTo(0.2 * T.high, 9);
		expect(a.share).toBeCloseTo(0.25, 9);
		const b = c[1];
		expect(b.eligible.central).toBeCloseTo(0.2 * T.central, 9);
		expect(b.known.central).toBe(0);
		expect(b.share).toBeNull();
		expect(countyBreakdown({ weights: w, rows, travel, threshold: 150, disease: 'total' })[0].beyond.central).toBe(0);
	});
	it('one disease, one state; other states are left out', () => {
		const c = countyBreakdown({ weights: w, rows, travel, threshold: 120, disease: 'mm', state_fips: '01' });
		expect(c[0].beyond.central).toBeCloseTo(0.2 * E('mm'), 9);
		expect(countyBreakdown({ weights: w, rows, travel, threshold: 120, disease: 'mm', state_fips: '02' })).toEqual([]);
		expect(() => countyBreakdown({ weights: w, rows, travel: [1], threshold: 120, disease: 'mm' })).toThrow(/one per place/);
	});
	it('CSV has every county with low/central/high and the estimate notice', () => {
		const c = countyBreakdown({ weights: w, rows, travel, threshold: 120, disease: 'total' });
		const csv = toCsv(
			countyTable({
				rows: c,
				names: { '01001': 'Autauga County' },
				stateNames: { '01': 'Alabama' },
				context: { disease: 'All five diseases', threshold: '120 minutes', region: 'Alabama', centres: 'strong + moderate', weighting: 'by population' }
			})
		);
		expect(csv).toMatch(/not a count of patients/);
		const lines = csv.trim().split('\r\n').filter((l) => !l.startsWith('#'));
		expect(lines[0]).toBe('county_fips,county,state,beyond_low,beyond_central,beyond_high,share_beyond,eligible_low,eligible_central,eligible_high');
		expect(lines).toHaveLength(3);
		expect(lines[1].startsWith('01001,Autauga County,Alabama,')).toBe(true);
	});
});

describe('by population group', () => {
	const w = placeWeights({ rows, states: [state] });
	const population = buildPopulation({ rows, groups: GROUPS });
	const travel = [150, 30, null];
	const wA = w['total:central'][0];
	const wB = w['total:central'][1];
	const res = groupBreakdown({ population, weights: w, travel, threshold: 120, disease: 'total' });
	const g = (id: string) => res.find((r) => r.id === id)!;
	it('splits each place by the group share of its people: Black 20 % of A, 10 % of B', () => {
		expect(g('nh_black').beyond.central).toBeCloseTo(0.2 * wA, 9);
		expect(g('nh_black').known.central).toBeCloseTo(0.2 * wA + 0.1 * wB, 9);
		expect(g('nh_black').split).toBe('population share');
	});
	it('households for the vehicle groups: 10 of 40 households in A have no vehicle', () => {
		expect(g('no_vehicle_hh').beyond.central).toBeCloseTo(0.25 * wA, 9);
		expect(g('vehicle_hh').beyond.central).toBeCloseTo(0.75 * wA, 9);
	});
	it('county attributes take the whole place: A is rural; places with unknown travel are left out', () => {
		expect(g('rural').beyond.central).toBeCloseTo(wA, 9);
		expect(g('rural').share).toBeCloseTo(1, 9);
		expect(g('metro').known.central).toBeCloseTo(wB, 9);
		expect(g('metro').share).toBe(0);
		// no "all" row: the total is the headline
		expect(res.some((r) => r.id === 'all')).toBe(false);
	});
	it('with the age model, 65+ and under-65 take its split instead of population shares', () => {
		const aw = ageWeights({ rows, states: [state], ageShare: { nhl: 0.6, leukemia: null, myeloma: 0.8 } });
		const r = groupBreakdown({ population, weights: aw.all, age: aw.age65, travel, threshold: 120, disease: 'lbcl' });
		const old = r.find((x) => x.id === 'age65')!;
		const young = r.find((x) => x.id === 'under65')!;
		expect(old.split).toBe('age model');
		// A: 0.3 of LBCL aged 65+, 0.05 under 65
		expect(old.beyond.central).toBeCloseTo(0.3 * E('lbcl'), 9);
		expect(young.beyond.central).toBeCloseTo(0.05 * E('lbcl'), 9);
		expect(old.beyond.central + young.beyond.central).toBeCloseTo(aw.all['lbcl:central'][0], 9);
	});
	it('a state region keeps only its places; the CSV states the split assumption', () => {
		expect(groupBreakdown({ population, weights: w, travel, threshold: 120, disease: 'total', region: { kind: 'state', state_fips: '02' } })[0].known.central).toBe(0);
		const csv = toCsv(groupTable({ rows: res, context: { disease: 'All', threshold: '120 minutes', region: 'A', centres: 'all', weighting: 'population' } }));
		expect(csv).toMatch(/in proportion to each group/);
	});
});

describe('sensitivity across methods and centre lists', () => {
	const calibration = calibrationJson as unknown as Calibration;
	const weight = [1, 2, 3];
	const include = [1, 1, 0];
	it('weightBeyond: strict, unknown and excluded left out', () => {
		expect(weightBeyond({ values: [150, 120, NaN, 500], weight: [1, 2, 4, 8], include: [1, 1, 1, 0], threshold: 120 })).toEqual({ beyond: 1, known: 3 });
	});
	it('one variant per method and set, the county presets, and the view itself', () => {
		const v = eligibilityVariants({
			weight,
			include,
			// 100 km = 124 min at 30 mph (beyond 120); 10 km = 12 min
			sets: [{ label: 'strong (3 centres)', km: [100, 10, 500] }],
			regions: ['South', 'South', 'South'],
			calibration,
			threshold: 120,
			unit: 'minutes',
			current: { label: 'Drive time on roads, 120 minutes', values: [200, 10, 500] },
			road: null,
			// both included places are in county 0: 200 km from a centre (248 min), road 50 min
			county: { countyOf: Int32Array.from([0, 0, 1]), label: 'strong + moderate', km: [200, 0], roadMinutes: [50, 300] }
		});
		const by = (m: string) => v.find((x) => x.method.startsWith(m))!;
		expect(by('Straight line at 30 mph').share).toBeCloseTo(100 / 3, 9);
		expect(by('Straight line at 30 mph').beyond).toBe(1);
		// 100 km = 62 miles, not beyond 120 miles
		expect(by('Straight line, 120 miles').share).toBe(0);
		expect(Number.isFinite(by('Calibrated').share)).toBe(true);
		expect(by('ISPOR 2025').share).toBe(100);
		expect(by('ISPOR 2025').beyond).toBe(3);
		expect(by('Myeloma 2025').share).toBe(0);
		expect(v.some((x) => x.method === 'Drive time on roads')).toBe(false);
		const cur = v.find((x) => x.current)!;
		expect(cur.share).toBeCloseTo(100 / 3, 9);
		expect(v).toHaveLength(6);
	});
	it('a miles threshold is read at 30 mph for the minute methods', () => {
		const v = eligibilityVariants({
			weight,
			include,
			sets: [{ label: 's', km: [100, 10, 500] }],
			regions: [null, null, null],
			calibration,
			threshold: 60,
			unit: 'miles',
			current: { label: 'miles', values: [62, 6, 300] },
			road: [130, 10, 10]
		});
		expect(v.find((x) => x.method === 'Straight line at 30 mph')!.share).toBeCloseTo(100 / 3, 9);
		expect(v.find((x) => x.method === 'Drive time on roads')!.share).toBeCloseTo(100 / 3, 9);
		expect(v.find((x) => x.current)!.share).toBeCloseTo(100 / 3, 9);
	});
});

describe('by county, nation', () => {
	it('the nation is 50 states + DC: Puerto Rico municipios are left out', () => {
		const pr = [...rows, place({ county_fips: '72001', state_fips: '72', acs_pop: 1000, age65: 100 })];
		const w = placeWeights({ rows: pr, states: [state] });
		const all = countyBreakdown({ weights: w, rows: pr, travel: [150, 30, null, 500], threshold: 120, disease: 'total' });
		expect(all.map((c) => c.county_fips)).toEqual(['01001', '01003']);
		expect(countyBreakdown({ weights: w, rows: pr, travel: [150, 30, null, 500], threshold: 120, disease: 'total', state_fips: '72' })[0].eligible.central).toBe(0);
	});
});
