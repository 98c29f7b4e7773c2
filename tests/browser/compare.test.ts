/**
 * The region comparison as users drive it, on the static build in Chromium: every flow fails
 * on a console error, a failed request or a request to another origin.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, type Watched, watchedPage } from './harness';
import { done, useSite } from './site';

const site = useSite();

const regionsParam = (p: Page) => new URL(p.url()).searchParams.get('regions');
const cardNames = (p: Page) => p.locator('.card h2').allInnerTexts();
const chartSvg = (p: Page) => p.locator('.chart svg[aria-label^="Bar chart"]');
const chartText = (p: Page) => chartSvg(p).evaluate((s) => s.textContent ?? '');

/** Open the page, wait for the chart with the road model in use (the default method). */
async function open(url: string, viewport?: { width: number; height: number }): Promise<Watched> {
	const w = await watchedPage(site.browser, site.origin, viewport);
	await w.page.goto(`${site.origin}${url}`);
	await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
	return w;
}


describe('compare regions', () => {
	it('shows two states side by side against the nation; the picker adds and removes regions; the URL follows', async () => {
		const w = await open('/compare/?regions=08,30');
		const { page } = w;
		await expect.poll(() => cardNames(page)).toEqual(['Colorado', 'Montana']);
		// each card: a share beyond 2 hours, the national reference, and the sentence for the default group
		for (const name of ['Colorado', 'Montana']) {
			const card = page.locator('.card', { has: page.getByRole('heading', { name }) });
			expect(await card.locator('.share').innerText()).toMatch(/^\d+(\.\d)? %$/);
			expect(await card.innerText()).toMatch(/US \d+(\.\d)? %/);
			expect(await card.locator('.headline').innerText()).toMatch(new RegExp(`^In ${name}, .*non-metro counties.*more than 2 hours`));
		}
		// each card: the share under the other methods and centre lists
		await expect
			.poll(() => page.locator('.card .sensitivity figcaption').allInnerTexts(), { timeout: 60_000 })
			.toEqual([expect.stringMatching(/beyond 2 hours in Colorado: from \d+\.\d % to \d+\.\d % .*13 variants.*\.$/), expect.stringMatching(/beyond 2 hours in Montana: (from .*|\d+\.\d % under every method and centre list )\(13 variants.*\.$/)]);
		// the chart: both regions and the United States in every group, one dashed national tick per region row
		await chartSvg(page).waitFor();
		const text = await chartText(page);
		for (const s of ['Colorado', 'Montana', 'United States', 'Everyone', 'Non-metro counties']) expect(text).toContain(s);
		expect(await chartSvg(page).locator('g[aria-label="tick"] line').count()).toBe(10 * 2);
		// a small map per region
		await expect.poll(() => page.locator('.small-map').count()).toBe(2);
		await screenshot(page, 'compare-desktop');

		// add Sublette County, WY with the keyboard
		const picker = page.getByRole('combobox', { name: 'Add a state or county' });
		await picker.fill('Sublette');
		await page.getByRole('option', { name: /Sublette County, WY/ }).waitFor();
		await picker.press('ArrowDown');
		await picker.press('Enter');
		await expect.poll(() => cardNames(page)).toEqual(['Colorado', 'Montana', 'Sublette County, WY']);
		await expect.poll(() => regionsParam(page)).toBe('08,30,56035');
		await expect.poll(() => page.url()).toContain('regions=08,30,56035');
		await expect.poll(() => chartSvg(page).locator('g[aria-label="tick"] line').count()).toBe(10 * 3);
		await screenshot(page, 'compare-desktop-three');

		// remove Montana
		await page.getByRole('button', { name: 'Remove Montana' }).click();
		await expect.poll(() => cardNames(page)).toEqual(['Colorado', 'Sublette County, WY']);
		await expect.poll(() => regionsParam(page)).toBe('08,56035');

		// a threshold change lands in the URL beside the regions
		await page.getByRole('button', { name: '1 hour' }).click();
		await expect.poll(() => page.url()).toContain('t=60');
		await expect.poll(() => page.locator('.card .headline').first().innerText()).toMatch(/more than 1 hour/);
		await expect.poll(() => regionsParam(page)).toBe('08,56035');

		// fewer than two regions: an empty state that says what to do
		await page.getByRole('button', { name: 'Remove Sublette County, WY' }).click();
		await expect.poll(() => page.getByText(/Pick at least one more region to compare with Colorado/).count()).toBe(1);
		expect(await page.locator('.card').count()).toBe(0);
		await done(w);
	});

	it('a malformed link keeps Colorado and says what was ignored', async () => {
		const w = await open('/compare/?regions=08,99,abc');
		const { page } = w;
		await expect.poll(async () => (await page.locator('.notice').allInnerTexts()).join(' ')).toMatch(/"99": not a state or county/);
		const notices = (await page.locator('.notice').allInnerTexts()).join(' ');
		expect(notices).toMatch(/"abc"/);
		expect(await page.getByRole('button', { name: 'Remove Colorado' }).count()).toBe(1);
		expect(await page.getByText(/Pick at least one more region to compare with Colorado/).count()).toBe(1);
		await expect.poll(() => regionsParam(page)).toBe('08');
		await done(w);
	});

	it('more than four regions keeps the first four, with a notice', async () => {
		const w = await open('/compare/?regions=08,30,56,56035,16');
		await expect.poll(() => cardNames(w.page)).toEqual(['Colorado', 'Montana', 'Wyoming', 'Sublette County, WY']);
		expect((await w.page.locator('.notice').allInnerTexts()).join(' ')).toMatch(/at most 4/);
		expect(await w.page.getByRole('combobox', { name: 'Add a state or county' }).isDisabled()).toBe(true);
		await done(w);
	});

	it('has no axe-core violations (WCAG 2 A/AA)', async () => {
		const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${site.origin}/compare/?regions=08,30,56035`);
		await page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await chartSvg(page).waitFor();
		const violations = await axeViolations(page);
		expect(violations).toEqual([]);
		await context.close();
	});

	it('works at phone width without horizontal scrolling', async () => {
		const w = await open('/compare/?regions=08,30,56035', { width: 375, height: 800 });
		await chartSvg(w.page).waitFor();
		await expect.poll(() => w.page.locator('.small-map').count()).toBe(3);
		const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(w.page, 'compare-phone');
		await done(w);
	});
});
