/**
 * The planner's bounded road re-scoring (src/lib/planner/road.ts) against the path it replaced
 * (./planner-road-reference.ts: add each site to the full road search over today's centres, query,
 * remove): identical coverage sets, hence an identical ranking, on the real graph, every tract,
 * the real centre list and real candidate hospitals, including sites on road pieces that no
 * centre reaches today (Hawaii's outer islands, Alaska).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import { prepareOrigins } from '../../src/lib/metrics/drive-time/travel-times';
import { placesOf, TravelEngine, type Places } from '../../src/lib/metrics/travel-engine';
import { methodValues } from '../../src/lib/metrics/method-values';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import { buildCoverage, coverageOf, type Coverage } from '../../src/lib/planner/coverage';
import { greedy } from '../../src/lib/planner/greedy';
import { plan, travelModel, type PlanInput } from '../../src/lib/planner/plan';
import { roadCoverage } from '../../src/lib/planner/road';
import { loadCandidates, type Candidate } from '../../src/lib/planner/candidates';
import { roadCoverageReference } from './planner-road-reference';

const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
const graph = decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin')));

let tracts: Places;
let pop: Float64Array;
let centres: CentrePoint[];
let candidates: Candidate[];
let current: Float64Array;
let currentKm: Float64Array;

beforeAll(async () => {
	const db = await openNodeDb();
	const rows = await db.query<{ lat: number; lon: number; state_fips: string; pop: number }>(
		'SELECT lat, lon, state_fips, pop_2020::DOUBLE AS pop FROM tracts ORDER BY tract_fips'
	);
	tracts = placesOf(rows);
	pop = Float64Array.from(rows, (r) => r.pop);
	centres = await db.query<CentrePoint & Record<string, unknown>>(
		"SELECT centre_id AS id, lat, lon FROM centres WHERE evidence_strength IN ('strong','moderate') ORDER BY centre_id"
	);
	candidates = await loadCandidates(db, {});
	db.close();
	const engine = new TravelEngine({ tracts, counties: { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] }, calibration });
	engine.setRoadGraph(graph);
	const travel = engine.compute(centres);
	current = methodValues(travel.tracts, 'road', true);
	currentKm = travel.tracts.straightKm;
});

const sets = (c: Coverage) => Array.from({ length: c.start.length - 1 }, (_, i) => Array.from(coverageOf(c, i)));

function compare(threshold: number, sites: { lat: number; lon: number }[], centreList = centres) {
	const { beyond } = buildCoverage({ places: tracts, current, candidates: [], threshold, model: travelModel('road', calibration) });
	const prepared = prepareOrigins(graph, Array.from(beyond, (i) => ({ lat: tracts.lat[i], lon: tracts.lon[i] })));
	const fast = roadCoverage({ graph, centres: centreList, places: tracts, beyond, candidates: sites, threshold }).coverage;
	const ref = roadCoverageReference({ graph, centres: centreList, beyond, prepared, candidates: sites, threshold });
	expect(sets(fast)).toEqual(sets(ref));
	return { fast, ref };
}

describe('road re-scoring: bounded search equals the full search', () => {
	it('the shortlist the planner re-scores (national, 120 min): same sets, same ranking', () => {
		const input: PlanInput = { places: tracts, current, currentKm, weight: pop, candidates, threshold: 120, method: 'road', calibration, k: 10, centres };
		const shortlist = plan(input, { road: null }).shortlist!;
		expect(shortlist.length).toBe(30);
		const sites = shortlist.map((c) => candidates[c]);
		const { fast, ref } = compare(120, sites);
		const total = sets(fast).reduce((s, x) => s + x.length, 0);
		expect(total).toBeGreaterThan(1000); // a realistic instance: thousands of tracts gained
		const a = greedy({ coverage: fast, weight: pop, k: 10 });
		const b = greedy({ coverage: ref, weight: pop, k: 10 });
		expect(a.map((p) => [p.candidate, p.gain])).toEqual(b.map((p) => [p.candidate, p.gain]));
		// and plan() with the road graph returns that ranking
		const viaPlan = plan(input, { road: { graph } });
		expect(viaPlan.roadScored).toBe(true);
		expect(viaPlan.picks.map((p) => p.candidate)).toEqual(a.map((p) => shortlist[p.candidate]));
	});

	it('sites spread over every state, at 60 and 180 minutes', () => {
		const sites = candidates.filter((_, i) => i % 97 === 0);
		for (const t of [60, 180]) compare(t, sites);
	});

	it('sites on road pieces no centre reaches today (Hawaii, Alaska) and with no centres at all', () => {
		const far = candidates.filter((c) => c.state_fips === '15' || c.state_fips === '02');
		expect(far.length).toBeGreaterThan(5);
		const { fast } = compare(120, far);
		expect(sets(fast).some((s) => s.length > 0)).toBe(true);
		compare(120, far.slice(0, 4), []);
	});
});
