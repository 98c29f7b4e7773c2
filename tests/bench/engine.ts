/**
 * Node side of the benchmark for the analytic engine, on the real shipped data: each fast
 * path next to its plain baseline, measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as allCentres from '../../src/lib/queries/all-centres';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import { nearestCentres, type CentrePoint } from '../../src/lib/metrics/nearest';
import { greatCircleKm } from '../../src/lib/metrics/distance';
import { buildPopulation, equityAt, prepareEquity } from '../../src/lib/metrics/equity';
import { prepareRankings, rankingsAt } from '../../src/lib/metrics/rankings';
import { placesOf, TravelEngine } from '../../src/lib/metrics/travel-engine';
import { baselineOf, travelWithAdded } from '../../src/lib/metrics/added-travel';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import { CentreSearch, prepareOrigins } from '../../src/lib/metrics/drive-time/travel-times';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { methodValues } from '../../src/lib/metrics/method-values';
import { median, row, timeRuns, type BenchRow } from './stats';

export async function benchEngine(runs: number): Promise<BenchRow[]> {
	const db = await openNodeDb();
	const [tractRows, countyRows, centreRows] = await Promise.all([populationGroups.run(db), populationGroups.runCounties(db), allCentres.run(db)]);
	db.close();
	const centres: CentrePoint[] = centreRows.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	const tracts = placesOf(tractRows);
	const out: BenchRow[] = [];
	const g = 'engine (node, 85,395 tracts, 167 centres)';

	// straight line: brute force haversine (baseline) vs the k-d tree chord search
	const brute = await timeRuns(Math.max(3, runs >> 1), () => {
		for (let i = 0; i < tracts.lat.length; i++) {
			let best = Infinity;
			for (const c of centres) best = Math.min(best, greatCircleKm(tracts.lat[i], tracts.lon[i], c.lat, c.lon));
		}
	});
	const kd = await timeRuns(runs, () => nearestCentres({ origins: tracts, centres }));
	const bruteRow = row(g, 'nearest + second-nearest centre, brute-force haversine (baseline)', brute);
	out.push(bruteRow, row(g, 'nearest + second-nearest centre, k-d tree (metrics/nearest)', kd, 'ms', { ratio: { vs: 'baseline', value: bruteRow.median / median(kd) } }));

	// road: full multi-source search vs one incremental add
	const graph = decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin')));
	const snap = await timeRuns(Math.max(2, runs >> 1), () => prepareOrigins(graph, tractRowsLatLon(tractRows)), 0);
	out.push(row(g, 'road: snap all tracts to the graph (once per session)', snap));
	const prepared = prepareOrigins(graph, tractRowsLatLon(tractRows));
	const full = await timeRuns(runs, () => new CentreSearch(graph).add(...centres));
	const fullRow = row(g, 'road: full multi-source search, 167 centres (baseline)', full);
	out.push(fullRow);
	const search = new CentreSearch(graph);
	search.add(...centres);
	// sites far from today's centres (each run adds one and removes it, so every run starts from the
	// same 167 centres; adding many sites next to each other would leave later adds nothing to do)
	const sites = [
		[46.8, -100.78], // Bismarck, ND
		[44.08, -103.23], // Rapid City, SD
		[35.22, -101.83], // Amarillo, TX
		[42.87, -106.31], // Casper, WY
		[46.87, -113.99] // Missoula, MT
	];
	let k = 0;
	const add = await timeRuns(runs, () => {
		const [lat, lon] = sites[k % sites.length];
		const id = `x${k++}`;
		search.add({ id, lat, lon });
		search.remove(id);
	});
	out.push(row(g, 'road: add one centre and remove it again (incremental)', add, 'ms', { ratio: { vs: 'baseline', value: fullRow.median / median(add) } }));
	const query = await timeRuns(runs, () => search.queryPrepared(prepared));
	out.push(row(g, 'road: minutes for all tracts from the search', query));

	// equity: per travel array vs per threshold
	const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
	const engine = new TravelEngine({ tracts, counties: placesOf(countyRows), calibration });
	engine.setRoadGraph(graph);
	const travel = engine.compute(centres);
	const values = methodValues(travel.tracts, 'road', true);
	const population = buildPopulation({ rows: tractRows });
	const prep = await timeRuns(runs, () => prepareEquity({ population, travel: values }));
	const prepRow = row(g, 'equity: prepare for a new travel array, 29 groups (baseline)', prep);
	out.push(prepRow);
	const pe = prepareEquity({ population, travel: values });
	let t = 30;
	const at = await timeRuns(runs * 4, () => equityAt({ prepared: pe, threshold: (t = t >= 300 ? 30 : t + 5) }));
	out.push(row(g, 'equity: threshold change, all 29 groups', at, 'ms', { ratio: { vs: 'baseline', value: prepRow.median / median(at) } }));
	const pr = prepareRankings({ population, travel: values, grain: 'state', group: 'rural' });
	const rk = await timeRuns(runs * 4, () => rankingsAt({ prepared: pr, threshold: (t = t >= 300 ? 30 : t + 5) }));
	out.push(row(g, 'rankings: threshold change, 51 states', rk));
	// what-if in the engine: add a site to the current set (straight line + road + calibrated)
	const addT: number[] = [];
	const removeT: number[] = [];
	for (let j = 0; j < runs; j++) {
		const site = { id: `site${j}`, lat: 46.8 + j * 0.01, lon: -100.78 }; // Bismarck, ND
		let t0 = performance.now();
		engine.compute([...centres, site]);
		addT.push(performance.now() - t0);
		t0 = performance.now();
		engine.compute(centres);
		removeT.push(performance.now() - t0);
	}
	out.push(row(g, 'what-if: add a centre, engine update (tracts + counties, all methods)', addT));
	out.push(row(g, 'what-if: remove it again, engine update', removeT));
	// a what-if link (an embed, a shared view): the scenario's first computation in a fresh engine, in
	// full, against the added centre merged into the baseline's travel place by place (metrics/added-travel)
	const countyPlaces = placesOf(countyRows);
	const linkSites = [
		[44.08, -103.23], // Rapid City, SD
		[46.87, -113.99], // Missoula, MT
		[35.22, -101.83] // Amarillo, TX
	];
	let ls = 0;
	const linkSite = () => {
		const [lat, lon] = linkSites[ls++ % linkSites.length];
		return { id: `link${ls}`, lat, lon };
	};
	const fresh = await timeRuns(runs, () => {
		const e = new TravelEngine({ tracts, counties: countyPlaces, calibration });
		e.setRoadGraph(graph, engine.prepared);
		e.compute([...centres, linkSite()]);
	});
	const freshRow = row(g, "what-if link: the scenario's first computation in a fresh engine, in full (baseline)", fresh);
	const base = baselineOf(travel);
	const merged = await timeRuns(runs, () => {
		if (!travelWithAdded({ graph, baseline: base, added: [linkSite()], tracts, counties: countyPlaces, calibration })) throw new Error('merge refused');
	});
	out.push(freshRow, row(g, 'what-if link: the added centre merged into the baseline’s travel (metrics/added-travel)', merged, 'ms', { ratio: { vs: 'baseline', value: freshRow.median / median(merged) } }));
	// the page's figures for the what-if: prepared from the baseline's preparation (the places that moved re-sorted)
	const scenario = methodValues(engine.compute([...centres, { id: 'site-figures', lat: 46.8, lon: -100.78 }]).tracts, 'road', true);
	engine.compute(centres);
	const eqFrom = await timeRuns(runs, () => prepareEquity({ population, travel: scenario, from: pe }));
	out.push(row(g, "equity: prepare a what-if's travel from the baseline's preparation", eqFrom, 'ms', { ratio: { vs: 'baseline', value: prepRow.median / median(eqFrom) } }));
	// the what-if's figures at the view's threshold (the baseline's shown there first, as on the page)
	const fullScenario = prepareEquity({ population, travel: scenario });
	const deltaScenario = prepareEquity({ population, travel: scenario, from: pe });
	equityAt({ prepared: pe, threshold: 120 });
	const atFull = await timeRuns(runs, () => equityAt({ prepared: fullScenario, threshold: 120 }));
	const atFullRow = row(g, "equity: a what-if's figures at a threshold, from its own full preparation (baseline)", atFull);
	const atDelta = await timeRuns(runs, () => equityAt({ prepared: deltaScenario, threshold: 120 }));
	out.push(
		atFullRow,
		row(g, "equity: the same from the baseline's preparation (margins of error from the baseline's sums)", atDelta, 'ms', {
			ratio: { vs: 'baseline', value: atFullRow.median / median(atDelta) }
		})
	);
	const rkFull = await timeRuns(runs, () => prepareRankings({ population, travel: scenario, grain: 'state', group: 'rural' }));
	const rkFullRow = row(g, "rankings: prepare a what-if's travel, 51 states (baseline)", rkFull);
	const rkFrom = await timeRuns(runs, () => prepareRankings({ population, travel: scenario, grain: 'state', group: 'rural', from: pr }));
	out.push(rkFullRow, row(g, "rankings: the same from the baseline's preparation", rkFrom, 'ms', { ratio: { vs: 'baseline', value: rkFullRow.median / median(rkFrom) } }));
	return out;
}

function tractRowsLatLon(rows: { lat: number; lon: number }[]) {
	return rows.map((r) => ({ lat: r.lat, lon: r.lon }));
}
