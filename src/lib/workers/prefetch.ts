/**
 * Files a worker's bootstrap began to download before the worker's own script had loaded: the embed
 * page's inline script starts its workers from a small blob that fetches their files at once, then
 * loads the worker's script (embed/early-travel-script.js). Each download is taken once.
 */

/** what the bootstrap leaves on the worker's global scope: a download per absolute URL */
type Prefetched = Record<string, Promise<ArrayBuffer>>;

/** The bootstrap's download of `url` (absolute), taken; null when it started none for it. */
export function takePrefetched(url: string, scope: object = globalThis): Promise<ArrayBuffer> | null {
	const all = (scope as { __atlasPrefetch?: Prefetched }).__atlasPrefetch;
	if (!all || typeof all !== 'object' || !Object.hasOwn(all, url)) return null;
	const p = all[url];
	delete all[url];
	return p;
}

/** `url`'s bytes: the bootstrap's download if it started one, else fetched now; an HTTP error is thrown as `HTTP <status>`. */
export function download(url: string): Promise<ArrayBuffer> {
	return (
		takePrefetched(url) ??
		fetch(url).then((res) => {
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			return res.arrayBuffer();
		})
	);
}
