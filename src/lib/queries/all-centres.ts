/**
 * Question: every row of the centre list, with what the dashboard filters and shows.
 * (Filtering happens in the page so toggling a filter needs no query.)
 */
import type { Db } from '$lib/db/types';
import type { EvidenceStrength } from './centre-filter';

export interface Row extends Record<string, unknown> {
	centre_id: string;
	name: string;
	city: string;
	state: string;
	state_fips: string;
	county_fips: string;
	lat: number;
	lon: number;
	/** `user` for rows of a centre set the user saved (state/centre-source), never in the table */
	evidence_strength: EvidenceStrength | 'user';
	population_served: 'adult' | 'pediatric' | 'both';
	products: string[];
	source_url: string;
	source_date: string | null;
	geocode_precision: string;
}

export const SQL = `SELECT centre_id, name, city, state, state_fips, county_fips, lat, lon, evidence_strength,
       population_served, products, source_url, source_date, geocode_precision
FROM centres ORDER BY centre_id`;

export async function run(db: Db): Promise<Row[]> {
	return db.query<Row>(SQL);
}

/** A centre's display name: "name (city, state)", or the name alone without a city. */
export function centreLabel(c: Pick<Row, 'name' | 'city' | 'state'>): string {
	return c.city ? `${c.name} (${c.city}, ${c.state})` : c.name;
}
