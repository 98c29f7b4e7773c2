/**
 * The first map: drawn at build time and inline in the prerendered page, so it is on screen with
 * the first paint, before any script runs; the drawn map then takes its place at the same
 * position and size.
 * A link with settings does not show it (it would show the wrong view).
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { medianWidth, waitForMap, watchedPage } from './harness';
import { done, useSite } from './site';

const site = useSite();

describe('first map', () => {
	it('is inline SVG in the prerendered HTML, every county in one path per colour, and the image files stay for a client-side visit', async () => {
		const html = await (await fetch(`${site.origin}/`)).text();
		const doc = new JSDOM(html).window.document;
		const svg = doc.querySelector('.first-map .first-map-svg svg')!;
		expect(svg.getAttribute('width')).toBe('960');
		expect(svg.getAttribute('height')).toBe('595');
		expect(doc.querySelector('.first-map-svg')!.getAttribute('role')).toBe('img');
		const counties = svg.querySelectorAll('g[aria-label="geo"]')[0].querySelectorAll('path');
		expect(counties.length).toBeLessThan(10);
		// every county: one ring at least each (3,144 counties and county equivalents drawn)
		expect([...counties].reduce((n, p) => n + (p.getAttribute('d')!.match(/M/g) ?? []).length, 0)).toBeGreaterThan(3144);
		expect(svg.querySelector('title')).toBeNull();
		expect(doc.querySelector('.first-map svg text')?.textContent).toBeTruthy(); // the legend, inline too
		// no image is fetched for it
		expect(html).not.toMatch(/first-map\.svg/);
		const res = await fetch(`${site.origin}/data/first-map.svg`);
		expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/);
	});

	it.each([
		{ width: 1280, height: 900 },
		{ width: 375, height: 800 }
	])('is replaced by the drawn map at the same place and size, with no console error ($width px)', async (viewport) => {
		const w = await watchedPage(site.browser, site.origin, viewport);
		// hold the scripts back so the prerendered map is seen alone first
		await w.page.route(/\/_app\/immutable\/entry\/.*\.js$/, async (r) => {
			await new Promise((ok) => setTimeout(ok, 4000));
			await r.continue();
		});
		await w.page.goto(`${site.origin}/`, { waitUntil: 'domcontentloaded' });
		// measure it in the page (no script of ours has run yet)
		const before = await w.page.evaluate(() => {
			const r = document.querySelector('.first-map .first-map-svg svg')!.getBoundingClientRect();
			return { x: r.x, y: r.y + scrollY, width: r.width, height: r.height, scripted: !!document.documentElement.dataset.mapReady };
		});
		// its centre symbols (scaled back to the drawn map's size in CSS)
		const symbolBefore = await medianWidth(w.page, '.first-map-svg g.map-centres path');
		expect(before.width).toBeGreaterThan(viewport.width / 2);
		expect(before.scripted).toBe(false);
		// (hydration keeps it as it is: a mismatch's console warning fails the test)
		await waitForMap(w.page);
		expect(await w.page.locator('.first-map').count()).toBe(0);
		const after = await w.page.evaluate(() => {
			const r = document.querySelector('.map svg:has(g[aria-label="geo"])')!.getBoundingClientRect();
			return { y: r.y + scrollY, width: r.width, height: r.height };
		});
		const symbolAfter = await medianWidth(w.page, '.map svg:has(g[aria-label="geo"]) g.map-centres path');
		// (the headline above it kept its height when its numbers arrived)
		expect(Math.abs(after.y - before.y)).toBeLessThan(2);
		expect(Math.abs(after.width - before.width)).toBeLessThan(2);
		expect(Math.abs(after.height - before.height)).toBeLessThan(2);
		// the centre symbols at the same size: the prerendered map's are scaled back to the drawn map's
		expect(symbolAfter).toBeGreaterThan(4);
		expect(Math.abs(symbolAfter - symbolBefore), `${symbolBefore} px prerendered, ${symbolAfter} px drawn`).toBeLessThan(0.5);
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await done(w);
	});

	it('the map file on its own (as the <img> a client-side visit shows) draws its centre symbols at the drawn size at any width', async () => {
		// the file as the root document, as in an image: the SVG is the root and 100vw the width it is shown at
		const widths: number[] = [];
		for (const width of [960, 375]) {
			const w = await watchedPage(site.browser, site.origin, { width, height: 700 });
			await w.page.goto(`${site.origin}/data/first-map.svg`);
			const shown = await w.page.evaluate(() => document.documentElement.getBoundingClientRect().width);
			expect(Math.abs(shown - width)).toBeLessThan(2);
			widths.push(await medianWidth(w.page, 'g[aria-label="dot"] > g > path'));
			// (not done(): a bare SVG document asks for /favicon.ico, which the site does not have)
			await w.context.close();
		}
		// drawn 960 px wide: unscaled there; at 375 px the map is 0.39 times as wide and its symbols are not
		expect(widths[0]).toBeGreaterThan(4);
		expect(Math.abs(widths[1] - widths[0]), `${widths[0]} px at 960, ${widths[1]} px at 375`).toBeLessThan(0.5);
	});

	it('is not shown for a link with settings, not even before the scripts run', async () => {
		const w = await watchedPage(site.browser, site.origin);
		let release = () => {};
		const held = new Promise<void>((ok) => (release = ok));
		await w.page.route(/\/_app\/immutable\/entry\/.*\.js$/, async (r) => {
			await held;
			await r.continue();
		});
		await w.page.goto(`${site.origin}/?region=08`, { waitUntil: 'domcontentloaded' });
		// in the HTML (one prerendered file for every link), hidden: the page's inline script saw the settings
		expect(await w.page.locator('.first-map-svg svg').count()).toBe(1);
		expect(await w.page.locator('.first-map').isVisible()).toBe(false);
		expect(await w.page.getByRole('heading', { name: /by county$/ }).isVisible()).toBe(false);
		release();
		await waitForMap(w.page);
		expect(await w.page.locator('.first-map').count()).toBe(0);
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await done(w);
	});
});
