/**
 * Bring your own centre list, on the static build in Chromium: bad files are refused with
 * row-level messages and lose nothing; a good list is saved in the browser, survives a
 * reload, and replaces the atlas's list on the map, the comparison and the planner; a link
 * to a set this browser lacks falls back with a notice. Every flow fails on a console error,
 * a failed request or a request to another origin.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { anotherPage, ARTIFACTS, axeViolations, screenshot, waitForMap, watchedPage, type Watched } from './harness';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { done, useSite } from './site';

const site = useSite();

/** Path of a screenshot kept as a test artefact. */
function artefact(name: string): Promise<string> {
	mkdirSync(ARTIFACTS, { recursive: true });
	return Promise.resolve(join(ARTIFACTS, `${name}.png`));
}

const GOOD = [
	'name,latitude,longitude,products',
	'Anchorage Cancer Centre,61.2181,-149.9003,Kymriah',
	'Billings Clinic,45.7833,-108.5007,',
	'Fargo Sanford,46.8772,-96.7898,Yescarta;Breyanzi'
].join('\n');

/** Bad files and the message each must give. */
const BAD: { name: string; bytes: Uint8Array | string; message: RegExp }[] = [
	{ name: 'empty.csv', bytes: '', message: /The file is empty/ },
	{ name: 'no-lat.csv', bytes: 'name,longitude\nA,-100\n', message: /Missing column: latitude/ },
	{ name: 'text-lat.csv', bytes: 'name,lat,lon\nA,forty,-100\n', message: /Line 2: The latitude "forty" is not a number/ },
	{ name: 'range.csv', bytes: 'name,lat,lon\nA,95,-100\n', message: /Line 2: The latitude 95 is out of range/ },
	{ name: 'abroad.csv', bytes: 'name,lat,lon\nParis,48.85,2.35\n', message: /Line 2: .*outside the 50 states/ },
	{ name: 'swapped.csv', bytes: 'name,lat,lon\nDenver,-104.99,39.74\n', message: /swapped/ },
	{ name: 'dup.csv', bytes: 'name,lat,lon\nA,40,-100\nA,40,-100\n', message: /Line 3: Repeats line 2/ },
	{ name: 'latin1.csv', bytes: Uint8Array.from([...Buffer.from('name,lat,lon\nSan Jos'), 0xe9, ...Buffer.from(',37.3,-121.9\n')]), message: /UTF-8/ },
	{ name: 'huge.csv', bytes: new Uint8Array(6_000_000).fill(65), message: /6\.0 MB; the limit is 5 MB/ }
];

async function openExplore(): Promise<Watched> {
	const w = await watchedPage(site.browser, site.origin);
	await w.page.goto(`${site.origin}/explore/#centre-sets`);
	await w.page.locator('#centre-sets').scrollIntoViewIfNeeded();
	return w;
}

const upload = (page: Page, name: string, bytes: Uint8Array | string) =>
	page.locator('#centre-sets input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });

/** Paste CSV text into a section (#centre-sets or #area-data) and check it. */
async function paste(page: Page, section: string, text: string) {
	const s = page.locator(section);
	if (!(await s.locator('details.paste').getAttribute('open').then((o) => o != null))) await s.getByText('Or paste CSV text').click();
	await s.getByLabel('CSV text').fill(text);
	await s.getByRole('button', { name: 'Check the text' }).click();
}

async function saveGood(page: Page, name: string) {
	await paste(page, '#centre-sets', GOOD);
	await expect.poll(() => page.locator('#draft-h').innerText()).toBe('3 centres ready to save');
	await page.locator('#centre-sets').getByLabel('Name of the set').fill(name);
	await page.locator('#centre-sets').getByRole('button', { name: 'Save in this browser' }).click();
	await expect.poll(() => page.locator('#centre-sets [role="status"]').last().innerText()).toMatch(/Saved "Northern network" \(3 centres\)/);
}

/** The SQL engine is up (leaving the page before would abort its requests). */
const engineReady = (p: Page) => expect.poll(() => p.locator('.schema details').count(), { timeout: 60_000 }).toBeGreaterThan(0);
/** The road model is in use (the last thing a map page loads). */
const roadsReady = (p: Page) => p.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 90_000 });

const figures = (p: Page) => p.locator('p.figures').innerText();
const centreDots = (p: Page) => p.locator('.map svg g[aria-label="dot"]').first().locator('path').count();

