/**
 * `npm run bench`: the project's benchmark. Medians over several runs, with ratios against
 * a baseline measured in the same run (these machines are shared and noisy). Targets are
 * the dashboard issue's; the table says which are met.
 *
 *   npm run build && npm run bench          (BENCH_RUNS=n, default 5)
 *   BENCH_ONLY=browser,planner npm run bench (only those groups: queries, engine, planner, browser, embeds)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, type BenchRow } from './stats';
import { benchBrowser, benchEmbeds } from './browser';
import { benchQueries } from './queries';
import { benchEngine } from './engine';
import { benchPlanner } from './planner';
import { ARTIFACTS } from '../browser/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rows: BenchRow[] = [];
const t0 = performance.now();

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const groups: [string, (runs: number) => Promise<BenchRow[]>][] = [
	['queries', benchQueries],
	['engine', benchEngine],
	['planner', benchPlanner],
	['browser', benchBrowser],
	['embeds', benchEmbeds]
];
for (const [name, bench] of groups) if (!only || only.has(name)) rows.push(...(await bench(RUNS)));

console.log(`\nCAR-T Access Atlas benchmark (${RUNS} runs each, medians)\n`);
console.log(formatTable(rows));
console.log(`\nTotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, 'bench.json'), JSON.stringify(rows, null, 2));
