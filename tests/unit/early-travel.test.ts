import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { resolveObjectURL } from 'node:buffer';
import { EARLY_ROADS_ID, earlyWorkersScript, takeEarlyTiles, takeEarlyWorkers, type EarlyData, type EarlyTravel } from '../../src/lib/embed/early-travel';
import { cellReachKm, cellsFor, tileFile, TILE_VERSION, type TileIndex } from '../../src/lib/metrics/whatif-tiles';
import { TravelClient } from '../../src/lib/workers/travel-client';
import { adoptDataWorker } from '../../src/lib/workers/data-client';
import { takePrefetched } from '../../src/lib/workers/prefetch';
import type { TravelRequest, TravelResponse } from '../../src/lib/workers/travel-protocol';
import type { DataResponse, PopulationMessage } from '../../src/lib/workers/data-protocol';

const script = readFileSync(new URL('../../src/lib/embed/early-travel-script.js', import.meta.url), 'utf8');
const PAGE = 'https://atlas.example/embed/whatif/';

/** A stand-in worker: records what it is sent; `reply` plays a message from it. */
class FakeWorker<Reply = TravelResponse> {
	url: string;
	name: string;
	sent: { msg: unknown; transfer?: Transferable[] }[] = [];
	terminated = false;
	onmessage: ((e: { data: Reply }) => void) | null = null;
	onerror: ((e: { message: string }) => void) | null = null;
	constructor(url: string, opts: { name: string }) {
		this.url = url;
		this.name = opts.name;
	}
	postMessage(msg: unknown, transfer?: Transferable[]) {
		this.sent.push({ msg, transfer });
	}
	reply(data: Reply) {
		this.onmessage?.({ data });
	}
	terminate() {
		this.terminated = true;
	}
}

const ATTRS: Record<string, string> = {
	'data-worker': '../../_app/immutable/workers/travel.worker-x.js',
	'data-graph': '../../data/road_graph.bin',
	'data-snap': '../../data/road_snap.bin',
	'data-data-worker': '../../_app/immutable/workers/data.worker-y.js',
	'data-data': '../../data/dashboard-data.bin'
};

/** Run the inline script for a link; the window it leaves. `blobs: false`: a browser without Blob (a worker from its script). */
function run(search: string, { blobs = true, attrs = ATTRS, page = PAGE, fetch = undefined as ((u: string) => Promise<unknown>) | undefined } = {}) {
	const window: Record<string, unknown> = {};
	const currentScript = { getAttribute: (k: string) => attrs[k] ?? null };
	const marks: string[] = [];
	runInNewContext(script, {
		URLSearchParams,
		URL,
		Object,
		JSON,
		...(blobs ? { Blob } : {}),
		Worker: FakeWorker,
		window,
		location: { search, href: page + search, pathname: new URL(page).pathname },
		fetch,
		TextDecoder,
		document: { currentScript },
		performance: { mark: (m: string) => marks.push(m) }
	});
	const early = window.__atlasEarly as
		| { travel: EarlyTravel & { worker: FakeWorker }; data: EarlyData & { worker: FakeWorker<DataResponse> } }
		| undefined;
	return { window, early, marks };
}

