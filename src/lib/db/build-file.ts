/**
 * Node only: build the DuckDB database file the browser attaches, from the
 * committed Parquet tables in `data/`. Used by `npm run build` (through
 * `scripts/build-db.ts`), by the Node `Db` for tests, and by the benchmark.
 *
 * Why a DuckDB file and not Parquet: DuckDB-WASM 1.32 has no built-in Parquet
 * reader (it would download an extension). Attaching a database file needs no
 * extension and was the fastest load path measured (see ../shared/STACK.md §2-3).
 * STORAGE_VERSION v1.0.0 keeps the file readable by the browser engine (DuckDB 1.4).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SHIPPED_TABLES } from './types';

export async function buildDatabaseFile({ dataDir, outPath }: { dataDir: string; outPath: string }): Promise<void> {
	for (const t of SHIPPED_TABLES) {
		const p = join(dataDir, `${t}.parquet`);
		if (!existsSync(p)) throw new Error(`Missing ${p}. Run "npm run data" (needs ../shared/data/raw) or restore the committed file.`);
	}
	mkdirSync(dirname(outPath), { recursive: true });
	const tmp = `${outPath}.tmp`;
	rmSync(tmp, { force: true });
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const conn = await instance.connect();
	try {
		await conn.run(`ATTACH '${sqlPath(tmp)}' AS f (STORAGE_VERSION 'v1.0.0')`);
		for (const t of SHIPPED_TABLES) {
			await conn.run(`CREATE TABLE f.${t} AS SELECT * FROM read_parquet('${sqlPath(join(dataDir, `${t}.parquet`))}')`);
		}
		await conn.run('CHECKPOINT f');
		await conn.run('DETACH f');
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
	rmSync(outPath, { force: true });
	const { renameSync } = await import('node:fs');
	renameSync(tmp, outPath);
}

function sqlPath(p: string): string {
	return p.replaceAll('\\', '/').replaceAll("'", "''");
}
