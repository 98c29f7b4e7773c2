/**
 * The dashboard's data file (queries/dashboard-data + db/columns-file) on the real database:
 * reading the file back gives every value of every query exactly (tracts rebuilt from their
 * factorised form), and the population built from its columns equals the one built from rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import * as dashboardData from '../../src/lib/queries/dashboard-data';
import { buildPopulation, GROUPS } from '../../src/lib/metrics/equity';
import { transferables } from '../../src/lib/workers/transfer';
import { populationFrom, populationMessage } from '../../src/lib/workers/data-protocol';

let db: NodeDb;
let data: dashboardData.DashboardData;
let back: dashboardData.DashboardData;
let bytes: Uint8Array;
beforeAll(async () => {
	db = await openNodeDb();
	data = await dashboardData.run(db);
	bytes = dashboardData.encodeFile(data);
	back = dashboardData.fromFile(bytes);
}, 60_000);
afterAll(() => db?.close());

/** Every key and value equal (Object.is for scalars, so 0 and -0, null and NaN differ); the first differences listed. */
function differences(a: readonly Record<string, unknown>[], b: readonly Record<string, unknown>[]): string[] {
	const out: string[] = [];
	if (a.length !== b.length) out.push(`rows: ${a.length} vs ${b.length}`);
	for (let i = 0; i < Math.min(a.length, b.length) && out.length < 10; i++) {
		const ka = Object.keys(a[i]);
		const kb = Object.keys(b[i]);
		if (ka.join() !== kb.join()) out.push(`row ${i} keys: ${ka.join()} vs ${kb.join()}`);
		for (const k of ka) {
			const x = a[i][k];
			const y = b[i][k];
			const same = Array.isArray(x) ? JSON.stringify(x) === JSON.stringify(y) : Object.is(x, y);
			if (!same) out.push(`row ${i} ${k}: ${String(x)} vs ${String(y)}`);
		}
	}
	return out;
}

