/** The eligibility page loads its modelled estimates, ranks states, and reacts to a parameter. */
import { describe, expect, it } from 'vitest';
import { screenshot, watchedPage } from './harness';
import { useSite } from './site';

const site = useSite();

describe('eligibility page', () => {
	it('shows national estimates with ranges and a state ranking, says they are estimates, and updates when a parameter changes', async () => {
		const w = await watchedPage(site.browser, site.origin);
		await w.page.goto(`${site.origin}/eligibility/`);
		const national = w.page.getByRole('heading', { name: /United States \(50 states and DC\): expected patients per year/ });
		await national.waitFor({ timeout: 90_000 });
		expect(await w.page.locator('p.notice').first().innerText()).toMatch(/estimate/i);
		const total = w.page.locator('tr.total').first();
		const before = await total.innerText();
		expect(before).toMatch(/All five/);
		await expect.poll(() => w.page.getByRole('heading', { name: /States ranked by eligible patients/ }).count(), { timeout: 90_000 }).toBe(1);
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
