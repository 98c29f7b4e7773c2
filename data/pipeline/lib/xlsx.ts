/**
 * Minimal reader for one worksheet of an .xlsx file: unzip with fflate and parse
 * the sheet XML and shared strings. Enough for the CDC WONDER export (plain cells:
 * numbers, shared strings, inline strings). No formulas, no dates.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';

function decodeXml(s: string): string {
	return s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&amp;/g, '&');
}

function colIndex(ref: string): number {
	const letters = /^[A-Z]+/.exec(ref)?.[0];
	if (!letters) throw new Error(`Bad cell reference ${ref}`);
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

/** Rows of the first (or named) worksheet as arrays of cell text ('' for empty cells). */
export function readXlsxSheet(path: string, sheet = 'xl/worksheets/sheet1.xml'): string[][] {
	const zip = unzipSync(readFileSync(path));
	const sheetXml = zip[sheet];
	if (!sheetXml) throw new Error(`${path}: no ${sheet} in the workbook`);
	const shared: string[] = [];
	const sst = zip['xl/sharedStrings.xml'];
	if (sst) {
		for (const m of strFromU8(sst).matchAll(/<si>([\s\S]*?)<\/si>/g)) {
			const texts = [...m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]));
			shared.push(texts.join(''));
		}
	}
	const rows: string[][] = [];
	for (const rm of strFromU8(sheetXml).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
		const row: string[] = [];
		for (const cm of rm[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = cm[1];
			const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
			if (!ref) throw new Error(`${path}: cell without reference`);
			const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
			const inner = cm[2] ?? '';
			let value = '';
			if (type === 's') value = shared[Number(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1])] ?? '';
			else if (type === 'inlineStr') value = decodeXml([...inner.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
			else value = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
			const i = colIndex(ref);
			while (row.length < i) row.push('');
			row[i] = value;
		}
		rows.push(row);
	}
	return rows;
}
