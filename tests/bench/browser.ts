/**
 * Browser side of the benchmark: cold loads of the static build in a fresh Chromium each
 * run (so the wasm compiles cold), served on loopback with gzip like a static host.
 * Baseline: the same cold load of the methodology page (no engine, no map), so ratios show
 * what the dashboard costs over a plain page on this machine at this moment.
 */
import type { Browser, Page } from 'playwright-core';
import { launch, serveBuild, waitForMap, waitForScenarioMap, watchedPage } from '../browser/harness';
import { median, row, withTarget, type BenchRow } from './stats';

interface Sample {
	plainPage: number;
	firstMap: number;
	drawnMap: number;
	interactive: number;
	roadsReady: number;
	bytesBeforeMap: number;
	bytesTotal: number;
	threshold: number;
	thresholdAnyTime: number;
	thresholdLoading: number;
	bareInFrame: number;
	bareAnyTime: number;
	rankingCatchUp: number;
	filterRepaint: number;
	whatIfAdd: number;
	whatIfAddOther: number;
	whatIfAddAtOnce: number;
	countyProfile: number;
	whatIfRemove: number;
	whatIfAddLoading: number;
	whatIfRemoveLoading: number;
	whatIfAddHarness: number;
	whatIfRemoveHarness: number;
	plannerRoad: number;
}

const mark = (p: Page, name: string) => p.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN, name);
const mapRenders = (p: Page) => p.evaluate(() => Number(document.documentElement.dataset.mapReady ?? 0));

/**
 * Installed in the page before a measured click: the time of the last click event (its timeStamp,
 * the moment the input happened) and, for every frame, the time of its animation-frame callbacks and a
 * moment just after it was painted (a task queued from those callbacks). (A string:
 * functions passed to page.evaluate must not be named, and these need to call themselves.)
 */
const WATCH_PAINTS = `(() => {
	const w = window;
	w.__painted = [];
	w.__stopPaints = false;
	if (!w.__watchingClicks) {
		w.__watchingClicks = true;
		document.addEventListener('click', (e) => { w.__lastClick = e.timeStamp; }, { capture: true });
	}
	const loop = () => requestAnimationFrame(() => { const frame = performance.now(); setTimeout(() => w.__painted.push([frame, performance.now()]), 0); if (!w.__stopPaints) loop(); });
	loop();
})()`;
const lastClick = (p: Page) => p.evaluate(() => (window as unknown as { __lastClick: number }).__lastClick);
/**
 * The first moment after a frame that began later than `t` was painted (waits for one). A frame is
 * known by the time of its animation-frame callbacks: a task queued from there runs after the frame
 * is painted. (The time that task runs is not enough: a task queued by an earlier frame can run
 * after `t`, behind the page's own work, before the frame that shows that work is painted.)
 */
const paintedAfter = (p: Page, t: number) =>
	p
		.waitForFunction((t) => (window as unknown as { __painted: [number, number][] }).__painted.find(([frame]) => frame > t)?.[1], t, { timeout: 10_000 })
		.then((h) => h.jsonValue() as Promise<number>);

/**
 * ms from an action to the next frame painted after the page reacted: its animation-frame callbacks,
 * then a task queued from them (it runs once that frame's style, layout and paint are done), as the
 * Interaction to Next Paint metric counts an input.
 */
async function frameAfter(p: Page, action: string): Promise<number> {
	return p.evaluate(async (js) => {
		const t0 = performance.now();
		new Function(js)();
		await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
		return performance.now() - t0;
	}, action);
}

/**
 * ms from an action taken at the start of a frame (in an animation-frame callback) to that frame
 * painted (a task queued from there runs once its style, layout and paint are done). This is how a
 * drag's events reach a page: Chromium delivers continuous input (pointer and mouse moves, and so a
 * range input's `input` events while its thumb is dragged) aligned to animation frames, just before
 * their callbacks. {@link frameAfter} acts at whatever moment the harness's call arrives, and its time
 * then includes the wait for the next frame to begin, up to a frame's length (16.7 ms at 60 Hz) even for
 * a page that does nothing: the bare page's rows show it.
 */
async function inFrame(p: Page, action: string): Promise<number> {
	return p.evaluate(
		(js) => {
			// (made here, while the harness's call runs: the page's Content-Security-Policy forbids it in
			// the page's own tasks)
			const act = new Function(js);
			return new Promise<number>((resolve) =>
				requestAnimationFrame(() => {
					const t0 = performance.now();
					act();
					setTimeout(() => resolve(performance.now() - t0), 0);
				})
			);
		},
		action
	);
}

