/** Readers for the raw origin and centre files used by the roads step (calibration and report). */
import fs from 'node:fs';
import path from 'node:path';

export const CENPOP_COUNTY = 'geography/census-centers-of-population-2020/CenPop2020_Mean_CO.txt';
export const CENTRES_CSV = 'centres/car_t_centres.csv';

export interface CountyOrigin {
	fips: string;
	stateFips: string;
	name: string;
	population: number;
	lat: number;
	lon: number;
}

export interface CentrePoint {
	id: string;
	state: string;
	lat: number;
	lon: number;
}

/** RFC 4180 CSV (quoted fields, doubled quotes) → rows of strings. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let q = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (q) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else q = false;
			} else field += ch;
		} else if (ch === '"') q = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			field = '';
			if (row.length > 1 || row[0] !== '') rows.push(row);
			row = [];
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/** 2020 county mean centres of population, 50 states + DC (Puerto Rico, FIPS 72, left out). */
export function readCountyOrigins(rawDir: string): CountyOrigin[] {
	const text = fs.readFileSync(path.join(rawDir, CENPOP_COUNTY), 'latin1').replace(/^\uFEFF/, '');
	const [head, ...rows] = parseCsv(text);
	const col = (name: string): number => {
		const i = head.indexOf(name);
		if (i < 0) throw new Error(`${CENPOP_COUNTY}: column ${name} missing (have ${head.join(', ')})`);
		return i;
	};
	const [st, co, nm, pop, la, lo] = ['STATEFP', 'COUNTYFP', 'COUNAME', 'POPULATION', 'LATITUDE', 'LONGITUDE'].map(col);
	return rows
		.filter((r) => r[st] !== '72')
		.map((r) => ({
			fips: r[st] + r[co],
			stateFips: r[st],
			name: r[nm],
			population: Number(r[pop]),
			lat: Number(r[la]),
			lon: Number(r[lo])
		}))
		.sort((a, b) => (a.fips < b.fips ? -1 : 1));
}

/** CAR-T centres with coordinates (all rows of the default file). */
export function readCentres(rawDir: string): CentrePoint[] {
	const [head, ...rows] = parseCsv(fs.readFileSync(path.join(rawDir, CENTRES_CSV), 'utf8'));
	const i = (name: string): number => {
		const k = head.indexOf(name);
		if (k < 0) throw new Error(`${CENTRES_CSV}: column ${name} missing`);
		return k;
	};
	const [id, state, lat, lon] = ['id', 'state', 'lat', 'lon'].map(i);
	const out = rows.map((r) => ({ id: r[id], state: r[state], lat: Number(r[lat]), lon: Number(r[lon]) }));
	for (const c of out) if (!Number.isFinite(c.lat) || !Number.isFinite(c.lon)) throw new Error(`${CENTRES_CSV}: centre ${c.id} has no coordinates`);
	return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
