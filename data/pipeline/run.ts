/**
 * `npm run data`: rebuild every derived table in data/ from ../shared/data/raw.
 *
 *   tsx data/pipeline/run.ts [--raw DIR] [--out DIR] [--no-roads]
 *
 * Deterministic (single-threaded DuckDB, ORDER BY on a unique key for every file), so two runs
 * give byte-identical Parquet and the same manifest.json. Fails loudly (throws) on any check.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from './lib/args.ts';
import { openDb } from './lib/duck.ts';
import { CountyLocator } from './lib/geo.ts';
import { Report, assert, assertFips, assertUnique } from './lib/check.ts';
import type { Ctx } from './lib/context.ts';
import { writeTable } from './lib/write.ts';
import { writeManifest, type OutputInfo } from './lib/manifest.ts';
import { stageReference } from './reference.ts';
import { stageTracts, buildTracts } from './tracts.ts';
import { buildCounties } from './counties.ts';
import { buildStates } from './states.ts';
import { buildCentres } from './centres.ts';
import { buildHospitals } from './hospitals.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function runPipeline(argv: string[]): Promise<{ outputs: OutputInfo[]; report: Report }> {
	const t0 = performance.now();
	const args = parseArgs(argv);
	assert(existsSync(args.rawDir), `Raw data folder not found: ${args.rawDir}. Pass --raw DIR (default ../shared/data/raw relative to the repo root).`);
	mkdirSync(args.outDir, { recursive: true });

	const db = await openDb();
	const report = new Report();
	const ctx: Ctx = { db, rawDir: args.rawDir, outDir: args.outDir, locator: new CountyLocator(), report };
	const outputs: OutputInfo[] = [];
	try {
		await stageReference(ctx);
		const universe = new Set((await db.all<{ county_fips: string }>(`SELECT county_fips FROM universe ORDER BY 1`)).map((r) => r.county_fips));
		await stageTracts(ctx);
		outputs.push(await writeTable(ctx, await buildCounties(ctx)));
		outputs.push(await writeTable(ctx, await buildTracts(ctx)));
		outputs.push(await writeTable(ctx, await buildStates(ctx)));
		outputs.push(await writeTable(ctx, await buildCentres(ctx, universe)));
		outputs.push(await writeTable(ctx, await buildHospitals(ctx, universe)));

		// Cross-table checks on the written tables.
		const codes = async (sql: string) => (await db.all<{ v: string }>(sql)).map((r) => r.v);
		const countyIds = await codes(`SELECT county_fips v FROM out_counties ORDER BY 1`);
		assertFips('counties', 'county_fips', countyIds, 5);
		assertUnique('counties', 'county_fips', countyIds);
		const tractIds = await codes(`SELECT tract_fips v FROM out_tracts ORDER BY 1`);
		assertFips('tracts', 'tract_fips', tractIds, 11);
		assertUnique('tracts', 'tract_fips', tractIds);
		const stateIds = await codes(`SELECT state_fips v FROM out_states ORDER BY 1`);
		assertFips('states', 'state_fips', stateIds, 2);
		assertUnique('states', 'state_fips', stateIds);
		assertUnique('centres', 'centre_id', await codes(`SELECT centre_id v FROM out_centres ORDER BY 1`));
		const hospIds = await codes(`SELECT hospital_id v FROM out_hospitals ORDER BY 1`);
		assertFips('hospitals', 'hospital_id', hospIds, 10);
		assertUnique('hospitals', 'hospital_id', hospIds);
		for (const t of ['out_tracts', 'out_centres', 'out_hospitals']) {
			const c = await codes(`SELECT county_fips v FROM ${t} ORDER BY 1`);
			assertFips(t.slice(4), 'county_fips', c, 5);
			const orphans = await codes(`SELECT DISTINCT county_fips v FROM ${t} ANTI JOIN out_counties USING (county_fips) ORDER BY 1`);
			assert(orphans.length === 0, `${t.slice(4)}: county_fips not in counties: ${orphans.join(', ')}`);
			const st = await codes(`SELECT count(*)::VARCHAR v FROM ${t} WHERE state_fips IS DISTINCT FROM left(county_fips, 2)`);
			assert(st[0] === '0', `${t.slice(4)}: ${st[0]} rows whose state_fips is not the county's state`);
		}
		for (const t of ['out_counties', 'out_states', 'out_centres', 'out_hospitals']) {
			const orphans = await codes(`SELECT DISTINCT state_fips v FROM ${t} ANTI JOIN state_ref USING (state_fips) ORDER BY 1`);
			assert(orphans.length === 0, `${t.slice(4)}: state_fips not in states: ${orphans.join(', ')}`);
		}
	} finally {
		db.close();
	}

	// Road layer (another module; optional).
	const roadsModule = path.join(HERE, 'roads', 'index.ts');
	if (args.roads && existsSync(roadsModule)) {
		const mod = (await import(pathToFileURL(roadsModule).href)) as {
			buildRoads: (ctx: { rawDir: string; outDir: string }) => Promise<OutputInfo[]>;
		};
		const roadOutputs = await mod.buildRoads({ rawDir: args.rawDir, outDir: args.outDir });
		for (const o of roadOutputs) outputs.push({ ...o, layer: 'roads' });
		report.note(`road layer: ${roadOutputs.length} outputs from data/pipeline/roads/index.ts.`);
	} else if (args.roads) {
		report.note('road layer: data/pipeline/roads/index.ts not present, skipped.');
	} else {
		report.note('road layer: switched off (--no-roads or ATLAS_ROADS=0).');
	}

	writeManifest({ outDir: args.outDir, outputs });
	printSummary(outputs, report, (performance.now() - t0) / 1000);
	return { outputs, report };
}

function printSummary(outputs: OutputInfo[], report: Report, seconds: number): void {
	const log = (s = '') => process.stdout.write(s + '\n');
	log('\n== Outputs');
	for (const o of outputs) log(`  ${o.file.padEnd(28)} ${String(o.rows).padStart(7)} rows  ${String(o.bytes).padStart(9)} bytes  ${o.sha256.slice(0, 16)}…`);
	log('\n== Counts in / out');
	for (const c of report.counts) {
		log(`  ${c.table}: ${c.rows_in} in -> ${c.rows_out} out`);
		for (const e of c.excluded) log(`      excluded ${e.rows}: ${e.reason}`);
	}
	log('\n== Notes');
	for (const n of report.notes) log(`  ${n}`);
	log('\n== Documented exceptions');
	for (const e of report.exceptions) {
		log(`  [${e.table}] ${e.what} (${e.items.length})`);
		for (const i of e.items) log(`      ${i}`);
	}
	log(`\nDone in ${seconds.toFixed(1)} s.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	runPipeline(process.argv.slice(2)).catch((err: unknown) => {
		process.stderr.write(`\nData pipeline FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
		if (err instanceof Error && err.name !== 'PipelineError' && err.stack) process.stderr.write(err.stack + '\n');
		process.exit(1);
	});
}
