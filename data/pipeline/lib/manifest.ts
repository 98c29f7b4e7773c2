/**
 * `data/manifest.json`: one entry per generated file (what it is, where it came from,
 * rows, columns, bytes, sha256). No timestamp, so two runs give the same manifest.
 * The road layer (`data/pipeline/roads/index.ts`) returns `OutputInfo[]` in this shape.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './args.ts';

export interface SourceRef {
	/** Dataset name, e.g. "CDC/ATSDR Social Vulnerability Index 2022, county". */
	name: string;
	publisher: string;
	vintage: string;
	licence: string;
	/** Path relative to the repository root, under `../shared/data/raw` (e.g. `../shared/data/raw/geography/...`). */
	path: string;
}

export interface ColumnInfo {
	name: string;
	/** DuckDB / Parquet logical type, e.g. VARCHAR, DOUBLE, INTEGER, BOOLEAN, VARCHAR[]. */
	type: string;
}

export interface OutputInfo {
	/** File path relative to the output directory (`data/`), posix separators, e.g. `counties.parquet`. */
	file: string;
	/** Table name the app loads it as (snake_case). */
	table: string;
	description: string;
	sources: SourceRef[];
	rows: number;
	columns: ColumnInfo[];
	bytes: number;
	sha256: string;
	/** Which pipeline step wrote it: 'core' (this pipeline) or 'roads'; run.ts sets it. */
	layer?: string;
}

export interface Manifest {
	generated_by: { pipeline: string; version: string; command: string };
	outputs: OutputInfo[];
}

export function fileDigest(file: string): { bytes: number; sha256: string } {
	const buf = readFileSync(file);
	return { bytes: statSync(file).size, sha256: createHash('sha256').update(buf).digest('hex') };
}

export function pipelineVersion(): { pipeline: string; version: string } {
	const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
	return { pipeline: `${pkg.name} data pipeline`, version: pkg.version };
}

/** Write `<outDir>/manifest.json` (outputs sorted by file name) and return the object written. */
export function writeManifest({ outDir, outputs }: { outDir: string; outputs: OutputInfo[] }): Manifest {
	const sorted = [...outputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	const files = sorted.map((o) => o.file);
	if (new Set(files).size !== files.length) throw new Error(`manifest: duplicate file entries ${files.join(', ')}`);
	const manifest: Manifest = {
		generated_by: { ...pipelineVersion(), command: 'npm run data' },
		outputs: sorted
	};
	writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
	return manifest;
}
