/**
 * Console results and shipped tables as CSV (RFC 4180) or JSON text, for downloads.
 *
 * CSV: header row of column names; fields with a comma, quote, CR or LF (or leading/trailing
 * spaces) are quoted and quotes doubled; NULL is an empty field; lists are written as
 * DuckDB writes them (`[a, b]`); booleans `true`/`false`; numbers in JS's shortest round-trip
 * form (no thousands separators, `NaN`/`Infinity` as text); dates as ISO 8601. Lines end
 * with CRLF, as RFC 4180 says. JSON: an array of row objects, NULL as null, non-finite
 * numbers as null (JSON has no NaN), bigint as number.
 */

export function csvField(v: unknown): string {
	if (v == null) return '';
	let s: string;
	if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : String(v);
	else if (typeof v === 'bigint') s = v.toString();
	else if (typeof v === 'boolean') s = v ? 'true' : 'false';
	else if (v instanceof Date) s = v.toISOString();
	else if (Array.isArray(v)) s = `[${v.map((x) => (x == null ? 'NULL' : typeof x === 'object' ? JSON.stringify(x, bigintSafe) : String(x))).join(', ')}]`;
	else if (typeof v === 'object') s = JSON.stringify(v, bigintSafe);
	else s = String(v);
	return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv({ columns, rows }: { columns: string[]; rows: Record<string, unknown>[] }): string {
	const out: string[] = [columns.map(csvField).join(',')];
	for (const r of rows) out.push(columns.map((c) => csvField(r[c])).join(','));
	return out.join('\r\n') + '\r\n';
}

function bigintSafe(_k: string, v: unknown) {
	if (typeof v === 'bigint') return Number(v);
	if (typeof v === 'number' && !Number.isFinite(v)) return null;
	return v;
}

export function toJson({ columns, rows }: { columns: string[]; rows: Record<string, unknown>[] }): string {
	const ordered = rows.map((r) => {
		const o: Record<string, unknown> = {};
		for (const c of columns) o[c] = r[c] === undefined ? null : r[c];
		return o;
	});
	return JSON.stringify(ordered, bigintSafe);
}

/** A file name from free text: lower-case letters, digits and dashes. */
export function fileStem(text: string, fallback = 'result'): string {
	const s = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return s || fallback;
}
