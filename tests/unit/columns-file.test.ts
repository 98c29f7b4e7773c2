import { describe, expect, it } from 'vitest';
import { decodeTables, encodeTables, tableRows } from '../../src/lib/db/columns-file';

const roundTrip = (rows: Record<string, unknown>[]) => tableRows<Record<string, unknown>>(decodeTables(encodeTables({ t: rows })).t);

describe('columns file', () => {
	it.each([
		['integers with nulls', [{ v: 1 }, { v: null }, { v: -2147483647 }, { v: 2147483647 }]],
		['integers beyond 32 bits', [{ v: 2 ** 40 }, { v: -(2 ** 40) }]],
		['coordinates (6 decimals)', [{ v: 39.739236 }, { v: -104.99025 }, { v: -0.000001 }]],
		['coordinates with a null', [{ v: 39.739236 }, { v: null }]],
		['other doubles', [{ v: 0.1 + 0.2 }, { v: 1 / 3 }, { v: null }, { v: 1e300 }]],
		['booleans', [{ v: true }, { v: false }, { v: null }]],
		['FIPS codes (leading zeros, unsorted)', [{ v: '08031' }, { v: '01001' }, { v: '72153' }]],
		['long FIPS codes', [{ v: '08031000102' }, { v: '56045951300' }]],
		['text and lists', [{ v: 'Denver, "CO"' }, { v: null }, { v: ['Yescarta', 'Kymriah'] }]],
		['codes of mixed length stay text', [{ v: '1' }, { v: '001' }]],
		['all null', [{ v: null }, { v: null }]]
	])('gives back %s exactly', (_, rows) => {
		const back = roundTrip(rows);
		expect(back).toHaveLength(rows.length);
		rows.forEach((r, i) => expect(Object.is(back[i].v, r.v) || JSON.stringify(back[i].v) === JSON.stringify(r.v)).toBe(true));
	});

	it('keeps several tables, column order and empty tables', () => {
		const t = decodeTables(encodeTables({ a: [{ x: 1, y: 'a' }], b: [] }));
		expect(t.a.names).toEqual(['x', 'y']);
		expect(t.b.rows).toBe(0);
	});

	it('gives numeric columns as doubles, with null as NaN and booleans as 1 / 0', () => {
		const t = decodeTables(encodeTables({ t: [{ n: 3, b: true }, { n: null, b: false }] })).t;
		expect(Array.from(t.numeric('n')!)).toEqual([3, NaN]);
		expect(Array.from(t.numeric('b')!)).toEqual([1, 0]);
	});

	it('reads a file that starts at an odd byte offset', () => {
		const bytes = encodeTables({ t: [{ x: 1.5 }, { x: 2.25 }] });
		const shifted = new Uint8Array(bytes.length + 3);
		shifted.set(bytes, 3);
		expect(tableRows(decodeTables(shifted.subarray(3)).t)).toEqual([{ x: 1.5 }, { x: 2.25 }]);
	});

	it('refuses other files with a message that says what to do', () => {
		expect(() => decodeTables(new Uint8Array(16))).toThrow(/npm run build/);
	});
});
