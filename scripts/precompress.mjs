#!/usr/bin/env node
// Writes a gzip (level 9) sibling for every compressible file of the build, so a
// static host (and scripts/serve.mjs) can send the 34 MB DuckDB wasm as ~8 MB.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const COMPRESS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.duckdb', '.bin', '.csv', '.txt', '.md']);
const dir = process.argv[2] ?? 'build';
let before = 0;
let after = 0;
function walk(d) {
	for (const name of readdirSync(d)) {
		const p = join(d, name);
		const st = statSync(p);
		if (st.isDirectory()) walk(p);
		else if (COMPRESS.has(extname(p)) && st.size > 1024) {
			const gz = gzipSync(readFileSync(p), { level: constants.Z_BEST_COMPRESSION });
			writeFileSync(`${p}.gz`, gz);
			before += st.size;
			after += gz.length;
		}
	}
}
walk(dir);
console.log(`precompressed ${(before / 1e6).toFixed(1)} MB -> ${(after / 1e6).toFixed(1)} MB gzip`);
