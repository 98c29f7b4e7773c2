import { describe, expect, it } from 'vitest';
import { missingSetNotice, parseCentreSource, serialiseCentreSource, userCentreId, userCentreRows } from '../../src/lib/state/centre-source';
import { passesFilter } from '../../src/lib/queries/centre-filter';
import { saveCentreSet, STORE_KEY, type CentreSet } from '../../src/lib/explore/centre-store';
import { Dashboard } from '../../src/lib/state/dashboard.svelte';
import type { Row } from '../../src/lib/queries/all-centres';
import { centreRow } from './centre-row';

const SET: CentreSet = {
	name: 'Mountain network',
	source: 'paste',
	savedAt: '2026-11-30T10:00:00.000Z',
	centres: [
		{ name: 'Denver General', lat: 39.7392, lon: -104.9903, products: ['Kymriah'], notes: null },
		{ name: 'Casper Clinic', lat: 42.8666, lon: -106.3131, products: [], notes: 'planned' }
	]
};

function memoryStorage(init: Record<string, string> = {}) {
	const m = new Map(Object.entries(init));
	return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}

const atlasRow = (id: string): Row => centreRow(id);

describe('centre source link value', () => {
	it('round-trips a set name and the atlas list', () => {
		expect(parseCentreSource(serialiseCentreSource('Mountain network'))).toEqual({ set: 'Mountain network' });
		expect(serialiseCentreSource(null)).toBeNull();
		expect(parseCentreSource(null)).toEqual({ set: null });
	});
	it('refuses other values with a notice', () => {
		expect(parseCentreSource('all').notice).toMatch(/Ignored centres="all"/);
		expect(parseCentreSource('user:').notice).toMatch(/Give the centre set a name/);
	});
	it('names the missing set and why', () => {
		expect(missingSetNotice('X')).toMatch(/not saved in this browser/);
		expect(missingSetNotice('X', 'Storage is off.')).toMatch(/could not be read here \(Storage is off\.\)/);
	});
});

describe('a saved set as centre rows', () => {
	const rows = userCentreRows(SET);
	it('keeps order, names, places and products, with ids U-0001…', () => {
		expect(rows.map((r) => r.centre_id)).toEqual(['U-0001', 'U-0002']);
		expect(userCentreId(9999)).toBe('U-10000');
		expect(rows[0]).toMatchObject({ name: 'Denver General', lat: 39.7392, lon: -104.9903, products: ['Kymriah'], evidence_strength: 'user' });
		expect(rows[1].source_date).toBe('2026-11-30');
	});
	it('pass evidence and served filters, but not a product filter they do not meet', () => {
		expect(rows.every((r) => passesFilter(r, { evidence: ['strong'], served: ['pediatric'], products: [] }))).toBe(true);
		expect(rows.filter((r) => passesFilter(r, { evidence: [], served: [], products: ['Kymriah'] })).map((r) => r.name)).toEqual(['Denver General']);
	});
});

describe('Dashboard centre set', () => {
	function dashboard(storage = memoryStorage()) {
		const d = new Dashboard();
		d.storage = storage;
		d.atlasCentres = [atlasRow('CO-01'), atlasRow('CO-02')];
		return d;
	}
	it('uses a saved set for every figure, and goes back to the atlas list', () => {
		const storage = memoryStorage();
		expect(saveCentreSet({ name: SET.name, centres: SET.centres, source: 'paste' }, storage)).toEqual({ ok: true });
		const d = dashboard(storage);
		d.refreshSavedSets();
		expect(d.savedSets.map((s) => [s.name, s.count])).toEqual([['Mountain network', 2]]);
		expect(d.useCentreSet('Mountain network')).toEqual({ ok: true });
		expect(d.view.centreSet).toBe('Mountain network');
		expect(d.baselineCentres.map((c) => c.id)).toEqual(['U-0001', 'U-0002']);
		expect(d.centreNames['U-0002']).toBe('Casper Clinic');
		d.useCentreSet(null);
		expect(d.baselineCentres.map((c) => c.id)).toEqual(['CO-01', 'CO-02']);
	});
	it('a link to a set this browser lacks falls back to the atlas list with a notice', () => {
		const d = dashboard();
		d.view.centreSet = 'Elsewhere';
		d.checkLinkAgainstData();
		expect(d.view.centreSet).toBeNull();
		expect(d.baselineCentres.map((c) => c.id)).toEqual(['CO-01', 'CO-02']);
		expect(d.notices.join(' ')).toMatch(/"Elsewhere", which is not saved in this browser/);
	});
	it('a damaged store is reported, never overwritten', () => {
		const storage = memoryStorage({ [STORE_KEY]: '{not json' });
		const d = dashboard(storage);
		const r = d.useCentreSet('Mountain network');
		expect(r.ok).toBe(false);
		expect(!r.ok && r.message).toMatch(/damaged/);
		expect(storage.map.get(STORE_KEY)).toBe('{not json');
	});
	it('switching lists drops removals of the list left, keeps additions', () => {
		const storage = memoryStorage();
		saveCentreSet({ name: SET.name, centres: SET.centres, source: 'paste' }, storage);
		const d = dashboard(storage);
		d.scenario = { added: [{ kind: 'point', lat: 40, lon: -100 }], removed: ['CO-01'] };
		d.useCentreSet(SET.name);
		expect(d.scenario.removed).toEqual([]);
		expect(d.scenario.added).toHaveLength(1);
		expect(d.activeCentres.map((c) => c.id)).toEqual(['U-0001', 'U-0002', 'p:40,-100']);
	});
});
