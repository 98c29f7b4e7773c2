/**
 * DuckDB-WASM in the browser: booted once (one shared promise), eh bundle only,
 * served by the app itself, extension autoload off, the shipped tables attached
 * read-only from one DuckDB database file built from `data/*.parquet`.
 * Only `src/lib/db/` imports `@duckdb/*`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import {
	plainValue,
	QueryCancelled,
	SESSION_SETUP,
	type ConsoleResult,
	type Db,
	type ResultColumn,
	type RunningQuery,
	type SqlConsole,
	type SqlParam
} from './types';
import { DataType, Table, util as arrowUtil, type Field, type RecordBatch } from 'apache-arrow';

export type BootStage = 'engine' | 'data' | 'attach' | 'ready';
export interface BootProgress {
	stage: BootStage;
	/** 0..1 for the whole boot */
	fraction: number;
	message: string;
}

let boot: Promise<Db> | null = null;
/** The engine behind `boot`, kept for the SQL console's own connection. */
let engine: duckdb.AsyncDuckDB | null = null;

/** Boot DuckDB once; later calls share the same promise. A failed boot can be retried. */
export function getDb(dataUrl: string, onProgress?: (p: BootProgress) => void): Promise<Db> {
	if (!boot) {
		boot = start(dataUrl, onProgress ?? (() => {})).catch((err) => {
			boot = null;
			throw err;
		});
	}
	return boot;
}

async function start(dataUrl: string, progress: (p: BootProgress) => void): Promise<Db> {
	performance.mark('atlas:db-start');
	progress({ stage: 'engine', fraction: 0.05, message: 'Starting the SQL engine' });
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: ehWasm, mainWorker: ehWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	// Fetch the data file while the wasm compiles.
	const bytesP = fetchWithProgress(dataUrl, (f) =>
		progress({ stage: 'data', fraction: 0.1 + 0.5 * f, message: 'Loading the data tables' })
	);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	progress({ stage: 'data', fraction: 0.6, message: 'Loading the data tables' });
	engine = db;
	const bytes = await bytesP;
	progress({ stage: 'attach', fraction: 0.9, message: 'Opening the tables' });
	await db.registerFileBuffer('atlas.duckdb', bytes);
	const conn = await db.connect();
	for (const s of SESSION_SETUP) await conn.query(s);
	await conn.query(`ATTACH 'atlas.duckdb' AS atlas (READ_ONLY)`);
	await conn.query('USE atlas');
	performance.mark('atlas:db-ready');
	progress({ stage: 'ready', fraction: 1, message: 'Ready' });

	return {
		engine: `duckdb-wasm ${duckdb.PACKAGE_VERSION} (eh)`,
		async query<Row extends Record<string, unknown>>(sql: string, params: SqlParam[] = []) {
			let table;
			if (params.length === 0) {
				table = await conn.query(sql);
			} else {
				const stmt = await conn.prepare(sql);
				try {
					table = await stmt.query(...params);
				} finally {
					await stmt.close();
				}
			}
			return tableToRows<Row>(table);
		}
	};
}

/**
 * The SQL console's connection: a second connection to the same engine (booting it if needed),
 * so the console's session (`USE`, temporary tables, a cancelled query) never touches the
 * connection the dashboard queries. Statements go through `send` (a pending query the worker
 * runs in slices), so `cancelSent` can interrupt a long one between slices. Result batches are
 * streamed and collected up to `maxRows`.
 */
export async function openConsole(dataUrl: string, onProgress?: (p: BootProgress) => void): Promise<SqlConsole> {
	await getDb(dataUrl, onProgress);
	const db = engine!;
	const conn = await db.connect();
	for (const s of SESSION_SETUP) await conn.query(s);
	await conn.query('USE atlas');
	// one statement at a time on this connection
	let queue: Promise<unknown> = Promise.resolve();
	return {
		engine: `duckdb-wasm ${duckdb.PACKAGE_VERSION} (eh)`,
		run(sql: string, { maxRows = 1_000_000 } = {}): RunningQuery {
			let cancelled = false;
			let started = false;
			const result = queue
				.catch(() => {})
				.then(async (): Promise<ConsoleResult> => {
					if (cancelled) throw new QueryCancelled();
					started = true;
					let reader;
					try {
						reader = await conn.send(sql, true);
					} catch (e) {
						if (cancelled) throw new QueryCancelled();
						throw e;
					}
					if (!reader) throw new Error('The SQL engine stopped. Reload the page.');
					const batches: RecordBatch[] = [];
					let n = 0;
					let truncated = false;
					for await (const b of reader) {
						if (cancelled) break;
						batches.push(b);
						n += b.numRows;
						if (n > maxRows) {
							truncated = true;
							break;
						}
					}
					if (cancelled) throw new QueryCancelled();
					const table = batches.length ? new Table(batches) : new Table(reader.schema);
					const fields = table.schema.fields;
					const columns: ResultColumn[] = fields.map((f) => ({ name: f.name, type: sqlTypeName(f) }));
					let rows = tableToRows<Record<string, unknown>>(table);
					decimalsToNumbers(table, rows);
					if (truncated) rows = rows.slice(0, maxRows);
					return { columns, rows, truncated };
				});
			queue = result;
			return {
				result,
				async cancel() {
					if (cancelled) return;
					cancelled = true;
					if (started) await conn.cancelSent().catch(() => false);
				}
			};
		}
	};
}

