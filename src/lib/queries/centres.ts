/** Question: which centres are in the chosen set (for drawing and for counts)? */
import type { Db } from '$lib/db/types';
import { centreWhere, type CentreFilter, type EvidenceStrength } from './centre-filter';

export interface Params {
	filter: CentreFilter;
}

export interface Row extends Record<string, unknown> {
	centre_id: string;
	name: string;
	city: string;
	state: string;
	lat: number;
	lon: number;
	evidence_strength: EvidenceStrength;
	population_served: string;
	products: string[];
	source_url: string;
}

export function sql(p: Params) {
	const w = centreWhere(p.filter, 'c');
	return {
		sql: `SELECT c.centre_id, c.name, c.city, c.state, c.lat, c.lon, c.evidence_strength,
       c.population_served, c.products, c.source_url
FROM centres c WHERE ${w.sql} ORDER BY c.centre_id`,
		params: w.params
	};
}

export async function run(db: Db, p: Params): Promise<Row[]> {
	const q = sql(p);
	return db.query<Row>(q.sql, q.params);
}
