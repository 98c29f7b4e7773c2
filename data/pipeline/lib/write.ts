/** Write a DuckDB table to `<outDir>/<file>` as ZSTD Parquet, in a fixed order, and describe it. */
import path from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import type { Ctx } from './context.ts';
import { lit } from './duck.ts';
import { fileDigest, type OutputInfo, type SourceRef } from './manifest.ts';
import { assert } from './check.ts';

export interface TableSpec {
	/** DuckDB table holding the final rows. */
	source: string;
	table: string;
	file: string;
	description: string;
	sources: SourceRef[];
	/** ORDER BY clause (a unique key, so the order is total). */
	orderBy: string;
}

const BAD_TYPES = /HUGEINT|DECIMAL|BIGINT|UBIGINT/;

export async function writeTable(ctx: Ctx, spec: TableSpec): Promise<OutputInfo> {
	const cols = await ctx.db.describe(spec.source);
	for (const c of cols) {
		assert(/^[a-z][a-z0-9_]*$/.test(c.name), `${spec.table}: column "${c.name}" is not snake_case`);
		assert(!BAD_TYPES.test(c.type), `${spec.table}.${c.name} has type ${c.type}; cast counts to INTEGER or DOUBLE`);
	}
	const target = path.join(ctx.outDir, spec.file);
	if (existsSync(target)) rmSync(target);
	await ctx.db.run(
		`COPY (SELECT * FROM ${spec.source} ORDER BY ${spec.orderBy}) TO ${lit(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`
	);
	const { n } = await ctx.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(target)})`);
	const { n: src } = await ctx.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${spec.source}`);
	assert(n === src, `${spec.file}: wrote ${n} rows but the table has ${src}`);
	const { bytes, sha256 } = fileDigest(target);
	return {
		file: spec.file,
		table: spec.table,
		description: spec.description,
		sources: spec.sources,
		rows: n,
		columns: cols.map((c) => ({ name: c.name, type: c.type })),
		bytes,
		sha256,
		layer: 'core'
	};
}
