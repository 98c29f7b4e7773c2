// Builds static/data/atlas.duckdb from the committed data/*.parquet (run by `npm run build`).
import { buildDatabaseFile } from '../src/lib/db/build-file';
import { DATA_DIR, DB_FILE } from '../src/lib/db/node';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const t0 = performance.now();
await buildDatabaseFile({ dataDir: DATA_DIR, outPath: DB_FILE });
// Files the browser fetches besides the database: the road graph (if built) and the manifest.
mkdirSync(join(DB_FILE, '..'), { recursive: true });
for (const f of ['road_graph.bin', 'manifest.json']) {
	try {
		copyFileSync(join(DATA_DIR, f), join(DB_FILE, '..', f));
	} catch {
		if (f === 'manifest.json') throw new Error('data/manifest.json is missing: run "npm run data".');
		console.log(`(no data/${f}: the road layer is switched off; the app uses the other methods)`);
	}
}
console.log(`atlas.duckdb: ${(statSync(DB_FILE).size / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - t0)} ms`);
