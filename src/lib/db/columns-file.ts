/**
 * A small columnar file for query results the page needs before DuckDB-WASM has started
 * (the dashboard's places, population counts and centre list): written at build time from
 * the same queries, read in the browser without any engine.
 *
 * Layout: `CTA-COLS1\n`, a 4-byte little-endian header length, the header (JSON), then one
 * section per typed column, each 8-byte aligned. Every column keeps its values exactly (a test
 * reads the file back and compares every value with the query's):
 * - `i32`: integers within ±2^31 (null = -2^31);
 * - `e6`: numbers with at most 6 decimals (coordinates), as integer millionths: n / 1e6 is the
 *   same double as the decimal (both are the correctly rounded value of the same rational), each
 *   stored as the difference from the previous value (neighbouring places are near each other);
 *   no nulls;
 * - `f64`: any other number (null = NaN; the data hold no NaN);
 * - `digits`: equal-length digit strings (FIPS codes) as numbers, each stored as the difference
 *   from the previous one (sorted codes compress well);
 * - `bool`: 0, 1, 2 = null;
 * - `json`: anything else (names, lists), in the header.
 */

export type ColumnType = 'i32' | 'e6' | 'f64' | 'digits' | 'bool' | 'json';

interface ColumnHeader {
	name: string;
	type: ColumnType;
	/** byte offset of the section after the header (typed columns) */
	offset?: number;
	/** digits: string length */
	width?: number;
	/** json: the values */
	values?: unknown[];
}

interface FileHeader {
	version: 1;
	tables: Record<string, { rows: number; columns: ColumnHeader[] }>;
}

export type Table = readonly Record<string, unknown>[];

/** A table read back: its columns, typed where the type allows. */
export interface ColumnTable {
	rows: number;
	/** column names in file order */
	names: string[];
	/** numbers (and booleans as 1 / 0) with null as NaN; absent for json columns */
	numeric(name: string): Float64Array | undefined;
	/** every value of a column as the query gave it (strings, numbers, booleans, null) */
	values(name: string): unknown[];
}

const MAGIC = 'CTA-COLS1\n';
const NULL_I32 = -2147483648;

function columnType(values: unknown[]): { type: ColumnType; width?: number } {
	const present = values.filter((v) => v != null);
	if (present.length === 0) return { type: 'json' };
	if (present.every((v) => typeof v === 'boolean')) return { type: 'bool' };
	if (present.every((v) => typeof v === 'number')) {
		const nums = present as number[];
		if (nums.every((v) => Number.isInteger(v) && v > NULL_I32 && v < 2 ** 31)) return { type: 'i32' };
		if (present.length === values.length && nums.every((v) => Number.isFinite(v) && Math.abs(v) < 1000 && Math.round(v * 1e6) / 1e6 === v))
			return { type: 'e6' };
		return { type: 'f64' };
	}
	if (present.length === values.length && present.every((v) => typeof v === 'string')) {
		const s = present as string[];
		const width = s[0].length;
		if (width > 0 && width <= 15 && s.every((v) => v.length === width && /^\d+$/.test(v))) return { type: 'digits', width };
	}
	return { type: 'json' };
}

/** Encode tables (arrays of row objects with the same keys) into one file. */
export function encodeTables(tables: Record<string, Table>): Uint8Array {
	const header: FileHeader = { version: 1, tables: {} };
	const sections: ArrayBufferView[] = [];
	let offset = 0;
	for (const [tableName, rows] of Object.entries(tables)) {
		const names = rows.length ? Object.keys(rows[0]) : [];
		const columns: ColumnHeader[] = [];
		for (const name of names) {
			const values = rows.map((r) => r[name]);
			const { type, width } = columnType(values);
			const col: ColumnHeader = { name, type };
			let data: ArrayBufferView | null = null;
			if (type === 'i32') data = Int32Array.from(values, (v) => (v == null ? NULL_I32 : (v as number)));
			else if (type === 'e6') {
				let prev = 0;
				data = Int32Array.from(values, (v) => {
					const x = Math.round((v as number) * 1e6);
					const d = x - prev;
					prev = x;
					return d;
				});
			}
			else if (type === 'f64') data = Float64Array.from(values, (v) => (v == null ? NaN : (v as number)));
			else if (type === 'bool') data = Uint8Array.from(values, (v) => (v == null ? 2 : v ? 1 : 0));
			else if (type === 'digits') {
				const d = new Float64Array(values.length);
				let prev = 0;
				values.forEach((v, i) => {
					const x = Number(v);
					d[i] = x - prev;
					prev = x;
				});
				data = d;
				col.width = width;
			} else col.values = values.map((v) => (v === undefined ? null : v));
			if (data) {
				col.offset = offset;
				sections.push(data);
				offset += Math.ceil(data.byteLength / 8) * 8;
			}
			columns.push(col);
		}
		header.tables[tableName] = { rows: rows.length, columns };
	}
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	const magic = new TextEncoder().encode(MAGIC);
	const start = Math.ceil((magic.length + 4 + headerBytes.length) / 8) * 8;
	const out = new Uint8Array(start + offset);
	out.set(magic, 0);
	new DataView(out.buffer).setUint32(magic.length, headerBytes.length, true);
	out.set(headerBytes, magic.length + 4);
	let at = start;
	for (const s of sections) {
		out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
		at += Math.ceil(s.byteLength / 8) * 8;
	}
	return out;
}

