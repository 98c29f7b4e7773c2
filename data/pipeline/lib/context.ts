/** What every table module receives. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Db } from './duck.ts';
import type { CountyLocator } from './geo.ts';
import type { Report } from './check.ts';
import { lit } from './duck.ts';

export interface Ctx {
	db: Db;
	rawDir: string;
	outDir: string;
	locator: CountyLocator;
	report: Report;
	/** CT old county (09001-09015) -> planning regions its unambiguous 2020 tracts fall in (set by stageTracts). */
	ctAllowed?: Map<string, Set<string>>;
}

/** Absolute path of a raw file (relative to the raw dir), checked to exist, as a SQL literal. */
export function rawSql(ctx: Ctx, rel: string): string {
	return lit(rawPath(ctx, rel));
}

export function rawPath(ctx: Ctx, rel: string): string {
	const p = path.join(ctx.rawDir, rel);
	const probe = p.includes('*') ? path.dirname(p) : p;
	if (!existsSync(probe)) throw new Error(`Missing raw input ${rel} under ${ctx.rawDir}. See ../shared/data/raw/*/PROVENANCE.md.`);
	return p;
}

/** read_csv with every column as text (we parse numbers ourselves and count what fails). */
export function csvText(ctx: Ctx, rel: string, opts = ''): string {
	return `read_csv(${rawSql(ctx, rel)}, all_varchar = true, header = true${opts ? ', ' + opts : ''})`;
}
