/**
 * The SQL console on the static build in Chromium: run, error with position, read-only
 * tables, cancel, large results, downloads. Every flow fails on a console error, a failed
 * request or a request to another origin.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { screenshot, watchedPage, type Watched } from './harness';
import { done, useSite } from './site';

const site = useSite();

const status = (p: Page) => p.locator('.actions .status').innerText();

async function open(query?: string, viewport?: { width: number; height: number }): Promise<Watched> {
	const w = await watchedPage(site.browser, site.origin, viewport);
	await w.page.goto(`${site.origin}/explore/${query ? `?q=${encodeURIComponent(query)}` : ''}`);
	// the first query runs as soon as the engine is up
	await w.page.waitForFunction(() => !document.querySelector('.work [role="status"].loading'), null, { timeout: 60_000 });
	await expect.poll(() => status(w.page), { timeout: 60_000 }).not.toMatch(/Running/);
	return w;
}

/** Replace the editor's text and run it with Ctrl+Enter. */
async function runQuery(page: Page, sql: string) {
	await page.locator('.cm-content').click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText(sql);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+Enter');
}


describe('SQL console', () => {
	it('runs the default example on load: rows, chart, schema with descriptions, the query in the URL', async () => {
		const w = await open();
		const { page } = w;
		await expect.poll(() => status(page)).toMatch(/\d+ rows in \d+ ms/);
		expect(await page.locator('[role="table"][aria-label="Query result"] [role="row"]').count()).toBeGreaterThan(1);
		expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
		expect(new URL(page.url()).searchParams.get('q')).toMatch(/nh_black > 10000/);
		// schema list: 5 tables, and a column with its dictionary description
		expect(await page.locator('.schema details').count()).toBe(5);
		await page.locator('.schema summary', { hasText: 'counties' }).click();
		await expect.poll(() => page.locator('.schema dd').filter({ hasText: 'NH Black alone' }).count()).toBeGreaterThan(0);
		// syntax highlighting and completion from the real schema
		expect(await page.locator('.cm-content span[class]').count()).toBeGreaterThan(3);
		await page.locator('.cm-content').click();
		await page.keyboard.press('Control+A');
		await page.keyboard.insertText('select * from count');
		await page.keyboard.press('Control+Space');
		await expect.poll(() => page.locator('.cm-tooltip-autocomplete li').allInnerTexts()).toContain('counties');
		await page.keyboard.press('Escape');
		await page.keyboard.insertText('ies where nh_bl');
		await page.keyboard.press('Control+Space');
		await expect.poll(() => page.locator('.cm-tooltip-autocomplete').innerText()).toMatch(/nh_black/);
		await page.keyboard.press('Escape');
		await page.goto(page.url()); // reload: the editor shows the query from the URL
		await expect.poll(() => page.locator('.cm-content').innerText(), { timeout: 60_000 }).toMatch(/nh_black > 10000/);
		await expect.poll(() => status(page), { timeout: 60_000 }).toMatch(/\d+ rows/);
		await screenshot(page, 'explore-desktop');
		await done(w);
	});

	it('shows DuckDB\'s message and where the query failed, and underlines it in the editor', async () => {
		const w = await open('select 1;\nselect *\nfrom counties\nwhere nope > 1');
		const alert = w.page.locator('.sql-error');
		await expect.poll(() => alert.innerText()).toMatch(/Binder Error at line 4, column 7/);
		expect(await alert.innerText()).toMatch(/Referenced column "nope" not found/);
		expect(await w.page.locator('.cm-lintRange-error').innerText()).toBe('nope');
		await runQuery(w.page, 'select * fro counties');
		await expect.poll(() => alert.innerText()).toMatch(/Parser Error at line 1, column 14/);
		await done(w);
	});

	it('cannot alter the shipped tables', async () => {
		const w = await open('select count(*) AS n from counties');
		const { page } = w;
		const alert = page.locator('.sql-error');
		await runQuery(page, 'drop table counties');
		await expect.poll(() => alert.innerText()).toMatch(/read-only mode/);
		await runQuery(page, "insert into atlas.main.counties (county_fips) values ('99999')");
		await expect.poll(() => alert.innerText()).toMatch(/read-only mode/);
		await runQuery(page, "update counties set pop_2020 = 0");
		await expect.poll(() => alert.innerText()).toMatch(/read-only mode/);
		await runQuery(page, 'create table counties2 as select 1');
		await expect.poll(() => alert.innerText()).toMatch(/Not run[\s\S]*read-only[\s\S]*CREATE TEMP TABLE/);
		await runQuery(page, 'detach atlas');
		await expect.poll(() => alert.innerText()).toMatch(/ATTACH and DETACH/);
		await runQuery(page, 'set autoinstall_known_extensions = true');
		await expect.poll(() => alert.innerText()).toMatch(/Settings cannot be changed/);
		// temporary tables work, and shadow nothing outside the console
		await runQuery(page, 'create temp table mine as select county_fips from counties limit 3; select count(*)::INTEGER AS n from mine');
		await expect.poll(() => status(page)).toMatch(/^1 rows/);
		await runQuery(page, 'select count(*)::INTEGER AS n, sum(pop_2020)::DOUBLE AS pop from counties');
		await expect.poll(() => page.locator('[aria-label="Query result"] [role="cell"]').allInnerTexts()).toEqual(['3222', '334735155']);
		await done(w);
	});

	it('cancels a long query, then runs the next one', async () => {
		const w = await open('select 1 AS one');
		const { page } = w;
		await runQuery(page, 'select count(*) from tracts a, tracts b where a.lat * b.lon > a.lon * b.lat');
		await expect.poll(() => status(page)).toMatch(/Running/);
		await page.waitForTimeout(500);
		const t0 = Date.now();
		await page.getByRole('button', { name: 'Cancel' }).click();
		await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/cancelled/);
		expect(Date.now() - t0).toBeLessThan(15_000);
		await runQuery(page, 'select 42 AS answer');
		await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^1 rows/);
		expect(await page.locator('[aria-label="Query result"] [role="cell"]').innerText()).toBe('42');
		await done(w);
	});

	it('85k rows: only visible rows are rendered, scrolling reaches the last row; the histogram draws', async () => {
		const w = await open();
		const { page } = w;
		await page.getByLabel('Example questions').selectOption('tract-distances');
		await expect.poll(() => status(page), { timeout: 60_000 }).toMatch(/85,395 rows/);
		const table = page.locator('[role="table"][aria-label="Query result"]');
		const scroller = page.locator('[role="region"][aria-label="Query result (scrollable)"]');
		await expect.poll(() => table.getAttribute('aria-rowcount')).toBe('85396');
		expect(await table.locator('[role="row"]').count()).toBeLessThan(60);
		await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
		await expect.poll(() => table.locator('[role="row"]').last().getAttribute('aria-rowindex')).toBe('85396');
		expect(await table.locator('[role="row"]').count()).toBeLessThan(60);
		expect(await page.locator('.chart svg [aria-label="rect"]').count()).toBeGreaterThan(0);
		await done(w);
	});

	it('downloads the result as CSV and JSON, and each table as Parquet and CSV', async () => {
		const w = await open("select state, state_name, pop_2020 from states where state in ('AK', 'DC') order by state");
		const { page } = w;
		await expect.poll(() => status(page)).toMatch(/^2 rows/);
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
		expect(readFileSync((await csv.path())!, 'utf8')).toBe('state,state_name,pop_2020\r\nAK,Alaska,733391\r\nDC,District of Columbia,689545\r\n');
		const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
		expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toEqual([
			{ state: 'AK', state_name: 'Alaska', pop_2020: 733391 },
			{ state: 'DC', state_name: 'District of Columbia', pop_2020: 689545 }
		]);
		const row = page.locator('.downloads tr', { hasText: 'centres' });
		const [tableCsv] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'CSV' }).click()]);
		expect(tableCsv.suggestedFilename()).toBe('centres.csv');
		const lines = readFileSync((await tableCsv.path())!, 'utf8').trim().split('\r\n');
		expect(lines[0]).toMatch(/^centre_id,name,city,state,/);
		const hrefs = await page.locator('.downloads a[download]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
		expect(hrefs.length).toBe(8);
		for (const h of hrefs) {
			const r = await page.request.get(h);
			expect(r.status(), h).toBe(200);
		}
		await done(w);
	});

	it('fits a 375 px phone', async () => {
		const w = await open(undefined, { width: 375, height: 800 });
		const { page } = w;
		await expect.poll(() => status(page)).toMatch(/rows/);
		// the page's own content fits (the shared header's nav is the layout's business)
		const overflow = await page.evaluate(() => {
			const m = document.querySelector('main')!;
			const shown = [...m.querySelectorAll('*')].filter((e) => !e.closest('.results, .cm-scroller, .table-wrap'));
			return Math.max(...shown.map((e) => e.getBoundingClientRect().right)) - document.documentElement.clientWidth;
		});
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(page, 'explore-375');
		await done(w);
	});
});
