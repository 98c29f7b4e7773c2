// `npm run build`, first step: the files the browser fetches besides the app itself.
// - static/data/atlas.duckdb   built from the committed data/*.parquet
// - static/data/road_graph.bin and manifest.json, copied from data/
// - static/data/first-view.json, the default view precomputed by the page's own engine, and
//   first-map.svg + first-legend.svg, its map drawn as images for the prerendered page
// - static/data/*.parquet, README.md (data dictionary), ROADS.md and DATA-LICENCES.txt, for the
//   table downloads on /explore/
import { buildDatabaseFile } from '../src/lib/db/build-file';
import { DATA_DIR, DB_FILE } from '../src/lib/db/node';
import { buildFirstView, writeFirstMap } from './first-view';
import { licenceText, DOWNLOAD_FILES, type ManifestLike } from '../src/lib/explore/downloads';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const t0 = performance.now();
await buildDatabaseFile({ dataDir: DATA_DIR, outPath: DB_FILE });
const out = join(DB_FILE, '..');
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
const t1 = performance.now();
const view = await buildFirstView({ dataDir: DATA_DIR, dbFile: DB_FILE, outPath: join(out, 'first-view.json') });
if (!view) rmSync(join(out, 'first-view.json'), { force: true });
writeFirstMap(view, out);
console.log(
	`atlas.duckdb: ${(statSync(DB_FILE).size / 1e6).toFixed(2)} MB in ${Math.round(t1 - t0)} ms; first view: ${
		view ? `${view.counties.fips.length} counties in ${Math.round(performance.now() - t1)} ms` : 'skipped (no road layer)'
	}`
);