describe('your own centre list', () => {
	it('refuses each bad file with a row-level message, and keeps the list already checked', async () => {
		const w = await openExplore();
		const { page } = w;
		await upload(page, 'good.csv', GOOD);
		await expect.poll(() => page.locator('#draft-h').innerText()).toBe('3 centres ready to save');
		for (const bad of BAD) {
			await upload(page, bad.name, bad.bytes);
			await expect.poll(() => page.locator('#centre-sets [role="alert"]').first().innerText(), { message: bad.name }).toMatch(bad.message);
			// the good list checked before is still there, ready to save
			expect(await page.locator('#draft-h').innerText()).toBe('3 centres ready to save');
		}
		await done(w);
	});

	it('a saved list survives a reload and replaces the atlas list on the map, comparison, planner and eligibility page', async () => {
		const w = await openExplore();
		const { page } = w;
		await saveGood(page, 'Northern network');
		// saving again under the same name asks before replacing
		await paste(page, '#centre-sets', GOOD);
		await page.getByLabel('Name of the set').fill('Northern network');
		await page.getByRole('button', { name: 'Save in this browser' }).click();
		await expect.poll(() => page.locator('#centre-sets [role="alert"]').innerText()).toMatch(/already exists/);
		await page.getByRole('button', { name: 'Replace the saved one' }).click();
		await expect.poll(() => page.locator('#centre-sets [role="status"]').last().innerText()).toMatch(/Saved "Northern network"/);
		await engineReady(page);
		await page.reload();
		await expect.poll(() => page.locator('.saved li').allInnerTexts()).toEqual([expect.stringMatching(/^Northern network: 3 centres/)]);
		await screenshot(page, 'centre-sets-desktop');
		await engineReady(page);

		// the dashboard with the atlas list, then with the saved set chosen from the menu
		const map = await anotherPage(w, site.origin);
		await map.goto(`${site.origin}/`);
		await roadsReady(map);
		const atlasFigures = await figures(map);
		await map.getByLabel('Centre list').selectOption('Northern network');
		await expect.poll(() => new URL(map.url()).searchParams.get('centres'), { timeout: 30_000 }).toBe('user:Northern network');
		await expect.poll(() => figures(map), { timeout: 60_000 }).toMatch(/nearest of 3 centres/);
		expect(await figures(map)).not.toBe(atlasFigures);
		await expect.poll(() => centreDots(map), { timeout: 60_000 }).toBe(3);
		expect(await map.locator('.caveat').innerText()).toMatch(/your centre set "Northern network" \(3 centres/);
		// evidence filters do not apply to one's own list
		expect(await map.getByRole('checkbox', { name: /^Strong/ }).count()).toBe(0);
		await screenshot(map, 'dashboard-own-centres');
		// back to the atlas list
		await map.getByLabel('Centre list').selectOption({ index: 0 });
		await expect.poll(() => figures(map), { timeout: 60_000 }).toBe(atlasFigures);
		await expect.poll(() => new URL(map.url()).searchParams.has('centres'), { timeout: 30_000 }).toBe(false);

		// the link reproduces it, and the comparison and planner use it too
		const linked = await anotherPage(w, site.origin);
		await linked.goto(`${site.origin}/?centres=user:Northern%20network`);
		await waitForMap(linked);
		await expect.poll(() => figures(linked), { timeout: 60_000 }).toMatch(/nearest of 3 centres/);
		const compare = await anotherPage(w, site.origin);
		await compare.goto(`${site.origin}/compare/?regions=30,38&centres=user:Northern%20network`);
		await expect.poll(() => compare.locator('.caveat').innerText(), { timeout: 60_000 }).toMatch(/your centre set "Northern network"/);
		const planner = await anotherPage(w, site.origin);
		await planner.goto(`${site.origin}/planner/?centres=user:Northern%20network`);
		await expect.poll(() => planner.locator('.caveat').innerText(), { timeout: 60_000 }).toMatch(/your centre set "Northern network"/);
		const eligibility = await anotherPage(w, site.origin);
		await eligibility.goto(`${site.origin}/eligibility/?centres=user:Northern%20network`);
		await expect.poll(() => eligibility.locator('.caveat').innerText(), { timeout: 60_000 }).toMatch(/your centre set "Northern network"/);
		expect(await eligibility.getByLabel('Centre list').inputValue()).toBe('Northern network');
		for (const p of [linked, compare, planner, eligibility]) await roadsReady(p);
		await done(w);
	});

	it('a link to a set this browser does not hold shows the atlas list with a notice', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/?centres=user:Somebody%20else's&t=90`);
		await waitForMap(w.page);
		await expect.poll(() => w.page.locator('.notice').allInnerTexts()).toContainEqual(expect.stringMatching(/"Somebody else's", which is not saved in this browser/));
		await expect.poll(() => figures(w.page), { timeout: 60_000 }).toMatch(/more than 90 minutes/);
		expect(await w.page.locator('.caveat').innerText()).toMatch(/Incomplete centre list/);
		await done(w);
	});

	it('builds a list by picking hospitals, and exports it as CSV', async () => {
		const w = await openExplore();
		const { page } = w;
		const box = page.getByRole('combobox', { name: 'Or add hospitals one by one' });
		await box.fill('Billings Clinic');
		const option = page.getByRole('option', { name: /BILLINGS CLINIC/i }).first();
		await option.waitFor({ timeout: 60_000 });
		await option.click();
		await expect.poll(() => page.locator('#draft-h').innerText()).toBe('1 centre ready to save');
		await page.getByLabel('Name of the set').fill('Picked');
		await page.locator('#centre-sets').getByRole('button', { name: 'Save in this browser' }).click();
		await expect.poll(() => page.locator('.saved li').allInnerTexts()).toContainEqual(expect.stringMatching(/^Picked: 1 centre,/));
		const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('.saved li', { hasText: 'Picked' }).getByRole('button', { name: 'Export CSV' }).click()]);
		expect(dl.suggestedFilename()).toBe('picked.csv');
		const text = await (await dl.createReadStream()).toArray();
		const csv = Buffer.concat(text).toString('utf8');
		expect(csv.split('\r\n')[0]).toBe('name,latitude,longitude,products,notes');
		expect(csv).toMatch(/HIFLD hospital \d{10}/);
		await done(w);
	});

	it('area data: bad files refused by row, a good one weights figures on the map, before and after a scenario', async () => {
		const w = await openExplore();
		const { page } = w;
		const area = page.locator('#area-data');
		await expect.poll(() => area.locator('input[type="file"]').count(), { timeout: 60_000 }).toBe(1);
		await area.locator('input[type="file"]').setInputFiles({ name: 'ct.csv', mimeType: 'text/csv', buffer: Buffer.from('fips,patients\n09001,5\n30111,x\n') });
		await expect.poll(() => area.locator('[role="alert"]').innerText()).toMatch(/Line 2: 09001 is a Connecticut county code from before 2022[\s\S]*Line 3: The value "x" is not a number/);
		// two value columns: the user picks one
		await paste(page, '#area-data', 'fips,y2024,y2025\n30111,10,20\n38017,5,6\n8031,1,1\n');
		await area.getByLabel('Column of values').selectOption('y2025');
		await expect.poll(() => area.locator('#area-draft-h').innerText()).toMatch(/3 counties ready to save: "y2025", 27 in all/);
		expect(await area.locator('.warning').first().innerText()).toMatch(/lost a leading zero/);
		await area.getByLabel('Name of the data').fill('Referrals');
		await area.getByRole('button', { name: 'Save in this browser' }).click();
		await expect.poll(() => area.locator('.saved li').allInnerTexts()).toEqual([expect.stringMatching(/^Referrals: "y2025" for 3 counties, 27 in all/)]);
		await engineReady(page);

		const map = await anotherPage(w, site.origin);
		await map.goto(`${site.origin}/?area=user:Referrals`);
		await roadsReady(map);
		const fig = map.locator('.area .figure');
		await expect.poll(() => fig.innerText(), { timeout: 60_000 }).toMatch(/In the United States, [\d.,]+ of 27 "y2025" \([\d.]+ %\) lie more than 2 hours/);
		// a centre in Billings brings Yellowstone County (30111) within reach
		const picker = map.getByRole('combobox', { name: /Add a centre at a hospital/ });
		await picker.fill('Billings Clinic');
		const option = map.getByRole('option', { name: /BILLINGS CLINIC/i }).first();
		await option.waitFor();
		await option.click();
		await expect.poll(() => fig.innerText(), { timeout: 60_000 }).toMatch(/Before this scenario: .* so [\d.,]+ are newly within reach/);
		expect(new URL(map.url()).searchParams.get('area')).toBe('user:Referrals');
		await screenshot(map, 'dashboard-area-data');
		await roadsReady(map);
		await done(w);
	});

	it('is keyboard- and screen-reader-usable with messages on screen (axe-core), and fits a phone', async () => {
		const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 800 } });
		const page = await context.newPage();
		await page.goto(`${site.origin}/explore/#centre-sets`);
		await upload(page, 'good.csv', GOOD);
		await expect.poll(() => page.locator('#draft-h').innerText()).toBe('3 centres ready to save');
		await upload(page, 'abroad.csv', 'name,lat,lon\nParis,48.85,2.35\n');
		await expect.poll(() => page.locator('#centre-sets [role="alert"]').count()).toBe(1);
		await expect.poll(() => page.locator('#area-data input[type="file"]').count(), { timeout: 60_000 }).toBe(1);
		await page.locator('#area-data input[type="file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('fips,value\n99999,1\n') });
		await expect.poll(() => page.locator('#area-data [role="alert"]').count()).toBe(1);
		await engineReady(page);
		expect(await axeViolations(page)).toEqual([]);
		// nothing wider than the phone
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
		await page.locator('#centre-sets').screenshot({ path: await artefact('centre-sets-phone') });
		await context.close();
	});
});