/** A drag of the threshold slider: 10 input events, 60 to 150 minutes, each measured by `measure`; the median event. */
async function dragMedian(p: Page, measure: (p: Page, action: string) => Promise<number>): Promise<number> {
	const drag: number[] = [];
	for (let k = 0; k < 10; k++) {
		drag.push(await measure(p, `const el = document.getElementById('threshold'); el.value = '${60 + k * 10}'; el.dispatchEvent(new Event('input', { bubbles: true }));`));
	}
	return median(drag);
}

/**
 * The same drag on a bare page (a range input whose handler writes its value into a paragraph): the
 * browser's own cost of an input event and a frame on this machine, the baseline of the slider's rows.
 */
async function bareDrag(browser: Browser): Promise<{ inFrame: number; anyTime: number }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	try {
		const page = await context.newPage();
		await page.setContent(
			'<label>Threshold <input type="range" id="threshold" min="15" max="300" step="5" value="120"></label><p id="out">120</p>' +
				'<script>document.getElementById("threshold").addEventListener("input", (e) => { document.getElementById("out").textContent = e.target.value; });</script>'
		);
		await page.waitForTimeout(300);
		return { inFrame: await dragMedian(page, inFrame), anyTime: await dragMedian(page, frameAfter) };
	} finally {
		await context.close();
	}
}

/**
 * Close the county's profile if one is open (its button: Escape closes it only from within, and focus
 * stays where the reader put it when a profile opens late).
 */
async function closeProfile(page: Page): Promise<void> {
	const close = page.locator('.place-detail button.close');
	if (await close.count()) await close.click();
	await page.locator('.place-detail').waitFor({ state: 'detached' });
}

/** ms between the county's profile on screen and the Add click (reading "Add a proposed centre at …?" and reaching the button) */
const READER_PAUSE_MS = 500;

/**
 * What-if: add a proposed centre through the map-click dialog, then reset. Measured from the click event
 * (its timeStamp: the harness's own round trips before it do not count) to the first frame painted after
 * the map was drawn with the scenario's numbers (a task queued from a frame's requestAnimationFrame runs
 * once that frame is painted); `*Harness`: from the harness's click call to the map drawn, as measured
 * before. The map click also opens the county's profile, closed again at the end.
 *
 * `pause` (ms): the Add button is clicked once the county's profile is on screen and `pause` ms more
 * have passed, as a reader answers the dialog's question; meanwhile the page computes the proposed
 * site's figures ahead (Dashboard.previewScenario). Without it, the button is clicked as soon as it is
 * there (~50 ms after the map click): the profile and the preview still compute.
 */
async function measureWhatIf(
	page: Page,
	at: [number, number] = [0.45, 0.35],
	{ pause = 0 } = {}
): Promise<{ add: number; remove: number; addHarness: number; removeHarness: number; profile: number }> {
	await page.evaluate(WATCH_PAINTS);
	const n0 = await mapRenders(page);
	await page.locator('.map svg:has(g[aria-label="geo"])').first().scrollIntoViewIfNeeded();
	const box = (await page.locator('.map svg:has(g[aria-label="geo"])').first().boundingBox())!;
	await page.mouse.click(box.x + box.width * at[0], box.y + box.height * at[1]);
	await page.getByRole('button', { name: 'Add centre here' }).waitFor();
	let profile = NaN;
	if (pause) {
		// a reader's pause: the map click's own answer (the county's profile) on screen, then the time to
		// read the dialog's question and reach its button
		const shown = await page
			.waitForFunction(() => (document.querySelector('.place-detail h2') ? performance.now() : 0), null, { polling: 'raf', timeout: 30_000 })
			.then((h) => h.jsonValue() as Promise<number>);
		profile = shown - (await lastClick(page));
		await page.waitForTimeout(pause);
	}
	const tAdd = await page.evaluate(() => performance.now());
	await page.getByRole('button', { name: 'Add centre here' }).click();
	// the map with the scenario's numbers: drawn after they arrived
	await waitForScenarioMap(page, tAdd);
	const addDrawn = await page.evaluate(() => performance.getEntriesByName('atlas:map-rendered').at(-1)!.startTime);
	const add = (await paintedAfter(page, addDrawn)) - (await lastClick(page));
	const n1 = await mapRenders(page);
	const tRem = await page.evaluate(() => performance.now());
	await page.getByRole('button', { name: /Reset scenario/ }).click();
	await waitForMap(page, Math.max(n0 + 2, n1 + 1));
	const resetDrawn = await page.evaluate(() => performance.getEntriesByName('atlas:map-rendered').at(-1)!.startTime);
	const remove = (await paintedAfter(page, resetDrawn)) - (await lastClick(page));
	await page.evaluate(() => ((window as unknown as { __stopPaints: boolean }).__stopPaints = true));
	await closeProfile(page);
	return { add, remove, addHarness: addDrawn - tAdd, removeHarness: resetDrawn - tRem, profile };
}

