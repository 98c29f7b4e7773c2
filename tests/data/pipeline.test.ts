/**
 * Rebuild test: runs the data pipeline without the road layer into a temporary folder and checks
 * that every core file listed in the committed data/manifest.json is rebuilt byte for byte
 * (same sha256) with the same row count. Skipped only when ../shared/data/raw is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RAW = path.resolve(ROOT, '../shared/data/raw');
const hasRaw = existsSync(RAW);

interface Entry {
	file: string;
	table: string;
	rows: number;
	bytes: number;
	sha256: string;
	layer?: string;
}
const readManifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { generated_by: unknown; outputs: Entry[] };

if (!hasRaw) console.warn(`tests/data/pipeline.test.ts skipped: raw inputs not found at ${RAW} (../shared/data/raw relative to the repo).`);

describe.skipIf(!hasRaw)('data pipeline rebuild (--no-roads)', () => {
	let out = '';
	let stdout = '';
	beforeAll(async () => {
		out = mkdtempSync(path.join(os.tmpdir(), 'atlas-data-'));
		const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
		const res = await promisify(execFile)(tsx, ['data/pipeline/run.ts', '--no-roads', '--out', out], {
			cwd: ROOT,
			maxBuffer: 64 * 1024 * 1024,
			timeout: 240_000
		});
		stdout = res.stdout;
	}, 300_000);
	afterAll(() => {
		if (out) rmSync(out, { recursive: true, force: true });
	});

	it('prints a summary with counts and exceptions', () => {
		expect(stdout).toContain('== Counts in / out');
		expect(stdout).toContain('== Documented exceptions');
	});

	it('rebuilds every committed core file with the same sha256 and row count', () => {
		const committed = readManifest(path.join(ROOT, 'data')).outputs.filter((o) => o.layer !== 'roads');
		expect(committed.map((o) => o.file).sort()).toEqual(['centres.parquet', 'counties.parquet', 'hospitals.parquet', 'states.parquet', 'tracts.parquet']);
		const rebuilt = new Map(readManifest(out).outputs.map((o) => [o.file, o]));
		for (const c of committed) {
			const r = rebuilt.get(c.file);
			expect(r, `${c.file} not rebuilt`).toBeDefined();
			expect(r!.rows, `${c.file} rows`).toBe(c.rows);
			expect(r!.sha256, `${c.file} sha256`).toBe(c.sha256);
			const onDisk = createHash('sha256').update(readFileSync(path.join(out, c.file))).digest('hex');
			expect(onDisk, `${c.file} bytes on disk`).toBe(c.sha256);
			// The committed file itself matches its manifest entry.
			const committedDisk = createHash('sha256').update(readFileSync(path.join(ROOT, 'data', c.file))).digest('hex');
			expect(committedDisk, `committed data/${c.file} differs from data/manifest.json`).toBe(c.sha256);
		}
	});

	it('builds no road outputs when the road layer is off', () => {
		const m = readManifest(out);
		expect(m.outputs.filter((o) => o.layer === 'roads')).toEqual([]);
		expect(JSON.stringify(m)).not.toMatch(/\/work\/|\/tmp\/|\\\\/);
	});
});
