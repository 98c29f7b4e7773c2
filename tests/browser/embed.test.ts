/**
 * Embeds as a news site uses them: a host page on a second local origin (another port)
 * holds an iframe per chart, from the snippet the Embed dialog gives, plus `embed.js`.
 * Each iframe must draw its chart, be sized by the height protocol (and again after the
 * host narrows to 375 px), and log no error; embeds request nothing from another origin
 * and set no cookies. Then, top level: downloads (PNG 1×/2×, SVG, CSV checked against the
 * chart's own bars), axe-core, the data table by keyboard, and the cold render time of the
 * default map embed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, axeViolations, launch, medianWidth, serveBuild, type Served } from './harness';
import { embedSnippet } from '../../src/lib/embed/snippet';
import { parseCsv, typedRows } from '../../src/lib/embed/csv';
import { formatPercent } from '../../src/lib/charts/equity-bars';
import type { EmbedChart } from '../../src/lib/embed/params';

let served: Served;
let host: Server;
let hostOrigin = '';
let browser: Browser;

/** Non-road methods except the default map, so six engines do not all load the road network on 2 cores. */
const EMBEDS: { chart: EmbedChart; view: string; display?: Record<string, string> }[] = [
	{ chart: 'map', view: '' },
	{ chart: 'equity', view: 'region=30&method=straight_30mph&group=nh_aian', display: { groups: 'all,nh_white,nh_aian,pov150,rural,metro' } },
	{ chart: 'ranking', view: 'method=straight_miles' },
	{ chart: 'compare', view: 'regions=08,30&method=straight_30mph', display: { theme: 'dark' } },
	{ chart: 'whatif', view: 'region=30&method=straight_30mph&add=p:45.78,-108.5' },
	{ chart: 'map', view: 'region=08&method=straight_miles&t=30', display: { theme: 'dark' } }
];

function snippets(origin: string) {
	return EMBEDS.map((e) =>
		embedSnippet({
			origin,
			chart: e.chart,
			view: new URLSearchParams(e.view),
			display: { theme: (e.display?.theme as 'dark') ?? 'light', groups: (e.display?.groups?.split(',') as never) ?? null }
		})
	);
}

