/**
 * Named things kept in the browser (`localStorage`), so what a user uploaded survives reloads:
 * centre sets (`centre-store`) and area data (`area-store`). One key per kind holds every item,
 * versioned: `<key>` → `{ "version": 1, "sets": { "<name>": item } }`.
 *
 * Saving writes the whole value once: if the write fails (storage full, storage switched off,
 * private mode), what was stored before is unchanged. A value this code cannot read (damaged,
 * or written by a newer version) is never overwritten: saving refuses with a message, so
 * nothing the user had is lost.
 *
 * The storage is injected (any `Storage`-like object), so this runs in Node tests; in the
 * browser it defaults to `localStorage`.
 */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
export type StoreResult = { ok: true } | { ok: false; message: string };
export const MAX_NAME = 60;

export interface Named {
	name: string;
	savedAt: string;
}

export interface LocalStore<T extends Named, S> {
	readonly key: string;
	list(storage?: StorageLike | null): { sets: S[]; message?: string };
	load(name: string, storage?: StorageLike | null): T | null;
	save(item: Omit<T, 'savedAt' | 'name'> & { name: string; replace?: boolean; now?: Date }, storage?: StorageLike | null): StoreResult;
	remove(name: string, storage?: StorageLike | null): StoreResult;
}

export function defaultStorage(): StorageLike | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // access itself throws when storage is blocked
	}
}

export function checkName(name: string, noun = 'centre set'): string | null {
	const n = name.trim();
	if (!n) return `Give the ${noun} a name.`;
	if (n.length > MAX_NAME) return `The name is too long (${n.length} characters; at most ${MAX_NAME}).`;
	return null;
}

/**
 * A store of one kind of item.
 * - `noun`: what one item is called in messages ("centre set")
 * - `summary`: the list entry of an item
 * - `isEmpty`: items that may not be saved
 */
export function createLocalStore<T extends Named, S extends { name: string }>({
	key,
	version = 1,
	noun,
	summary,
	isEmpty
}: {
	key: string;
	version?: number;
	noun: string;
	summary: (item: T) => S;
	isEmpty: (item: Omit<T, 'savedAt' | 'name'>) => boolean;
}): LocalStore<T, S> {
	const plural = `${noun}s`;
	const unavailable = `Browser storage is not available (it may be switched off, or blocked in private browsing), so ${plural} cannot be kept across reloads. Export it as CSV to keep it.`;
	type Read = { ok: true; sets: Record<string, T> } | { ok: false; message: string };

	function read(storage: StorageLike | null): Read {
		if (!storage) return { ok: false, message: unavailable };
		let raw: string | null;
		try {
			raw = storage.getItem(key);
		} catch {
			return { ok: false, message: unavailable };
		}
		if (raw == null) return { ok: true, sets: {} };
		try {
			const v = JSON.parse(raw) as { version?: unknown; sets?: unknown };
			if (v.version !== version)
				return { ok: false, message: `The saved ${plural} were written by another version of this app (format ${String(v.version)}); they are kept as they are. Reload the page to use the latest version.` };
			if (!v.sets || typeof v.sets !== 'object') throw new Error('no sets');
			return { ok: true, sets: v.sets as Record<string, T> };
		} catch {
			return { ok: false, message: `The saved ${plural} could not be read (the stored data is damaged); they are kept as they are, and nothing new is saved over them.` };
		}
	}

	function write(storage: StorageLike, sets: Record<string, T>): StoreResult {
		try {
			storage.setItem(key, JSON.stringify({ version, sets }));
			return { ok: true };
		} catch (e) {
			const full = e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
			return {
				ok: false,
				message: full
					? `Browser storage is full, so the ${noun} was not saved (your other ${plural} are unchanged). Delete or export one you no longer need, then try again.`
					: unavailable
			};
		}
	}

	return {
		key,
		list(storage = defaultStorage()) {
			const r = read(storage);
			if (!r.ok) return { sets: [], message: r.message };
			return { sets: Object.values(r.sets).map(summary).sort((a, b) => a.name.localeCompare(b.name)) };
		},
		load(name, storage = defaultStorage()) {
			const r = read(storage);
			if (!r.ok) return null;
			return Object.hasOwn(r.sets, name) ? r.sets[name] : null;
		},
		save({ name, replace = false, now = new Date(), ...rest }, storage = defaultStorage()) {
			const bad = checkName(name, noun);
			if (bad) return { ok: false, message: bad };
			if (isEmpty(rest as Omit<T, 'savedAt' | 'name'>)) return { ok: false, message: `The ${noun} is empty.` };
			const r = read(storage);
			if (!r.ok) return r;
			const n = name.trim();
			if (Object.hasOwn(r.sets, n) && !replace) return { ok: false, message: `A ${noun} named "${n}" already exists. Choose another name, or replace it.` };
			return write(storage!, { ...r.sets, [n]: { ...rest, name: n, savedAt: now.toISOString() } as unknown as T });
		},
		remove(name, storage = defaultStorage()) {
			const r = read(storage);
			if (!r.ok) return r;
			if (!Object.hasOwn(r.sets, name)) return { ok: true };
			const next = { ...r.sets };
			delete next[name];
			return write(storage!, next);
		}
	};
}