describe('early-travel-script.js (inline in the embeds’ head)', () => {
	it('starts the travel worker and the data worker for a link with a what-if by road, and has them load their files', () => {
		for (const s of ['?add=p:44.0,-103.2', '?remove=c12', '?add=p:44,-103&method=road&id=x']) {
			const { early, marks } = run(s);
			expect(early, s).toBeDefined();
			const { travel, data } = early!;
			// (each from a bootstrap blob: see the next test)
			expect(travel.worker.url).toMatch(/^blob:/);
			expect(travel.worker.name).toBe('travel');
			// (absolute: a worker would read a relative URL from its own folder)
			const roads = { url: 'https://atlas.example/data/road_graph.bin', snapUrl: 'https://atlas.example/data/road_snap.bin' };
			expect(travel.roads).toEqual(roads);
			expect(travel.worker.sent.map((x) => x.msg)).toEqual([{ type: 'load-roads', id: EARLY_ROADS_ID, ...roads }]);
			expect(data.worker.url).toMatch(/^blob:/);
			expect(data.worker.name).toBe('data');
			expect(data.url).toBe('https://atlas.example/data/dashboard-data.bin');
			expect(data.worker.sent.map((x) => x.msg)).toEqual([{ url: data.url }]);
			expect(marks).toEqual(['atlas:early-travel']);
		}
	});

	it('starts each worker from a bootstrap that downloads its file at once, then loads the worker’s script', async () => {
		const { early } = run('?add=p:44.0,-103.2');
		/** the bootstrap run as a worker would: what it fetched, imported and left for the worker's script */
		const boot = async (w: FakeWorker<unknown>) => {
			const text = await resolveObjectURL(w.url)!.text();
			const fetched: string[] = [];
			const imported: string[] = [];
			const self: Record<string, unknown> = {};
			const fetch = async (u: string) => {
				fetched.push(u);
				return { ok: true, arrayBuffer: async () => new TextEncoder().encode(u).buffer };
			};
			runInNewContext(text, { self, fetch, importScripts: (u: string) => imported.push(u), Error });
			return { fetched, imported, prefetch: self.__atlasPrefetch as Record<string, Promise<ArrayBuffer>> };
		};
		const graph = 'https://atlas.example/data/road_graph.bin';
		const travel = await boot(early!.travel.worker as FakeWorker<unknown>);
		expect(travel.fetched).toEqual([graph]);
		expect(travel.imported).toEqual(['https://atlas.example/_app/immutable/workers/travel.worker-x.js']);
		// the worker's script takes the download (workers/prefetch.ts), once
		const scope = { __atlasPrefetch: travel.prefetch };
		expect(new TextDecoder().decode(await takePrefetched(graph, scope)!)).toBe(graph);
		expect(takePrefetched(graph, scope)).toBeNull();
		const data = await boot(early!.data.worker as FakeWorker<unknown>);
		expect(data.fetched).toEqual(['https://atlas.example/data/dashboard-data.bin']);
		expect(data.imported).toEqual(['https://atlas.example/_app/immutable/workers/data.worker-y.js']);
	});

	it('starts a worker from its script where there is no Blob', () => {
		const { early } = run('?add=p:44.0,-103.2', { blobs: false });
		expect(early!.travel.worker.url).toBe('https://atlas.example/_app/immutable/workers/travel.worker-x.js');
		expect(early!.data.worker.url).toBe('https://atlas.example/_app/immutable/workers/data.worker-y.js');
		expect(early!.travel.worker.sent).toHaveLength(1);
	});

	/** the attributes the page writes for the what-if embed */
	const TILE_ATTRS: Record<string, string> = (() => {
		const html = earlyWorkersScript(
			{ travelWorker: ATTRS['data-worker'], graph: ATTRS['data-graph'], snap: ATTRS['data-snap'], dataWorker: ATTRS['data-data-worker'], data: ATTRS['data-data'] },
			{
				dir: '../../data/whatif/',
				figures: '../../data/first-figures.json',
				figureThresholds: [60, 120],
				grid: { min: 15, max: 300, step: 5 },
				reach: { perMinute: cellReachKm(1) - cellReachKm(0), plus: cellReachKm(0) },
				defaultThreshold: 120
			}
		);
		const out: Record<string, string> = {};
		for (const m of html.matchAll(/ (data-[a-z-]+)="([^"]*)"/g)) out[m[1]] = m[2].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
		return out;
	})();
	/** a tiles index: cells of 4° around western South Dakota, and one far away */
	const INDEX: TileIndex = {
		version: TILE_VERSION,
		cellDeg: 4,
		graph: { vertices: 0, checksum: 0, classes: [] },
		snapCount: 4,
		maxSnapKm: 50,
		centres: [],
		tiles: [
			...[10, 11, 12].flatMap((i) => [-27, -26, -25, -24].map((j) => ({ key: `${i}_${j}`, tracts: [i * 4 + 0.5, j * 4 + 0.5, i * 4 + 3.5, j * 4 + 3.5] as [number, number, number, number], vertices: 1, bytes: 1 }))),
			{ key: '6_-20', tracts: null, vertices: 1, bytes: 1 }
		]
	};
	/** a fetch that records its URLs and answers with their names (the index as JSON) */
	const fakeFetch = () => {
		const urls: string[] = [];
		const fetch = async (u: string) => {
			urls.push(u);
			const body = u.endsWith('index.json') ? JSON.stringify(INDEX) : u.endsWith('/h03.json') ? JSON.stringify([{ hospital_id: '0000000103', name: 'A', lat: 45.5, lon: -100 }]) : u;
			return { ok: true, arrayBuffer: async () => new TextEncoder().encode(body).buffer };
		};
		return { urls, fetch };
	};

	it('starts no worker for a what-if embed that the what-if tiles draw (points added, a threshold of theirs), and fetches its files', async () => {
		for (const [s, sites, t] of [
			['?add=p:44.0,-103.2', [[44, -103.2]], 120],
			['?add=p:44,-103~p:45.5,-100&t=60', [[44, -103], [45.5, -100]], 60],
			['?add=p:44,-103&t=120&region=46&theme=dark&groups=all,rural', [[44, -103]], 120],
			// a hospital: its coordinates from its lookup file, fetched at once
			['?add=h:0000000103~p:44,-103&t=60', [[45.5, -100], [44, -103]], 60],
			// a threshold the first figures do not hold: its sums from the tiles' folder
			['?add=p:44,-103&t=90', [[44, -103]], 90]
		] as const) {
			const f = fakeFetch();
			const { early, window } = run(s, { attrs: TILE_ATTRS, fetch: f.fetch });
			expect(early, s).toBeUndefined();
			const tiles = takeEarlyTiles(window);
			const lookups = [...(s.includes('h:') ? ['h03.json'] : []), ...(t === 90 ? ['f90.json'] : [])];
			expect(Object.keys(tiles.files)).toEqual(['index.json', ...lookups]);
			expect(new TextDecoder().decode(await tiles.figures!)).toBe('https://atlas.example/data/first-figures.json');
			await Promise.all(Object.values(tiles.files));
			await new Promise((r) => setTimeout(r, 0));
			// every cell the page will need (metrics/whatif-tiles cellsFor) is being fetched
			const want = cellsFor(INDEX, sites.map(([lat, lon]) => ({ lat, lon })), t).map((c) => tileFile(c.key));
			expect(want.length, s).toBeGreaterThan(0);
			expect(Object.keys(tiles.files).sort(), s).toEqual(['index.json', ...lookups, ...want].sort());
			expect(f.urls).toContain(`https://atlas.example/data/whatif/${want[0]}`);
			expect(f.urls.some((u) => u.endsWith('t6_-20.bin')), 'the far cell').toBe(false);
			// taken once
			expect(takeEarlyTiles(window).files).toEqual({});
		}
	});

	it('starts the workers for a what-if embed the tiles do not draw, and for the other embeds', () => {
		for (const s of ['?add=h:123', '?add=p:44,-103~q:1', '?add=p:44,-103&remove=c1', '?add=p:44,-103&t=92', '?add=p:44,-103&t=400', '?add=p:44,-103&t=90.5', '?add=p:44,-103&evidence=strong', '?add=p:44,-103&centres=mine']) {
			const { early, window } = run(s, { attrs: TILE_ATTRS, fetch: fakeFetch().fetch });
			expect(early, s).toBeDefined();
			expect(takeEarlyTiles(window).files).toEqual({});
		}
		expect(run('?add=p:44,-103', { attrs: TILE_ATTRS, page: 'https://atlas.example/embed/map/' }).early).toBeDefined();
		expect(run('?add=p:44,-103').early).toBeDefined();
	});

	it('starts nothing for a link without a scenario, or by another method', () => {
		for (const s of ['', '?region=08', '?add=', '?add=p:44,-103&method=straight_miles', '?remove=c1&method=calibrated']) expect(run(s).early, s).toBeUndefined();
	});

	it('keeps the workers’ replies and errors until the app takes them over', () => {
		const { early } = run('?add=p:44,-103');
		early!.travel.worker.reply({ type: 'roads-loaded', id: 0, ms: 5, steps: {} });
		early!.travel.worker.onerror!({ message: 'boom' });
		expect(early!.travel.replies).toEqual([{ type: 'roads-loaded', id: 0, ms: 5, steps: {} }]);
		expect(early!.travel.error).toBe('boom');
		early!.data.worker.reply({ type: 'bytes', bytes: null, message: 'HTTP 404' });
		expect(early!.data.replies).toHaveLength(1);
	});

	it('is written into the page as it is, with its files', () => {
		expect(earlyWorkersScript({ travelWorker: 't.js', graph: 'g "x".bin', snap: 's.bin', dataWorker: 'd.js', data: 'data.bin' })).toBe(
			`<script data-worker="t.js" data-graph="g &quot;x&quot;.bin" data-snap="s.bin" data-data-worker="d.js" data-data="data.bin">${script}</script>`
		);
	});

	it('is taken once', () => {
		const { window } = run('?add=p:44,-103');
		const first = takeEarlyWorkers(window);
		expect(first.travel).toBeDefined();
		expect(first.data).toBeDefined();
		expect(takeEarlyWorkers(window)).toEqual({});
		expect(takeEarlyWorkers({})).toEqual({});
	});
});

