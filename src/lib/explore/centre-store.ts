/**
 * Named centre sets kept in the browser (`localStorage`), so an uploaded list survives
 * reloads. One key holds every set, versioned:
 *   `car-t-atlas:centre-sets` → `{ "version": 1, "sets": { "<name>": CentreSet } }`
 * Saving writes the whole value once: if the write fails (storage full, storage switched
 * off, private mode), what was stored before is unchanged. A value this code cannot read
 * (damaged, or written by a newer version) is never overwritten: saving refuses with a
 * message, so nothing the user had is lost.
 *
 * The storage is injected (any `Storage`-like object), so this runs in Node tests; in the
 * browser it defaults to `localStorage`.
 */
import type { UploadedCentre } from './centre-upload';

export const STORE_KEY = 'car-t-atlas:centre-sets';
export const STORE_VERSION = 1;
export const MAX_NAME = 60;

export interface CentreSet {
	name: string;
	/** where it came from, for the list */
	source: 'upload' | 'paste' | 'hospitals';
	/** ISO date of saving (injected in tests) */
	savedAt: string;
	centres: UploadedCentre[];
}

export interface CentreSetSummary {
	name: string;
	source: CentreSet['source'];
	savedAt: string;
	count: number;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
export type StoreResult = { ok: true } | { ok: false; message: string };

function defaultStorage(): StorageLike | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // access itself throws when storage is blocked
	}
}

const UNAVAILABLE = 'Browser storage is not available (it may be switched off, or blocked in private browsing), so centre sets cannot be kept across reloads. Export the set as CSV to keep it.';

type Read = { ok: true; sets: Record<string, CentreSet> } | { ok: false; message: string };

function read(storage: StorageLike | null): Read {
	if (!storage) return { ok: false, message: UNAVAILABLE };
	let raw: string | null;
	try {
		raw = storage.getItem(STORE_KEY);
	} catch {
		return { ok: false, message: UNAVAILABLE };
	}
	if (raw == null) return { ok: true, sets: {} };
	try {
		const v = JSON.parse(raw) as { version?: unknown; sets?: unknown };
		if (v.version !== STORE_VERSION)
			return { ok: false, message: `The saved centre sets were written by another version of this app (format ${String(v.version)}); they are kept as they are. Reload the page to use the latest version.` };
		if (!v.sets || typeof v.sets !== 'object') throw new Error('no sets');
		return { ok: true, sets: v.sets as Record<string, CentreSet> };
	} catch {
		return { ok: false, message: 'The saved centre sets could not be read (the stored data is damaged); they are kept as they are, and nothing new is saved over them.' };
	}
}

export function listCentreSets(storage: StorageLike | null = defaultStorage()): { sets: CentreSetSummary[]; message?: string } {
	const r = read(storage);
	if (!r.ok) return { sets: [], message: r.message };
	const sets = Object.values(r.sets)
		.map((s) => ({ name: s.name, source: s.source, savedAt: s.savedAt, count: Array.isArray(s.centres) ? s.centres.length : 0 }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { sets };
}

export function loadCentreSet(name: string, storage: StorageLike | null = defaultStorage()): CentreSet | null {
	const r = read(storage);
	if (!r.ok) return null;
	return Object.hasOwn(r.sets, name) ? r.sets[name] : null;
}

export function checkName(name: string): string | null {
	const n = name.trim();
	if (!n) return 'Give the centre set a name.';
	if (n.length > MAX_NAME) return `The name is too long (${n.length} characters; at most ${MAX_NAME}).`;
	return null;
}

export function saveCentreSet(
	{ name, centres, source, replace = false, now = new Date() }: { name: string; centres: UploadedCentre[]; source: CentreSet['source']; replace?: boolean; now?: Date },
	storage: StorageLike | null = defaultStorage()
): StoreResult {
	const bad = checkName(name);
	if (bad) return { ok: false, message: bad };
	if (centres.length === 0) return { ok: false, message: 'The centre set is empty.' };
	const r = read(storage);
	if (!r.ok) return r;
	const n = name.trim();
	if (Object.hasOwn(r.sets, n) && !replace) return { ok: false, message: `A centre set named "${n}" already exists. Choose another name, or replace it.` };
	const next = { ...r.sets, [n]: { name: n, source, savedAt: now.toISOString(), centres } };
	return write(storage!, next);
}

export function deleteCentreSet(name: string, storage: StorageLike | null = defaultStorage()): StoreResult {
	const r = read(storage);
	if (!r.ok) return r;
	if (!Object.hasOwn(r.sets, name)) return { ok: true };
	const next = { ...r.sets };
	delete next[name];
	return write(storage!, next);
}

function write(storage: StorageLike, sets: Record<string, CentreSet>): StoreResult {
	try {
		storage.setItem(STORE_KEY, JSON.stringify({ version: STORE_VERSION, sets }));
		return { ok: true };
	} catch (e) {
		const full = e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
		return {
			ok: false,
			message: full
				? 'Browser storage is full, so the centre set was not saved (your other sets are unchanged). Delete or export a set you no longer need, then try again.'
				: UNAVAILABLE
		};
	}
}
