/**
 * Modelled eligible patients beyond 120 minutes on the real data (default centres, road drive
 * time, cited defaults with age structure): the county, state and group breakdowns agree with
 * each other, group families add up to the total, age structure keeps state totals, and the
 * national figures by disease are kept in a committed snapshot so a change to the data, the
 * engine or a default parameter must be accepted on purpose
 * (`npx vitest run -u tests/data/eligibility-figures.test.ts`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as allCentres from '../../src/lib/queries/all-centres';
import * as eligibilityQuery from '../../src/lib/queries/eligibility';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import { placesOf, TravelEngine } from '../../src/lib/metrics/travel-engine';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { methodValues } from '../../src/lib/metrics/method-values';
import { buildPopulation, type Population } from '../../src/lib/metrics/equity';
import { DISEASES } from '../../src/lib/eligibility/parameters';
import { DEFAULT_AGE, ageShares } from '../../src/lib/eligibility/age';
import { productsFor } from '../../src/lib/eligibility/indications';
import { ageWeights, beyondByState, estimateStates, type AgeWeights, type StateEstimate } from '../../src/lib/eligibility/model';
import { countyBreakdown, groupBreakdown } from '../../src/lib/eligibility/breakdown';

let tractRows: populationGroups.Row[];
let states: StateEstimate[];
let population: Population;
let road: Float64Array;
let roadMyeloma: Float64Array;
let aw: AgeWeights;
let plain: AgeWeights;

beforeAll(async () => {
	const db = await openNodeDb();
	const [t, countyRows, centreRows, incidence] = await Promise.all([populationGroups.run(db), populationGroups.runCounties(db), allCentres.run(db), eligibilityQuery.run(db)]);
	db.close();
	tractRows = t;
	const engine = new TravelEngine({
		tracts: placesOf(tractRows),
		counties: placesOf(countyRows),
		calibration: JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration
	});
	engine.setRoadGraph(decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin'))));
	const set = (f: typeof DEFAULT_CENTRE_FILTER) => centreRows.filter((c) => passesFilter(c, f)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	road = methodValues(engine.compute(set(DEFAULT_CENTRE_FILTER)).tracts, 'road', true).slice();
	roadMyeloma = methodValues(engine.compute(set({ ...DEFAULT_CENTRE_FILTER, products: productsFor('mm') })).tracts, 'road', true).slice();
	states = estimateStates({ rows: incidence });
	population = buildPopulation({ rows: tractRows });
	aw = ageWeights({ rows: tractRows, states, ageShare: ageShares(DEFAULT_AGE) });
	plain = ageWeights({ rows: tractRows, states });
}, 240_000);

const round = (x: number) => Math.round(x * 10) / 10;

describe('eligible patients beyond 120 minutes, real data', () => {
	it('age structure keeps every state total; it moves lymphoma and myeloma patients, not B-ALL', () => {
		for (const s of states) {
			if (!s.diseases) continue;
			let sum = 0;
			for (let i = 0; i < tractRows.length; i++) if (tractRows[i].state_fips === s.state_fips) sum += aw.all['total:central'][i];
			expect(sum, s.state_name).toBeCloseTo(s.total!.central, 6);
		}
		let movedMm = 0;
		let movedBall = 0;
		for (let i = 0; i < tractRows.length; i++) {
			movedMm += Math.abs(aw.all['mm:central'][i] - plain.all['mm:central'][i]);
			movedBall += Math.abs(aw.all['ball:central'][i] - plain.all['ball:central'][i]);
		}
		expect(movedMm).toBeGreaterThan(100);
		expect(movedBall).toBe(0);
	});

	it('counties, states and groups agree; each group family adds up to the total', () => {
		for (const disease of ['total', 'mm'] as const) {
			const counties = countyBreakdown({ weights: aw.all, rows: tractRows, travel: road, threshold: 120, disease });
			const byState = beyondByState({ weights: aw.all, stateFips: tractRows.map((r) => r.state_fips), travel: road, threshold: 120, disease });
			const sumC = counties.filter((c) => c.state_fips !== '72').reduce((a, c) => a + c.beyond.central, 0);
			const sumS = byState.filter((s) => s.state_fips !== '72').reduce((a, s) => a + s.beyond.central, 0);
			expect(sumC).toBeCloseTo(sumS, 6);
			const groups = groupBreakdown({ population, weights: aw.all, age: aw.age65, travel: road, threshold: 120, disease });
			const fam = (ids: string[]) => groups.filter((g) => ids.includes(g.id)).reduce((a, g) => a + g.beyond.central, 0);
			// age: the age model's split adds up exactly; rural + metro = every place with a county class
			expect(fam(['age65', 'under65'])).toBeCloseTo(sumS, 6);
			expect(fam(['metro', 'rural'])).toBeCloseTo(sumS, 3);
			// race and ethnicity: the seven ACS groups partition the population
			expect(fam(['nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi']) / sumS).toBeCloseTo(1, 3);
			expect(fam(['pov150', 'not_pov150']) / sumS).toBeCloseTo(1, 3);
		}
	});

	it('national figures by disease (snapshot), with low ≤ central ≤ high; myeloma-product centres leave more myeloma patients beyond', async () => {
		const figures: Record<string, Record<string, number>> = {};
		for (const d of [...DISEASES, 'total'] as const) {
			const byState = beyondByState({ weights: aw.all, stateFips: tractRows.map((r) => r.state_fips), travel: road, threshold: 120, disease: d });
			const sum = (b: 'low' | 'central' | 'high', k: 'beyond' | 'known') => byState.filter((s) => s.state_fips !== '72').reduce((a, s) => a + s[k][b], 0);
			figures[d] = {
				beyond_low: round(sum('low', 'beyond')),
				beyond_central: round(sum('central', 'beyond')),
				beyond_high: round(sum('high', 'beyond')),
				share_central: Math.round((sum('central', 'beyond') / sum('central', 'known')) * 1e4) / 1e4
			};
			expect(figures[d].beyond_low).toBeLessThanOrEqual(figures[d].beyond_central);
			expect(figures[d].beyond_central).toBeLessThanOrEqual(figures[d].beyond_high);
		}
		const mmNamed = beyondByState({ weights: aw.all, stateFips: tractRows.map((r) => r.state_fips), travel: roadMyeloma, threshold: 120, disease: 'mm' });
		figures.mm_myeloma_product_centres = { beyond_central: round(mmNamed.filter((s) => s.state_fips !== '72').reduce((a, s) => a + s.beyond.central, 0)) };
		expect(figures.mm_myeloma_product_centres.beyond_central).toBeGreaterThan(figures.mm.beyond_central);
		console.table(figures);
		await expect(JSON.stringify(figures, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/eligibility-figures.json');
	});
});
