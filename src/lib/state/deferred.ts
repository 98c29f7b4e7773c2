/**
 * A promise with its resolve and reject at hand (Promise.withResolvers, which Node 20 lacks). A
 * rejection nobody has awaited yet is not reported as unhandled: it is reported where it is awaited.
 * `resolved` says whether it has been fulfilled (so a caller can act at once, not a microtask later).
 */
export interface Deferred<T> {
	promise: Promise<T>;
	resolve: (v: T) => void;
	reject: (e: unknown) => void;
	readonly resolved: boolean;
}

export function deferred<T = void>(): Deferred<T> {
	let ok!: (v: T) => void;
	let fail!: (e: unknown) => void;
	let resolved = false;
	let settled = false;
	const promise = new Promise<T>((r, j) => ((ok = r), (fail = j)));
	promise.catch(() => {});
	return {
		promise,
		resolve: (v: T) => {
			if (!settled) resolved = true;
			settled = true;
			ok(v);
		},
		reject: (e: unknown) => {
			settled = true;
			fail(e);
		},
		get resolved() {
			return resolved;
		}
	};
}