describe('the travel client taking over the early worker', () => {
	const files = { url: 'https://atlas.example/data/road_graph.bin', snapUrl: 'https://atlas.example/data/road_snap.bin' };

	it('answers its road network request with the early one’s reply, in already or to come', async () => {
		const done = run('?add=p:44,-103').early!.travel;
		done.worker.reply({ type: 'roads-loaded', id: 0, ms: 7, steps: { fetched: 3 } });
		const a = new TravelClient(done);
		await expect(a.loadRoads(files.url, files.snapUrl)).resolves.toEqual({ fetched: 3, ms: 7 });
		expect(done.worker.sent).toHaveLength(1); // (no second request)

		const pending = run('?add=p:44,-103').early!.travel;
		const b = new TravelClient(pending);
		const loading = b.loadRoads(files.url, files.snapUrl);
		pending.worker.reply({ type: 'roads-loaded', id: 0, ms: 9, steps: {} });
		await expect(loading).resolves.toEqual({ ms: 9 });
		expect(pending.worker.sent).toHaveLength(1);
		// its own requests are numbered from 1, and a later road request is its own
		const again = b.loadRoads(files.url, files.snapUrl);
		expect((pending.worker.sent.at(-1)!.msg as TravelRequest)).toMatchObject({ type: 'load-roads', id: 1 });
		pending.worker.reply({ type: 'roads-loaded', id: 1, ms: 1, steps: {} });
		await expect(again).resolves.toEqual({ ms: 1 });
	});

	it('sends its own request for other files', async () => {
		const early = run('?add=p:44,-103').early!.travel;
		const c = new TravelClient(early);
		const other = c.loadRoads('https://atlas.example/data/other.bin', files.snapUrl);
		expect(early.worker.sent.at(-1)!.msg).toMatchObject({ type: 'load-roads', url: 'https://atlas.example/data/other.bin' });
		early.worker.reply({ type: 'roads-loaded', id: 1, ms: 2, steps: {} });
		await expect(other).resolves.toEqual({ ms: 2 });
	});

	it('reports the early worker’s error', async () => {
		const early = run('?add=p:44,-103').early!.travel;
		early.worker.onerror!({ message: 'no script' });
		const c = new TravelClient(early);
		await expect(c.loadRoads(files.url, files.snapUrl)).rejects.toThrow(/no script/);
	});
});

