/** The static build is itself a test subject: every route prerendered, only our files, no CDN. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { BUILD } from '../browser/harness';

function walk(d: string): string[] {
	return readdirSync(d).flatMap((n) => {
		const p = join(d, n);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

describe('static build', () => {
	const files = existsSync(BUILD) ? walk(BUILD).map((f) => relative(BUILD, f)) : [];

	it('prerenders every route', () => {
		for (const r of ['index.html', 'methodology/index.html', 'compare/index.html', 'planner/index.html', 'explore/index.html', 'eligibility/index.html', ...['map', 'equity', 'ranking', 'compare', 'whatif'].map((c) => `embed/${c}/index.html`), 'embed.js']) expect(files).toContain(r);
	});

	it('ships the data the page loads, precompressed', () => {
		for (const f of ['data/atlas.duckdb', 'data/atlas.duckdb.gz', 'data/manifest.json', 'data/first-figures.json', 'data/first-figures.json.gz', 'data/first-state/08.json', 'data/first-state/08.json.gz']) expect(files).toContain(f);
		// a state map file for every state of the data the map shapes hold (50 states and DC; the shapes hold no Puerto Rico)
		const states = files
			.map((f) => /^data\/first-state\/(\d\d)\.json$/.exec(f)?.[1])
			.filter((s): s is string => !!s)
			.sort();
		expect(states).toHaveLength(51);
		expect(states).not.toContain('72');
		// the map embed knows them as prerendered (it asks for no other state's file)
		const listed = readFileSync(join(BUILD, 'embed/map/index.html'), 'utf8').match(/firstStates:(\[[^\]]*\])/)?.[1];
		expect(JSON.parse(listed ?? 'null')).toEqual(states);
	});

	it('ships only the eh DuckDB bundle', () => {
		const wasm = files.filter((f) => f.endsWith('.wasm'));
		expect(wasm).toHaveLength(1);
		expect(wasm[0]).toMatch(/duckdb-eh/);
		expect(files.some((f) => /duckdb-(mvp|coi)/.test(f))).toBe(false);
	});

	it('references no CDN or extension host', () => {
		const text = files.filter((f) => /\.(html|js|css)$/.test(f));
		for (const f of text) {
			const s = readFileSync(join(BUILD, f), 'utf8');
			expect(s, f).not.toMatch(/cdn\.jsdelivr|unpkg\.com|fonts\.googleapis|cdnjs\./);
		}
	});

	it('prerenders the first maps inline in their pages, and leaves them out of the scripts', () => {
		const svg = readFileSync(join(BUILD, 'data/first-map.svg'), 'utf8');
		// a county outline of the map (its first path's data)
		const sample = svg.match(/<path d="([^"]{40})/)![1];
		expect(readFileSync(join(BUILD, 'index.html'), 'utf8')).toContain(sample);
		const embed = readFileSync(join(BUILD, 'embed/map/index.html'), 'utf8');
		expect(embed).toContain(sample);
		expect(embed).toContain(JSON.parse(readFileSync(join(BUILD, 'data/first-map-words.json'), 'utf8')).subtitle);
		expect(readFileSync(join(BUILD, 'embed/equity/index.html'), 'utf8')).not.toContain(sample);
		for (const f of files.filter((f) => f.endsWith('.js'))) expect(readFileSync(join(BUILD, f), 'utf8'), f).not.toContain(sample);
	});

	it('allows the inline scripts of the pages with a prerendered map and of the embeds by their hashes, and no other inline script', () => {
		for (const page of ['index.html', 'embed/map/index.html', 'embed/whatif/index.html', 'embed/equity/index.html']) {
			const html = readFileSync(join(BUILD, page), 'utf8');
			const csp = html.match(/http-equiv="content-security-policy" content="([^"]+)"/i)![1];
			expect(csp, page).not.toMatch(/script-src[^;]*unsafe-inline/);
			const inline = [...html.matchAll(/<script(?: data-[a-z-]+="[^"]*")*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
			expect(inline.some((t) => t.includes('first-map-link')), page).toBe(page === 'index.html' || page === 'embed/map/index.html');
			expect(inline.some((t) => t.includes('__atlasEarly')), page).toBe(page.startsWith('embed/'));
			const allowed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
			for (const t of inline) expect(allowed, `${page}: ${t.slice(0, 60)}`).toContain(createHash('sha256').update(t).digest('base64'));
			// (every script element is either one of those or loaded from this site)
			expect([...html.matchAll(/<script\b[^>]*>/g)].length, page).toBe(inline.length + [...html.matchAll(/<script\b[^>]*\bsrc=/g)].length);
		}
	});

	it('starts the workers of a what-if link from the same script files the app starts them from', () => {
		const html = readFileSync(join(BUILD, 'embed/whatif/index.html'), 'utf8');
		const el = html.match(/<script data-worker="([^"]+)" data-graph="([^"]+)" data-snap="([^"]+)" data-data-worker="([^"]+)" data-data="([^"]+)"[^>]*>/);
		expect(el, 'the early workers script').not.toBeNull();
		const [, travel, graph, snap, data, dataFile] = el!;
		// (the page is at embed/whatif/: its paths are relative to it)
		const file = (rel: string) => join(BUILD, 'embed/whatif', rel);
		for (const f of [travel, graph, snap, data, dataFile]) expect(existsSync(file(f)), f).toBe(true);
		expect(travel).toMatch(/_app\/immutable\/workers\/travel\.worker-[\w-]+\.js$/);
		expect(data).toMatch(/_app\/immutable\/workers\/data\.worker-[\w-]+\.js$/);
		const chunks = readdirSync(join(BUILD, '_app/immutable/chunks')).filter((f) => f.endsWith('.js'));
		for (const w of [travel, data]) {
			const name = w.split('/').pop()!;
			expect(chunks.some((c) => readFileSync(join(BUILD, '_app/immutable/chunks', c), 'utf8').includes(`../workers/${name}`)), name).toBe(true);
		}
		// the what-if tiles the script fetches for links they draw (state/whatif-first): the folder with its
		// index, the first figures, a hospital's file and the sums at a threshold of the slider they do not hold
		const tiles = html.match(/ data-tiles="([^"]+)" data-figures="([^"]+)" data-figure-thresholds="60,120" data-tile-grid="15,300,5" data-tile-reach="([\d.]+),([\d.]+)" data-tile-default="120"/);
		expect(tiles, 'the what-if tiles attributes').not.toBeNull();
		const [, dir, figures] = tiles!;
		for (const f of [`${dir}index.json`, figures, `${dir}h01.json`, `${dir}f90.json`, `${dir}f15.json`, `${dir}f300.json`]) expect(existsSync(file(f)), f).toBe(true);
		expect(existsSync(file(`${dir}f60.json`)), 'the first figures hold 1 hour').toBe(false);
	});

	it('sets a Content-Security-Policy that allows no other origin', () => {
		const html = readFileSync(join(BUILD, 'index.html'), 'utf8');
		const m = html.match(/http-equiv="content-security-policy" content="([^"]+)"/i);
		expect(m, 'CSP meta tag').not.toBeNull();
		const csp = m![1];
		expect(csp).toMatch(/default-src 'self'/);
		expect(csp).not.toMatch(/https?:/);
	});
});
