/**
 * The first map: drawn at build time as images in the prerendered page, so it is on screen
 * before any script runs; the drawn map then takes its place at the same position and size.
 * A link with settings does not show it (it would show the wrong view).
 */
import { describe, expect, it } from 'vitest';
import { waitForMap, watchedPage } from './harness';
import { done, useSite } from './site';

const site = useSite();

describe('first map images', () => {
	it('are in the prerendered HTML with their sizes, and are SVG files of every county', async () => {
		const html = await (await fetch(`${site.origin}/`)).text();
		expect(html).toMatch(/<img[^>]+first-legend\.svg[^>]+width="480"[^>]+height="50"/);
		expect(html).toMatch(/<img[^>]+first-map\.svg[^>]+width="960"[^>]+height="595"[^>]+elementtiming="first-map"/);
		const res = await fetch(`${site.origin}/data/first-map.svg`);
		expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/);
		const svg = await res.text();
		expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(3144);
		expect(svg).not.toContain('<title>');
	});

	it('is replaced by the drawn map at the same place and size, with no console error', async () => {
		const w = await watchedPage(site.browser, site.origin);
		// hold the scripts back so the images are seen alone first
		await w.page.route(/\/_app\/immutable\/entry\/.*\.js$/, async (r) => {
			await new Promise((ok) => setTimeout(ok, 4000));
			await r.continue();
		});
		await w.page.goto(`${site.origin}/`, { waitUntil: 'domcontentloaded' });
		// wait in the page for the image to be decoded, and measure it there (no script of ours has run yet)
		const before = await w.page.evaluate(async () => {
			const i = document.querySelector<HTMLImageElement>('.first-map img[elementtiming="first-map"]')!;
			await i.decode();
			const r = i.getBoundingClientRect();
			return { x: r.x, y: r.y + scrollY, width: r.width, height: r.height, natural: i.naturalWidth, scripted: !!document.documentElement.dataset.mapReady };
		});
		expect(before.natural).toBe(960);
		expect(before.scripted).toBe(false);
		await waitForMap(w.page);
		expect(await w.page.locator('.first-map').count()).toBe(0);
		const after = await w.page.evaluate(() => {
			const r = document.querySelector('.map svg:has(g[aria-label="geo"])')!.getBoundingClientRect();
			return { y: r.y + scrollY, width: r.width, height: r.height };
		});
		expect(Math.abs(after.y - before.y)).toBeLessThan(2);
		expect(Math.abs(after.width - before.width)).toBeLessThan(2);
		expect(Math.abs(after.height - before.height)).toBeLessThan(2);
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await done(w);
	});

	it('is not shown for a link with settings', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/?region=08`);
		await waitForMap(w.page);
		expect(await w.page.locator('.first-map').count()).toBe(0);
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await done(w);
	});
});
