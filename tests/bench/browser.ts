/**
 * Browser side of the benchmark: cold loads of the static build in a fresh Chromium
 * each run. Baseline: the same cold load of the methodology page (no engine, no map),
 * so the ratio shows what the map view costs over a plain page on this machine now.
 */
import { launch, serveBuild, waitForMap, watchedPage } from '../browser/harness';
import { row, withTarget, type BenchRow } from './stats';

interface Sample {
	firstMap: number;
	dbReady: number;
	bytesBeforeMap: number;
	filterRepaint: number;
	plainPage: number;
}

export async function benchBrowser(runs: number): Promise<BenchRow[]> {
	const served = await serveBuild();
	const samples: Sample[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const browser = await launch();
			try {
				// baseline: plain prerendered page, cold
				const b = await watchedPage(browser, served.origin);
				const tb = performance.now();
				await b.page.goto(`${served.origin}/methodology/`, { waitUntil: 'load' });
				const plainPage = performance.now() - tb;
				await b.context.close();

				const w = await watchedPage(browser, served.origin);
				const responses: { t: number; bytes: number }[] = [];
				const start = performance.now();
				w.page.on('requestfinished', async (req) => {
					const t = performance.now() - start;
					const s = await req.sizes().catch(() => null);
					if (s) responses.push({ t, bytes: s.responseBodySize + s.responseHeadersSize });
				});
				await w.page.goto(`${served.origin}/`);
				await waitForMap(w.page, 1, 120_000);
				const firstMap = performance.now() - start;
				const marks = await w.page.evaluate(() =>
					Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))
				);
				// repaint after a filter change: from the click to the next map render
				const t1 = await w.page.evaluate(() => performance.now());
				await w.page.getByRole('checkbox', { name: /^Moderate/ }).uncheck();
				await waitForMap(w.page, 2);
				const t2 = await w.page.evaluate(() => performance.getEntriesByName('atlas:map-rendered').at(-1)!.startTime);
				await new Promise((r) => setTimeout(r, 300));
				const bytesBeforeMap = responses.filter((r) => r.t <= firstMap).reduce((s, r) => s + r.bytes, 0);
				samples.push({
					firstMap,
					dbReady: marks['atlas:db-ready'] ?? NaN,
					bytesBeforeMap,
					filterRepaint: t2 - t1,
					plainPage
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
	const base = row(g, 'methodology page load (baseline)', samples.map((s) => s.plainPage));
	const first = row(g, 'first map on screen', samples.map((s) => s.firstMap));
	return [
		base,
		withTarget({ ...first, ratio: { vs: 'baseline', value: first.median / base.median } }, 1000),
		row(g, 'DuckDB ready (navigation start → tables attached)', samples.map((s) => s.dbReady)),
		withTarget(row(g, 'transferred before first map', samples.map((s) => s.bytesBeforeMap / 1e6), 'MB'), 1.5),
		row(g, 'evidence filter change → map repainted', samples.map((s) => s.filterRepaint))
	];
}
