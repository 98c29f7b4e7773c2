/** workers/prefetch: a worker takes the downloads its bootstrap began (embed/early-travel-script.js) once, else fetches. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { download, takePrefetched } from '../../src/lib/workers/prefetch';

const URL_A = 'https://atlas.example/data/road_graph.bin';
const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const text = (b: ArrayBuffer) => new TextDecoder().decode(b);

afterEach(() => {
	delete (globalThis as { __atlasPrefetch?: unknown }).__atlasPrefetch;
	vi.unstubAllGlobals();
});

describe('takePrefetched', () => {
	it('gives the download begun for a URL once, and nothing for another URL or without a bootstrap', async () => {
		const scope = { __atlasPrefetch: { [URL_A]: Promise.resolve(bytes('graph')) } };
		expect(takePrefetched('https://atlas.example/data/other.bin', scope)).toBeNull();
		expect(text(await takePrefetched(URL_A, scope)!)).toBe('graph');
		expect(takePrefetched(URL_A, scope)).toBeNull();
		expect(takePrefetched(URL_A, {})).toBeNull();
		expect(takePrefetched('toString', { __atlasPrefetch: {} })).toBeNull();
	});
});

describe('download', () => {
	it('takes the bootstrap’s download rather than fetching again', async () => {
		const fetch = vi.fn();
		vi.stubGlobal('fetch', fetch);
		(globalThis as { __atlasPrefetch?: unknown }).__atlasPrefetch = { [URL_A]: Promise.resolve(bytes('early')) };
		expect(text(await download(URL_A))).toBe('early');
		expect(fetch).not.toHaveBeenCalled();
	});

	it('passes on the bootstrap’s failure', async () => {
		(globalThis as { __atlasPrefetch?: unknown }).__atlasPrefetch = { [URL_A]: Promise.reject(new Error('HTTP 404')) };
		await expect(download(URL_A)).rejects.toThrow('HTTP 404');
	});

	it('fetches when no download was begun, and reports an HTTP error by its status', async () => {
		vi.stubGlobal('fetch', async (u: string) => (u === URL_A ? new Response(bytes('fetched')) : new Response('gone', { status: 404 })));
		expect(text(await download(URL_A))).toBe('fetched');
		await expect(download('https://atlas.example/missing.bin')).rejects.toThrow('HTTP 404');
	});
});