/**
 * Installed before a page loads: the time of the first animation frame in which an element matching
 * `selector` is in the document (the build-time map, inline in the prerendered HTML), kept in the page.
 * (A string: esbuild would name the function that calls itself, and the page has no such helper.)
 */
const watchForElement = (p: Page, selector: string) =>
	p.addInitScript(`(() => {
		const look = (t) => {
			if (document.querySelector(${JSON.stringify(selector)})) window.__seenAt = t;
			else requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	})()`);

/**
 * When the watched element was first on screen: the frame it was first in paints it, so the later of that
 * frame's time and the first contentful paint (a page's first frame begins before the paint it makes is
 * counted). NaN if it never was.
 */
const elementOnScreen = (p: Page) =>
	p.evaluate(() => {
		const seen = (window as unknown as { __seenAt?: number }).__seenAt;
		const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
		return seen == null ? NaN : Math.max(seen, fcp);
	});

export async function benchBrowser(runs: number): Promise<BenchRow[]> {
	const served = await serveBuild();
	const samples: Sample[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const browser = await launch();
			try {
				const b = await watchedPage(browser, served.origin);
				const tb = performance.now();
				await b.page.goto(`${served.origin}/methodology/`, { waitUntil: 'load' });
				const plainPage = performance.now() - tb;
				await b.context.close();

				const w = await watchedPage(browser, served.origin);
				const bytes: number[] = [];
				w.page.on('requestfinished', async (req) => {
					const s = await req.sizes().catch(() => null);
					if (s) bytes.push(s.responseBodySize + s.responseHeadersSize);
				});
				await watchForElement(w.page, 'html.first-map-link .first-map-svg svg');
				await w.page.goto(`${served.origin}/`);
				await waitForMap(w.page, 1, 120_000);
				await w.page.waitForFunction(() => performance.getEntriesByName('atlas:roads-ready').length > 0, null, { timeout: 120_000 });
				// the map is on screen at the first of: the build-time map (inline in the HTML) painted, the drawn map
				const inlinePaint = await elementOnScreen(w.page);
				const drawnMap = await mark(w.page, 'atlas:map-rendered');
				const firstMap = Number.isFinite(inlinePaint) ? Math.min(inlinePaint, drawnMap) : drawnMap;
				// bytes on the wire (headers and compressed bodies) of the page and its requests done by then, from
				// the page's own resource timing (the harness learns of a request's end too late to place it)
				const bytesBeforeMap = await w.page.evaluate((t) => {
					const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
					return entries.filter((e) => e.responseEnd <= t).reduce((sum, e) => sum + e.transferSize, 0);
				}, firstMap);
				const interactive = await mark(w.page, 'atlas:interactive');
				const roadsReady = await mark(w.page, 'atlas:roads-ready');
				await w.page.waitForTimeout(300);

				// threshold: a slider drag, 10 input events (60 to 150 minutes), each at the start of a frame as a
				// drag's events come (inFrame) → figures and equity panel updated, that frame painted; the run's
				// figure is the median event. Once while the page still loads (the SQL engine boots after the
				// figures), once when it has loaded.
				const thresholdLoading = await dragMedian(w.page, inFrame);

				// what-if while the page still loads (the SQL engine booting, the method range computing)
				const whatIfLoading = await measureWhatIf(w.page);

				// centre filter: untick "moderate" → map repainted
				const n1 = await mapRenders(w.page);
				const tF = await w.page.evaluate(() => performance.now());
				await w.page.getByRole('checkbox', { name: /^Moderate/ }).uncheck();
				await waitForMap(w.page, n1 + 1);
				const filterRepaint = (await w.page.evaluate(() => performance.getEntriesByName('atlas:map-rendered').at(-1)!.startTime)) - tF;

				// the slider again once the page has loaded (the default view back, the SQL engine up), and the
				// ranking's catch-up; measured after the what-if and filter steps, which keep the place in the
				// page's life they had in earlier benchmarks
				const n2 = await mapRenders(w.page);
				await w.page.getByRole('checkbox', { name: /^Moderate/ }).check();
				await waitForMap(w.page, n2 + 1);
				// (the page quiet: the SQL engine up and the headline's method range, computed in a second worker, done)
				await w.page.waitForFunction(() => performance.getEntriesByName('atlas:db-ready').length > 0, null, { timeout: 120_000 });
				await w.page.waitForFunction(() => !document.querySelector('section.equity .pending'), null, { timeout: 120_000 });
				// the same state as the first drag: the top of the page, no county profile open (the what-if's map
				// click opened one; an open profile re-cuts its own figures on every step too)
				await closeProfile(w.page);
				await w.page.evaluate(() => window.scrollTo(0, 0));
				await w.page.waitForTimeout(500);
				const threshold = await dragMedian(w.page, inFrame);
				// the ranking follows once the drag pauses: from the last input event to its rows at that threshold
				const rankingCatchUp = await w.page.evaluate(async () => {
					const t0 = performance.now();
					const el = document.getElementById('threshold') as HTMLInputElement;
					el.value = '120';
					el.dispatchEvent(new Event('input', { bubbles: true }));
					const section = document.querySelector('section.ranking')!;
					// behind at once (the rows keep the drag's last threshold), then caught up
					// (no named functions in here: the bundler would wrap them in a helper the page lacks)
					await new Promise((r) => requestAnimationFrame(() => r(null)));
					if (section.getAttribute('aria-busy') !== 'true') throw new Error('the ranking did not wait for the drag to pause');
					while (section.getAttribute('aria-busy') === 'true') await new Promise((r) => setTimeout(r, 2));
					await new Promise((r) => requestAnimationFrame(() => r(null)));
					return performance.now() - t0;
				});

				// what-if once the page has loaded and is quiet (as the slider above): the target's condition,
				// with a reader's pause between the map click and the Add button
				await w.page.waitForTimeout(300);
				const whatIf = await measureWhatIf(w.page, undefined, { pause: READER_PAUSE_MS });
				// and at another site (a planner trying one site after another: the travel worker's what-if engine
				// still holds the first site, so it removes that one and adds this one)
				await w.page.waitForTimeout(300);
				const whatIfOther = await measureWhatIf(w.page, [0.62, 0.5], { pause: READER_PAUSE_MS });
				// and at a third site with the Add button clicked at once: no pause to compute ahead in
				await w.page.waitForTimeout(300);
				const whatIfAtOnce = await measureWhatIf(w.page, [0.3, 0.55]);

				// the slider drag again, each event at whatever moment the harness's call arrives (the measure of
				// earlier benchmarks: it adds the wait for the next frame); last, so that the steps above keep the
				// place in the page's life they had in earlier benchmarks
				await w.page.evaluate(() => window.scrollTo(0, 0));
				await w.page.waitForTimeout(500);
				const thresholdAnyTime = await dragMedian(w.page, frameAfter);

				// planner: top 10 national on roads, click → ranked rows (the page's own measure)
				const pl = await watchedPage(browser, served.origin);
				await pl.page.goto(`${served.origin}/planner/?method=road&t=120`);
				const rank = pl.page.getByRole('button', { name: 'Rank candidate sites' });
				await rank.and(pl.page.locator(':enabled')).waitFor({ timeout: 120_000 });
				await rank.click();
				await pl.page.waitForFunction(() => document.documentElement.dataset.plannerMs !== undefined, null, { timeout: 120_000 });
				const plannerRoad = Number(await pl.page.evaluate(() => document.documentElement.dataset.plannerMs));
				console.log('planner road run', plannerRoad, 'ms', await pl.page.evaluate(() => document.documentElement.dataset.plannerTimings));
				if (pl.problems.length) console.warn('problems during bench run (planner):', pl.problems);
				await pl.context.close();

				const bare = await bareDrag(browser);

				samples.push({
					plainPage,
					firstMap,
					drawnMap,
					interactive,
					roadsReady,
					bytesBeforeMap,
					bytesTotal: bytes.reduce((s, n) => s + n, 0),
					threshold,
					thresholdAnyTime,
					thresholdLoading,
					bareInFrame: bare.inFrame,
					bareAnyTime: bare.anyTime,
					rankingCatchUp,
					filterRepaint,
					whatIfAdd: whatIf.add,
					whatIfAddOther: whatIfOther.add,
					whatIfAddAtOnce: whatIfAtOnce.add,
					countyProfile: whatIf.profile,
					whatIfRemove: whatIf.remove,
					whatIfAddLoading: whatIfLoading.add,
					whatIfRemoveLoading: whatIfLoading.remove,
					whatIfAddHarness: whatIfLoading.addHarness,
					whatIfRemoveHarness: whatIfLoading.removeHarness,
					plannerRoad
				});
				if (w.problems.length) console.warn('problems during bench run:', w.problems);
				await w.context.close();
			} finally {
				await browser.close();
			}
		}
	} finally {
		await served.close();
	}
	const g = 'browser (cold, loopback)';
	const col = (k: keyof Sample, scale = 1) => samples.map((s) => s[k] / scale);
	const base = row(g, 'methodology page load (baseline)', col('plainPage'));
	const ratio = (xs: number[]) => ({ vs: 'baseline', value: median(xs) / base.median });
	return [
		base,
		withTarget(row(g, 'first map on screen (build-time map inline in the HTML, painted; else the drawn map)', col('firstMap'), 'ms', { ratio: ratio(col('firstMap')) }), 1000),
		row(g, 'first drawn map, with tooltips (the engine\'s own numbers)', col('drawnMap'), 'ms', { ratio: ratio(col('drawnMap')) }),
		withTarget(row(g, 'interactive (figures of the view\'s own method computed)', col('interactive'), 'ms', { ratio: ratio(col('interactive')) }), 2000),
		row(g, 'road drive times in use', col('roadsReady')),
		withTarget(row(g, 'transferred before the first map', col('bytesBeforeMap', 1e6), 'MB'), 1.5),
		row(g, 'transferred in all (incl. DuckDB wasm and road graph)', col('bytesTotal', 1e6), 'MB'),
		withTarget(
			row(g, "threshold slider drag, per input event at a frame's start (as a drag's events come) → map figures and panel updated and that frame painted (page loaded and quiet)", col('threshold'), 'ms', {
				ratio: { vs: 'bare page', value: median(col('threshold')) / median(col('bareInFrame')) }
			}),
			16
		),
		row(g, 'the same while the page still loads (SQL engine booting, method range computing)', col('thresholdLoading')),
		row(g, "the same drag (page loaded), each event at any moment: adds the wait for the next frame to begin (earlier benchmarks' measure)", col('thresholdAnyTime')),
		row(g, "bare page (a range input writing its value into a paragraph), event at a frame's start → painted: the browser's own cost (baseline)", col('bareInFrame')),
		row(g, 'bare page, event at any moment → next frame painted: the wait for the next frame on a page that does nothing', col('bareAnyTime')),
		row(g, 'ranking table at the new threshold, after the drag pauses', col('rankingCatchUp')),
		withTarget(row(g, `what-if add: click event → map with the scenario's numbers painted (page loaded and quiet; Add clicked ${READER_PAUSE_MS} ms after the county's profile showed)`, col('whatIfAdd')), 100),
		withTarget(row(g, 'what-if add at another site after the reset: click event → map with its numbers painted (page loaded and quiet; the same pause)', col('whatIfAddOther')), 100),
		row(g, "county profile: map click event → the county's profile on screen (page loaded and quiet)", col('countyProfile')),
		row(g, 'what-if add at a third site, Add clicked as soon as it shows (~50 ms after the map click, the site’s figures still computing ahead)', col('whatIfAddAtOnce')),
		withTarget(row(g, 'what-if reset: click event → map painted (page loaded and quiet)', col('whatIfRemove')), 100),
		row(g, 'what-if add, while the page still loads (SQL engine booting, method range computing)', col('whatIfAddLoading')),
		row(g, 'what-if reset, while the page still loads', col('whatIfRemoveLoading')),
		row(g, 'what-if add while loading, as measured before: harness click call → map drawn (not painted)', col('whatIfAddHarness')),
		row(g, 'what-if reset while loading, as measured before: harness click call → map drawn', col('whatIfRemoveHarness')),
		row(g, 'evidence filter change → map repainted', col('filterRepaint')),
		withTarget(row(g, 'planner, road method: top 10 national, click → ranked rows', col('plannerRoad')), 1000)
	];
}

