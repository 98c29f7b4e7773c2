#!/usr/bin/env node
// A small static server for the built site (loopback only). Serves precompressed
// `.gz` siblings written by scripts/precompress.mjs when the client accepts gzip,
// `.wasm` as application/wasm, and `/x/` as `/x/index.html`. Like common static hosts it sends
// an ETag and answers a matching If-None-Match with 304, so a second fetch of the same file
// (e.g. the road graph by a second worker) revalidates instead of downloading it again.
// Usage: node scripts/serve.mjs [dir=build] [port=4173]
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.duckdb': 'application/octet-stream',
	'.bin': 'application/octet-stream',
	'.csv': 'text/csv; charset=utf-8',
	'.parquet': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8'
};

/**
 * @param {{ dir?: string; port?: number; host?: string; headers?: Record<string, string> }} [opts]
 * @returns {Promise<import('node:http').Server>}
 */
export function startServer({ dir = 'build', port = 4173, host = '127.0.0.1', headers = {} } = {}) {
	const root = resolve(dir);
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let rel = decodeURIComponent(url.pathname);
		if (rel.endsWith('/')) rel += 'index.html';
		const file = normalize(join(root, rel));
		if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('Not found');
			return;
		}
		const type = TYPES[extname(file)] ?? 'application/octet-stream';
		const gz = `${file}.gz`;
		const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
		const useGz = acceptsGzip && existsSync(gz);
		const path = useGz ? gz : file;
		const st = statSync(path);
		const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}${useGz ? '-gz' : ''}"`;
		/** @type {Record<string, string | number>} */
		const h = {
			'content-type': type,
			'cache-control': 'no-cache',
			etag,
			vary: 'accept-encoding',
			'x-content-type-options': 'nosniff',
			...headers
		};
		if (String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag)) {
			res.writeHead(304, h);
			res.end();
			return;
		}
		h['content-length'] = st.size;
		if (useGz) h['content-encoding'] = 'gzip';
		res.writeHead(200, h);
		if (req.method === 'HEAD') return res.end();
		createReadStream(path).pipe(res);
	});
	return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = process.argv[2] ?? 'build';
	const port = Number(process.argv[3] ?? 4173);
	if (!existsSync(dir)) {
		console.error(`No ${dir}/ folder: run "npm run build" first.`);
		process.exit(1);
	}
	await startServer({ dir, port });
	console.log(`CAR-T Access Atlas: http://127.0.0.1:${port}/`);
}
