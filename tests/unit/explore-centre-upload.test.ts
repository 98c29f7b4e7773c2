import { describe, expect, it } from 'vitest';
import { centresToCsv, readCentreFile, readCentreText, MAX_CENTRES, MAX_MESSAGES } from '../../src/lib/explore/centre-upload';
import { checkSize, decodeUtf8, detectDelimiter, parseCsv, MAX_UPLOAD_BYTES } from '../../src/lib/explore/csv';
import { deleteCentreSet, listCentreSets, loadCentreSet, saveCentreSet, STORE_KEY, type StorageLike } from '../../src/lib/explore/centre-store';
import { mulberry32 as rng } from './seeded';

const enc = (s: string) => new TextEncoder().encode(s);
const GOOD = 'name,latitude,longitude,products,notes\r\nMayo Clinic,44.0225,-92.4666,Kymriah;Yescarta,adult\r\n"Hospital, ""B""",40.7128,-74.006,,\r\n';

describe('parseCsv', () => {
	it.each([
		['a,b\n1,2', ',', [['a', 'b'], ['1', '2']]],
		['a;b\r\n1;2\r\n', ';', [['a', 'b'], ['1', '2']]],
		['a\tb\r1\t2', '\t', [['a', 'b'], ['1', '2']]],
		['"x,y",z\n"multi\nline",2', ',', [['x,y', 'z'], ['multi\nline', '2']]],
		['a,b\n\n\n1,2\n', ',', [['a', 'b'], ['1', '2']]],
		['"he said ""hi""",b', ',', [['he said "hi"', 'b']]]
	])('%j', (text, delimiter, rows) => {
		const p = parseCsv(text);
		expect(p.delimiter).toBe(delimiter);
		expect(p.records.map((r) => r.fields)).toEqual(rows);
		expect(p.problems).toEqual([]);
	});
	it('keeps line numbers across quoted line breaks', () => {
		expect(parseCsv('h\n"a\nb"\nc').records.map((r) => r.line)).toEqual([1, 2, 4]);
	});
	it('reports an unclosed quote', () => {
		expect(parseCsv('a,b\n"x,1').problems).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }]);
	});
	it('detects the delimiter from the header only, ignoring quoted ones', () => {
		expect(detectDelimiter('"a,b";c;d\n1,2,3,4')).toBe(';');
	});
});

describe('decoding and size', () => {
	it('drops a UTF-8 BOM', () => {
		expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
	});
	it.each([
		[new Uint8Array([]), /empty/],
		[new Uint8Array([0x61, 0xe9, 0x62]), /not valid UTF-8.*CSV UTF-8/],
		[new Uint8Array([0xff, 0xfe, 0x61, 0x00]), /UTF-16/],
		[new Uint8Array([0x61, 0x00, 0x62]), /binary/]
	])('refuses %j', (bytes, message) => {
		const d = decodeUtf8(bytes);
		expect(d.ok).toBe(false);
		if (!d.ok) expect(d.message).toMatch(message);
	});
	it('refuses huge and empty files before reading them', () => {
		expect(checkSize(300e6)).toMatch(/300\.0 MB; the limit is 5 MB/);
		expect(checkSize(0)).toMatch(/empty/);
		expect(checkSize(MAX_UPLOAD_BYTES)).toBeNull();
	});
});

describe('readCentreText: good files', () => {
	it('reads names, coordinates, products and notes', () => {
		const r = readCentreText(GOOD);
		expect(r).toEqual({
			ok: true,
			warnings: [],
			centres: [
				{ name: 'Mayo Clinic', lat: 44.0225, lon: -92.4666, products: ['Kymriah', 'Yescarta'], notes: 'adult' },
				{ name: 'Hospital, "B"', lat: 40.7128, lon: -74.006, products: [], notes: null }
			]
		});
	});
	it('accepts header aliases, a BOM, semicolons with decimal commas, and warns about extra columns', () => {
		const r = readCentreFile(enc('\ufeffCentre Name;LAT;Lng;Beds\nA;44,0225;-92,4666;100\n'));
		expect(r).toMatchObject({ ok: true, centres: [{ name: 'A', lat: 44.0225, lon: -92.4666 }], warnings: [{ line: 1, message: 'Ignored column: Beds.' }] });
	});
	it('accepts Alaska, Hawaii and Puerto Rico', () => {
		const r = readCentreText('name,lat,lon\nAnchorage,61.2,-149.9\nHonolulu,21.3,-157.85\nSan Juan,18.4,-66.06');
		expect(r.ok && r.centres.length).toBe(3);
	});
	it('round-trips through export', () => {
		const r = readCentreText(GOOD);
		if (!r.ok) throw new Error('expected ok');
		expect(readCentreText(centresToCsv(r.centres))).toEqual(r);
	});
});

