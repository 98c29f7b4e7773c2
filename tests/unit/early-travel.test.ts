import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { EARLY_ROADS_ID, earlyTravelScript, takeEarlyTravel, type EarlyTravel } from '../../src/lib/embed/early-travel';
import { TravelClient } from '../../src/lib/workers/travel-client';
import type { TravelRequest, TravelResponse } from '../../src/lib/workers/travel-protocol';

const script = readFileSync(new URL('../../src/lib/embed/early-travel-script.js', import.meta.url), 'utf8');
const PAGE = 'https://atlas.example/embed/whatif/';

/** A stand-in worker: records what it is sent; `reply` plays a message from it. */
class FakeWorker {
	url: string;
	sent: { msg: TravelRequest; transfer?: Transferable[] }[] = [];
	onmessage: ((e: { data: TravelResponse }) => void) | null = null;
	onerror: ((e: { message: string }) => void) | null = null;
	constructor(url: string) {
		this.url = url;
	}
	postMessage(msg: TravelRequest, transfer?: Transferable[]) {
		this.sent.push({ msg, transfer });
	}
	reply(data: TravelResponse) {
		this.onmessage?.({ data });
	}
	terminate() {}
}

/** Run the inline script for a link; the window it leaves. */
function run(search: string, attrs = { worker: '../../_app/immutable/workers/travel.worker-x.js', graph: '../../data/road_graph.bin', snap: '../../data/road_snap.bin' }) {
	const window: Record<string, unknown> = {};
	const currentScript = { getAttribute: (k: string) => ({ 'data-worker': attrs.worker, 'data-graph': attrs.graph, 'data-snap': attrs.snap })[k] ?? null };
	const marks: string[] = [];
	runInNewContext(script, { URLSearchParams, URL, Worker: FakeWorker, window, location: { search, href: PAGE + search }, document: { currentScript }, performance: { mark: (m: string) => marks.push(m) } });
	return { window, early: window.__atlasEarlyTravel as (EarlyTravel & { worker: FakeWorker }) | undefined, marks };
}

describe('early-travel-script.js (inline in the embeds’ head)', () => {
	it('starts the travel worker for a link with a what-if by road, and has it load the road network', () => {
		for (const s of ['?add=p:44.0,-103.2', '?remove=c12', '?add=p:44,-103&method=road&id=x']) {
			const { early, marks } = run(s);
			expect(early, s).toBeDefined();
			expect(early!.worker.url).toBe('../../_app/immutable/workers/travel.worker-x.js');
			// (absolute: the worker would read a relative URL from its own folder)
			const roads = { url: 'https://atlas.example/data/road_graph.bin', snapUrl: 'https://atlas.example/data/road_snap.bin' };
			expect(early!.roads).toEqual(roads);
			expect(early!.worker.sent.map((x) => x.msg)).toEqual([{ type: 'load-roads', id: EARLY_ROADS_ID, ...roads }]);
			expect(marks).toEqual(['atlas:early-travel']);
		}
	});

	it('starts nothing for a link without a scenario, or by another method', () => {
		for (const s of ['', '?region=08', '?add=', '?add=p:44,-103&method=straight_miles', '?remove=c1&method=calibrated']) expect(run(s).early, s).toBeUndefined();
	});

	it('keeps the worker’s replies and its error until the app takes it over', () => {
		const { early } = run('?add=p:44,-103');
		early!.worker.reply({ type: 'roads-loaded', id: 0, ms: 5, steps: {} });
		early!.worker.onerror!({ message: 'boom' });
		expect(early!.replies).toEqual([{ type: 'roads-loaded', id: 0, ms: 5, steps: {} }]);
		expect(early!.error).toBe('boom');
	});

	it('is written into the page as it is, with its files', () => {
		expect(earlyTravelScript({ worker: 'w.js', graph: 'g "x".bin', snap: 's.bin' })).toBe(`<script data-worker="w.js" data-graph="g &quot;x&quot;.bin" data-snap="s.bin">${script}</script>`);
	});

	it('is taken once', () => {
		const { window } = run('?add=p:44,-103');
		expect(takeEarlyTravel(window)).toBeDefined();
		expect(takeEarlyTravel(window)).toBeUndefined();
		expect(takeEarlyTravel({})).toBeUndefined();
	});
});

describe('the travel client taking over the early worker', () => {
	const files = { url: 'https://atlas.example/data/road_graph.bin', snapUrl: 'https://atlas.example/data/road_snap.bin' };

	it('answers its road network request with the early one’s reply, in already or to come', async () => {
		const done = run('?add=p:44,-103').early!;
		done.worker.reply({ type: 'roads-loaded', id: 0, ms: 7, steps: { fetched: 3 } });
		const a = new TravelClient(done);
		await expect(a.loadRoads(files.url, files.snapUrl)).resolves.toEqual({ fetched: 3, ms: 7 });
		expect(done.worker.sent).toHaveLength(1); // (no second request)

		const pending = run('?add=p:44,-103').early!;
		const b = new TravelClient(pending);
		const loading = b.loadRoads(files.url, files.snapUrl);
		pending.worker.reply({ type: 'roads-loaded', id: 0, ms: 9, steps: {} });
		await expect(loading).resolves.toEqual({ ms: 9 });
		expect(pending.worker.sent).toHaveLength(1);
		// its own requests are numbered from 1, and a later road request is its own
		const again = b.loadRoads(files.url, files.snapUrl);
		expect(pending.worker.sent.at(-1)!.msg).toMatchObject({ type: 'load-roads', id: 1 });
		pending.worker.reply({ type: 'roads-loaded', id: 1, ms: 1, steps: {} });
		await expect(again).resolves.toEqual({ ms: 1 });
	});

	it('sends its own request for other files', async () => {
		const early = run('?add=p:44,-103').early!;
		const c = new TravelClient(early);
		const other = c.loadRoads('https://atlas.example/data/other.bin', files.snapUrl);
		expect(early.worker.sent.at(-1)!.msg).toMatchObject({ type: 'load-roads', url: 'https://atlas.example/data/other.bin' });
		early.worker.reply({ type: 'roads-loaded', id: 1, ms: 2, steps: {} });
		await expect(other).resolves.toEqual({ ms: 2 });
	});

	it('reports the early worker’s error', async () => {
		const early = run('?add=p:44,-103').early!;
		early.worker.onerror!({ message: 'no script' });
		const c = new TravelClient(early);
		await expect(c.loadRoads(files.url, files.snapUrl)).rejects.toThrow(/no script/);
	});
});