describe('the data work taking over the early data worker', () => {
	const population = { n: 1, groups: ['all'] } as unknown as PopulationMessage;

	it('gives the bytes it fetched, then the population groups, in already or to come', async () => {
		const bytes = new Uint8Array([1, 2, 3]).buffer;
		const early = run('?add=p:44,-103').early!.data;
		early.worker.reply({ type: 'bytes', bytes });
		const taken = adoptDataWorker(early);
		await expect(taken.bytes).resolves.toBe(bytes);
		early.worker.reply({ type: 'population', population });
		await expect(taken.work.population).resolves.toBe(population);
		expect(early.worker.terminated).toBe(true);
	});

	it('gives no bytes when the worker could not fetch the file (the page reads the tables another way), and fails the work', async () => {
		const early = run('?add=p:44,-103').early!.data;
		const taken = adoptDataWorker(early);
		early.worker.reply({ type: 'bytes', bytes: null, message: 'HTTP 404' });
		early.worker.reply({ type: 'error', message: 'The dashboard data file did not load (HTTP 404).' });
		await expect(taken.bytes).resolves.toBeNull();
		await expect(taken.work.population).rejects.toThrow(/did not load/);
	});

	it('gives no bytes and fails the work when the worker failed to start', async () => {
		const early = run('?add=p:44,-103').early!.data;
		early.worker.onerror!({ message: 'no script' });
		const taken = adoptDataWorker(early);
		await expect(taken.bytes).resolves.toBeNull();
		await expect(taken.work.population).rejects.toThrow(/no script/);
	});
});
