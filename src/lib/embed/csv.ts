/**
 * CSV with a commented header: `# ` lines say what the numbers are (units, method, threshold,
 * centre set, vintages), then one header row of column keys, then the rows. Numbers are
 * written with `String(n)` (shortest round-trip form), so parsing the file gives back exactly
 * the numbers the chart drew. RFC 4180 quoting; CRLF line ends; no BOM.
 */
export type Cell = string | number | null;

export interface Column {
	key: string;
	label: string;
	/** e.g. "fraction 0-1", "minutes", "people" */
	unit?: string;
}

/** The numbers behind a chart: what the CSV and the data-table alternative both show. */
export interface ChartTable {
	title: string;
	columns: Column[];
	rows: Cell[][];
	/** comment lines: method, threshold, centre set, vintages, notes */
	notes: string[];
}

export function csvCell(v: Cell): string {
	if (v == null) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	return /[",\r\n#]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function toCsv(t: ChartTable): string {
	const comment = (s: string) => `# ${s.replace(/\s*[\r\n]+\s*/g, ' ')}`;
	const lines = [
		comment(t.title),
		...t.notes.map(comment),
		comment('Columns:'),
		...t.columns.map((c) => comment(`  ${c.key}: ${c.label}${c.unit ? ` (${c.unit})` : ''}`)),
		t.columns.map((c) => csvCell(c.key)).join(','),
		...t.rows.map((r) => r.map(csvCell).join(','))
	];
	return `${lines.join('\r\n')}\r\n`;
}

/** Parse what `toCsv` writes (and ordinary RFC 4180 CSV): comment lines, header, rows of strings. */
export function parseCsv(text: string): { comments: string[]; header: string[]; rows: string[][] } {
	const records: string[][] = [];
	const comments: string[] = [];
	let i = 0;
	const n = text.length;
	while (i < n) {
		if (text[i] === '#' ) {
			const end = text.indexOf('\n', i);
			comments.push(text.slice(i + 1, end < 0 ? n : end).replace(/\r$/, '').replace(/^ /, ''));
			i = end < 0 ? n : end + 1;
			continue;
		}
		const rec: string[] = [];
		let field = '';
		for (;;) {
			if (text[i] === '"') {
				i++;
				for (;;) {
					if (i >= n) throw new Error('Unterminated quoted field in the CSV.');
					if (text[i] === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
						} else {
							i++;
							break;
						}
					} else field += text[i++];
				}
			}
			while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
			rec.push(field);
			field = '';
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === '\r') i++;
			if (text[i] === '\n') i++;
			break;
		}
		records.push(rec);
	}
	const [header = [], ...rows] = records;
	return { comments, header, rows };
}

/** A parsed cell back as a Cell: '' → null, numeric text → number. */
export function cellValue(s: string): Cell {
	if (s === '') return null;
	const x = Number(s);
	return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) && Number.isFinite(x) ? x : s;
}

/** Text for the data-table alternative: numbers formatted by unit. */
export function displayCell(v: Cell, unit?: string): string {
	if (v == null) return '–';
	if (typeof v === 'string') return v;
	if (unit?.startsWith('fraction')) return `${(v * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
	if (unit === 'ratio') return `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`;
	if (unit === 'minutes' || unit === 'miles') return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
	if (unit === 'rank') return String(v);
	return Math.round(v).toLocaleString('en-US');
}

/** Parsed rows typed by the table's columns: columns with a unit are numbers, the rest text ('' → null). */
export function typedRows(rows: string[][], columns: readonly Column[]): Cell[][] {
	return rows.map((r) => r.map((s, j) => (s === '' ? null : columns[j]?.unit ? cellValue(s) : s)));
}
