/**
 * The eligibility page loads its modelled estimates, ranks states, reacts to a parameter, and
 * its county and group breakdowns follow disease, threshold and state (keyboard, CSV, axe, phone).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { axeViolations, screenshot, type Watched, watchedPage } from './harness';
import { done, useSite } from './site';

const site = useSite();

describe('eligibility page', () => {
	it('shows national estimates with ranges and a state ranking, says they are estimates, and updates when a parameter changes', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/eligibility/`);
		const national = w.page.getByRole('heading', { name: /United States \(50 states and DC\): modelled patients per year/ });
		await national.waitFor({ timeout: 90_000 });
		expect(await w.page.locator('p.notice').first().innerText()).toMatch(/estimate/i);
		const total = w.page.locator('tr.total').first();
		const before = await total.innerText();
		expect(before).toMatch(/All five/);
		await expect.poll(() => w.page.getByRole('heading', { name: /States ranked by modelled eligible patients/ }).count(), { timeout: 90_000 }).toBe(1);
		// an entry outside low–high is refused with a message, and the figures stay
		const input = w.page.locator('input[type="number"][aria-label*="central"]').first();
		await input.fill('0.99');
		await input.blur();
		await expect.poll(() => w.page.getByRole('alert').filter({ hasText: /Not applied/ }).count()).toBe(1);
		expect(await total.innerText()).toBe(before);
		// a valid one changes the total, and the link keeps it
		const low = w.page.locator('input[type="number"][aria-label*=": low"]').first();
		const lowValue = Number(await low.inputValue());
		await input.fill(String(lowValue));
		await input.blur();
		await expect.poll(() => total.innerText()).not.toBe(before);
		await expect.poll(() => w.page.url()).toMatch(/=/);
		await screenshot(w.page, 'eligibility-desktop');
		expect(w.problems).toEqual([]);
		expect(w.offOrigin).toEqual([]);
		await w.context.close();
	});
});

describe('eligibility breakdowns by county and group', () => {
	const countyTable = (w: Watched) => w.page.locator('.county-table table');
	const groupTable = (w: Watched) => w.page.locator('.group-table table');
	const firstCounty = (w: Watched) => countyTable(w).locator('tbody tr').first().innerText();
	const groupText = (w: Watched) => groupTable(w).locator('tbody').first().innerText();

	it('county and group tables follow disease, threshold and state; keyboard sort and search; CSV download', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/eligibility/`);
		await countyTable(w).waitFor({ timeout: 90_000 });
		await groupTable(w).waitFor();
		// the headline shows the range across methods and centre lists
		await expect.poll(() => w.page.locator('figure.sensitivity figcaption').innerText(), { timeout: 30_000 }).toMatch(/variants/);
		expect(await w.page.locator('#headline-h').innerText()).toMatch(/modelled eligible patients a year living beyond 2 hours/);
		expect(await w.page.locator('.assumption').innerText()).toMatch(/in proportion to each group/);
		// national: the top counties, a limited number of rows
		expect(await countyTable(w).locator('tbody tr').count()).toBe(100);

		const county0 = await firstCounty(w);
		const group0 = await groupText(w);
		await w.page.getByLabel('Disease', { exact: true }).selectOption('mm');
		await expect.poll(() => countyTable(w).locator('caption').innerText()).toMatch(/^Multiple myeloma/);
		await expect.poll(() => firstCounty(w)).not.toBe(county0);
		await expect.poll(() => groupText(w)).not.toBe(group0);
		expect(await w.page.locator('#product-count').innerText()).toMatch(/name a Myeloma product \(Abecma, Carvykti\)/);

		const county1 = await firstCounty(w);
		const group1 = await groupText(w);
		const threshold = w.page.getByLabel(/^Threshold/);
		await threshold.fill('60');
		await threshold.press('Enter');
		await expect.poll(() => countyTable(w).locator('caption').innerText()).toMatch(/beyond 1 hour/);
		await expect.poll(() => firstCounty(w)).not.toBe(county1);
		await expect.poll(() => groupText(w)).not.toBe(group1);
		// a bad threshold is refused with a message and the figures stay
		const county2 = await firstCounty(w);
		await threshold.fill('0');
		await threshold.press('Enter');
		await expect.poll(() => w.page.getByRole('alert').filter({ hasText: /Not applied/ }).count()).toBe(1);
		expect(await firstCounty(w)).toBe(county2);

		await w.page.getByLabel('State (counties and groups)', { exact: true }).selectOption('08');
		await expect.poll(() => countyTable(w).locator('caption').innerText()).toMatch(/Colorado/);
		const states = await countyTable(w).locator('tbody tr td:nth-child(3)').allInnerTexts();
		expect(states.length).toBe(64);
		expect(new Set(states)).toEqual(new Set(['Colorado']));
		expect(await groupTable(w).locator('caption').innerText()).toMatch(/Colorado/);
		await expect.poll(() => w.page.url()).toMatch(/disease=mm/);
		expect(w.page.url()).toMatch(/t=60/);
		expect(w.page.url()).toMatch(/state=08/);

		// keyboard: sort by county name, then search
		const nameHeader = countyTable(w).locator('thead th').nth(1);
		await nameHeader.locator('button').focus();
		await w.page.keyboard.press('Enter');
		await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
		expect(await countyTable(w).locator('tbody tr th').first().innerText()).toBe('Adams County');
		await w.page.keyboard.press('Enter');
		await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
		const search = w.page.getByLabel('Find a county');
		await search.focus();
		await w.page.keyboard.type('Denver');
		await expect.poll(() => countyTable(w).locator('tbody tr').count()).toBe(1);
		expect(await countyTable(w).locator('tbody tr th').innerText()).toBe('Denver County');

		// CSV of every county of the state, with low/central/high and the estimate notice
		const [dl] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /Download CSV \(all 64 counties\)/ }).click()]);
		expect(dl.suggestedFilename()).toBe('eligible-beyond-60min-mm-08-counties.csv');
		const csv = readFileSync((await dl.path())!, 'utf8');
		expect(csv).toMatch(/not a count of patients/);
		const lines = csv.trim().split('\r\n').filter((l) => !l.startsWith('#'));
		expect(lines[0]).toMatch(/^county_fips,county,state,beyond_low,beyond_central,beyond_high/);
		expect(lines).toHaveLength(65);
		// another unit starts from that method's default threshold
		await w.page.getByLabel('Travel method', { exact: true }).selectOption('straight_miles');
		await expect.poll(() => countyTable(w).locator('caption').innerText()).toMatch(/beyond 60 miles \(Straight-line distance\)/);
		expect(await w.page.getByLabel(/^Threshold/).inputValue()).toBe('60');
		await screenshot(w.page, 'eligibility-colorado-myeloma');
		await done(w);
	});

	it('has no axe-core violations (WCAG 2 A/AA)', async () => {
		const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		const problems: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error') problems.push(m.text());
		});
		await page.goto(`${site.origin}/eligibility/?disease=lbcl&state=30`);
		await page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });
		await page.locator('.group-table table').waitFor();
		const violations = await axeViolations(page);
		expect(violations).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('works at phone width without horizontal scrolling', async () => {
		const w = await watchedPage(site.browser, site.origin, { width: 375, height: 800 });
		await w.page.goto(`${site.origin}/eligibility/?disease=mm&state=08`);
		await w.page.locator('.county-table table').waitFor({ timeout: 90_000 });
		const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(w.page, 'eligibility-phone');
		await done(w);
	});
});
