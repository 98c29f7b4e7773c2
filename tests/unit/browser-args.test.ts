import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES } from '../browser/harness';

/** the list of features the installed playwright-core passes in its own --disable-features */
function playwrightList(): string[] {
	const dir = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
	const bundle = readFileSync(join(dir, 'lib', 'coreBundle.js'), 'utf8');
	const m = /disabledFeatures = \[([\s\S]*?)\]/.exec(bundle);
	if (!m) throw new Error('playwright-core no longer lists its disabled features as it did: read its Chromium switches again');
	return [...m[1].matchAll(/^\s*"([^"]+)"/gm)].map((x) => x[1]);
}

describe('Chromium switches of the browser tests and the benchmark', () => {
	it('repeat every feature playwright-core disables (Chromium reads only the last --disable-features)', () => {
		const theirs = playwrightList();
		expect(theirs.length).toBeGreaterThan(5);
		expect(theirs).toContain('PaintHolding');
		expect(PLAYWRIGHT_DISABLED_FEATURES).toEqual(expect.arrayContaining(theirs));
	});

	it('pass one --disable-features, with the browser’s own omnibox popup pages off', () => {
		const switches = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
		expect(switches).toHaveLength(1);
		const features = switches[0].slice('--disable-features='.length).split(',');
		expect(features).toEqual(DISABLED_FEATURES);
		for (const f of ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']) expect(features).toContain(f);
	});
});
