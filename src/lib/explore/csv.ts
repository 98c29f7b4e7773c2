/**
 * Small CSV reader for user uploads (centre lists, area data). No dependency.
 *
 * - Bytes must be UTF-8 (a UTF-8 byte-order mark is dropped). Invalid UTF-8 and UTF-16
 *   files are refused with a message that says how to re-save the file.
 * - RFC 4180 quoting: fields in double quotes may hold the delimiter, quotes (doubled) and
 *   line breaks. Line ends may be CRLF, LF or CR.
 * - Delimiter: comma, semicolon (spreadsheets in locales with a decimal comma) or tab,
 *   detected from the header line: the one of the three that occurs most outside quotes,
 *   comma on a tie.
 * - Blank lines are skipped. Never throws: problems come back as row-level messages.
 */

export const MAX_UPLOAD_BYTES = 5_000_000;

export interface CsvProblem {
	/** 1-based line of the file (the header is line 1); 0 for the whole file */
	line: number;
	message: string;
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Say no before reading a file that is too large (the size comes from `File.size`). */
export function checkSize(bytes: number, max = MAX_UPLOAD_BYTES): string | null {
	if (bytes === 0) return 'The file is empty.';
	if (bytes > max)
		return `The file is ${(bytes / 1e6).toFixed(1)} MB; the limit is ${(max / 1e6).toFixed(0)} MB. A centre list or area table is far smaller: check that this is the right file, or keep only the needed columns.`;
	return null;
}

export function decodeUtf8(bytes: Uint8Array): Decoded {
	if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
		return { ok: false, message: 'The file is saved as UTF-16. Save it as "CSV UTF-8" and upload it again.' };
	try {
		let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (text.includes('\u0000')) return { ok: false, message: 'The file holds binary data (NUL bytes): is it really a CSV file?' };
		return { ok: true, text };
	} catch {
		return {
			ok: false,
			message: 'The file is not valid UTF-8 (perhaps Windows-1252 or Latin-1). In your spreadsheet, save it as "CSV UTF-8" and upload it again.'
		};
	}
}

export function detectDelimiter(text: string): ',' | ';' | '\t' {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) break;
		else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
	return ',';
}

export interface ParsedCsv {
	delimiter: string;
	/** each record with the file line it starts on */
	records: { line: number; fields: string[] }[];
	problems: CsvProblem[];
}

export function parseCsv(text: string, delimiter = detectDelimiter(text)): ParsedCsv {
	const records: { line: number; fields: string[] }[] = [];
	const problems: CsvProblem[] = [];
	let line = 1;
	let i = 0;
	const n = text.length;
	while (i < n) {
		const startLine = line;
		const fields: string[] = [];
		let field = '';
		let endOfRecord = false;
		let quotedStartLine = 0;
		while (i < n && !endOfRecord) {
			const c = text[i];
			if (c === '"' && field.trim() === '') {
				// quoted field
				field = '';
				quotedStartLine = line;
				i++;
				let closed = false;
				while (i < n) {
					const d = text[i];
					if (d === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
						} else {
							i++;
							closed = true;
							break;
						}
					} else {
						if (d === '\n' || (d === '\r' && text[i + 1] !== '\n')) line++;
						field += d;
						i++;
					}
				}
				if (!closed) {
					problems.push({ line: quotedStartLine, message: 'A quoted field is never closed (a " is missing).' });
					endOfRecord = true;
					break;
				}
				// text after the closing quote up to the delimiter is kept, as spreadsheets do
				while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
			} else if (c === delimiter) {
				fields.push(field);
				field = '';
				i++;
			} else if (c === '\n' || c === '\r') {
				i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
				line++;
				endOfRecord = true;
			} else {
				field += c;
				i++;
			}
		}
		fields.push(field);
		const blank = fields.length === 1 && fields[0].trim() === '';
		if (!blank) records.push({ line: startLine, fields: fields.map((f) => f.trim()) });
		if (!endOfRecord) break;
	}
	return { delimiter, records, problems };
}

/** Column name as a key: lower case, no spaces, dashes or dots. */
export function normaliseHeader(h: string): string {
	return h
		.toLowerCase()
		.replace(/[\s\-.]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/** A number from a cell: plain decimal, or with a decimal comma when the delimiter is not a comma. */
export function parseNumber(cell: string, delimiter: string): number | null {
	let s = cell.trim();
	if (delimiter !== ',' && /^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
	const v = Number(s);
	return Number.isFinite(v) ? v : null;
}
