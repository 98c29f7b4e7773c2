/**
 * Planner benchmark (Node, real shipped data): top 10 sites among all candidate hospitals,
 * national, per method, the same `plan()` call the planner worker makes. Target from the planner
 * issue: ≤ 1 s in the browser (measured by the browser rows of tests/bench/browser.ts). The road
 * method is compared with the re-scoring it replaced (baseline in the same run), and the run
 * fails if their rankings differ.
 *
 *   npx tsx tests/bench/planner.ts        (BENCH_RUNS=n, default 3)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as allCentres from '../../src/lib/queries/all-centres';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import { buildPopulation } from '../../src/lib/metrics/equity';
import { placesOf, TravelEngine } from '../../src/lib/metrics/travel-engine';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { methodValues } from '../../src/lib/metrics/method-values';
import { plan, ROAD_SHORTLIST, travelModel, type PlanInput } from '../../src/lib/planner/plan';
import { buildCoverage } from '../../src/lib/planner/coverage';
import { greedy } from '../../src/lib/planner/greedy';
import { prepareOrigins } from '../../src/lib/metrics/drive-time/travel-times';
import type { RoadGraph } from '../../src/lib/metrics/drive-time/graph';
import { roadCoverageReference } from '../unit/planner-road-reference';
import { loadCandidates } from '../../src/lib/planner/candidates';
import { bandShares, isporFigures, loadStudyCounties, MYELOMA_PRODUCTS } from '../../src/lib/planner/presets';
import { median, row, timeRuns, withTarget, type BenchRow } from './stats';

export async function benchPlanner(runs: number): Promise<BenchRow[]> {
	const db = await openNodeDb();
	const [tractRows, countyRows, centreRows, candidates, studyCounties] = await Promise.all([
		populationGroups.run(db),
		populationGroups.runCounties(db),
		allCentres.run(db),
		loadCandidates(db, {}),
		loadStudyCounties(db)
	]);
	db.close();
	const centres: CentrePoint[] = centreRows.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	const tracts = placesOf(tractRows);
	const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
	const graph = decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin')));
	const engine = new TravelEngine({ tracts, counties: placesOf(countyRows), calibration });
	engine.setRoadGraph(graph);
	const travel = engine.compute(centres);
	const population = buildPopulation({ rows: tractRows });
	const weight = population.weight[0];
	const include = Uint8Array.from(tractRows, (r) => (r.state_fips === '72' ? 0 : 1));
	const g = `planner (node, top 10 of ${candidates.length.toLocaleString('en-US')} hospitals, national, 120 min)`;
	const out: BenchRow[] = [];
	for (const method of ['straight_30mph', 'calibrated', 'road'] as const) {
		const input: PlanInput = {
			places: tracts,
			current: methodValues(travel.tracts, method, true),
			currentKm: travel.tracts.straightKm,
			include,
			weight,
			candidates,
			threshold: 120,
			method,
			calibration,
			k: 10,
			centres
		};
		let last: ReturnType<typeof plan> | undefined;
		const xs = await timeRuns(runs, () => (last = plan(input, { road: method === 'road' ? { graph } : null })));
		const label = method === 'road' ? `road: calibrated shortlist + bounded road re-score of ${ROAD_SHORTLIST}` : method;
		if (method === 'road') {
			// baseline: the previous re-scoring (add each shortlisted site to the full road search over
			// today's centres, query every place beyond reach, remove it), same shortlist, same greedy
			let ref: ReturnType<typeof greedy> = [];
			const ys = await timeRuns(runs, () => (ref = previousRoadPlan(input, graph)));
			const refRow = row(g, 'road, previous path: full-search add/query/remove per shortlisted site', ys);
			out.push(refRow);
			out.push(withTarget(row(g, label, xs, 'ms', { ratio: { vs: 'previous path', value: median(xs) / refRow.median } }), 1000));
			const same = JSON.stringify(ref.map((p) => [p.candidate, p.gain])) === JSON.stringify(last!.picks.map((p) => [p.candidate, p.gain]));
			console.log('road ranking equals the previous path:', same);
			if (!same) throw new Error('road fast path ranking differs from the previous path');
		} else out.push(withTarget(row(g, label, xs), 1000));
		const gains = last!.picks.map((p) => Math.round(p.gain));
		console.log(method, 'timings', last!.timings, 'gains', gains.slice(0, 10), 'picks', last!.picks.slice(0, 3).map((p) => candidates[p.candidate].name));
	}
	// presets, printed for the report
	const cs = (f: typeof DEFAULT_CENTRE_FILTER) => centreRows.filter((c) => passesFilter(c, f)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	const isp = isporFigures({ counties: studyCounties, centres });
	const ispAll = isporFigures({ counties: studyCounties, centres: cs({ evidence: ['strong', 'moderate', 'weak'], served: [], products: [] }) });
	console.log('ISPOR ours (strong+moderate)', isp, 'all evidence', ispAll);
	const myelomaCentres = cs({ evidence: ['strong', 'moderate', 'weak'], served: [], products: [...MYELOMA_PRODUCTS] });
	const countyEngine = new TravelEngine({ tracts: placesOf([]), counties: placesOf(studyCounties), calibration });
	countyEngine.setRoadGraph(graph);
	const my = countyEngine.compute(myelomaCentres).counties;
	const myAll = countyEngine.compute(centres).counties;
	console.log(`myeloma ours (${myelomaCentres.length} centres naming Abecma/Carvykti)`, bandShares({ counties: studyCounties, minutes: methodValues(my, 'road', true) }));
	console.log(`myeloma ours (all ${centres.length})`, bandShares({ counties: studyCounties, minutes: methodValues(myAll, 'road', true) }));
	return out;
}

/** The road method as it ran before the bounded re-scoring (the baseline row). */
function previousRoadPlan(input: PlanInput, graph: RoadGraph) {
	const shortlist = plan(input, { road: null }).shortlist!;
	const { beyond } = buildCoverage({ ...input, candidates: [], model: travelModel('road', input.calibration) });
	const prepared = prepareOrigins(graph, Array.from(beyond, (i) => ({ lat: input.places.lat[i], lon: input.places.lon[i] })));
	const coverage = roadCoverageReference({
		graph,
		centres: input.centres ?? [],
		beyond,
		prepared,
		candidates: shortlist.map((c) => input.candidates[c]),
		threshold: input.threshold
	});
	return greedy({ coverage, weight: input.weight, k: input.k }).map((p) => ({ ...p, candidate: shortlist[p.candidate] }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { formatTable } = await import('./stats');
	console.log(formatTable(await benchPlanner(Number(process.env.BENCH_RUNS ?? 3))));
}
