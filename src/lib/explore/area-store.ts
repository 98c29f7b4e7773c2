/**
 * Named area data sets (a value per county or tract, `area-upload`) kept in the browser, so an
 * upload survives reloads: `car-t-atlas:area-sets` → `{ "version": 1, "sets": { "<name>": AreaSet } }`.
 */
import type { AreaData } from './area-upload';
import { createLocalStore, type StorageLike, type StoreResult } from './local-store';

export const AREA_STORE_KEY = 'car-t-atlas:area-sets';

export interface AreaSet extends AreaData {
	name: string;
	savedAt: string;
}

export interface AreaSetSummary {
	name: string;
	savedAt: string;
	grain: AreaData['grain'];
	column: string;
	rows: number;
	total: number;
}

const store = createLocalStore<AreaSet, AreaSetSummary>({
	key: AREA_STORE_KEY,
	noun: 'area data set',
	summary: (s) => ({
		name: s.name,
		savedAt: s.savedAt,
		grain: s.grain,
		column: s.column,
		rows: Array.isArray(s.fips) ? s.fips.length : 0,
		total: Array.isArray(s.values) ? s.values.reduce((a, b) => a + b, 0) : 0
	}),
	isEmpty: (s) => s.fips.length === 0
});

export const listAreaSets = store.list;
export const loadAreaSet = store.load;
export const deleteAreaSet = store.remove;

export function saveAreaSet(
	{ name, data, replace = false, now = new Date() }: { name: string; data: AreaData; replace?: boolean; now?: Date },
	storage?: StorageLike | null
): StoreResult {
	return store.save({ name, ...data, replace, now }, storage);
}

/** An area set is well-formed (what the store holds may be damaged or hand-edited). */
export function isAreaSet(s: unknown): s is AreaSet {
	const a = s as AreaSet;
	return (
		!!a &&
		(a.grain === 'county' || a.grain === 'tract') &&
		Array.isArray(a.fips) &&
		Array.isArray(a.values) &&
		a.fips.length === a.values.length &&
		a.values.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)
	);
}