/** DECIMAL and HUGEINT arrive as Arrow Decimal (little-endian words): convert to numbers using the scale. */
function decimalsToNumbers(table: Table, rows: Record<string, unknown>[]) {
	table.schema.fields.forEach((f, j) => {
		if (!DataType.isDecimal(f.type)) return;
		const v = table.getChildAt(j)!;
		const scale = (f.type as { scale: number }).scale;
		for (let i = 0; i < rows.length; i++) {
			const x = v.get(i);
			rows[i][f.name] = x == null ? null : arrowUtil.bigNumToNumber(x as never, scale);
		}
	});
}

/** DuckDB-style type names for the console's column headers, from the Arrow schema. */
function sqlTypeName(f: Field): string {
	const t = f.type;
	if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return 'VARCHAR';
	if (DataType.isBool(t)) return 'BOOLEAN';
	if (DataType.isInt(t)) {
		const w = (t as { bitWidth: number }).bitWidth;
		const signed = (t as { isSigned: boolean }).isSigned;
		const name = w === 8 ? 'TINYINT' : w === 16 ? 'SMALLINT' : w === 32 ? 'INTEGER' : 'BIGINT';
		return signed ? name : `U${name}`;
	}
	if (DataType.isFloat(t)) return (t as { precision: number }).precision === 1 ? 'FLOAT' : 'DOUBLE';
	if (DataType.isDecimal(t)) return `DECIMAL(${(t as { precision: number }).precision},${(t as { scale: number }).scale})`;
	if (DataType.isDate(t)) return 'DATE';
	if (DataType.isTimestamp(t)) return 'TIMESTAMP';
	if (DataType.isList(t)) return `${sqlTypeName((t as unknown as { children: Field[] }).children[0])}[]`;
	if (DataType.isStruct(t)) return 'STRUCT';
	return String(t).toUpperCase();
}

/**
 * Arrow table → plain row objects, column by column: primitive columns without nulls are
 * read as one typed array; others element by element. Much faster than `row.toJSON()` for
 * the 85k-row tract table; BIGINT becomes number, lists become arrays.
 */
export function tableToRows<Row>(table: Table): Row[] {
	const n = table.numRows;
	const cols = table.schema.fields.map((f, j) => {
		const v = table.getChildAt(j);
		// Int and Float columns without nulls come out as one typed array
		const numeric = v != null && n > 0 && v.nullCount === 0 && (DataType.isInt(f.type) || DataType.isFloat(f.type));
		const typed = numeric ? (v.toArray() as unknown as ArrayLike<number | bigint>) : null;
		return { name: f.name, typed, get: (i: number) => (v == null ? null : plainValue(v.get(i))) };
	});
	const rows = new Array<Row>(n);
	for (let i = 0; i < n; i++) {
		const o: Record<string, unknown> = {};
		for (const c of cols) {
			if (c.typed) {
				const x = c.typed[i];
				o[c.name] = typeof x === 'bigint' ? Number(x) : x;
			} else o[c.name] = c.get(i);
		}
		rows[i] = o as Row;
	}
	return rows;
}

async function fetchWithProgress(url: string, onFraction: (f: number) => void): Promise<Uint8Array> {
	const res = await fetch(url);
	if (!res.ok)
		throw new Error(
			`Could not load the data file ${url} (HTTP ${res.status}). Reload the page; if it persists, rebuild with "npm run build".`
		);
	// With compression on the wire, content-length is the compressed size: use it only as a rough guide.
	const total = Number(res.headers.get('content-length') ?? 0);
	if (!res.body || !total) return new Uint8Array(await res.arrayBuffer());
	const reader = res.body.getReader();
	const chunks: Uint8Array[] = [];
	let got = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		got += value.length;
		onFraction(Math.min(1, got / total));
	}
	const out = new Uint8Array(got);
	let o = 0;
	for (const c of chunks) {
		out.set(c, o);
		o += c.length;
	}
	return out;
}
