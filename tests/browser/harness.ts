/**
 * Shared browser-test harness: serves the static build on loopback, drives Debian's
 * Chromium through playwright-core, and records anything that must fail a test:
 * console errors, hydration warnings, page errors, failed requests, and any request to another origin.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUILD = join(ROOT, 'build');
export const ARTIFACTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The features playwright-core (1.65.1) disables in Chromium. Chromium reads one --disable-features
 * switch, the last: ours below replaces Playwright's, so it repeats them (a unit test checks the list
 * against the installed playwright-core).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsUpgrades',
	'HttpsFirstBalancedModeAutoEnable',
	'LensOverlay',
	'MediaRouter',
	'PaintHolding',
	'ThirdPartyStoragePartitioning',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'TcpPortRandomizationWin',
	'OptimizationHints',
	'NetworkTimeServiceQuerying',
	'AimEnabled',
	'PreconnectToSearch',
	'msForceBrowserSignIn',
	'msEdgeUpdateLaunchServicesPreferredVersion'
];
/**
 * Features we disable on top: a fresh Chromium (this one, 156) loads its omnibox popup's WebUI (and
 * its AI-mode popup) in a renderer of its own as it starts, 1–4 s of CPU in the first seconds, while
 * the page under test loads (measured in traces; on a 2-core machine it takes a core from the page).
 * A user's browser did that when it started, not when they opened a link; a headless one never shows
 * it. PreloadTopChromeWebUI alone left it in 2 of 6 starts; with the popups off too, in none of 14.
 */
export const DISABLED_FEATURES = [
	...PLAYWRIGHT_DISABLED_FEATURES,
	'PreloadTopChromeWebUI',
	'WebUIOmniboxPopup',
	'WebUIOmniboxFullPopup',
	'WebUIOmniboxAimPopup'
];
export const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	`--disable-features=${DISABLED_FEATURES.join(',')}`
];

export interface Served {
	origin: string;
	close(): Promise<void>;
}

export async function serveBuild(headers: Record<string, string> = {}): Promise<Served> {
	if (!existsSync(join(BUILD, 'index.html'))) throw new Error('No build/: run "npm run build" before the browser tests.');
	const server: Server = await startServer({ dir: BUILD, port: 0, headers });
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((ok) => server.close(() => ok())) as Promise<void>
	};
}

export async function launch(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Watched {
	page: Page;
	context: BrowserContext;
	problems: string[];
	offOrigin: string[];
}

/** New page that records console errors, page errors, failed and off-origin requests. */
export async function watchedPage(browser: Browser, origin: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
	const context = await browser.newContext({ viewport });
	const w: Watched = { page: await context.newPage(), context, problems: [], offOrigin: [] };
	watch(w.page, origin, w);
	return w;
}

/** Median rendered width in CSS px of the elements `selector` finds (0 when none), e.g. a map's centre symbols. */
export function medianWidth(page: Page, selector: string): Promise<number> {
	return page.evaluate((sel) => {
		const widths = [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().width).sort((a, b) => a - b);
		return widths[Math.floor(widths.length / 2)] ?? 0;
	}, selector);
}

/** Another page in the same browser context (same storage), recorded into the same lists. */
export async function anotherPage(w: Watched, origin: string): Promise<Page> {
	const page = await w.context.newPage();
	watch(page, origin, w);
	return page;
}

function watch(page: Page, origin: string, { problems, offOrigin }: Pick<Watched, 'problems' | 'offOrigin'>) {
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
		// (Svelte warns when hydration finds other nodes than the server drew, and redraws them)
		else if (m.type() === 'warning' && /hydration/i.test(m.text())) problems.push(`console warning: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) offOrigin.push(u);
	});
}

export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(ARTIFACTS, { recursive: true });
	const path = join(ARTIFACTS, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

/** Wait until the map has rendered at least `n` times (the page counts renders on <html data-map-ready>). */
export async function waitForMap(page: Page, n = 1, timeout = 60_000): Promise<void> {
	await page.waitForFunction((k) => Number(document.documentElement.dataset.mapReady ?? 0) >= k, n, { timeout });
}

/**
 * Wait for the map drawn with a scenario's numbers: drawn after the scenario's travel arrived, which
 * arrived after `since` (the page's clock). The figures above the map may change first, while it computes.
 */
export async function waitForScenarioMap(page: Page, since: number, timeout = 60_000): Promise<void> {
	await page.waitForFunction(
		(t) => {
			const travel = performance.getEntriesByName('atlas:scenario-travel-received').at(-1);
			const map = performance.getEntriesByName('atlas:map-rendered').at(-1);
			return !!travel && travel.startTime > t && !!map && map.startTime > travel.startTime;
		},
		since,
		{ timeout }
	);
}

/**
 * WCAG 2.1 A/AA violations axe-core finds on the page, one line each (id and up to 3 targets).
 * The page's context must be made with `bypassCSP: true` (axe is injected as a script).
 */
export async function axeViolations(page: Page): Promise<string[]> {
	const require = createRequire(import.meta.url);
	await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
	return page.evaluate(async () => {
		// @ts-expect-error injected above
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
		return r.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
	});
}