/** Embeds a reporter would use, each loaded cold (fresh browser): the first drawn chart. */
export const EMBED_CASES: { name: string; path: string }[] = [
	{ name: 'map, default view', path: '/embed/map/' },
	{ name: 'map, Colorado at 1 hour', path: '/embed/map/?region=08&t=60' },
	{ name: 'equity bars, national', path: '/embed/equity/' },
	{ name: 'state ranking', path: '/embed/ranking/' },
	{ name: 'comparison of 3 states', path: '/embed/compare/?regions=08,30,56' },
	{ name: 'what-if before/after', path: '/embed/whatif/?add=p:44.0,-103.2' },
	// (a hospital, as the dashboard's picker adds one: Rapid City Regional Hospital)
	{ name: 'what-if before/after, a hospital added', path: '/embed/whatif/?add=h:0004957701' }
];

export async function benchEmbeds(runs: number): Promise<BenchRow[]> {
	const served = await serveBuild();
	const times: Record<string, number[]> = Object.fromEntries(EMBED_CASES.map((c) => [c.name, []]));
	/** embeds drawn first from the build-time figures: when the engine drew its own (the same numbers) */
	const engine: Record<string, number[]> = Object.fromEntries(EMBED_CASES.map((c) => [c.name, []]));
	const sources: Record<string, Set<string>> = Object.fromEntries(EMBED_CASES.map((c) => [c.name, new Set()]));
	const plain: number[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const b = await launch();
			try {
				const w = await watchedPage(b, served.origin);
				const t = performance.now();
				await w.page.goto(`${served.origin}/methodology/`, { waitUntil: 'load' });
				plain.push(performance.now() - t);
			} finally {
				await b.close();
			}
			for (const c of EMBED_CASES) {
				const browser = await launch();
				try {
					const w = await watchedPage(browser, served.origin, { width: 640, height: 600 });
					// the map embed's prerendered first chart, shown when the link draws it
					await watchForElement(w.page, 'html.first-map-link .first-embed svg');
					await w.page.goto(`${served.origin}${c.path}`);
					await w.page.waitForFunction(() => performance.getEntriesByName('atlas:embed-rendered').length > 0, null, { timeout: 120_000 });
					const drawn = await mark(w.page, 'atlas:embed-rendered');
					const inline = await elementOnScreen(w.page);
					times[c.name].push(Number.isFinite(inline) ? Math.min(inline, drawn) : drawn);
					// (where the first drawn chart's figures came from: the mark's detail, not the page now)
					const source = await w.page.evaluate(() => (performance.getEntriesByName('atlas:embed-rendered')[0] as PerformanceMark).detail?.figures ?? '');
					sources[c.name].add(Number.isFinite(inline) && inline < drawn ? 'prerendered' : source);
					if (source === 'build') {
						await w.page.waitForFunction(() => document.querySelector('.embed-root')?.getAttribute('data-figures') === 'engine', null, { timeout: 120_000 });
						engine[c.name].push(await w.page.evaluate(() => Math.max(...performance.getEntriesByName('atlas:embed-rendered').map((e) => e.startTime))));
					}
					if (w.problems.length) console.warn(`problems during embed bench (${c.path}):`, w.problems);
					await w.context.close();
				} finally {
					await browser.close();
				}
			}
		}
	} finally {
		await served.close();
	}
	const g = 'embeds (cold, loopback)';
	const base = row(g, 'methodology page load (baseline)', plain);
	return [
		base,
		...EMBED_CASES.flatMap((c) => {
			const from = sources[c.name].has('prerendered')
				? sources[c.name].size > 1
					? ' (prerendered in the HTML in some runs)'
					: ' (prerendered in the HTML, painted)'
				: sources[c.name].has('build')
					? sources[c.name].size > 1
						? ' (build-time figures in some runs)'
						: ' (build-time figures)'
					: sources[c.name].has('tiles')
						? sources[c.name].size > 1
							? ' (what-if tiles in some runs)'
							: ' (first figures and what-if tiles, no engine)'
						: '';
			const first = withTarget(row(g, `${c.name}: first chart drawn${from}`, times[c.name], 'ms', { ratio: { vs: 'baseline', value: median(times[c.name]) / base.median } }), 1000);
			return engine[c.name].length ? [first, row(g, `${c.name}: the engine's own chart drawn (same numbers)`, engine[c.name])] : [first];
		})
	];
}
