/**
 * The planner page on the static build in Chromium: ranks sites with progress, can be
 * cancelled, links each site into the dashboard scenario, shows the study presets and the
 * method range; fails on console errors, failed or off-origin requests.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, watchedPage, type Watched } from './harness';
import { done, useSite } from './site';

const site = useSite();

async function open(url: string, viewport?: { width: number; height: number }): Promise<Watched> {
	const w = await watchedPage(site.browser, site.origin, viewport);
	await w.page.goto(`${site.origin}${url}`);
	await w.page.getByRole('button', { name: 'Rank candidate sites' }).and(w.page.locator(':enabled')).waitFor({ timeout: 90_000 });
	return w;
}

describe('planner', () => {
	it('ranks the top 10 sites nationally (straight line at 30 mph), each linking into the scenario; presets and range show', async () => {
		const w = await open('/planner/?method=straight_30mph&t=120');
		await w.page.getByRole('button', { name: 'Rank candidate sites' }).click();
		await expect.poll(() => w.page.locator('.planner-results tbody tr').count(), { timeout: 60_000 }).toBe(10);
		const ms = Number(await w.page.evaluate(() => document.documentElement.dataset.plannerMs));
		console.log(`planner: top 10 national, straight_30mph, page click → rows: ${ms} ms`);
		expect(ms).toBeGreaterThan(0);
		const href = await w.page.locator('.planner-results a.add').first().getAttribute('href');
		expect(href).toMatch(/^\/\?.*add=h%3A\d{10}|^\/\?.*add=h:\d{10}/);
		expect(href).toContain('method=straight_30mph');
		// the ISPOR preset has our figure next to 29.02 %
		await expect.poll(() => w.page.locator('.study').first().innerText()).toMatch(/29\.0 %[\s\S]*\d+\.\d %/);
		await expect.poll(() => w.page.locator('.sensitivity figcaption').innerText()).toMatch(/from \d+\.\d % to \d+\.\d %/);
		await screenshot(w.page, 'planner-desktop');
		await done(w);
	});

	it('ranks by modelled eligible patients (myeloma) with a low–high range and the estimate notice', async () => {
		const w = await open('/planner/?method=straight_30mph&t=120&objective=eligible:mm&k=5');
		expect(await w.page.getByLabel('Objective').inputValue()).toBe('eligible:mm');
		await expect.poll(() => w.page.locator('.estimate').innerText()).toMatch(/Modelled estimate, not a count of patients/);
		await w.page.getByRole('button', { name: 'Rank candidate sites' }).click();
		await expect.poll(() => w.page.locator('.planner-results tbody tr').count(), { timeout: 60_000 }).toBe(5);
		expect(await w.page.locator('.planner-results thead').innerText()).toMatch(/Modelled eligible patients a year \(Multiple myeloma\) newly within reach: central \(low–high\)/);
		// every gain: central (low–high), low ≤ central ≤ high, gains not increasing down the list
		const gains = await w.page.locator('.planner-results tbody tr td.num strong').allInnerTexts();
		const parsed = gains.map((g) => g.match(/^([\d.,]+) \(([\d.,]+)–([\d.,]+)\)$/)!.slice(1).map((x) => Number(x.replace(/,/g, ''))));
		for (const [c, lo, hi] of parsed) {
			expect(lo).toBeLessThanOrEqual(c);
			expect(c).toBeLessThanOrEqual(hi);
			expect(c).toBeGreaterThan(0);
		}
		for (let i = 1; i < parsed.length; i++) expect(parsed[i][0]).toBeLessThanOrEqual(parsed[i - 1][0]);
		await expect.poll(() => w.page.locator('.sensitivity figcaption').innerText()).toMatch(/Share of modelled eligible patients \(Multiple myeloma, central estimate\)/);
		await screenshot(w.page, 'planner-eligible');
		await done(w);
	});

	it('the myeloma preset renders its table: published bands, ours for both centre lists, and the inputs that differ', async () => {
		const w = await open('/planner/');
		const study = w.page.locator('.study', { has: w.page.getByRole('heading', { name: /Myeloma CAR-T drive-time study/ }) });
		const table = study.locator('table').first();
		await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
		const rows = () => table.locator('tbody tr').allInnerTexts();
		// ours fill in once the county drive times are computed (no "…" left)
		await expect.poll(async () => (await rows()).join('\n'), { timeout: 90_000 }).not.toContain('…');
		const r = await rows();
		expect(r[0]).toMatch(/Up to 1 hour\s+59\.2 %\s+\d+\.\d %\s+\d+\.\d %/);
		expect(r[3]).toMatch(/More than 5 hours\s+1\.4 %\s+\d+\.\d %\s+\d+\.\d %/);
		expect(await table.locator('thead').innerText()).toMatch(/centres naming Abecma or Carvykti[\s\S]*all \d+ centres/);
		await study.getByText('Inputs differ: why our figure is not theirs').click();
		const inputs = study.locator('table.inputs tbody tr');
		expect(await inputs.count()).toBe(5);
		expect(await inputs.first().innerText()).toMatch(/Centre list and date\s+76 ide-cel \(Abecma\) and 55 cilta-cel \(Carvykti\)/);
		await done(w);
	});

	it('shows progress and can be cancelled (road method)', async () => {
		const w = await open('/planner/?method=calibrated');
		await w.page.getByRole('button', { name: 'Rank candidate sites' }).click();
		const cancel = w.page.getByRole('button', { name: 'Cancel' });
		if (await cancel.isVisible().catch(() => false)) {
			await cancel.click();
			await expect.poll(() => w.page.getByText(/Cancelled/).count()).toBeGreaterThan(0);
		}
		// a fresh run after cancelling works
		await w.page.getByRole('button', { name: 'Rank candidate sites' }).click();
		await expect.poll(() => w.page.locator('.planner-results tbody tr').count(), { timeout: 60_000 }).toBe(10);
		await done(w);
	});

	it('works at 375 px', async () => {
		const w = await open('/planner/?method=straight_30mph&region=08&k=5', { width: 375, height: 800 });
		await w.page.getByRole('button', { name: 'Rank candidate sites' }).click();
		await expect.poll(() => w.page.locator('.planner-results tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
		await screenshot(w.page, 'planner-375');
		await done(w);
	});
});
