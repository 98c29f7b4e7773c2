/**
 * One async view's state: idle → loading → ready | empty | error, in one place.
 * A newer request supersedes older ones: stale responses are dropped.
 */
export type Status = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

export class Resource<T> {
	status = $state<Status>('idle');
	value = $state.raw<T | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	/** ms the last successful load took */
	elapsedMs = $state<number | undefined>(undefined);
	#request = 0;
	#isEmpty: (v: T) => boolean;

	constructor({ isEmpty }: { isEmpty?: (v: T) => boolean } = {}) {
		this.#isEmpty = isEmpty ?? ((v) => Array.isArray(v) && v.length === 0);
	}

	/** Run `load`; returns the value, or undefined when superseded or failed. */
	async load(load: () => Promise<T>): Promise<T | undefined> {
		const id = ++this.#request;
		this.status = 'loading';
		this.error = undefined;
		const t0 = performance.now();
		try {
			const v = await load();
			if (id !== this.#request) return undefined;
			this.value = v;
			this.elapsedMs = performance.now() - t0;
			this.status = this.#isEmpty(v) ? 'empty' : 'ready';
			return v;
		} catch (e) {
			if (id !== this.#request) return undefined;
			this.error = describeError(e);
			this.status = 'error';
			return undefined;
		}
	}
}

export function describeError(e: unknown): string {
	if (e instanceof Error) return e.message;
	return String(e);
}
