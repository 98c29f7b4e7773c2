/**
 * The dashboard as users drive it, on the static build in Chromium: every flow fails on a
 * console error, a failed request or a request to another origin.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, type Watched, waitForMap, waitForScenarioMap, watchedPage } from './harness';
import { done, useSite } from './site';

const site = useSite();

const figures = (p: Page) => p.locator('p.figures').innerText();
const dots = (p: Page) => p.locator('.map svg g[aria-label="dot"]').first().locator('path').count();
const mapSvg = (p: Page) => p.locator('.map svg:has(g[aria-label="geo"])').first();
const mapCount = (p: Page) => p.evaluate(() => Number(document.documentElement.dataset.mapReady ?? 0));
/** the headline's share of residents beyond the threshold, as it writes it ("18.8") */
const shareOf = (headline: string) => headline.match(/(\d+(?:\.\d)?) %/)![1];

/** Open the dashboard and wait for the road model to be in use (the default method). */
async function open(url = '/', viewport?: { width: number; height: number }): Promise<Watched> {
	const w = await watchedPage(site.browser, site.origin, viewport);
	await w.page.goto(`${site.origin}${url}`);
	await waitForMap(w.page);
	await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 60_000 });
	return w;
}


describe('dashboard', () => {
	it('loads from the static build: every county, the centres, headline figures, the equity panel and the ranking', async () => {
		const w = await open();
		const counties = await w.page.locator('.map svg g[aria-label="geo"]').first().locator('path').count();
		expect(counties).toBeGreaterThanOrEqual(3144);
		expect(await dots(w.page)).toBe(167);
		expect(await figures(w.page)).toMatch(/In the United States, [\d.]+ % of residents .* more than 2 hours/);
		expect(await w.page.locator('.caveat').innerText()).toMatch(/incomplete[\s\S]*\b174\b/i);
		// the equity sentence names the group and its reference group
		await expect.poll(() => w.page.getByText(/residents of non-metro counties live more than 2 hours/).count()).toBeGreaterThan(0);
		// ranking table: 51 places (50 states + DC)
		await expect.poll(() => w.page.locator('.ranking tbody tr').count()).toBe(51);
		await screenshot(w.page, 'dashboard-desktop');
		await done(w);
	});

	it('the equity headline shows its range across methods and centre lists, road drive times included once loaded', async () => {
		const w = await open();
		const range = w.page.locator('.equity-panel .sensitivity');
		const caption = () => range.locator('figcaption').innerText();
		// 3 evidence filters × (30 mph, miles, calibrated, road) + this view = 13 variants, computed after the view is ready
		await expect.poll(caption, { timeout: 60_000 }).toMatch(/from \d+\.\d % to \d+\.\d % depending on the method and centre list \(13 variants; a spread of \d+\.\d percentage points\)\.$/);
		expect(await caption()).not.toMatch(/computing range/);
		// the table's rows are drawn once it is open (a closed one is not updated at every threshold step)
		expect(await range.locator('tbody tr').count()).toBe(0);
		await range.getByText('Every variant').click();
		await expect.poll(() => range.locator('tbody tr').count()).toBe(13);
		const rows = await range.locator('tbody tr').allInnerTexts();
		expect(rows).toHaveLength(13);
		expect(rows.filter((r) => /Drive time on roads, 120 minutes/.test(r))).toHaveLength(3);
		expect(rows.some((r) => /strong evidence \(\d+ centres\)/.test(r))).toBe(true);
		expect(rows.at(-1)).toMatch(/\(this view\)/);
		// the range is the headline's figure: the chosen group's share (the current row equals the sentence's first share)
		expect(await caption()).toMatch(/^Share of residents of non-metro counties beyond 2 hours in the United States: from/);
		const bar = await w.page.locator('.equity-panel g[aria-label="bar"] [aria-label^="Non-metro counties:"]').first().getAttribute('aria-label');
		const share = bar!.match(/: ([\d.]+) %/)![1];
		expect(rows.at(-1)).toContain(`${share} %`);
		// a group and a state: the range follows
		await w.page.getByRole('button', { name: '1 hour' }).click();
		await expect.poll(caption).toMatch(/beyond 1 hour in the United States: from/);
		// the open table follows: its own row is the new bar's share
		await expect
			.poll(async () => {
				const label = await w.page.locator('.equity-panel g[aria-label="bar"] [aria-label^="Non-metro counties:"]').first().getAttribute('aria-label');
				const own = (await range.locator('tbody tr').allInnerTexts()).at(-1) ?? '';
				return `${own.includes(`${label!.match(/: ([\d.]+) %/)![1]} %`)} ${own !== rows.at(-1)}`;
			})
			.toBe('true true');
		await screenshot(w.page, 'dashboard-range');
		await done(w);
	});

	it('threshold, method and evidence changes update figures, map and URL; the link reproduces the view', async () => {
		const w = await open();
		const before = await figures(w.page);
		const n = await mapCount(w.page);
		await w.page.getByRole('button', { name: '1 hour' }).click();
		await expect.poll(() => figures(w.page)).not.toBe(before);
		expect(await figures(w.page)).toMatch(/more than 1 hour/);
		await expect.poll(() => w.page.url()).toContain('t=60');
		// the ranking follows once the threshold stops moving, and says so while it is behind
		await expect.poll(() => w.page.locator('.ranking thead').textContent()).toMatch(/Share beyond 1 hour/);
		expect(await w.page.locator('section.ranking').getAttribute('aria-busy')).toBe('false');
		// the equity bars, updated in place while the threshold moves, answer with its figures once it rests:
		// the tip of the first bar (everyone) gives the share the headline gives
		const share = shareOf(await figures(w.page));
		await w.page.waitForTimeout(500);
		const bar = w.page.locator('section.equity g[aria-label="bar"] > *').first();
		await bar.scrollIntoViewIfNeeded();
		await bar.hover();
		await expect.poll(() => w.page.locator('section.equity g[aria-label="tip"]').textContent()).toContain(`${share} %`);
		await w.page.mouse.move(0, 0);
		// a drag: the bars move on the axis they had (updated in place, charts/equity-bars updateEquityBars),
		// every step with its own numbers; once the drag pauses, the chart is drawn again on an axis fitted to them
		const ticks = () => w.page.locator('section.equity g[aria-label="x-axis tick label"] text').allTextContents();
		const everyoneBar = () => w.page.locator('section.equity g[aria-label="bar"] > [aria-label^="Everyone:"]').getAttribute('aria-label');
		const axisBefore = await ticks();
		const steps = await w.page.evaluate(async () => {
			const out: { figures: string; ticks: string[]; bar: string | null }[] = [];
			const el = document.getElementById('threshold') as HTMLInputElement;
			for (const v of [70, 90, 110, 130, 150]) {
				el.value = String(v);
				el.dispatchEvent(new Event('input', { bubbles: true }));
				await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
				out.push({
					figures: document.querySelector('p.figures')!.textContent!,
					ticks: [...document.querySelectorAll('section.equity g[aria-label="x-axis tick label"] text')].map((t) => t.textContent!),
					bar: document.querySelector('section.equity g[aria-label="bar"] > [aria-label^="Everyone:"]')!.getAttribute('aria-label')
				});
			}
			return out;
		});
		// (the first step is drawn, fitted; the axis holds from there, unless a value label needs more room)
		expect(steps.filter((step) => JSON.stringify(step.ticks) === JSON.stringify(steps[0].ticks)).length).toBeGreaterThanOrEqual(4);
		for (const step of steps) expect(step.bar).toBe(`Everyone: ${shareOf(step.figures)} %`);
		expect(new Set(steps.map((x) => x.bar)).size).toBe(steps.length);
		await expect.poll(ticks).not.toEqual(steps[0].ticks);
		expect(Number((await ticks()).at(-1))).toBeLessThan(Number(steps[0].ticks.at(-1)));
		expect(await everyoneBar()).toBe(steps.at(-1)!.bar);
		await w.page.getByRole('button', { name: '1 hour', exact: true }).click();
		await expect.poll(() => figures(w.page)).toMatch(/more than 1 hour/);
		await expect.poll(ticks).toEqual(axisBefore);

		// the data table behind the chart (drawn when shown): the same figures, and it follows the threshold
		const table = w.page.locator('.equity-panel .table-wrap');
		expect(await table.locator('tbody tr').count()).toBe(0);
		await w.page.getByRole('button', { name: 'Show table' }).click();
		const everyone = () => table.locator('tbody tr', { has: w.page.locator('th', { hasText: /^Everyone$/ }) }).locator('td').nth(2).innerText();
		expect(await everyone()).toBe(`${share} %`);
		expect(await table.locator('caption').innerText()).toMatch(/^People beyond 1 hour /);
		await w.page.getByRole('button', { name: '2 hours', exact: true }).click();
		await expect.poll(() => table.locator('caption').innerText()).toMatch(/^People beyond 2 hours /);
		const share2 = shareOf(await figures(w.page));
		expect(await everyone()).toBe(`${share2} %`);
		await w.page.getByRole('button', { name: 'Hide table' }).click();
		expect(await table.isHidden()).toBe(true);
		await w.page.getByRole('button', { name: '1 hour', exact: true }).click();
		await expect.poll(() => figures(w.page)).toMatch(/more than 1 hour/);

		await w.page.getByLabel('Travel measured as').selectOption('straight_miles');
		await expect.poll(() => figures(w.page)).toMatch(/more than 60 miles in a straight line/);
		await expect.poll(() => w.page.locator('.map-title').innerText()).toMatch(/Straight-line miles/);
		await expect.poll(() => w.page.url()).toContain('method=straight_miles');

		await w.page.getByRole('checkbox', { name: /^Moderate/ }).uncheck();
		await expect.poll(() => dots(w.page)).toBe(138);
		expect(await mapCount(w.page)).toBeGreaterThan(n);
		await expect.poll(() => w.page.url()).toContain('evidence=strong');

		const link = w.page.url();
		const w2 = await open(link.slice(site.origin.length));
		expect(await dots(w2.page)).toBe(138);
		expect(await figures(w2.page)).toBe(await figures(w.page));
		expect(await w2.page.getByRole('checkbox', { name: /^Moderate/ }).isChecked()).toBe(false);

		// unticking every level gives an explicit empty state
		await w.page.getByRole('checkbox', { name: /^Strong/ }).uncheck();
		await expect.poll(() => w.page.getByText(/No centre matches/).count()).toBe(1);
		await done(w2);
		await done(w);
	});

	it('zooms to a state with its tracts, and back', async () => {
		const w = await open();
		await w.page.getByLabel('Region').selectOption({ label: 'Colorado' });
		await expect.poll(() => figures(w.page)).toMatch(/^In Colorado,/);
		await expect.poll(() => w.page.url()).toContain('region=08');
		// tract dots: Colorado has 1,447 tracts
		await expect.poll(() => w.page.locator('.map svg g[aria-label="dot"]').first().locator('circle, path').count()).toBeGreaterThan(1400);
		await expect.poll(() => w.page.locator('.ranking caption').textContent()).toMatch(/Counties of Colorado/);
		// the map's note says what the dots are, and why some sit offshore (simplified coastlines)
		const note = w.page.locator('.map .legend-note');
		await expect.poll(() => note.textContent()).toMatch(/Dots: census tracts, each at its 2020 centre of population\. [^.]*1:10 million[^.]*coast/);
		await screenshot(w.page, 'dashboard-state-colorado');
		await w.page.getByLabel('Region').selectOption('US');
		await expect.poll(() => figures(w.page)).toMatch(/^In the United States,/);
		await expect.poll(() => note.textContent()).not.toMatch(/Dots:/);
		await done(w);
	});

	it('what-if: adding a hospital brings people within reach, removing it restores the baseline, and the scenario lives in the URL', async () => {
		const w = await open();
		const base = await figures(w.page);
		const picker = w.page.getByRole('combobox', { name: /Add a centre at a hospital/ });
		await picker.fill('Billings Clinic');
		const option = w.page.getByRole('option', { name: /BILLINGS CLINIC/i }).first();
		await option.waitFor();
		await option.click();
		await expect.poll(() => figures(w.page)).not.toBe(base);
		await expect.poll(() => w.page.url()).toMatch(/add=h%3A\d{10}|add=h:\d{10}/);
		await expect.poll(() => dots(w.page)).toBe(167); // existing centres; the added one is drawn as a star
		await expect.poll(() => w.page.locator('.map svg g[aria-label="dot"]').nth(1).locator('path').count()).toBe(1);
		// the map on screen took the scenario's numbers: the county under the new centre (Yellowstone) names it in its tip
		await mapSvg(w.page).scrollIntoViewIfNeeded();
		const star = (await w.page.locator('.map svg g[aria-label="dot"]').nth(1).locator('path').boundingBox())!;
		await w.page.mouse.move(star.x + star.width / 2, star.y + star.height / 2);
		await expect.poll(() => w.page.locator('.map svg g[aria-label="tip"]').textContent()).toMatch(/Yellowstone County[\s\S]*Nearest: BILLINGS CLINIC/i);
		await w.page.mouse.move(0, 0);
		// the scenario panel reports people newly within reach
		await expect.poll(() => w.page.getByText(/newly within reach/i).count()).toBeGreaterThan(0);
		// its table gives the share beyond reach, which the new centre lowers, with decimals enough to show it
		expect(await w.page.locator('.scenario table thead').textContent()).toMatch(/Share beyond reach, before → after/);
		const everyone = (await w.page.locator('.scenario table tbody tr').first().innerText()).match(/^Everyone\s+([\d.]+) % → ([\d.]+) %\s+\+[\d,]+$/)!;
		expect(Number(everyone[2])).toBeLessThan(Number(everyone[1]));
		const withSite = await figures(w.page);
		// the sentence names the scenario with its own numbers (not while the baseline's are still shown)
		expect(withSite).toMatch(/from the nearest of 168 centres\s+in this scenario\.$/);
		expect(base).not.toMatch(/scenario/);

		// the link reproduces the scenario
		const w2 = await open(w.page.url().slice(site.origin.length));
		await expect.poll(() => figures(w2.page)).toBe(withSite);
		await done(w2);

		await w.page.getByRole('button', { name: /Remove added centre/ }).first().click();
		await expect.poll(() => figures(w.page)).toBe(base);
		await expect.poll(() => w.page.url()).not.toContain('add=');

		// remove an existing centre: figures get worse, and the URL says which
		await w.page.getByLabel('Remove a centre (what if it closed?)').selectOption({ index: 1 });
		await w.page.getByRole('button', { name: 'Remove', exact: true }).click();
		await expect.poll(() => figures(w.page)).not.toBe(base);
		await expect.poll(() => w.page.url()).toContain('remove=');
		await w.page.getByRole('button', { name: /Reset scenario/ }).click();
		await expect.poll(() => figures(w.page)).toBe(base);

		// propose a centre anywhere by clicking the map (Nebraska's Sandhills), then confirm
		await mapSvg(w.page).scrollIntoViewIfNeeded();
		const box = (await mapSvg(w.page).boundingBox())!;
		await w.page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.4);
		const tAdd = await w.page.evaluate(() => performance.now());
		await w.page.getByRole('button', { name: 'Add centre here' }).click();
		await expect.poll(() => w.page.url()).toMatch(/add=p(%3A|:)/);
		await expect.poll(() => figures(w.page)).not.toBe(base);
		// the tip the map click pinned held the old numbers: closed once the scenario's are on the map (the
		// map drawn after its travel arrived; the figures above may change first, while it computes)
		await waitForScenarioMap(w.page, tAdd);
		await expect.poll(() => w.page.locator('.map svg g[aria-label="tip"] > *').count()).toBe(0);
		await done(w);
	});

	it('a site proposed by a map click is computed while its dialog asks: Cancel leaves the view as it was, Add takes what was computed', async () => {
		const w = await open();
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 60_000 });
		const base = await figures(w.page);
		const previewed = () => w.page.evaluate(() => performance.getEntriesByName('atlas:scenario-previewed').length);
		await mapSvg(w.page).scrollIntoViewIfNeeded();
		const box = (await mapSvg(w.page).boundingBox())!;
		// (western South Dakota)
		await w.page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.35);
		await expect.poll(previewed).toBe(1);
		await w.page.locator('.confirm').getByRole('button', { name: 'Cancel' }).click();
		await w.page.waitForTimeout(300);
		expect(await figures(w.page)).toBe(base);
		expect(w.page.url()).not.toContain('add=');
		expect(await w.page.getByText(/newly within reach/i).count()).toBe(0);

		await w.page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.35);
		await expect.poll(previewed).toBe(2);
		const tAdd = await w.page.evaluate(() => performance.now());
		await w.page.getByRole('button', { name: 'Add centre here' }).click();
		await waitForScenarioMap(w.page, tAdd);
		// the scenario's travel is the one computed ahead (no second request to the worker)
		const ahead = await w.page.evaluate(() => (performance.getEntriesByName('atlas:scenario-travel-received').at(-1) as PerformanceMark).detail.ahead);
		expect(ahead).toBe(1);
		await expect.poll(() => figures(w.page)).not.toBe(base);
		await expect.poll(() => w.page.getByText(/newly within reach/i).count()).toBeGreaterThan(0);
		await expect.poll(() => w.page.url()).toMatch(/add=p(%3A|:)/);

		// the hospital picker's active option is computed ahead too: Enter then takes it
		await w.page.keyboard.press('Escape');
		const picker = w.page.getByRole('combobox', { name: /Add a centre at a hospital/ });
		await picker.fill('Billings Clinic');
		await w.page.getByRole('option', { name: /BILLINGS CLINIC/i }).first().waitFor();
		await picker.press('ArrowDown');
		await expect.poll(previewed).toBe(3);
		const tPick = await w.page.evaluate(() => performance.now());
		await picker.press('Enter');
		await waitForScenarioMap(w.page, tPick);
		expect(await w.page.evaluate(() => (performance.getEntriesByName('atlas:scenario-travel-received').at(-1) as PerformanceMark).detail.ahead)).toBe(1);
		await expect.poll(() => w.page.url()).toMatch(/add=p(%3A|:)[^&]*(~|%7E)h(%3A|:)\d{10}/);
		await done(w);
	});

	it("a county's full profile opens from the place search (keyboard) and from a map click, and Escape closes it", async () => {
		const w = await open();
		const search = w.page.getByRole('combobox', { name: 'Find a county or state' });
		await search.fill('dona ana');
		await w.page.getByRole('option', { name: /Doña Ana/ }).first().waitFor();
		await search.press('ArrowDown');
		await search.press('Enter');
		const panel = w.page.getByRole('dialog', { name: /Doña Ana/ });
		await panel.waitFor();
		expect(await panel.innerText()).toMatch(/Nearest centres[\s\S]*by group/);
		// focus moved into the panel; Escape closes it
		await expect.poll(() => w.page.evaluate(() => document.activeElement?.closest('.place-detail') != null)).toBe(true);
		await w.page.keyboard.press('Escape');
		await expect.poll(() => panel.count()).toBe(0);
		// a click on the map opens the county under the pointer (Denver, CO)
		const box = (await mapSvg(w.page).boundingBox())!;
		await w.page.mouse.click(box.x + box.width * 0.42, box.y + box.height * 0.45);
		await expect.poll(() => w.page.locator('.place-detail').count()).toBe(1);
		await done(w);
	});

	it('a map click as soon as the map is drawn opens the county, waiting for the SQL engine that boots after the figures', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/`);
		await waitForMap(w.page);
		await mapSvg(w.page).scrollIntoViewIfNeeded();
		const sqlReadyBefore = await w.page.evaluate(() => performance.getEntriesByName('atlas:db-ready').length > 0);
		const box = (await mapSvg(w.page).boundingBox())!;
		await w.page.mouse.click(box.x + box.width * 0.42, box.y + box.height * 0.45);
		// the reader goes on to the threshold while the county's figures load: the panel, once open, leaves focus there
		const openAtFocus = await w.page.evaluate(() => {
			document.getElementById('threshold')!.focus();
			return document.querySelectorAll('.place-detail').length;
		});
		expect(openAtFocus).toBe(0);
		await expect.poll(() => w.page.locator('.place-detail').count(), { timeout: 60_000 }).toBe(1);
		expect(await w.page.locator('.place-detail').innerText()).toMatch(/County, Colorado/);
		expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('threshold');
		console.log(`county profile opened from a click made ${sqlReadyBefore ? 'after' : 'before'} the SQL engine was ready`);
		await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 60_000 });
		await done(w);
	});

	it('a malformed link falls back to defaults with visible notices and keeps what was valid', async () => {
		const w = await open('/?evidence=bogus&zoom=9&t=abc&group=hispanic&add=p:91,0~h:123');
		const notices = (await w.page.locator('.notice').allInnerTexts()).join(' ');
		expect(notices).toMatch(/unknown evidence level/);
		expect(notices).toMatch(/"zoom"/);
		expect(notices).toMatch(/t="abc"/);
		expect(notices).toMatch(/p:91,0/);
		expect(await w.page.getByRole('checkbox', { name: /^Strong/ }).isChecked()).toBe(true);
		expect(await figures(w.page)).toMatch(/more than 2 hours/);
		await expect.poll(() => w.page.getByText(/Hispanic or Latino residents/).count()).toBeGreaterThan(0);
		await done(w);
	});

	it('works at phone width without horizontal scrolling', async () => {
		const w = await open('/', { width: 375, height: 800 });
		const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(w.page, 'dashboard-phone');
		await done(w);
	});

	it('has no axe-core violations (WCAG 2 A/AA)', async () => {
		const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${site.origin}/`);
		await waitForMap(page);
		await page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 60_000 });
		const violations = await axeViolations(page);
		expect(violations).toEqual([]);
		await context.close();
	});
});

describe('methodology page', () => {
	it('lists every shipped table from the manifest and the road-model parameters', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/methodology/`);
		for (const t of ['counties', 'tracts', 'centres', 'hospitals', 'states']) {
			await expect.poll(() => w.page.locator('tbody th code', { hasText: new RegExp(`^${t}$`) }).count()).toBe(1);
		}
		expect(await w.page.getByText(/OpenStreetMap contributors/).count()).toBeGreaterThan(0);
		await screenshot(w.page, 'methodology-desktop');
		await done(w);
	});
});
