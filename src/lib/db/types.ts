/**
 * The one interface the rest of the app sees of the SQL engine.
 * Browser (DuckDB-WASM) and Node (DuckDB node-api) both implement it, so query
 * modules run unchanged in tests, the benchmark and the page.
 */
export type SqlParam = string | number | boolean | null;

export interface Db {
	/** Run one statement with positional `?` parameters and return plain row objects. */
	query<Row extends Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<Row[]>;
	/** Which engine answers: shown on the methodology page and in the benchmark. */
	readonly engine: string;
}

/** Tables shipped in the browser database, in load order. Identifiers come only from this list. */
export const SHIPPED_TABLES = ['states', 'counties', 'tracts', 'centres', 'hospitals'] as const;
export type ShippedTable = (typeof SHIPPED_TABLES)[number];

/** SQL run on every new connection: no extension may be fetched from the network. */
export const SESSION_SETUP = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];

/** Convert values the engines return (bigint, Arrow vectors) into JSON-safe JS values. */
export function plainValue(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v && typeof v === 'object') {
		if (Array.isArray(v)) return v.map(plainValue);
		const maybeVector = v as { toArray?: () => ArrayLike<unknown> };
		if (typeof maybeVector.toArray === 'function' && !(v instanceof Date)) {
			return Array.from(maybeVector.toArray(), plainValue);
		}
		const maybeItems = v as { items?: unknown[] };
		if (Array.isArray(maybeItems.items)) return maybeItems.items.map(plainValue);
	}
	return v;
}

export function plainRow<Row>(row: Record<string, unknown>): Row {
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(row)) out[k] = plainValue(row[k]);
	return out as Row;
}

/** One column of a console result: its name and DuckDB's type as text (e.g. `VARCHAR`, `DOUBLE`, `VARCHAR[]`). */
export interface ResultColumn {
	name: string;
	type: string;
}

export interface ConsoleResult {
	columns: ResultColumn[];
	rows: Record<string, unknown>[];
	/** true when more rows existed than `maxRows`: only the first `maxRows` are in `rows` */
	truncated: boolean;
}

/** A statement in flight: await `result`, or `cancel()` it (the promise then rejects with `QueryCancelled`). */
export interface RunningQuery {
	result: Promise<ConsoleResult>;
	cancel(): Promise<void>;
}

export class QueryCancelled extends Error {
	constructor() {
		super('The query was cancelled.');
		this.name = 'QueryCancelled';
	}
}

/**
 * The SQL console's own connection (browser only): one statement at a time, cancellable,
 * with column types. It has its own session (temporary tables, `USE`) on the same engine,
 * with the shipped tables attached read-only as `atlas` and `atlas` as its default database.
 */
export interface SqlConsole {
	run(sql: string, opts?: { maxRows?: number }): RunningQuery;
	readonly engine: string;
}
