/**
 * Shared setup of the browser test files: one static server and one Chromium per file,
 * and the check every flow ends with (no console errors, failed or off-origin requests).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, serveBuild, type Served, type Watched } from './harness';

export interface Site {
	readonly served: Served;
	readonly browser: Browser;
	readonly origin: string;
}

/** Call at the top of a test file: serves build/ and launches Chromium for its tests. */
export function useSite(): Site {
	let served: Served | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		served = await serveBuild();
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
		await served?.close();
	});
	return {
		get served() {
			return served!;
		},
		get browser() {
			return browser!;
		},
		get origin() {
			return served!.origin;
		}
	};
}

/** End of a flow: nothing went wrong on the page, nothing left the origin; close its context. */
export async function done(w: Watched): Promise<void> {
	expect(w.problems).toEqual([]);
	expect(w.offOrigin).toEqual([]);
	await w.context.close();
}
