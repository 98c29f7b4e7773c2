/**
 * The pipeline's one DuckDB owner: opens a single-threaded in-memory engine
 * (single thread + ORDER BY everywhere = byte-identical Parquet on every run)
 * and wraps the few calls the table modules need.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

export interface Db {
	/** Run a statement, ignore the result. */
	run(sql: string): Promise<void>;
	/** Run a query and return rows as plain JS objects (BIGINT -> number when safe). */
	all<T extends Row = Row>(sql: string): Promise<T[]>;
	/** First row of a query (throws if none). */
	one<T extends Row = Row>(sql: string): Promise<T>;
	/** Column names and DuckDB types of a table or view. */
	describe(table: string): Promise<{ name: string; type: string }[]>;
	close(): void;
}

function toPlain(v: unknown): unknown {
	if (typeof v === 'bigint') {
		if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(v);
		return v.toString();
	}
	if (Array.isArray(v)) return v.map(toPlain);
	if (v && typeof v === 'object' && 'items' in (v as object)) return ((v as { items: unknown[] }).items).map(toPlain);
	return v;
}

export async function openDb(): Promise<Db> {
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const con: DuckDBConnection = await instance.connect();
	// No network, no extension autoloading: a missing extension must fail loudly.
	await con.run(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`);
	const db: Db = {
		async run(sql) {
			await con.run(sql);
		},
		async all<T extends Row = Row>(sql: string) {
			const reader = await con.runAndReadAll(sql);
			const rows = reader.getRowObjects();
			return rows.map((r) => {
				const o: Row = {};
				for (const [k, v] of Object.entries(r)) o[k] = toPlain(v);
				return o as T;
			});
		},
		async one<T extends Row = Row>(sql: string) {
			const rows = await db.all<T>(sql);
			if (rows.length === 0) throw new Error(`Query returned no row: ${sql.slice(0, 200)}`);
			return rows[0];
		},
		async describe(table) {
			const rows = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`);
			return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
		},
		close() {
			con.closeSync();
			instance.closeSync();
		}
	};
	return db;
}

/** SQL string literal. */
export function lit(s: string | null | undefined): string {
	if (s === null || s === undefined) return 'NULL';
	return `'${String(s).replaceAll("'", "''")}'`;
}

/** SQL double literal (NULL for non-finite). */
export function num(n: number | null | undefined): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return 'NULL';
	return String(n);
}

/** Create a table from JS rows (small tables only: built as one VALUES list). */
export async function createTableFromRows(
	db: Db,
	name: string,
	columns: { name: string; type: 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' }[],
	rows: object[]
): Promise<void> {
	const colDefs = columns.map((c) => `${c.name} ${c.type}`).join(', ');
	await db.run(`CREATE OR REPLACE TABLE ${name} (${colDefs})`);
	const chunk = 2000;
	for (let i = 0; i < rows.length; i += chunk) {
		const values = rows
			.slice(i, i + chunk)
			.map(
				(r) =>
					'(' +
					columns
						.map((c) => {
							const v = (r as Record<string, unknown>)[c.name];
							if (v === null || v === undefined) return 'NULL';
							if (c.type === 'VARCHAR') return lit(String(v));
							if (c.type === 'BOOLEAN') return v ? 'TRUE' : 'FALSE';
							return num(Number(v));
						})
						.join(', ') +
					')'
			)
			.join(',\n');
		await db.run(`INSERT INTO ${name} VALUES ${values}`);
	}
}