describe('dashboard data file', () => {
	it('gives back every query row exactly', () => {
		expect(differences(data.centres, back.centres)).toEqual([]);
		expect(differences(data.stateRows, back.stateRows)).toEqual([]);
		expect(differences(data.countyRows, back.countyRows)).toEqual([]);
		expect(back.tractRows).toHaveLength(85_395);
		expect(differences(data.tractRows, back.tractRows)).toEqual([]);
	});

	it('its columns and places match the rows', () => {
		const s = back.tractSource!;
		const p = back.tractPlaces!;
		expect(s.n).toBe(85_395);
		let bad = 0;
		data.tractRows.forEach((r, i) => {
			if (s.countyFips[i] !== r.county_fips || s.stateFips[i] !== r.state_fips || p.stateFips[i] !== r.state_fips) bad++;
			if (p.lat[i] !== r.lat || p.lon[i] !== r.lon) bad++;
			if (!Object.is(s.column('acs_pop')[i], r.acs_pop ?? NaN) || !Object.is(s.column('metro')[i], r.metro == null ? NaN : Number(r.metro))) bad++;
		});
		expect(bad).toBe(0);
	});

	it('gives the counties’ places in the order of their rows', () => {
		const p = back.countyPlaces!;
		expect(p.lat).toHaveLength(data.countyRows.length);
		const bad = data.countyRows.filter((r, i) => p.lat[i] !== r.lat || p.lon[i] !== r.lon || p.stateFips[i] !== r.state_fips);
		expect(bad).toEqual([]);
	});

	it('writes a column it builds into the array it is given, and gives a column it keeps as it is', () => {
		const file = dashboardData.fromFile(bytes).tractSource!;
		const out = new Float64Array(file.n);
		const built = file.columnInto!('pov150_moe', out);
		expect(built).toBe(out);
		const kept = file.column('pov150_moe');
		expect(kept).not.toBe(out);
		expect(Buffer.from(out.buffer).equals(Buffer.from(kept.buffer))).toBe(true);
		// once kept, or kept from the start (coordinates, population, shares), it is not copied
		expect(file.columnInto!('pov150_moe', new Float64Array(file.n))).toBe(kept);
		expect(file.columnInto!('lat', new Float64Array(file.n))).toBe(file.column('lat'));
		expect(() => file.columnInto!('uninsured', new Float64Array(3))).toThrow(/3 places to write/);
		expect(() => file.columnInto!('no_such', out)).toThrow(/no tract column "no_such"/);
	});

	it('builds the same population from columns as from rows', () => {
		const fromRows = buildPopulation({ rows: data.tractRows });
		const fromColumns = buildPopulation({ source: back.tractSource! });
		const unequal = (a: ArrayLike<number> | null, b: ArrayLike<number> | null) => {
			if (!a || !b) return a === b ? 0 : 1;
			let n = a.length === b.length ? 0 : 1;
			for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
			return n;
		};
		expect(fromColumns.counties).toEqual(fromRows.counties);
		expect(unequal(fromColumns.county, fromRows.county)).toBe(0);
		expect(unequal(fromColumns.stateCode, fromRows.stateCode)).toBe(0);
		expect(unequal(fromColumns.weightRows, fromRows.weightRows)).toBe(0);
		expect(unequal(fromColumns.countyShare, fromRows.countyShare)).toBe(0);
		expect(unequal(fromColumns.hasCounts, fromRows.hasCounts)).toBe(0);
		expect(unequal(fromColumns.pop2020, fromRows.pop2020)).toBe(0);
		fromRows.moe.forEach((m, g) => expect(unequal(m, fromColumns.moe[g])).toBe(0));
		fromRows.countyMoe.forEach((m, g) => expect(unequal(m, fromColumns.countyMoe[g])).toBe(0));
	});

	it('hands the population over from the data worker intact (structured clone, arrays transferred, the page’s own tract codes)', () => {
		const built = buildPopulation({ source: dashboardData.fromFile(bytes).tractSource! });
		const page = back.tractSource!;
		const copy = buildPopulation({ source: page });
		const message = populationMessage(built);
		const transfer = transferables(message);
		// every typed array's buffer once: weights, MOEs, the row-major weights and the row attributes
		expect(transfer.length).toBe(new Set(transfer).size);
		expect(transfer.length).toBeGreaterThanOrEqual(2 * built.groups.length);
		// no strings per tract in the message: the page has them
		expect(JSON.stringify(Object.values(message).filter((v) => Array.isArray(v) && typeof v[0] === 'string')).length).toBeLessThan(100_000);
		const sent = structuredClone(message, { transfer });
		expect(built.weightRows.length).toBe(0); // handed over, not copied
		const received = populationFrom(sent, page);
		expect(Object.keys(received).sort()).toEqual(Object.keys(copy).sort());
		expect(received.n).toBe(copy.n);
		expect(received.countyFips).toBe(page.countyFips);
		expect(received.stateFips).toBe(page.stateFips);
		expect(received.groups).toBe(GROUPS);
		expect(received.counties).toEqual(copy.counties);
		expect(Buffer.from(received.weightRows.buffer).equals(Buffer.from(copy.weightRows.buffer))).toBe(true);
		copy.weight.forEach((w, g) => expect(Buffer.from(received.weight[g].buffer).equals(Buffer.from(w.buffer))).toBe(true));
		copy.moe.forEach((m, g) => expect(m ? Buffer.from(received.moe[g]!.buffer).equals(Buffer.from(m.buffer)) : received.moe[g] === null, built.groups[g].id).toBe(true));
		// a message of other groups, or of another number of places, is refused
		expect(() => populationFrom({ ...sent, groups: sent.groups.slice(1) }, page)).toThrow(/other population groups/);
		expect(() => populationFrom(sent, { stateFips: page.stateFips.slice(1), countyFips: page.countyFips })).toThrow(/places/);
	});

	it('stays compact: tracts factorised, coordinates as exact millionths', () => {
		// 85,395 tracts × 26 count columns as doubles alone would be 17.8 MB
		expect(bytes.length).toBeLessThan(4_000_000);
	});

	it('refuses a file that is not one, saying how to fix it', () => {
		expect(() => dashboardData.fromFile(new TextEncoder().encode('PAR1 not ours'))).toThrow(/npm run build/);
	});
});
