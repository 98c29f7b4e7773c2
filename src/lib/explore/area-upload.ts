/**
 * "Bring your own area data": a CSV keyed by county or tract FIPS (e.g. patient counts) becomes
 * a weight per place, or a list of row-level messages saying what to fix. All or nothing, like
 * the centre upload: a file with any error is refused as a whole. Never throws.
 *
 * Columns (header names are case-insensitive; spaces, dashes and dots count as `_`):
 * - the key: `fips`, `geoid`, `county_fips`, `tract_fips`, `county`, `tract`, `fips_code`;
 * - the value: the column named by the caller, else one named `value`, `count`, `patients`,
 *   `cases`, `weight`, `n`, `population`, else the only other column. When several columns
 *   could be the value, the result names them so the user can pick one.
 *
 * Keys: 5 digits = county (2023 universe, Connecticut planning regions), 11 digits = 2020
 * tract. One geography per file. Keys that lost their leading zero in a spreadsheet (4 or 10
 * digits) are padded, with a warning. Every key must be a county or tract of the atlas
 * (`known`); Connecticut's old county codes (09001-09015) get a hint to use the planning regions.
 *
 * Values: finite numbers ≥ 0 (read like the centre upload's coordinates). Suppressed cells such as `<11`
 * or `*` are errors with a hint: the file must say what number to use.
 */
import { checkSize, decodeUtf8, normaliseHeader, parseCsv, parseNumber, type CsvProblem } from './csv';

export const MAX_AREA_ROWS = 100_000;
export const MAX_MESSAGES = 50;

export type AreaGrain = 'county' | 'tract';

export interface AreaData {
	grain: AreaGrain;
	/** the value column's header as written in the file */
	column: string;
	/** FIPS codes, in file order */
	fips: string[];
	values: number[];
}

export type AreaUpload =
	| { ok: true; data: AreaData; warnings: CsvProblem[] }
	| {
			ok: false;
			errors: CsvProblem[];
			more: number;
			/** when the value column is ambiguous: the columns to choose from */
			choices?: string[];
	  };

export interface KnownPlaces {
	counties: ReadonlySet<string>;
	tracts: ReadonlySet<string>;
}

const KEY_NAMES = ['fips', 'geoid', 'county_fips', 'tract_fips', 'county', 'tract', 'fips_code', 'countyfips', 'tractfips', 'geo_id'];
const VALUE_NAMES = ['value', 'count', 'patients', 'cases', 'weight', 'n', 'population'];
/** Connecticut's 8 old counties (replaced by 9 planning regions in the 2022+ county universe). */
const OLD_CT = /^090(0[13579]|1[135])$/;

function fail(errors: CsvProblem[], choices?: string[]): AreaUpload {
	return { ok: false, errors: errors.slice(0, MAX_MESSAGES), more: Math.max(0, errors.length - MAX_MESSAGES), ...(choices ? { choices } : {}) };
}

export function readAreaFile(bytes: Uint8Array, known: KnownPlaces, column?: string): AreaUpload {
	const size = checkSize(bytes.length);
	if (size) return fail([{ line: 0, message: size }]);
	const decoded = decodeUtf8(bytes);
	if (!decoded.ok) return fail([{ line: 0, message: decoded.message }]);
	return readAreaText(decoded.text, known, column);
}

export function readAreaText(text: string, known: KnownPlaces, column?: string): AreaUpload {
	try {
		return validate(text, known, column);
	} catch (e) {
		// defensive: a bug here must not lose the page; the fuzz test keeps this unreachable
		return fail([{ line: 0, message: `The file could not be read (${e instanceof Error ? e.message : String(e)}).` }]);
	}
}