beforeAll(async () => {
	served = await serveBuild();
	const list = snippets(served.origin);
	// the host page: an article column with the snippets pasted in (eager, so all load at once)
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host article</title>
<style>body{font-family:serif;margin:0}main{max-width:680px;margin:0 auto;padding:8px}</style></head>
<body><main><h1>Host article</h1>${list.map((s) => `<p>Paragraph before the chart.</p>${s.html.replace(' loading="lazy"', '')}`).join('\n')}</main></body></html>`;
	host = createServer((req, res) => {
		res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
		res.end(req.url === '/' ? html : 'not found');
	});
	await new Promise<void>((ok) => host.listen(0, '127.0.0.1', () => ok()));
	hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	await new Promise((ok) => host?.close(() => ok(null)));
	await served?.close();
});

function watch(page: Page) {
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console error (${m.location().url}): ${m.text()}`);
		// (Svelte warns when hydration finds other nodes than the server drew, and redraws them)
		else if (m.type() === 'warning' && /hydration/i.test(m.text())) problems.push(`console warning (${m.location().url}): ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
	const offOrigin: string[] = [];
	page.on('request', (r) => {
		const u = r.url();
		if (u.startsWith('data:') || u.startsWith('blob:')) return;
		const frameUrl = r.frame().url();
		// embed frames: only their own origin; the host page: itself and the atlas's embed.js
		const fromEmbed = frameUrl.startsWith(served.origin) || (r.isNavigationRequest() && u.startsWith(`${served.origin}/embed/`));
		if (fromEmbed ? !u.startsWith(served.origin) : !(u.startsWith(hostOrigin) || u === `${served.origin}/embed.js`)) offOrigin.push(`${frameUrl} → ${u}`);
	});
	return { problems, offOrigin };
}

async function frameOf(page: Page, id: string): Promise<Frame> {
	const f = await (await page.$(`#${id}`))!.contentFrame();
	if (!f) throw new Error(`no frame for #${id}`);
	return f;
}

const contentHeight = (f: Frame) => f.evaluate(() => Math.ceil(document.querySelector('.embed-root')!.getBoundingClientRect().height));
const frameHeight = (p: Page, id: string) => p.evaluate((i) => document.getElementById(i)!.getBoundingClientRect().height, id);

describe('embeds on a page of another origin', () => {
	it('each iframe draws its chart, is sized by the height protocol, resizes at 375 px, logs no error', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		const w = watch(page);
		await page.goto(`${hostOrigin}/`);
		const ids = snippets(served.origin).map((s) => s.id);
		for (const [i, id] of ids.entries()) {
			const f = await frameOf(page, id);
			await page.locator(`#${id}`).scrollIntoViewIfNeeded();
			await f.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 240_000 }).catch(async (e) => {
				const state = await f.evaluate(() => document.querySelector('.embed-root')?.textContent?.slice(0, 300));
				throw new Error(`${EMBEDS[i].chart} embed did not draw: ${state}; ${w.problems.join('; ')} (${e})`);
			});
			expect(await f.locator('h1').innerText()).not.toBe('');
			expect(await f.locator('figure.chart svg').count()).toBeGreaterThan(0);
			expect(await f.locator('.source').innerText()).toMatch(/^Source: CAR-T Access Atlas; centre list as of .*, incomplete \(distances are upper bounds\); population ACS/);
			expect(await f.locator('.source a').getAttribute('href')).toMatch(EMBEDS[i].chart === 'compare' ? /\/compare\/\?regions=08,30/ : /^\/(\?|$)/);
			// sized by the protocol: the iframe is as tall as the embed's content
			await expect.poll(async () => Math.abs((await frameHeight(page, id)) - (await contentHeight(f))), { timeout: 10_000 }).toBeLessThanOrEqual(1);
			expect(await page.getAttribute(`#${id}`, 'data-car-t-atlas-sized')).toBe('1');
		}
		mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: join(ARTIFACTS, 'embed-host-desktop.png'), fullPage: true });
		for (const [i, id] of ids.entries()) await (await page.$(`#${id}`))!.screenshot({ path: join(ARTIFACTS, `embed-${i}-${EMBEDS[i].chart}-desktop.png`) });

		// a phone: the column narrows, charts redraw, heights follow
		const before = await Promise.all(ids.map((id) => frameHeight(page, id)));
		await page.setViewportSize({ width: 375, height: 800 });
		for (const id of ids) {
			const f = await frameOf(page, id);
			// Chromium pauses rendering in cross-origin frames out of view: the reader scrolls to each
			await page.locator(`#${id}`).scrollIntoViewIfNeeded();
			await expect.poll(async () => Math.abs((await frameHeight(page, id)) - (await contentHeight(f))), { timeout: 15_000 }).toBeLessThanOrEqual(1);
			expect(await f.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
		}
		const after = await Promise.all(ids.map((id) => frameHeight(page, id)));
		expect(after[0]).toBeLessThan(before[0]); // the map is shorter when narrower
		expect(after[1]).toBeGreaterThan(before[1]); // the bars stack their labels on phones
		await page.screenshot({ path: join(ARTIFACTS, 'embed-host-phone.png'), fullPage: true });
		for (const [i, id] of ids.entries()) await (await page.$(`#${id}`))!.screenshot({ path: join(ARTIFACTS, `embed-${i}-${EMBEDS[i].chart}-phone.png`) });

		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		expect(await context.cookies()).toEqual([]);
		await context.close();
	}, 420_000);
});