describe('readCentreText: bad files, row-level messages', () => {
	it.each([
		['empty', '', [[0, /empty/]]],
		['blank lines only', '\n\n  \n', [[0, /empty/]]],
		['header only', 'name,latitude,longitude\n', [[1, /header line but no centres/]]],
		['missing columns', 'name,x,y\nA,1,2', [[1, /Missing columns: latitude, longitude.*Found: "name", "x", "y"/]]],
		['no header (data first)', 'Mayo,44.0,-92.4\n', [[1, /Missing columns: name, latitude, longitude/]]],
		['non-numeric latitude', 'name,lat,lon\nA,forty,-92', [[2, /latitude "forty" is not a number/]]],
		['empty longitude', 'name,lat,lon\nA,44,', [[2, /longitude is empty/]]],
		['out of range', 'name,lat,lon\nA,95,-92\nB,44,-200', [[2, /latitude 95 is out of range/], [3, /longitude -200 is out of range/]]],
		['outside the US', 'name,lat,lon\nLondon,51.5,-0.12', [[2, /outside the 50 states, DC and Puerto Rico/]]],
		['swapped', 'name,lat,lon\nA,-92.4666,44.0225', [[2, /swapped/]]],
		['positive longitude', 'name,lat,lon\nA,44.02,92.46', [[2, /longitudes are negative/]]],
		['empty name', 'name,lat,lon\n,44,-92', [[2, /name is empty/]]],
		['duplicate', 'name,lat,lon\nA,44,-92\nB,40,-74\na,44.0,-92.0', [[4, /Repeats line 2/]]],
		['field count', 'name,lat,lon\nSt. Mary, Rochester,44,-92', [[2, /4 fields; the header has 3/]]],
		['unclosed quote', 'name,lat,lon\n"A,44,-92\nB,40,-74', [[2, /never closed/]]],
		['several problems in one row', 'name,lat,lon\n,x,y', [[2, /name is empty; the latitude "x" is not a number.*longitude "y"/]]]
	])('%s', (_label, text, expected) => {
		const r = readCentreText(text as string);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.line)).toEqual((expected as [number, RegExp][]).map((e) => e[0]));
		(expected as [number, RegExp][]).forEach(([, m], i) => expect(r.errors[i].message).toMatch(m));
	});
	it('wrong encoding and oversize come through readCentreFile', () => {
		expect(readCentreFile(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0xe9]))).toMatchObject({ ok: false, errors: [{ line: 0, message: expect.stringMatching(/UTF-8/) }] });
		expect(readCentreFile(new Uint8Array(MAX_UPLOAD_BYTES + 1))).toMatchObject({ ok: false, errors: [{ line: 0, message: expect.stringMatching(/limit is 5 MB/) }] });
	});
	it('lists at most MAX_MESSAGES messages and counts the rest; refuses too many rows', () => {
		const bad = 'name,lat,lon\n' + Array.from({ length: 80 }, (_, i) => `c${i},x,-92`).join('\n');
		const r = readCentreText(bad);
		expect(r).toMatchObject({ ok: false, more: 80 - MAX_MESSAGES });
		if (!r.ok) expect(r.errors).toHaveLength(MAX_MESSAGES);
		const many = 'name,lat,lon\n' + Array.from({ length: MAX_CENTRES + 1 }, (_, i) => `c${i},44,-92`).join('\n');
		expect(readCentreText(many)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/limit is 10,000/) }] });
	});
});