/** Read a file written by {@link encodeTables}; throws with the reason when it is not one. */
export function decodeTables(bytes: ArrayBuffer | Uint8Array): Record<string, ColumnTable> {
	const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	// typed views need an 8-byte aligned start
	const buf = u8.byteOffset % 8 === 0 ? u8 : u8.slice();
	const magic = new TextDecoder().decode(buf.subarray(0, MAGIC.length));
	if (magic !== MAGIC) throw new Error('Not a columns file of this app (wrong signature): rebuild with "npm run build".');
	const len = new DataView(buf.buffer, buf.byteOffset).getUint32(MAGIC.length, true);
	const header = JSON.parse(new TextDecoder().decode(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + len))) as FileHeader;
	if (header.version !== 1) throw new Error(`Columns file version ${header.version} is not supported by this build.`);
	const start = buf.byteOffset + Math.ceil((MAGIC.length + 4 + len) / 8) * 8;
	const out: Record<string, ColumnTable> = {};
	for (const [tableName, t] of Object.entries(header.tables)) {
		const n = t.rows;
		const numeric = new Map<string, Float64Array>();
		const values = new Map<string, unknown[]>();
		const byName = new Map(t.columns.map((c) => [c.name, c]));
		const section = <T>(c: ColumnHeader, Ctor: { new (b: ArrayBufferLike, o: number, l: number): T }) => {
			if (c.offset == null) throw new Error(`Columns file: column ${tableName}.${c.name} has no data section.`);
			return new Ctor(buf.buffer, start + c.offset, n);
		};
		const numericOf = (name: string): Float64Array | undefined => {
			const c = byName.get(name);
			if (!c || c.type === 'json' || c.type === 'digits') return undefined;
			let a = numeric.get(name);
			if (a) return a;
			a = new Float64Array(n);
			if (c.type === 'f64') a.set(section(c, Float64Array));
			else if (c.type === 'bool') {
				const s = section(c, Uint8Array);
				for (let i = 0; i < n; i++) a[i] = s[i] === 2 ? NaN : s[i];
			} else if (c.type === 'e6') {
				const s = section(c, Int32Array);
				let x = 0;
				for (let i = 0; i < n; i++) {
					x += s[i];
					a[i] = x / 1e6;
				}
			} else {
				const s = section(c, Int32Array);
				for (let i = 0; i < n; i++) a[i] = s[i] === NULL_I32 ? NaN : s[i];
			}
			numeric.set(name, a);
			return a;
		};
		const valuesOf = (name: string): unknown[] => {
			const c = byName.get(name);
			if (!c) throw new Error(`Columns file: table ${tableName} has no column ${name}.`);
			let v = values.get(name);
			if (v) return v;
			if (c.type === 'json') v = c.values ?? [];
			else if (c.type === 'digits') {
				const d = section(c, Float64Array);
				const w = c.width ?? 0;
				v = new Array(n);
				let x = 0;
				for (let i = 0; i < n; i++) {
					x += d[i];
					v[i] = String(x).padStart(w, '0');
				}
			} else if (c.type === 'bool') {
				const s = section(c, Uint8Array);
				v = Array.from(s, (b) => (b === 2 ? null : b === 1));
			} else {
				const a = numericOf(name)!;
				v = Array.from(a, (x) => (Number.isNaN(x) ? null : x));
			}
			values.set(name, v);
			return v;
		};
		out[tableName] = { rows: n, names: t.columns.map((c) => c.name), numeric: numericOf, values: valuesOf };
	}
	return out;
}

/** A table back as row objects (keys in file order). */
export function tableRows<Row>(t: ColumnTable): Row[] {
	const cols = t.names.map((name) => t.values(name));
	const rows: Row[] = new Array(t.rows);
	for (let i = 0; i < t.rows; i++) {
		const r: Record<string, unknown> = {};
		for (let c = 0; c < cols.length; c++) r[t.names[c]] = cols[c][i];
		rows[i] = r as Row;
	}
	return rows;
}
