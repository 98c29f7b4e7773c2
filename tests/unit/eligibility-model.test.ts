/** Eligibility model: hand-worked cases. */
import { describe, expect, it } from 'vitest';
import { stateIncidenceRow } from '../fixtures/eligibility-rows';
import {
	beyondByState,
	byMedicaid,
	eligibilityPopulation,
	estimateStates,
	myelomaImputation,
	placeWeights,
	poissonInterval,
	shareProduct,
	stateIncidence,
	type StateIncidenceRow
} from '../../src/lib/eligibility/model';
import { DEFAULT_VALUES, PARAM_DEFS, parseParams, serialiseParams, isValidRange } from '../../src/lib/eligibility/parameters';
import { INDICATIONS, earliestLine, productsFor } from '../../src/lib/eligibility/indications';
import { equityAt, prepareEquity, type GroupId, type PopulationRow } from '../../src/lib/metrics/equity';

const row = stateIncidenceRow;

describe('incidence per state', () => {
	it('NHL: 5-year count / 5, scaled by the rate CI', () => {
		const imp = myelomaImputation([row({})]);
		// 1000 / 5 = 200; 200 × 18/20 = 180; 200 × 22/20 = 220
		const r = stateIncidence(row({}), 'nhl', imp)!;
		expect(r.central).toBe(200);
		expect(r.low).toBeCloseTo(180, 9);
		expect(r.high).toBeCloseTo(220, 9);
	});
	it('myeloma: Poisson interval 100 ± 1.96·10', () => {
		expect(poissonInterval(100)).toEqual({ low: 100 - 19.6, central: 100, high: 100 + 19.6 });
	});
	it('myeloma missing: imputed from the national rate for ages 30+', () => {
		const rows = [row({}), row({ state_fips: '02', myeloma_count: null, myeloma_pop_30plus: null, pop_2020: 2_000_000 })];
		const imp = myelomaImputation(rows);
		// rate 100 / 600,000; share 30+ = 0.6; 2,000,000 × 0.6 × 100/600,000 = 200
		expect(imp.share30plus).toBeCloseTo(0.6, 12);
		const r = stateIncidence(rows[1], 'myeloma', imp)!;
		expect(r.central).toBeCloseTo(200, 9);
		expect(r.imputed).toBe(true);
	});
	it('no registry data (Puerto Rico): null', () => {
		const pr = row({ state_fips: '72', nhl_rate: null, nhl_count_2013_2017: null, leukemia_rate: null, leukemia_count_2013_2017: null, myeloma_count: null, myeloma_pop_30plus: null });
		const imp = myelomaImputation([row({})]);
		expect(stateIncidence(pr, 'nhl', imp)).toBeNull();
		expect(stateIncidence(pr, 'myeloma', imp)).toBeNull();
		expect(estimateStates({ rows: [pr] })[0].diseases).toBeNull();
	});
});

describe('eligible patients per state', () => {
	it('LBCL central: 200 cases × 0.31 × 0.40 × 0.467', () => {
		const [s] = estimateStates({ rows: [row({})] });
		expect(s.diseases!.lbcl.incidence.central).toBeCloseTo(62, 9);
		expect(s.diseases!.lbcl.eligible.central).toBeCloseTo(200 * 0.31 * 0.4 * 0.467, 9);
		// low: 180 × 0.30 × 0.30 × 0.467
		expect(s.diseases!.lbcl.eligible.low).toBeCloseTo(180 * 0.3 * 0.3 * 0.467, 9);
		expect(s.diseases!.lbcl.eligible.high).toBeCloseTo(220 * 0.4 * 0.5 * 0.57, 9);
	});
	it('B-ALL: leukaemia 100/yr × 0.104 × 0.81 × 0.295 × 0.467', () => {
		const [s] = estimateStates({ rows: [row({})] });
		expect(s.diseases!.ball.eligible.central).toBeCloseTo(100 * 0.104 * 0.81 * 0.295 * 0.467, 9);
	});
	it('myeloma: 100 × 0.471 × 0.467; total is the sum of diseases', () => {
		const [s] = estimateStates({ rows: [row({})] });
		expect(s.diseases!.mm.eligible.central).toBeCloseTo(100 * 0.471 * 0.467, 9);
		const sum = Object.values(s.diseases!).reduce((a, d) => a + d.eligible.central, 0);
		expect(s.total!.central).toBeCloseTo(sum, 9);
	});
	it('low ≤ central ≤ high for every disease', () => {
		const [s] = estimateStates({ rows: [row({})] });
		for (const d of Object.values(s.diseases!)) {
			expect(d.eligible.low).toBeLessThanOrEqual(d.eligible.central);
			expect(d.eligible.central).toBeLessThanOrEqual(d.eligible.high);
		}
	});
	it('an edited parameter changes the product', () => {
		const values = structuredClone(DEFAULT_VALUES);
		values.mm_line = { low: 0.5, value: 0.5, high: 0.5 };
		expect(shareProduct('mm', values, 'central')).toBeCloseTo(0.5 * 0.467, 12);
	});
});

