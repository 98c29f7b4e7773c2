/**
 * Logic shared by the search comboboxes (WAI-ARIA 1.2 combobox with a listbox popup:
 * `PlaceSearch.svelte`; `HospitalPicker.svelte` carries the same logic inline and could use
 * this). Plain TS, no runes and no DOM, so it is tested in Node.
 *
 * - `moveActive`: the active option after an arrow key (wraps), Home or End.
 * - `latestSearch`: debounce the text, run the search, and deliver only the answer to the
 *   latest text; answers to older text are dropped (a slow answer never overwrites a newer one).
 */

/** Next active option index for a key; null when the key does not move the active option. */
export function moveActive({ key, active, count }: { key: string; active: number; count: number }): number | null {
	if (count <= 0) return null;
	switch (key) {
		case 'ArrowDown':
			return active < 0 ? 0 : (active + 1) % count;
		case 'ArrowUp':
			return active < 0 ? count - 1 : (active - 1 + count) % count;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}

/** "3 places found; use the up and down arrows to choose." ('' for none: the empty message says it). */
export function resultsAnnouncement({ count, one, many }: { count: number; one: string; many: string }): string {
	if (count <= 0) return '';
	return `${count} ${count === 1 ? one : many} found; use the up and down arrows to choose.`;
}

export interface LatestSearch {
	/** Search for `text` after the debounce; cancels any pending or in-flight search. */
	schedule(text: string): void;
	/** Search now (e.g. retry after an error). */
	now(text: string): Promise<void>;
	/** Drop any pending or in-flight search. */
	cancel(): void;
}

/** `opts.debounceMs` and `opts.search` are read at each call, so a getter keeps them live (component props). */
export function latestSearch<T>(opts: {
	search: (text: string) => Promise<T>;
	debounceMs: number;
	onresult: (result: T, text: string) => void;
	onerror: (error: unknown, text: string) => void;
}): LatestSearch {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let seq = 0;
	async function now(text: string) {
		clearTimeout(timer);
		const mine = ++seq;
		try {
			const r = await opts.search(text);
			if (mine === seq) opts.onresult(r, text);
		} catch (e) {
			if (mine === seq) opts.onerror(e, text);
		}
	}
	return {
		schedule(text) {
			clearTimeout(timer);
			seq++; // an answer in flight is now stale
			timer = setTimeout(() => void now(text), opts.debounceMs);
		},
		now,
		cancel() {
			clearTimeout(timer);
			seq++;
		}
	};
}
