/**
 * "Bring your own centre list": a CSV (uploaded or pasted) becomes a list of centres, or a
 * list of row-level messages saying what to fix. All or nothing: a file with any error is
 * refused as a whole, so a half-read list never replaces what the user had.
 *
 * Columns (header names are case-insensitive; spaces, dashes and dots count as `_`):
 * - `name` (required; also `centre`, `centre_name`, `center`, `center_name`, `hospital`)
 * - `latitude` (required; also `lat`)
 * - `longitude` (required; also `lon`, `lng`, `long`)
 * - `products` (optional; several separated by `;` or `|`)
 * - `notes` (optional; also `note`)
 * Other columns are ignored (and listed in a warning).
 *
 * Checks: empty file, size (before reading), UTF-8, missing columns, field count per row,
 * empty name, non-numeric or out-of-range coordinates, points outside the 50 states + DC +
 * Puerto Rico (with a hint when latitude and longitude look swapped), duplicate rows (same
 * name and place), and at most `MAX_CENTRES` rows. Never throws.
 */
import { isInUsBounds } from '$lib/geo/us-bounds';
import { checkSize, decodeUtf8, normaliseHeader, parseCsv, parseNumber, type CsvProblem } from './csv';

export const MAX_CENTRES = 10_000;
/** Messages listed at most; the rest are counted. */
export const MAX_MESSAGES = 50;

export interface UploadedCentre {
	name: string;
	lat: number;
	lon: number;
	products: string[];
	notes: string | null;
}

export type CentreUpload =
	| { ok: true; centres: UploadedCentre[]; warnings: CsvProblem[] }
	| { ok: false; errors: CsvProblem[]; /** errors not listed */ more: number };

const ALIASES: Record<keyof Omit<UploadedCentre, 'lat' | 'lon'> | 'lat' | 'lon', string[]> = {
	name: ['name', 'centre', 'centre_name', 'center', 'center_name', 'hospital', 'hospital_name'],
	lat: ['latitude', 'lat'],
	lon: ['longitude', 'lon', 'lng', 'long'],
	products: ['products', 'product'],
	notes: ['notes', 'note']
};

function fail(errors: CsvProblem[]): CentreUpload {
	return { ok: false, errors: errors.slice(0, MAX_MESSAGES), more: Math.max(0, errors.length - MAX_MESSAGES) };
}

/** From the bytes of a file (after `checkSize` on its size). */
export function readCentreFile(bytes: Uint8Array): CentreUpload {
	const size = checkSize(bytes.length);
	if (size) return fail([{ line: 0, message: size }]);
	const decoded = decodeUtf8(bytes);
	if (!decoded.ok) return fail([{ line: 0, message: decoded.message }]);
	return readCentreText(decoded.text);
}

/** From pasted or decoded text. */
export function readCentreText(text: string): CentreUpload {
	try {
		return validate(text);
	} catch (e) {
		// defensive: a bug here must not lose the page; the fuzz test keeps this unreachable
		return fail([{ line: 0, message: `The file could not be read (${e instanceof Error ? e.message : String(e)}).` }]);
	}
}

