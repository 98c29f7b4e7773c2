/**
 * A promise with its resolve and reject at hand (Promise.withResolvers, which Node 20 lacks). A
 * rejection nobody has awaited yet is not reported as unhandled: it is reported where it is awaited.
 */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((r, j) => ((resolve = r), (reject = j)));
	promise.catch(() => {});
	return { promise, resolve, reject };
}
