import { describe, expect, it } from 'vitest';
import { csvField, fileStem, toCsv, toJson } from '../../src/lib/explore/serialise';
import { chooseChart, chartNote, quickChartOptions, MAX_BARS } from '../../src/lib/explore/quick-chart';
import { MAX_URL_QUERY, readQuery, writeQuery } from '../../src/lib/explore/url-query';

describe('csvField', () => {
	it.each([
		[null, ''],
		[undefined, ''],
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['cr\r', '"cr\r"'],
		[' lead', '" lead"'],
		[0, '0'],
		[-1.5, '-1.5'],
		[1e21, '1e+21'],
		[0.1 + 0.2, '0.30000000000000004'],
		[NaN, 'NaN'],
		[10n, '10'],
		[true, 'true'],
		[['Kymriah', 'Yescarta'], '"[Kymriah, Yescarta]"'],
		[[], '[]'],
		[['a', null], '"[a, NULL]"'],
		[new Date(Date.UTC(2025, 0, 2)), '2025-01-02T00:00:00.000Z']
	])('%s → %s', (v, out) => {
		expect(csvField(v)).toBe(out);
	});
});

describe('toCsv / toJson', () => {
	const columns = ['id', 'name', 'n'];
	const rows = [
		{ id: 'AL-01', name: 'A, "B"', n: 3 },
		{ id: 'AK-01', name: null, n: null }
	];
	it('writes a header, quotes, empty NULLs and CRLF', () => {
		expect(toCsv({ columns, rows })).toBe('id,name,n\r\nAL-01,"A, ""B""",3\r\nAK-01,,\r\n');
	});
	it('writes a header only for no rows', () => {
		expect(toCsv({ columns, rows: [] })).toBe('id,name,n\r\n');
	});
	it('JSON keeps column order, null for NULL/missing/non-finite, bigint as number', () => {
		expect(toJson({ columns, rows: [{ n: NaN, id: 1n, extra: 1 }] })).toBe('[{"id":1,"name":null,"n":null}]');
		expect(JSON.parse(toJson({ columns, rows }))).toEqual(rows);
	});
	it('file stems', () => {
		expect(fileStem('Black residents > 100 mi!')).toBe('black-residents-100-mi');
		expect(fileStem('***')).toBe('result');
	});
});

describe('chooseChart', () => {
	const c = (...types: string[]) => types.map((t, i) => ({ name: `c${i}`, type: t }));
	it.each([
		[c('VARCHAR', 'DOUBLE'), 10, { kind: 'bar', x: 'c1', y: 'c0', shown: 10 }],
		[c('VARCHAR', 'VARCHAR', 'DOUBLE'), 8, { kind: 'bar', x: 'c2', y: 'c0', label: 'c1' }],
		[c('VARCHAR', 'INTEGER'), MAX_BARS, { kind: 'bar', shown: MAX_BARS, total: MAX_BARS }],
		[c('VARCHAR', 'INTEGER'), MAX_BARS + 1, { kind: 'histogram', x: 'c1', shown: MAX_BARS + 1 }],
		[c('DOUBLE', 'DOUBLE', 'VARCHAR'), 3000, { kind: 'dot', x: 'c0', y: 'c1', label: 'c2' }],
		[c('VARCHAR', 'INTEGER', 'DOUBLE'), 5, { kind: 'dot', x: 'c1', y: 'c2', label: 'c0' }],
		[c('DECIMAL(4,1)'), 50, { kind: 'histogram', x: 'c0' }],
		[c('BIGINT'), 1, { kind: 'histogram' }],
		[c('VARCHAR', 'VARCHAR'), 5, { kind: null }],
		[c('VARCHAR[]', 'VARCHAR'), 5, { kind: null }],
		[c('DOUBLE'), 0, { kind: null }]
	])('%j with %i rows', (columns, rowCount, expected) => {
		expect(chooseChart({ columns, rowCount })).toMatchObject(expected);
	});
	it('says when rows were left out', () => {
		const spec = chooseChart({ columns: c('DOUBLE', 'DOUBLE'), rowCount: 85_395 });
		if (!spec.kind) throw new Error('expected a chart');
		expect(chartNote(spec)).toBe('Chart shows the first 20,000 of 85,395 rows, in result order.');
	});
	it('builds Plot options with one mark per kind', () => {
		const rows = [{ c0: 'a', c1: 1 }, { c0: 'b', c1: 2 }];
		for (const columns of [c('VARCHAR', 'DOUBLE'), c('DOUBLE', 'DOUBLE'), c('DOUBLE')]) {
			const spec = chooseChart({ columns, rowCount: 2 });
			if (!spec.kind) throw new Error('expected a chart');
			const o = quickChartOptions({ spec, rows, width: 375 });
			expect(o.width).toBe(375);
			expect(o.marks!.length).toBeGreaterThan(0);
		}
	});
});

describe('query in the URL', () => {
	it('reads q and ignores blanks', () => {
		expect(readQuery(new URLSearchParams('q=select%201'))).toBe('select 1');
		expect(readQuery(new URLSearchParams('q=%20'))).toBeNull();
		expect(readQuery(new URLSearchParams(''))).toBeNull();
	});
	it('writes q, keeps other params, drops it past the cap', () => {
		expect(writeQuery(new URLSearchParams('x=1'), 'select 1')).toEqual({ search: '?x=1&q=select+1', tooLong: false });
		expect(writeQuery(new URLSearchParams('q=old'), 'x'.repeat(MAX_URL_QUERY + 1))).toEqual({ search: '', tooLong: true });
		expect(writeQuery(new URLSearchParams('q=old'), '')).toEqual({ search: '', tooLong: false });
	});
	it('round-trips special characters', () => {
		const q = "select 'a&b=c' -- #%\n";
		const { search } = writeQuery(new URLSearchParams(), q);
		expect(readQuery(new URLSearchParams(search))).toBe(q);
	});
});

import { columnOptions } from '../../src/lib/explore/completion';
describe('columnOptions', () => {
	const schema = { counties: ['county_fips', 'lat'], centres: ['centre_id', 'lat'], tracts: ['tract_fips'] };
	it('offers the columns of the tables the script mentions, labelled with their tables', () => {
		expect(columnOptions({ script: 'SELECT * FROM Counties c JOIN centres x ON', schema })).toEqual([
			{ label: 'county_fips', type: 'property', detail: 'counties' },
			{ label: 'lat', type: 'property', detail: 'counties, centres' },
			{ label: 'centre_id', type: 'property', detail: 'centres' }
		]);
	});
	it('does not match a table name inside another word', () => {
		expect(columnOptions({ script: 'select tracts_x from my_tracts', schema })).toEqual([]);
	});
});