function validate(text: string): CentreUpload {
	if (text.trim() === '') return fail([{ line: 0, message: 'The file is empty.' }]);
	const { delimiter, records, problems } = parseCsv(text);
	const errors: CsvProblem[] = [...problems];
	const warnings: CsvProblem[] = [];
	const header = records[0];
	if (!header) return fail([{ line: 0, message: 'The file is empty.' }]);
	const keys = header.fields.map(normaliseHeader);
	const index: Partial<Record<keyof typeof ALIASES, number>> = {};
	for (const [field, names] of Object.entries(ALIASES) as [keyof typeof ALIASES, string[]][]) {
		const i = keys.findIndex((k) => names.includes(k));
		if (i >= 0) index[field] = i;
	}
	const missing = (['name', 'lat', 'lon'] as const).filter((f) => index[f] == null).map((f) => ({ name: 'name', lat: 'latitude', lon: 'longitude' })[f]);
	if (missing.length) {
		const found = header.fields.filter(Boolean).map((h) => `"${h}"`).join(', ') || 'none';
		return fail([
			{
				line: 1,
				message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. The first line must name the columns (name, latitude, longitude; optional products, notes). Found: ${found}${delimiter !== ',' ? ` (read with "${delimiter === '\t' ? 'tab' : delimiter}" as the separator)` : ''}.`
			}
		]);
	}
	const used = new Set(Object.values(index));
	const ignored = header.fields.filter((h, i) => !used.has(i) && h.trim() !== '');
	if (ignored.length) warnings.push({ line: 1, message: `Ignored column${ignored.length > 1 ? 's' : ''}: ${ignored.join(', ')}.` });

	const rows = records.slice(1);
	if (rows.length === 0) return fail([{ line: 1, message: 'The file has a header line but no centres.' }]);
	if (rows.length > MAX_CENTRES)
		return fail([{ line: 0, message: `The file has ${rows.length.toLocaleString('en-US')} rows; the limit is ${MAX_CENTRES.toLocaleString('en-US')} centres.` }]);

	const centres: UploadedCentre[] = [];
	const seen = new Map<string, number>();
	const brokenLines = new Set(problems.map((p) => p.line));
	for (const { line, fields } of rows) {
		if (brokenLines.has(line)) continue;
		if (fields.length !== header.fields.length) {
			errors.push({ line, message: `Has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${header.fields.length}. Check for a missing or extra "${delimiter === '\t' ? 'tab' : delimiter}" or an unquoted one inside a name.` });
			continue;
		}
		const name = fields[index.name!];
		const latCell = fields[index.lat!];
		const lonCell = fields[index.lon!];
		const rowErrors: string[] = [];
		if (!name) rowErrors.push('the name is empty');
		const lat = parseNumber(latCell, delimiter);
		const lon = parseNumber(lonCell, delimiter);
		const swappedInUs = lat != null && lon != null && !isInUsBounds(lat, lon) && isInUsBounds(lon, lat);
		if (swappedInUs) rowErrors.push(`the point (${lat}, ${lon}) is outside the US, but would be inside with latitude and longitude swapped: check the column order`);
		else if (latCell === '') rowErrors.push('the latitude is empty');
		else if (lat == null) rowErrors.push(`the latitude "${clip(latCell)}" is not a number (write decimal degrees, e.g. 40.7128)`);
		else if (lat < -90 || lat > 90) rowErrors.push(`the latitude ${lat} is out of range (-90 to 90)`);
		if (swappedInUs) {
			/* said above */
		} else if (lonCell === '') rowErrors.push('the longitude is empty');
		else if (lon == null) rowErrors.push(`the longitude "${clip(lonCell)}" is not a number (write decimal degrees, e.g. -74.006)`);
		else if (lon < -180 || lon > 180) rowErrors.push(`the longitude ${lon} is out of range (-180 to 180)`);
		if (rowErrors.length === 0 && lat != null && lon != null && !isInUsBounds(lat, lon)) {
			rowErrors.push(
				`the point (${lat}, ${lon}) is outside the 50 states, DC and Puerto Rico${lon > 0 && isInUsBounds(lat, -lon) ? ' (US longitudes are negative: west of Greenwich)' : ''}`
			);
		}
		if (rowErrors.length) {
			errors.push({ line, message: capitalise(rowErrors.join('; ')) + '.' });
			continue;
		}
		const key = `${name.toLowerCase()}|${lat!.toFixed(5)}|${lon!.toFixed(5)}`;
		const first = seen.get(key);
		if (first != null) {
			errors.push({ line, message: `Repeats line ${first} (same name and place). Remove one of them.` });
			continue;
		}
		seen.set(key, line);
		const products = index.products != null ? fields[index.products].split(/[;|]/).map((p) => p.trim()).filter(Boolean) : [];
		const notes = index.notes != null && fields[index.notes] ? fields[index.notes] : null;
		centres.push({ name, lat: lat!, lon: lon!, products, notes });
	}
	if (errors.length) return fail(errors.sort((a, b) => a.line - b.line));
	return { ok: true, centres, warnings };
}

const clip = (s: string) => (s.length > 30 ? s.slice(0, 29) + '…' : s);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Centres back to CSV (for export), with the same columns the reader accepts. */
export function centresToCsv(centres: UploadedCentre[]): string {
	const q = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
	const lines = ['name,latitude,longitude,products,notes'];
	for (const c of centres) lines.push([q(c.name), String(c.lat), String(c.lon), q(c.products.join(';')), q(c.notes ?? '')].join(','));
	return lines.join('\r\n') + '\r\n';
}
