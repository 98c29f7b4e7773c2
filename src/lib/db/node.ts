/**
 * Node implementation of `Db` over DuckDB node-api, attaching the same database
 * file the browser loads (built from `data/*.parquet`), so tests and the
 * benchmark exercise the browser's table-loading path and SQL.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDatabaseFile } from './build-file';
import { plainRow, SESSION_SETUP, SHIPPED_TABLES, type Db, type SqlParam } from './types';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DATA_DIR = join(REPO_ROOT, 'data');
export const DB_FILE = join(REPO_ROOT, 'static', 'data', 'atlas.duckdb');

/** Rebuild the database file if any Parquet table is newer than it. */
export async function ensureDatabaseFile(dbFile = DB_FILE, dataDir = DATA_DIR): Promise<string> {
	const stale =
		!existsSync(dbFile) ||
		SHIPPED_TABLES.some((t) => statSync(join(dataDir, `${t}.parquet`)).mtimeMs > statSync(dbFile).mtimeMs);
	if (stale) await buildDatabaseFile({ dataDir, outPath: dbFile });
	return dbFile;
}

export interface NodeDb extends Db {
	close(): void;
}

export async function openNodeDb({ file }: { file?: string } = {}): Promise<NodeDb> {
	const dbFile = file ?? (await ensureDatabaseFile());
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const conn = await instance.connect();
	for (const s of SESSION_SETUP) await conn.run(s);
	await conn.run(`ATTACH '${dbFile.replaceAll("'", "''")}' AS atlas (READ_ONLY)`);
	await conn.run('USE atlas');
	return {
		engine: 'duckdb node-api 1.5.5',
		async query<Row extends Record<string, unknown>>(sql: string, params: SqlParam[] = []) {
			const reader = await conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
			return reader.getRowObjectsJS().map((r) => plainRow<Row>(r as Record<string, unknown>));
		},
		close() {
			conn.closeSync();
			instance.closeSync();
		}
	};
}