/** PNG width and height from the IHDR chunk. */
function pngSize(b: Buffer) {
	expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function save(page: Page, name: RegExp) {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
	const path = join(ARTIFACTS, `download-${d.suggestedFilename()}`);
	await d.saveAs(path);
	return { name: d.suggestedFilename(), body: readFileSync(path) };
}

describe('embed downloads and accessibility', () => {
	it('equity: PNG 1× and 2×, SVG with title, legend and source, CSV equal to the bars', async () => {
		const context = await browser.newContext({ viewport: { width: 800, height: 900 }, acceptDownloads: true });
		const page = await context.newPage();
		const w = watch(page);
		await page.goto(`${served.origin}/embed/equity/?region=30&method=straight_30mph&group=nh_aian&downloads=1`);
		await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		const title = await page.locator('h1').innerText();
		// the headline share's range across methods and centre lists (no road network in a straight-line embed, said so)
		await expect
			.poll(() => page.locator('.sensitivity figcaption').innerText(), { timeout: 60_000 })
			.toMatch(/Share of non-Hispanic American Indian and Alaska Native residents beyond 2 hours in Montana: (from \d+\.\d % to \d+\.\d % .*|\d+\.\d % under every method and centre list )\(10 variants.*\)\.$/);
		expect(await page.locator('.sensitivity .note').innerText()).toMatch(/road network is not loaded here/);

		const p1 = await save(page, /PNG image \(1×\)/);
		const p2 = await save(page, /PNG 2× image/);
		expect(p1.name).toBe('car-t-atlas-equity-montana.png');
		const s1 = pngSize(p1.body);
		const s2 = pngSize(p2.body);
		expect(s2.width).toBe(2 * s1.width);
		expect(s2.height).toBe(2 * s1.height);
		expect(s1.width).toBeGreaterThan(700);

		const svg = (await save(page, /SVG image/)).body.toString('utf8');
		for (const s of [title, 'Selected group', 'Compared group', 'Source: CAR-T Access Atlas; centre list as of']) expect(svg).toContain(s.replaceAll('&', '&amp;'));
		const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
		expect(s1.width).toBe(svgWidth);

		const csv = parseCsv((await save(page, /as CSV/)).body.toString('utf8'));
		expect(csv.comments.join('\n')).toMatch(/Threshold: 120 minutes/);
		expect(csv.comments.join('\n')).toMatch(/Method: Straight line at 30 mph/);
		const rows = typedRows(csv.rows, csv.header.map((k) => ({ key: k, label: k, unit: ['known', 'beyond', 'share', 'share_low', 'share_high', 'ratio'].includes(k) ? 'n' : undefined })));
		const bars = await page.locator('figure.chart g[aria-label="bar"] [aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
		const withShare = rows.filter((r) => r[6] != null);
		expect(bars).toHaveLength(withShare.length);
		for (const r of withShare) expect(bars.some((b) => b.startsWith(`${r[1]}: ${formatPercent(r[6] as number)}`)), `${r[1]}`).toBe(true);

		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await context.close();
	});

	it('an embed drawn from the build-time travel gives the same numbers as the dashboard computing its own in the browser', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
		const dashPage = await context.newPage();
		const w1 = watch(dashPage);
		// the dashboard uses the build-time travel too: served a damaged one, it computes its own in the travel worker
		await dashPage.route('**/default-travel.bin', (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'not a travel file' }));
		await dashPage.goto(`${served.origin}/?group=nh_black`);
		await dashPage.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 120_000 });
		const computed = await dashPage.evaluate(() => performance.getEntriesByName('atlas:travel-received').map((m) => (m as PerformanceMark).detail));
		expect(computed.length).toBeGreaterThan(0);
		expect(computed.every((d) => d && !('file' in d))).toBe(true);
		const [d] = await Promise.all([dashPage.waitForEvent('download'), dashPage.locator('section.equity').getByRole('button', { name: /as CSV/ }).click()]);
		const fromWorker = parseCsv(readFileSync((await d.path())!).toString('utf8'));
		const embedPage = await context.newPage();
		const w2 = watch(embedPage);
		await embedPage.goto(`${served.origin}/embed/equity/?group=nh_black&downloads=1`);
		// (drawn first from the build-time figures: the engine's own draw is the one compared here)
		await embedPage.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') === 'engine', null, { timeout: 120_000 });
		// drawn from the file: the embed did not wait for the road network
		expect(await embedPage.evaluate(() => (performance.getEntriesByName('atlas:travel-received')[0] as PerformanceMark | undefined)?.detail)).toEqual({ file: 0 });
		const fromFile = parseCsv((await save(embedPage, /as CSV/)).body.toString('utf8'));
		expect(fromFile.header).toEqual(fromWorker.header);
		expect(fromFile.rows.length).toBeGreaterThan(5);
		const byGroup = new Map(fromWorker.rows.map((r) => [r[0], r.join()]));
		for (const r of fromFile.rows) expect(r.join(), r[0]).toBe(byGroup.get(r[0]) ?? r.join());
		expect(fromFile.rows.filter((r) => byGroup.has(r[0])).length).toBeGreaterThan(5);
		expect([...w1.problems, ...w2.problems]).toEqual([]);
		await context.close();
	});

	it('a what-if by road the tiles do not draw: its workers start from the page’s head and load the road network and the data file once; the chart shows before and after', async () => {
		const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
		const page = await context.newPage();
		const w = watch(page);
		const graphRequests: string[] = [];
		const dataRequests: string[] = [];
		context.on('request', (r) => {
			if (r.url().includes('road_graph.bin')) graphRequests.push(r.url());
			if (r.url().includes('dashboard-data.bin')) dataRequests.push(r.url());
		});
		// (at 92 minutes: the what-if tiles serve the slider's steps of 5 minutes)
		await page.goto(`${served.origin}/embed/whatif/?add=p:44.0,-103.2&t=92`);
		await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		expect(await page.locator('.embed-root').getAttribute('data-figures')).toBe('engine');
		const marks = await page.evaluate(() => Object.fromEntries(['early-travel', 'session-start', 'roads-loaded', 'embed-rendered'].map((n) => [n, performance.getEntriesByName(`atlas:${n}`)[0]?.startTime ?? null])));
		console.log(`what-if embed by road: ${JSON.stringify(marks)}`);
		// started by the inline script, before the app's own code ran
		expect(marks['early-travel']).not.toBeNull();
		expect(marks['early-travel']!).toBeLessThan(marks['session-start']!);
		expect(graphRequests).toHaveLength(1);
		// the data file fetched by the early data worker, not again by the page
		expect(dataRequests).toHaveLength(1);
		expect(await page.locator('h1').innerText()).toBe('With 1 centre added: who lives more than 92 minutes from a CAR-T centre in the United States');
		expect(await page.locator('.subtitle').first().innerText()).toMatch(/before, .* after/);
		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await context.close();
	});

	it('a what-if by road on a slow device (4× CPU throttling): the baseline is the build-time travel, and the scenario is computed and drawn once', async () => {
		const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
		const page = await context.newPage();
		const w = watch(page);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		// (a threshold the what-if tiles do not serve: the engine draws)
		await page.goto(`${served.origin}/embed/whatif/?add=p:44.0,-103.2&t=92`);
		await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		// (a second computation, had there been one, would land in this time)
		await page.waitForTimeout(2000);
		const marks = await page.evaluate(() =>
			Object.fromEntries(
				['travel-received', 'scenario-travel-received', 'embed-rendered'].map((n) => [n, performance.getEntriesByName(`atlas:${n}`).map((m) => (m as PerformanceMark).detail)])
			)
		);
		// (when the worker had the places before the page had read the build-time travel, it was asked for the
		// baseline in full, and the figures were drawn twice)
		expect(marks['travel-received']).toEqual([{ file: 0 }]);
		expect(marks['scenario-travel-received']).toHaveLength(1);
		expect(marks['scenario-travel-received'][0].ahead).toBe(1);
		expect(marks['embed-rendered']).toHaveLength(1);
		expect(await page.locator('.subtitle').first().innerText()).toMatch(/before, .* after/);
		expect(w.problems).toEqual([]);
		await context.close();
	});

	it('a what-if that adds a hospital and a point is drawn from the what-if tiles near its sites, without the engine, with the numbers the dashboard computes', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
		// Rapid City Regional Hospital (its coordinates from the tiles' hospital file; the dashboard's from DuckDB)
		const link = 'add=h:0004957701~p:46.87,-113.99';
		const embedPage = await context.newPage();
		const w1 = watch(embedPage);
		await embedPage.goto(`${served.origin}/embed/whatif/?${link}&downloads=1`);
		await embedPage.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		expect(await embedPage.locator('.embed-root').getAttribute('data-figures')).toBe('tiles');
		expect(await embedPage.locator('h1').innerText()).toBe('With 2 centres added: who lives more than 2 hours from a CAR-T centre in the United States');
		const subtitle = await embedPage.locator('.subtitle').first().innerText();
		expect(subtitle).toMatch(/^with RAPID CITY REGIONAL HOSPITAL; with Point at 46\.87° N, 113\.99° W\. Everyone: [\d.]+ % before, [\d.]+ % after \([\d,]+ people newly within reach\)\.$/);
		const fromTiles = parseCsv((await save(embedPage, /as CSV/)).body.toString('utf8'));
		// a few cells near the sites; no engine: no road network, data file, build-time travel, database or worker
		await embedPage.waitForTimeout(1500);
		const requested = await embedPage.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
		const cells = requested.filter((u) => /\/data\/whatif\/t[-\d_]+\.bin$/.test(u));
		expect(cells.length).toBeGreaterThan(0);
		expect(cells.length).toBeLessThan(12);
		expect(requested.filter((u) => /road_graph|dashboard-data|default-travel|duckdb|worker/.test(u))).toEqual([]);
		expect(requested.filter((u) => u.endsWith('/data/whatif/h01.json'))).toHaveLength(1);
		// each file fetched once (the page's inline script began them; the page took them over)
		expect(new Set(requested).size).toBe(requested.length);

		// the dashboard computes the same scenario with its engine (the travel worker's merge over the whole network)
		const dashPage = await context.newPage();
		const w2 = watch(dashPage);
		await dashPage.goto(`${served.origin}/?${link}&t=120`);
		await dashPage.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 120_000 });
		// (the scenario panel shows its figures, before → after, once the equity panel has them)
		await expect.poll(() => dashPage.locator('.scenario table tbody tr').first().innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/^Everyone\s+[\d.]+ % → [\d.]+ %/);
		const [d] = await Promise.all([dashPage.waitForEvent('download'), dashPage.locator('section.equity').getByRole('button', { name: /as CSV/ }).click()]);
		const fromEngine = parseCsv(readFileSync((await d.path())!).toString('utf8'));
		const col = (t: typeof fromTiles, key: string) => t.header.indexOf(key);
		const engineRows = new Map(fromEngine.rows.map((r) => [r[0], r]));
		let compared = 0;
		for (const r of fromTiles.rows) {
			const e = engineRows.get(r[0]);
			if (!e) continue;
			compared++;
			for (const [mine, theirs] of [
				['share_after', 'share'],
				['beyond_after', 'beyond'],
				['share_low', 'share_low'],
				['share_high', 'share_high']
			]) {
				const a = Number(r[col(fromTiles, mine)]);
				const b = Number(e[col(fromEngine, theirs)]);
				if (r[col(fromTiles, mine)] === '' || e[col(fromEngine, theirs)] === '') expect(r[col(fromTiles, mine)], `${r[0]} ${mine}`).toBe(e[col(fromEngine, theirs)]);
				else expect(Math.abs(a - b), `${r[0]} ${mine}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
			}
		}
		expect(compared).toBeGreaterThan(5);
		expect([...w1.problems, ...w2.problems]).toEqual([]);
		expect(w1.offOrigin).toEqual([]);

		// a state at 90 minutes (its sums from the tiles' folder), then the same link with tiles that do not read
		// (a damaged index): the engine draws the chart, with the same words and numbers
		const stateLink = `${link}&t=90&region=46`;
		const inState = await context.newPage();
		const w3 = watch(inState);
		await inState.goto(`${served.origin}/embed/whatif/?${stateLink}`);
		await inState.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		expect(await inState.locator('.embed-root').getAttribute('data-figures')).toBe('tiles');
		expect(await inState.locator('h1').innerText()).toBe('With 2 centres added: who lives more than 90 minutes from a CAR-T centre in South Dakota');
		expect(await inState.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/data/whatif/f90.json')).length)).toBe(1);
		const stateSubtitle = await inState.locator('.subtitle').first().innerText();
		const damaged = await context.newPage();
		const w4 = watch(damaged);
		await damaged.route('**/data/whatif/index.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"not": "an index"' }));
		await damaged.goto(`${served.origin}/embed/whatif/?${stateLink}`);
		await damaged.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		expect(await damaged.locator('.embed-root').getAttribute('data-figures')).toBe('engine');
		expect(await damaged.locator('.subtitle').first().innerText()).toBe(stateSubtitle);
		expect([...w3.problems, ...w4.problems]).toEqual([]);
		await context.close();
	});

	it('default map: renders cold from the precomputed view; CSV has every county; SVG holds the legend', async () => {
		const context = await browser.newContext({ viewport: { width: 700, height: 900 }, acceptDownloads: true });
		const page = await context.newPage();
		const w = watch(page);
		await page.goto(`${served.origin}/embed/map/?downloads=1`);
		await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 60_000 });
		const ms = await page.evaluate(() => performance.getEntriesByName('atlas:embed-rendered')[0].startTime);
		console.log(`default map embed: chart on screen ${Math.round(ms)} ms after navigation start (cold context)`);
		const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
		expect(requested.some((u) => /duckdb|road_graph/.test(u))).toBe(false);
		const counties = await page.locator('figure.chart g[aria-label="geo"]').first().locator('path').count();
		const csv = parseCsv((await save(page, /as CSV/)).body.toString('utf8'));
		expect(csv.rows.filter((r) => r[0] === 'county')).toHaveLength(counties);
		const svg = (await save(page, /SVG image/)).body.toString('utf8');
		expect(svg).toContain('Minutes to the nearest CAR-T centre');
		expect(svg).toContain('Source: CAR-T Access Atlas');
		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await context.close();
	});

	it('default map: prerendered in the HTML, on screen before any script runs, for its own link only; the drawn chart takes its place with the same words', async () => {
		const context = await browser.newContext({ viewport: { width: 640, height: 700 } });
		const cases = [
			{ path: '/embed/map/?id=atlas-map&downloads=0', prerendered: true },
			{ path: '/embed/map/?region=08&t=60', prerendered: false },
			{ path: '/embed/map/?theme=dark', prerendered: false }
		];
		for (const c of cases) {
			const page = await context.newPage();
			const w = watch(page);
			// the app's scripts held back: what shows is the prerendered page and its inline script alone
			let release = () => {};
			const held = new Promise<void>((ok) => (release = ok));
			await page.route(/\/_app\/immutable\/entry\/.*\.js$/, async (r) => {
				await held;
				await r.continue();
			});
			await page.goto(`${served.origin}${c.path}`, { waitUntil: 'domcontentloaded' });
			const before = await page.evaluate(() => {
				const first = document.querySelector('.first-embed');
				const map = first?.querySelector('.first-map-svg svg')?.getBoundingClientRect();
				return {
					shown: !!first && getComputedStyle(first).display !== 'none' && !!map && map.width > 500,
					title: first?.querySelector('h1')?.textContent ?? '',
					subtitle: first?.querySelector('.subtitle')?.textContent ?? '',
					visibleTitles: [...document.querySelectorAll('h1')].filter((h) => h.getClientRects().length > 0).length,
					y: map ? map.y + scrollY : 0,
					width: map?.width ?? 0
				};
			});
			// its centre symbols (scaled back to the drawn chart's size in CSS)
			const symbolBefore = await medianWidth(page, '.first-embed .first-map-svg g.map-centres path');
			expect(before.shown, c.path).toBe(c.prerendered);
			expect(before.visibleTitles, c.path).toBe(1);
			release();
			await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 60_000 });
			const after = await page.evaluate(() => {
				const map = document.querySelector('.plot svg:has(g[aria-label="geo"])')!.getBoundingClientRect();
				return { title: document.querySelector('h1')!.textContent, subtitle: document.querySelector('.subtitle')?.textContent ?? '', y: map.y + scrollY, width: map.width, first: document.querySelectorAll('.first-embed').length };
			});
			const symbolAfter = await medianWidth(page, '.plot svg g.map-centres path');
			expect(after.first, c.path).toBe(0);
			if (c.prerendered) {
				// the same words, and the drawn map where the prerendered one was
				expect(after.title).toBe(before.title);
				expect(after.subtitle).toBe(before.subtitle);
				expect(Math.abs(after.y - before.y)).toBeLessThan(4);
				expect(Math.abs(after.width - before.width)).toBeLessThan(2);
				// and its centre symbols at the same size (no jump as the drawn chart takes over)
				expect(symbolAfter).toBeGreaterThan(4);
				expect(Math.abs(symbolAfter - symbolBefore), `${symbolBefore} px prerendered, ${symbolAfter} px drawn`).toBeLessThan(0.5);
			}
			expect(w.problems, c.path).toEqual([]);
			expect(w.offOrigin, c.path).toEqual([]);
			await page.close();
		}
		await context.close();
	});

	it('equity, ranking, compare and state map embeds draw first from the build-time figures; the engine then draws the same numbers', async () => {
		const context = await browser.newContext({ viewport: { width: 700, height: 900 }, acceptDownloads: true });
		const figuresOf = (p: Page) => p.evaluate(() => document.querySelector('.embed-root')?.getAttribute('data-figures'));
		for (const path of ['/embed/equity/?group=nh_black', '/embed/ranking/?t=60', '/embed/compare/?regions=08,30,56', '/embed/map/?region=08&t=60']) {
			const page = await context.newPage();
			const w = watch(page);
			// the data file and the data worker held back until the first figures are read: the engine has
			// no places, so it cannot draw before (the state map draws from its build-time file, state/first-state)
			let release = () => {};
			const held = new Promise<void>((ok) => (release = ok));
			for (const url of ['**/data.worker-*.js', '**/data/dashboard-data.bin']) {
				await page.route(url, async (r) => {
					await held;
					await r.continue();
				});
			}
			await page.goto(`${served.origin}${path}${path.includes('?') ? '&' : '?'}downloads=1`);
			await page.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') != null, null, { timeout: 60_000 });
			expect(await figuresOf(page), path).toBe('build');
			if (path.startsWith('/embed/map/')) {
				// the state's shapes come in its own file: the national shapes file is asked for only once that map is drawn
				const at = await page.evaluate(() => ({
					drawn: performance.getEntriesByName('atlas:embed-rendered')[0].startTime,
					shapes: performance.getEntriesByType('resource').find((e) => e.name.includes('counties-albers'))?.startTime ?? Infinity
				}));
				expect(at.shapes, path).toBeGreaterThan(at.drawn);
			}
			const subtitle = await page.locator('.subtitle').innerText();
			expect(subtitle, path).toMatch(/\d/);
			const csv = (await save(page, /as CSV/)).body.toString('utf8');
			expect(parseCsv(csv).rows.length, path).toBeGreaterThan(2);
			release();
			await page.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') === 'engine', null, { timeout: 120_000 });
			expect(await page.locator('.subtitle').innerText(), path).toBe(subtitle);
			expect((await save(page, /as CSV/)).body.toString('utf8'), path).toBe(csv);
			expect(w.problems, path).toEqual([]);
			expect(w.offOrigin, path).toEqual([]);
			await page.close();
		}
		// a state code the data do not know: no state map file is asked for (no 404), the notice says why
		{
			const page = await context.newPage();
			const w = watch(page);
			await page.goto(`${served.origin}/embed/map/?region=99&t=60`);
			await page.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') != null, null, { timeout: 120_000 });
			await expect.poll(() => page.locator('.notice').first().innerText()).toMatch(/Ignored region="99"/);
			expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/first-state/')))).toBe(false);
			expect(w.problems).toEqual([]);
			await page.close();
		}
		// a threshold the file does not hold: the engine draws; the file the page preloaded is fetched once,
		// by the preload (the page takes it from there, so the browser does not warn of an unused preload)
		const page = await context.newPage();
		const warnings: string[] = [];
		page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
		await page.goto(`${served.origin}/embed/equity/?t=90`);
		await page.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') != null, null, { timeout: 120_000 });
		expect(await figuresOf(page)).toBe('engine');
		expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/first-figures.json')).length)).toBe(1);
		await page.waitForTimeout(4000); // (the browser warns a few seconds after the load event)
		expect(warnings.filter((t) => /preload/i.test(t))).toEqual([]);
		await context.close();
	});

	it('an embed of another centre list draws without fetching the build-time travel (made for the default list only)', async () => {
		const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
		const page = await context.newPage();
		const w = watch(page);
		await page.goto(`${served.origin}/embed/equity/?evidence=strong&method=calibrated`);
		await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
		const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
		expect(requested.some((u) => u.endsWith('/dashboard-data.bin'))).toBe(true);
		expect(requested.some((u) => u.endsWith('/default-travel.bin'))).toBe(false);
		await expect.poll(() => page.locator('.embed-root').textContent()).toMatch(/\d+(\.\d)? %/);
		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await context.close();
	});

	it('axe-core finds no violations; the data table opens from the keyboard', async () => {
		const context = await browser.newContext({ bypassCSP: true, viewport: { width: 700, height: 900 } });
		for (const url of ['/embed/map/?theme=dark', '/embed/equity/?method=straight_30mph&region=30&downloads=1', '/embed/compare/?regions=08,30,56035&method=straight_miles&theme=dark', '/embed/equity/?t=7']) {
			const page = await context.newPage();
			await page.goto(`${served.origin}${url}`);
			await page.waitForFunction(() => Number(document.documentElement.dataset.embedReady ?? 0) >= 1, null, { timeout: 120_000 });
			if (url.includes('t=7')) expect(await page.locator('.notice').first().innerText()).toMatch(/Ignored t="7"/);
			// keyboard: Tab to the table button, Enter opens the table
			for (let i = 0; i < 40; i++) {
				await page.keyboard.press('Tab');
				if (await page.evaluate(() => document.activeElement?.getAttribute('aria-controls') === 'embed-table')) break;
			}
			await page.keyboard.press('Enter');
			await expect.poll(() => page.locator('#embed-table table tbody tr').count()).toBeGreaterThan(1);
			const violations = await axeViolations(page);
			expect(violations, url).toEqual([]);
			await page.close();
		}
		await context.close();
	});
});
