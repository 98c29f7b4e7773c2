/**
 * Question: which hospitals are candidate sites for the planner? All open general acute,
 * critical-access and children's hospitals of the `hospitals` table (HIFLD), minus those that
 * are already CAR-T centres, filtered by minimum licensed beds, type and state. Parameters are
 * bound; types come from an allow-list.
 */
import type { Db, SqlParam } from '$lib/db/types';
import { HOSPITAL_TYPES, type HospitalType } from '$lib/queries/hospitals';

export interface CandidateFilter {
	/** at least this many licensed beds (unknown beds are then excluded) */
	minBeds?: number;
	/** empty = all three types */
	types?: readonly HospitalType[];
	/** 2-digit state FIPS; absent = every state */
	stateFips?: string | null;
}

export interface Candidate extends Record<string, unknown> {
	hospital_id: string;
	name: string;
	city: string;
	state: string;
	state_fips: string;
	type: HospitalType;
	beds: number | null;
	lat: number;
	lon: number;
}

export function candidatesSql(f: CandidateFilter): { sql: string; params: SqlParam[] } {
	const minBeds = f.minBeds != null && Number.isFinite(f.minBeds) && f.minBeds > 0 ? Math.floor(f.minBeds) : null;
	const types = HOSPITAL_TYPES.filter((t) => !f.types?.length || f.types.includes(t));
	const st = f.stateFips && /^\d{2}$/.test(f.stateFips) ? f.stateFips : null;
	return {
		sql: `SELECT hospital_id, name, city, state, state_fips, type, beds::INTEGER AS beds, lat, lon
FROM hospitals
WHERE NOT is_car_t_centre
  AND (?::INTEGER IS NULL OR beds >= ?::INTEGER)
  AND list_contains(string_split(?::VARCHAR, '|'), type)
  AND (?::VARCHAR IS NULL OR state_fips = ?::VARCHAR)
ORDER BY hospital_id`,
		params: [minBeds, minBeds, types.join('|'), st, st]
	};
}

export async function loadCandidates(db: Db, f: CandidateFilter): Promise<Candidate[]> {
	const q = candidatesSql(f);
	return db.query<Candidate>(q.sql, q.params);
}
