/**
 * `npm run bench`: the project's benchmark. Medians over several runs, with ratios
 * against a baseline measured in the same run (these machines are shared and noisy).
 *
 *   BENCH_RUNS=5 npm run bench          (default 5 runs; needs a build: npm run build)
 *
 * Browser part: a fresh Chromium per run (cold wasm compile), static build served on
 * loopback with gzip, like a static host. Node part: the same query modules on
 * DuckDB node-api over the same database file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, type BenchRow } from './stats';
import { benchBrowser } from './browser';
import { benchQueries } from './queries';
import { ARTIFACTS } from '../browser/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rows: BenchRow[] = [];
const t0 = performance.now();

rows.push(...(await benchQueries(RUNS)));
rows.push(...(await benchBrowser(RUNS)));

console.log(`\nCAR-T Access Atlas benchmark (${RUNS} runs each, medians; ${new Date().toISOString().slice(0, 10)})\n`);
console.log(formatTable(rows));
console.log(`\nTotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, 'bench.json'), JSON.stringify(rows, null, 2));
