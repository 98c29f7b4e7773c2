import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, serveBuild, waitForMap, watchedPage, type Served } from './harness';

let served: Served;
let browser: Browser;

beforeAll(async () => {
	served = await serveBuild();
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	await served?.close();
});

describe('national map', () => {
	it('loads from the static build, draws every county and the centres, with no errors or off-site requests', async () => {
		const w = await watchedPage(browser, served.origin);
		await w.page.goto(`${served.origin}/`);
		await waitForMap(w.page);
		// one path per county of the 50 states + DC (albers-usa drops Puerto Rico)
		const counties = await w.page.locator('figure svg g[aria-label="geo"] path, svg g[aria-label="geo"] path').count();
		expect(counties).toBeGreaterThanOrEqual(3144);
		const centreDots = await w.page.locator('svg g[aria-label="dot"] path').count();
		expect(centreDots).toBeGreaterThan(100);
		await expect.poll(() => w.page.getByText(/of people \(/).count()).toBeGreaterThan(0);
		const caveat = await w.page.locator('.caveat').innerText();
		expect(caveat).toMatch(/incomplete/i);
		expect(caveat).toMatch(/\b174\b/);
		await screenshot(w.page, 'dashboard-desktop');
		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await w.context.close();
	});

	it('changing the evidence filter redraws the map, updates the URL, and a shared link reproduces it', async () => {
		const w = await watchedPage(browser, served.origin);
		await w.page.goto(`${served.origin}/`);
		await waitForMap(w.page);
		const before = await w.page.locator('svg g[aria-label="dot"] path').count();
		await w.page.getByRole('checkbox', { name: /^Moderate/ }).uncheck();
		await waitForMap(w.page, 2);
		await expect.poll(() => w.page.locator('svg g[aria-label="dot"] path').count()).toBeLessThan(before);
		const strongOnly = await w.page.locator('svg g[aria-label="dot"] path').count();
		expect(w.page.url()).toContain('evidence=strong');
		// follow the shared link in a fresh page
		const w2 = await watchedPage(browser, served.origin);
		await w2.page.goto(w.page.url());
		await waitForMap(w2.page);
		expect(await w2.page.locator('svg g[aria-label="dot"] path').count()).toBe(strongOnly);
		expect(await w2.page.getByRole('checkbox', { name: /^Moderate/ }).isChecked()).toBe(false);
		// unticking everything gives an explicit empty state, not a blank map
		await w.page.getByRole('checkbox', { name: /^Strong/ }).uncheck();
		await expect.poll(() => w.page.getByText(/No centre matches/).count()).toBe(1);
		expect([...w.problems, ...w2.problems]).toEqual([]);
		await w.context.close();
		await w2.context.close();
	});

	it('a malformed link falls back to defaults with a visible notice', async () => {
		const w = await watchedPage(browser, served.origin);
		await w.page.goto(`${served.origin}/?evidence=bogus&zoom=9`);
		await waitForMap(w.page);
		const notices = await w.page.locator('.notice').allInnerTexts();
		expect(notices.join(' ')).toMatch(/unknown evidence level/);
		expect(notices.join(' ')).toMatch(/"zoom"/);
		expect(await w.page.getByRole('checkbox', { name: /^Strong/ }).isChecked()).toBe(true);
		expect(w.problems).toEqual([]);
		await w.context.close();
	});

	it('works at phone width', async () => {
		const w = await watchedPage(browser, served.origin, { width: 375, height: 800 });
		await w.page.goto(`${served.origin}/`);
		await waitForMap(w.page);
		const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(w.page, 'dashboard-phone');
		expect(w.problems).toEqual([]);
		await w.context.close();
	});

	it('the methodology page lists every shipped table from the manifest', async () => {
		const w = await watchedPage(browser, served.origin);
		await w.page.goto(`${served.origin}/methodology/`);
		for (const t of ['counties', 'tracts', 'centres', 'hospitals', 'states']) {
			await expect.poll(() => w.page.locator('tbody th code', { hasText: new RegExp(`^${t}$`) }).count()).toBe(1);
		}
		await screenshot(w.page, 'methodology-desktop');
		expect(w.problems).toEqual([]);
		await w.context.close();
	});
});