describe('place weights and the equity plug-in', () => {
	const states = estimateStates({ rows: [row({}), row({ state_fips: '02', medicaid_expansion: false })] });
	const places = [
		{ state_fips: '01', county_fips: '01001', acs_pop: 300, pop_2020: 300 },
		{ state_fips: '01', county_fips: '01002', acs_pop: 700, pop_2020: 700 },
		{ state_fips: '02', county_fips: '02001', acs_pop: 0, pop_2020: 0 },
		{ state_fips: '02', county_fips: '02002', acs_pop: 500, pop_2020: 500 },
		{ state_fips: '72', county_fips: '72001', acs_pop: null, pop_2020: 100 }
	];
	const w = placeWeights({ rows: places, states });
	it('spreads each state by population share; zero and PR get 0', () => {
		const t = states[0].total!.central;
		expect(w['total:central'][0]).toBeCloseTo(0.3 * t, 9);
		expect(w['total:central'][1]).toBeCloseTo(0.7 * t, 9);
		expect(w['total:central'][2]).toBe(0);
		expect(w['total:central'][3]).toBeCloseTo(states[1].total!.central, 9);
		expect(w['total:central'][4]).toBe(0);
	});
	it('beyond by state and by Medicaid status', () => {
		const travel = [30, 150, 200, 130, null];
		const r = beyondByState({ weights: w, stateFips: places.map((p) => p.state_fips), travel, threshold: 120, disease: 'total' });
		const a = r.find((x) => x.state_fips === '01')!;
		expect(a.beyond.central).toBeCloseTo(0.7 * states[0].total!.central, 9);
		expect(a.share).toBeCloseTo(0.7, 9);
		const b = r.find((x) => x.state_fips === '02')!;
		expect(b.share).toBeCloseTo(1, 9);
		// threshold is strict: exactly 150 is not beyond 150
		const r150 = beyondByState({ weights: w, stateFips: places.map((p) => p.state_fips), travel, threshold: 150, disease: 'total' });
		expect(r150.find((x) => x.state_fips === '01')!.beyond.central).toBe(0);
		const m = byMedicaid(r, new Map([['01', true], ['02', false]]));
		expect(m.expanded.beyond.central).toBeCloseTo(a.beyond.central, 9);
		expect(m.not_expanded.states).toBe(1);
	});
	it('as a Population, equityAt gives the same beyond figure', () => {
		const rows = places.map((p) => ({ ...p, acs_pop: p.acs_pop })) as unknown as PopulationRow[];
		const population = eligibilityPopulation({ rows, states });
		const res = equityAt({ prepared: prepareEquity({ population, travel: [30, 150, 200, 130, null], region: { kind: 'nation' } }), threshold: 120 });
		const g = res.byId['elig:total:central' as GroupId]!;
		expect(g.beyond).toBeCloseTo(0.7 * states[0].total!.central + states[1].total!.central, 9);
		expect(g.beyondMoe).toBeNull();
	});
});

describe('parameters and indications', () => {
	it('every default is a valid range with at least one citation and a paraphrase', () => {
		for (const p of PARAM_DEFS) {
			expect(isValidRange({ low: p.low, value: p.value, high: p.high }), p.id).toBe(true);
			expect(p.citations.length, p.id).toBeGreaterThan(0);
			for (const c of p.citations) expect(c.summary.length, p.id).toBeGreaterThan(20);
		}
	});
	it('URL round trip; bad values fall back with a notice', () => {
		const values = structuredClone(DEFAULT_VALUES);
		values.fl_line = { low: 0.05, value: 0.1, high: 0.3 };
		const q = new URLSearchParams(serialiseParams(values));
		expect(q.toString()).toBe('fl_line=0.05%2C0.1%2C0.3');
		expect(parseParams(q).values.fl_line).toEqual({ low: 0.05, value: 0.1, high: 0.3 });
		const bad = parseParams(new URLSearchParams('fl_line=0.3,0.1,0.05&mm_fit=2'));
		expect(bad.values.fl_line).toEqual(DEFAULT_VALUES.fl_line);
		expect(bad.notices).toHaveLength(2);
		// a single value keeps the default bounds when they bracket it
		expect(parseParams(new URLSearchParams('lbcl_line=0.35')).values.lbcl_line).toEqual({ low: 0.3, value: 0.35, high: 0.5 });
	});
	it('products per disease and the earliest line match the line parameters', () => {
		expect(productsFor('mm')).toEqual(['Abecma', 'Carvykti']);
		expect(productsFor('ball')).toEqual(['Aucatzyl', 'Kymriah', 'Tecartus']);
		expect(earliestLine('lbcl')).toBe(2);
		expect(earliestLine('fl')).toBe(3);
		expect(earliestLine('mcl')).toBe(2);
		expect(earliestLine('mm')).toBe(2);
		for (const i of INDICATIONS) expect(i.approved).toMatch(/^20\d\d-\d\d-\d\d$/);
	});
});