function validate(text: string, known: KnownPlaces, column?: string): AreaUpload {
	if (text.trim() === '') return fail([{ line: 0, message: 'The file is empty.' }]);
	const { delimiter, records, problems } = parseCsv(text);
	const header = records[0];
	if (!header) return fail([{ line: 0, message: 'The file is empty.' }]);
	const keys = header.fields.map(normaliseHeader);
	const keyIndex = keys.findIndex((k) => KEY_NAMES.includes(k));
	if (keyIndex < 0) {
		const found = header.fields.filter(Boolean).map((h) => `"${h}"`).join(', ') || 'none';
		return fail([{ line: 1, message: `Missing the FIPS column: name it fips (or geoid, county_fips, tract_fips). Found: ${found}.` }]);
	}
	const others = header.fields.map((h, i) => ({ h, i })).filter(({ h, i }) => i !== keyIndex && h.trim() !== '');
	let valueIndex: number;
	if (column != null) {
		const c = others.find(({ h }) => h === column || normaliseHeader(h) === normaliseHeader(column));
		if (!c) return fail([{ line: 1, message: `The file has no column "${column}".` }], others.map((o) => o.h));
		valueIndex = c.i;
	} else {
		const named = others.find(({ h }) => VALUE_NAMES.includes(normaliseHeader(h)));
		if (named) valueIndex = named.i;
		else if (others.length === 1) valueIndex = others[0].i;
		else if (others.length === 0) return fail([{ line: 1, message: 'The file has a FIPS column but no column of values (e.g. patients).' }]);
		else
			return fail(
				[{ line: 1, message: `Several columns could hold the values (${others.map((o) => o.h).join(', ')}): choose one.` }],
				others.map((o) => o.h)
			);
	}
	const columnName = header.fields[valueIndex];
	const rows = records.slice(1);
	if (rows.length === 0) return fail([{ line: 1, message: 'The file has a header line but no rows.' }]);
	if (rows.length > MAX_AREA_ROWS)
		return fail([{ line: 0, message: `The file has ${rows.length.toLocaleString('en-US')} rows; the limit is ${MAX_AREA_ROWS.toLocaleString('en-US')}.` }]);

	const errors: CsvProblem[] = [...problems];
	const warnings: CsvProblem[] = [];
	const brokenLines = new Set(problems.map((p) => p.line));
	const fips: string[] = [];
	const values: number[] = [];
	const seen = new Map<string, number>();
	let grain: AreaGrain | null = null;
	let grainLine = 0;
	let padded = 0;
	for (const { line, fields } of rows) {
		if (brokenLines.has(line)) continue;
		if (fields.length !== header.fields.length) {
			errors.push({ line, message: `Has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${header.fields.length}.` });
			continue;
		}
		const rawKey = fields[keyIndex].trim();
		const cell = fields[valueIndex].trim();
		const rowErrors: string[] = [];
		let key = rawKey;
		if (/^\d{4}$|^\d{10}$/.test(key)) {
			key = '0' + key;
			padded++;
		}
		let g: AreaGrain | null = null;
		if (/^\d{5}$/.test(key)) g = 'county';
		else if (/^\d{11}$/.test(key)) g = 'tract';
		if (rawKey === '') rowErrors.push('the FIPS code is empty');
		else if (!g) rowErrors.push(`"${clip(rawKey)}" is not a FIPS code (5 digits for a county, 11 for a census tract)`);
		else if (grain && g !== grain) rowErrors.push(`is a ${g} code, but line ${grainLine} is a ${grain} code: use one geography per file`);
		else if (g === 'county' && !known.counties.has(key))
			rowErrors.push(
				OLD_CT.test(key)
					? `${key} is a Connecticut county code from before 2022; the atlas uses the 2022 planning regions (09110-09190)`
					: `${key} is not a county of the atlas (2023 county list, 50 states, DC and Puerto Rico)`
			);
		else if (g === 'tract' && !known.tracts.has(key)) rowErrors.push(`${key} is not a 2020 census tract of the atlas`);
		const v = cell === '' ? null : parseNumber(cell, delimiter);
		if (cell === '') rowErrors.push('the value is empty (write 0 for none)');
		else if (/^[<>≤]|^\*+$|^[Ss]uppressed$|^N\/?A$/i.test(cell)) rowErrors.push(`the value "${clip(cell)}" is suppressed or missing: write the number to use (e.g. 0, or the midpoint you choose)`);
		else if (v == null) rowErrors.push(`the value "${clip(cell)}" is not a number`);
		else if (v < 0) rowErrors.push(`the value ${v} is negative`);
		if (g && !grain && rowErrors.length === 0) {
			grain = g;
			grainLine = line;
		}
		if (rowErrors.length) {
			errors.push({ line, message: capitalise(rowErrors.join('; ')) + '.' });
			continue;
		}
		const first = seen.get(key);
		if (first != null) {
			errors.push({ line, message: `Repeats the FIPS code ${key} of line ${first}. Add them up into one row.` });
			continue;
		}
		seen.set(key, line);
		fips.push(key);
		values.push(v!);
	}
	if (errors.length) return fail(errors.sort((a, b) => a.line - b.line));
	if (padded) warnings.push({ line: 0, message: `${padded} FIPS code${padded === 1 ? '' : 's'} had lost a leading zero (as spreadsheets do) and were padded, e.g. 1001 → 01001.` });
	const ignored = others.filter((o) => o.i !== valueIndex).map((o) => o.h);
	if (ignored.length) warnings.push({ line: 1, message: `Used the column "${columnName}"; ignored ${ignored.join(', ')}.` });
	if (values.every((v) => v === 0)) return fail([{ line: 0, message: 'Every value is 0: there is nothing to weight by.' }]);
	return { ok: true, data: { grain: grain!, column: columnName, fips, values }, warnings };
}

const clip = (s: string) => (s.length > 30 ? s.slice(0, 29) + '…' : s);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
