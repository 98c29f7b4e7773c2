/** The SQL predicate and the JS rule for centre filters select the same rows of the real list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import * as centres from '../../src/lib/queries/centres';
import * as allCentres from '../../src/lib/queries/all-centres';
import { passesFilter, type CentreFilter } from '../../src/lib/queries/centre-filter';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

const FILTERS: CentreFilter[] = [
	{ evidence: ['strong', 'moderate'], served: [], products: [] },
	{ evidence: ['strong'], served: ['pediatric'], products: [] },
	{ evidence: ['strong', 'moderate', 'weak'], served: [], products: ['Abecma', 'Carvykti'] },
	{ evidence: ['strong', 'moderate'], served: ['adult'], products: ['Yescarta'] },
	{ evidence: [], served: [], products: [] }
];

describe('centre filter, SQL vs JS', () => {
	it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('%s', async (_n, filter) => {
		const sql = (await centres.run(db, { filter })).map((r) => r.centre_id);
		const js = (await allCentres.run(db)).filter((r) => passesFilter(r, filter)).map((r) => r.centre_id);
		expect(sql).toEqual(js);
	});
	it('a product filter keeps only centres whose page names the product', async () => {
		const rows = await centres.run(db, { filter: { evidence: ['strong', 'moderate', 'weak'], served: [], products: ['Abecma'] } });
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r.products).toContain('Abecma');
	});
});