describe('fuzz: random malformed CSVs never throw', () => {
	const PIECES = ['name', 'latitude', 'longitude', 'lat', 'lon', 'products', 'notes', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', '44.02', '-92.46', '1e999', 'NaN', '-0', '.5', '1,5', 'é', '😀', '\u0000', '\ufeff', 'x'.repeat(200), '=cmd()', '-', '+', '99', '-181', 'toString', '__proto__', 'constructor'];
	it('5,000 seeded cases (text and bytes)', () => {
		const seed = 20250611;
		const r = rng(seed);
		for (let k = 0; k < 5000; k++) {
			const n = Math.floor(r() * 40);
			let s = '';
			for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
			if (r() < 0.5) s = 'name,latitude,longitude\n' + s;
			let result;
			try {
				result = k % 3 === 0 ? readCentreFile(Uint8Array.from(Array.from({ length: n * 2 }, () => Math.floor(r() * 256)))) : readCentreText(s);
			} catch (e) {
				throw new Error(`case ${k} (seed ${seed}) threw: ${(e as Error).message}\n${JSON.stringify(s)}`);
			}
			expect(typeof result.ok).toBe('boolean');
			if (result.ok) for (const c of result.centres) expect(Number.isFinite(c.lat) && Number.isFinite(c.lon)).toBe(true);
			else expect(result.errors.length).toBeGreaterThan(0);
		}
	});
});

/** In-memory Storage with optional quota and failure modes. */
function memoryStorage({ quota = Infinity, broken = false } = {}): StorageLike & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => {
			if (broken) throw new DOMException('denied', 'SecurityError');
			return data.get(k) ?? null;
		},
		setItem: (k, v) => {
			if (broken) throw new DOMException('denied', 'SecurityError');
			if (v.length > quota) throw new DOMException('full', 'QuotaExceededError');
			data.set(k, v);
		}
	};
}

describe('centre-store', () => {
	const centres = [{ name: 'A', lat: 44, lon: -92, products: [], notes: null }];
	const now = new Date(Date.UTC(2025, 5, 1));
	it('saves, lists, loads and deletes named sets', () => {
		const s = memoryStorage();
		expect(saveCentreSet({ name: ' Mine ', centres, source: 'upload', now }, s)).toEqual({ ok: true });
		expect(listCentreSets(s)).toEqual({ sets: [{ name: 'Mine', source: 'upload', savedAt: '2025-06-01T00:00:00.000Z', count: 1 }] });
		expect(loadCentreSet('Mine', s)?.centres).toEqual(centres);
		expect(loadCentreSet('toString', s)).toBeNull();
		expect(saveCentreSet({ name: 'Mine', centres, source: 'paste', now }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/already exists/) });
		expect(saveCentreSet({ name: 'Mine', centres, source: 'paste', now, replace: true }, s)).toEqual({ ok: true });
		expect(deleteCentreSet('Mine', s)).toEqual({ ok: true });
		expect(listCentreSets(s).sets).toEqual([]);
	});
	it('refuses bad names and empty sets', () => {
		const s = memoryStorage();
		expect(saveCentreSet({ name: '  ', centres, source: 'upload' }, s)).toMatchObject({ ok: false });
		expect(saveCentreSet({ name: 'x'.repeat(61), centres, source: 'upload' }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
		expect(saveCentreSet({ name: 'x', centres: [], source: 'upload' }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
	});
	it('storage full: says so, and keeps the sets saved before', () => {
		const s = memoryStorage({ quota: 400 });
		expect(saveCentreSet({ name: 'small', centres, source: 'upload', now }, s)).toEqual({ ok: true });
		const before = s.data.get(STORE_KEY);
		const big = Array.from({ length: 50 }, (_, i) => ({ ...centres[0], name: `c${i}` }));
		expect(saveCentreSet({ name: 'big', centres: big, source: 'upload', now }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/storage is full.*unchanged/) });
		expect(s.data.get(STORE_KEY)).toBe(before);
	});
	it('storage unavailable: a clear message, nothing thrown', () => {
		const s = memoryStorage({ broken: true });
		expect(listCentreSets(s).message).toMatch(/not available/);
		expect(saveCentreSet({ name: 'x', centres, source: 'upload' }, s)).toMatchObject({ ok: false, message: expect.stringMatching(/not available.*Export/) });
		expect(listCentreSets(null).message).toMatch(/not available/);
	});
	it('damaged or newer data is never overwritten', () => {
		for (const raw of ['{oops', JSON.stringify({ version: 2, sets: {} })]) {
			const s = memoryStorage();
			s.data.set(STORE_KEY, raw);
			expect(listCentreSets(s).message).toMatch(/kept as they are/);
			expect(saveCentreSet({ name: 'x', centres, source: 'upload' }, s)).toMatchObject({ ok: false });
			expect(s.data.get(STORE_KEY)).toBe(raw);
		}
	});
});
