/**
 * Named centre sets kept in the browser (`localStorage`, see `local-store`), so an uploaded
 * list survives reloads: `car-t-atlas:centre-sets` → `{ "version": 1, "sets": { "<name>": CentreSet } }`.
 */
import type { UploadedCentre } from './centre-upload';
import { checkName as checkAnyName, createLocalStore, MAX_NAME, type StorageLike, type StoreResult } from './local-store';

export type { StorageLike, StoreResult };
export { MAX_NAME };
export const STORE_KEY = 'car-t-atlas:centre-sets';
export const STORE_VERSION = 1;

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

const store = createLocalStore<CentreSet, CentreSetSummary>({
	key: STORE_KEY,
	version: STORE_VERSION,
	noun: 'centre set',
	summary: (s) => ({ name: s.name, source: s.source, savedAt: s.savedAt, count: Array.isArray(s.centres) ? s.centres.length : 0 }),
	isEmpty: (s) => s.centres.length === 0
});

export const checkName = (name: string) => checkAnyName(name, 'centre set');
export const listCentreSets = store.list;
export const loadCentreSet = store.load;
export const deleteCentreSet = store.remove;

export function saveCentreSet(
	{ name, centres, source, replace = false, now = new Date() }: { name: string; centres: UploadedCentre[]; source: CentreSet['source']; replace?: boolean; now?: Date },
	storage?: StorageLike | null
): StoreResult {
	return store.save({ name, centres, source, replace, now }, storage);
}
