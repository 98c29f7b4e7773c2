// `npm run build`, first step: the files the browser fetches besides the app itself.
// - static/data/atlas.duckdb   built from the committed data/*.parquet
// - static/data/road_graph.bin and manifest.json, copied from data/
// - static/data/dashboard-data.bin, the tables the dashboard starts from (queries/dashboard-data),
//   so pages show figures before DuckDB-WASM has loaded
// - static/data/county-centroids.json, the map shapes' centroids (geo/centroids: tooltip anchors)
// - static/data/road_snap.bin, those places snapped to the road graph (metrics/drive-time/snap-file)
// - static/data/default-travel.bin, the default centre set's road travel (metrics/travel-file)
// - static/data/first-view.json, the default view precomputed by the page's own engine, and
//   first-map.svg + first-legend.svg, its map drawn for the prerendered pages, and first-map-words.json,
//   the map embed's words for it (embed/first-embed)
// - static/data/first-figures.json, the default list's equity figures by road for the nation and each
//   state at 1 and 2 hours, which embeds draw before the engine is ready (state/first-figures)
// - static/data/first-state/<FIPS>.json, each state's map of the default view with its shapes, which
//   state map embeds draw before the engine and the national shapes are ready (state/first-state)
// - static/data/whatif/index.json and t<cell>.bin, the what-if tiles: the road network, the counties'
//   data and the default list's travel cut into 4° cells, and the hospitals' ids, names and coordinates in
//   100 small files, and the default list's sums beyond the slider's other thresholds (f<minutes>.json),
//   from which a what-if embed that adds centres is drawn without the engine
//   (metrics/whatif-tiles, state/whatif-first)
// - static/data/*.parquet, README.md (data dictionary), ROADS.md and DATA-LICENCES.txt, for the
//   table downloads on /explore/
import { buildDatabaseFile } from '../src/lib/db/build-file';
import { DATA_DIR, DB_FILE, openNodeDb } from '../src/lib/db/node';
import * as dashboardData from '../src/lib/queries/dashboard-data';
import * as hospitals from '../src/lib/queries/hospitals';
import { decodeGraph } from '../src/lib/metrics/drive-time/graph';
import { prepareOrigins } from '../src/lib/metrics/drive-time/travel-times';
import { encodeSnap } from '../src/lib/metrics/drive-time/snap-file';
import { buildFirstFigures, buildFirstStates, buildFirstView, buildWhatIfTiles, decodeShipped, readShapes, writeCentroids, writeFirstMap } from './first-view';
import { licenceText, DOWNLOAD_FILES, type ManifestLike } from '../src/lib/explore/downloads';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const t0 = performance.now();
await buildDatabaseFile({ dataDir: DATA_DIR, outPath: DB_FILE });
const out = join(DB_FILE, '..');
/** the candidate hospitals (the what-if tiles' lookup files) */
let hospitalRows: hospitals.Row[] = [];
mkdirSync(out, { recursive: true });
for (const f of ['road_graph.bin', 'manifest.json']) {
	try {
		copyFileSync(join(DATA_DIR, f), join(out, f));
	} catch {
		if (f === 'manifest.json') throw new Error('data/manifest.json is missing: run "npm run data".');
		rmSync(join(out, f), { force: true });
		console.log(`(no data/${f}: the road layer is switched off; the app uses the other methods)`);
	}
}
// downloads: the committed Parquet files as they are, the dictionary and the licences
const manifest = JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')) as ManifestLike;
for (const f of manifest.outputs) if (f.file.endsWith('.parquet')) copyFileSync(join(DATA_DIR, f.file), join(out, f.file));
for (const f of [DOWNLOAD_FILES.dictionary, DOWNLOAD_FILES.roads]) copyFileSync(join(DATA_DIR, f), join(out, f));
writeFileSync(join(out, DOWNLOAD_FILES.licences), licenceText(manifest));
{
	const db = await openNodeDb({ file: DB_FILE });
	try {
		const data = await dashboardData.run(db);
		hospitalRows = await hospitals.all(db);
		writeFileSync(join(out, 'dashboard-data.bin'), dashboardData.encodeFile(data));
		// the places snapped to the road graph (drive-time/snap-file), when there is a road layer
		rmSync(join(out, 'road_snap.bin'), { force: true });
		const graphFile = join(out, 'road_graph.bin');
		if (existsSync(graphFile)) {
			const graph = decodeGraph(readFileSync(graphFile));
			const snap = (rows: { lat: number; lon: number }[]) => prepareOrigins(graph, rows.map((r) => ({ lat: r.lat, lon: r.lon })));
			writeFileSync(join(out, 'road_snap.bin'), encodeSnap(graph, { tracts: snap(data.tractRows), counties: snap(data.countyRows) }));
		}
	} finally {
		db.close();
	}
}
const t1 = performance.now();
const shapes = readShapes();
const view = await buildFirstView({ dataDir: DATA_DIR, dbFile: DB_FILE, outPath: join(out, 'first-view.json'), travelPath: join(out, 'default-travel.bin') });
if (!view) for (const f of ['first-view.json', 'default-travel.bin', 'first-figures.json', 'first-state', 'whatif']) rmSync(join(out, f), { force: true, recursive: true });
else {
	const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8'));
	const read = (f: string) => new Uint8Array(readFileSync(join(out, f)));
	const shipped = decodeShipped({ dataBytes: read('dashboard-data.bin'), travelBytes: read('default-travel.bin'), calibration });
	const first = buildFirstFigures({ shipped, outPath: join(out, 'first-figures.json') });
	buildFirstStates({ shipped, shapes, outDir: join(out, 'first-state') });
	buildWhatIfTiles({ shipped, first, graph: decodeGraph(readFileSync(join(out, 'road_graph.bin'))), hospitals: hospitalRows, outDir: join(out, 'whatif') });
}
writeFirstMap(view, shapes, out);
writeCentroids(shapes, out);
console.log(
	`atlas.duckdb: ${(statSync(DB_FILE).size / 1e6).toFixed(2)} MB in ${Math.round(t1 - t0)} ms; first view: ${
		view ? `${view.counties.fips.length} counties in ${Math.round(performance.now() - t1)} ms` : 'skipped (no road layer)'
	}`
);
