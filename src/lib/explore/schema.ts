/**
 * The shipped schema as the console sees it: one query over `duckdb_columns()` for the
 * attached `atlas` database, and its shapes for completion and the schema list.
 */
import type { Db } from '$lib/db/types';

export const SCHEMA_SQL = `SELECT table_name, column_name, data_type, column_index::INTEGER AS column_index
FROM duckdb_columns()
WHERE database_name = 'atlas' AND schema_name = 'main'
ORDER BY table_name, column_index`;

export interface SchemaRow extends Record<string, unknown> {
	table_name: string;
	column_name: string;
	data_type: string;
	column_index: number;
}

export interface SchemaTable {
	name: string;
	columns: { name: string; type: string }[];
}

export function groupSchema(rows: SchemaRow[]): SchemaTable[] {
	const by = new Map<string, SchemaTable>();
	for (const r of rows) {
		let t = by.get(r.table_name);
		if (!t) by.set(r.table_name, (t = { name: r.table_name, columns: [] }));
		t.columns.push({ name: r.column_name, type: r.data_type });
	}
	return [...by.values()];
}

export async function loadSchema(db: Pick<Db, 'query'>): Promise<SchemaTable[]> {
	return groupSchema(await db.query<SchemaRow>(SCHEMA_SQL));
}

/** `{ table: [columns] }` as @codemirror/lang-sql's `schema` option wants it. */
export function completionSchema(tables: SchemaTable[]): Record<string, string[]> {
	return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
}
