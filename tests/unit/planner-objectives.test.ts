/**
 * Planner objectives: people by group, or modelled eligible patients a year (eligibility
 * model, default parameters) with the low–high range of each site's gain. Real tract and
 * state rows; hand-worked coverage sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as eligibilityQuery from '../../src/lib/queries/eligibility';
import { buildPopulation, type Population } from '../../src/lib/metrics/equity';
import { estimateStates, placeWeights, type StateEstimate, type WeightKey } from '../../src/lib/eligibility/model';
import { coverageFromSets } from '../../src/lib/planner/coverage';
import { greedy } from '../../src/lib/planner/greedy';
import { ELIGIBLE_OBJECTIVES, eligibleLabel, isEligibleObjective, objectiveWeights, sumOver } from '../../src/lib/planner/objectives';
import { resultRows } from '../../src/lib/planner/results';
import type { Candidate } from '../../src/lib/planner/candidates';
import { EMPTY_SCENARIO } from '../../src/lib/state/scenario';

let rows: populationGroups.Row[];
let population: Population;
let states: StateEstimate[];
let eligibility: Record<WeightKey, Float64Array>;

beforeAll(async () => {
	const db = await openNodeDb();
	rows = await populationGroups.run(db);
	const incidence = await eligibilityQuery.run(db);
	db.close();
	population = buildPopulation({ rows });
	states = estimateStates({ rows: incidence });
	eligibility = placeWeights({ rows, states });
});

describe('objective ids', () => {
	it('eligible objectives: all five first, then each disease; labels name the disease', () => {
		expect(ELIGIBLE_OBJECTIVES).toEqual(['eligible:total', 'eligible:lbcl', 'eligible:fl', 'eligible:mcl', 'eligible:ball', 'eligible:mm']);
		expect(eligibleLabel('eligible:mm')).toBe('Multiple myeloma');
		expect(eligibleLabel('eligible:total')).toBe('all five diseases');
		expect(isEligibleObjective('eligible:lbcl')).toBe(true);
		expect(isEligibleObjective('eligible')).toBe(false);
		expect(isEligibleObjective('all')).toBe(false);
	});
});

describe('objectiveWeights', () => {
	it('a group: its people, no range', () => {
		const w = objectiveWeights({ objective: 'nh_black', population });
		expect(w.central).toBe(population.weight[population.groups.findIndex((g) => g.id === 'nh_black')]);
		expect(w.low).toBeNull();
	});
	it('eligible patients: per-tract weights that add up to each state’s estimate (central, low, high)', () => {
		const w = objectiveWeights({ objective: 'eligible:lbcl', population, eligibility });
		const co = states.find((s) => s.state_fips === '08')!.diseases!.lbcl.eligible;
		const idx = rows.flatMap((r, i) => (r.state_fips === '08' ? [i] : []));
		expect(sumOver(idx, w.central)).toBeCloseTo(co.central, 6);
		expect(sumOver(idx, w.low!)).toBeCloseTo(co.low, 6);
		expect(sumOver(idx, w.high!)).toBeCloseTo(co.high, 6);
		expect(co.low).toBeLessThan(co.central);
		expect(co.central).toBeLessThan(co.high);
		// Puerto Rico has no incidence data: no modelled patients there
		const pr = rows.flatMap((r, i) => (r.state_fips === '72' ? [i] : []));
		if (pr.length) expect(sumOver(pr, w.central)).toBe(0);
	});
	it('fails with a clear message before the model is loaded, or for an unknown group', () => {
		expect(() => objectiveWeights({ objective: 'eligible:mm', population })).toThrow(/eligibility model has not been loaded/);
		expect(() => objectiveWeights({ objective: 'nope' as never, population })).toThrow(/Unknown objective "nope"/);
	});
});

describe('ranking by eligible patients, with ranges', () => {
	it('hand-worked: greedy by the central weight; low and high summed over the same places, running totals too', () => {
		// places 0..3 with central/low/high weights; site A covers 0,1; site B covers 1,2,3; site C covers 3
		const central = [5, 4, 1, 2];
		const low = [3, 2, 0.5, 1];
		const high = [9, 8, 2, 4];
		const coverage = coverageFromSets([[0, 1], [1, 2, 3], [3]]);
		const picks = greedy({ coverage, weight: central, k: 3 });
		// A gains 9, B 7 → A first (9), then B adds 2 and 3 (3), C adds nothing
		expect(picks.map((p) => [p.candidate, p.gain])).toEqual([
			[0, 9],
			[1, 3]
		]);
		const pop = buildPopulation({ rows: rows.slice(0, 4) });
		const cand = (id: string): Candidate => ({ hospital_id: id, name: id, city: 'X', state: 'CO', state_fips: '08', type: 'GENERAL ACUTE CARE', beds: 10, lat: 39, lon: -105 });
		const out = resultRows({
			picks,
			candidates: [cand('0000000001'), cand('0000000002'), cand('0000000003')],
			population: pop,
			centres: [],
			centreNames: {},
			scenario: EMPTY_SCENARIO,
			baseParams: new URLSearchParams(),
			bounds: { low, high }
		});
		expect(out.map((r) => [r.gain, r.gainRange, r.cumulative, r.cumulativeRange])).toEqual([
			[9, { low: 5, high: 17 }, 9, { low: 5, high: 17 }],
			[3, { low: 1.5, high: 6 }, 12, { low: 6.5, high: 23 }]
		]);
		const people = resultRows({ picks, candidates: [cand('0000000001'), cand('0000000002')], population: pop, centres: [], centreNames: {}, scenario: EMPTY_SCENARIO, baseParams: new URLSearchParams() });
		expect(people[0].gainRange).toBeNull();
	});
});
