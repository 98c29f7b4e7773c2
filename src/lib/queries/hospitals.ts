/**
 * Questions: which candidate hospitals match what a planner typed (the "add a centre"
 * picker), and which hospitals does a shared scenario link name?
 *
 * Matching is case-insensitive substring search on `name` and `city` with `contains` /
 * `starts_with` on lower-cased text, not LIKE: the user's text is a bound parameter and
 * is never read as a pattern, so `%`, `_`, `\` and `'` are literal characters by
 * construction (no escaping step to get wrong).
 *
 * Ranking: name starts with the text, then a word of the name starts with it, then the
 * city starts with it, then any other match; within a rank, more licensed beds first
 * (unknown beds last), then name and id so the order is total and stable.
 */
import type { Db, SqlParam } from '$lib/db/types';

/** The 3 HIFLD types kept in `hospitals` (see data/README.md). Filters use only these. */
export const HOSPITAL_TYPES = ['GENERAL ACUTE CARE', 'CRITICAL ACCESS', 'CHILDREN'] as const;
export type HospitalType = (typeof HOSPITAL_TYPES)[number];

/** Most rows a search returns (the picker shows a short list; refine the text for more). */
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;
/** Longest search text used; longer input is cut (no hospital name is this long). */
export const MAX_TEXT_LENGTH = 100;
/** A HIFLD hospital id: 10 digits with leading zeros. */
export const HOSPITAL_ID_PATTERN = /^\d{10}$/;

export interface SearchParams {
	/** what the user typed; trimmed, inner runs of spaces collapsed; empty matches every hospital */
	text: string;
	/** postal code, e.g. `TX`; omitted = any state */
	state?: string;
	/** at least this many licensed beds (hospitals with unknown beds are then excluded) */
	minBeds?: number;
	/** omitted or empty = all 3 types */
	types?: readonly HospitalType[];
	/** 1..MAX_LIMIT; default DEFAULT_LIMIT */
	limit?: number;
}

export interface Row extends Record<string, unknown> {
	hospital_id: string;
	name: string;
	city: string;
	state: string;
	type: HospitalType;
	/** licensed beds; null where HIFLD has none */
	beds: number | null;
	lat: number;
	lon: number;
	/** true when the centre list names this hospital (it is already a CAR-T centre) */
	is_car_t_centre: boolean;
	county_fips: string;
	county_name: string | null;
}

const COLUMNS = `h.hospital_id, h.name, h.city, h.state, h.type, h.beds::INTEGER AS beds, h.lat, h.lon,
       h.is_car_t_centre, h.county_fips, c.county_name`;

export function normaliseText(text: string): string {
	return text.trim().replace(/\s+/g, ' ').slice(0, MAX_TEXT_LENGTH).toLowerCase();
}

function clampLimit(limit: number | undefined): number {
	if (limit == null || !Number.isFinite(limit)) return DEFAULT_LIMIT;
	return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export function searchSql(p: SearchParams): { sql: string; params: SqlParam[] } {
	const text = normaliseText(p.text ?? '');
	const state = p.state && /^[A-Za-z]{2}$/.test(p.state.trim()) ? p.state.trim().toUpperCase() : null;
	const minBeds = p.minBeds != null && Number.isFinite(p.minBeds) && p.minBeds > 0 ? Math.floor(p.minBeds) : null;
	const types = HOSPITAL_TYPES.filter((t) => !p.types?.length || p.types.includes(t));
	return {
		sql: `WITH p AS (SELECT ?::VARCHAR AS t, ?::VARCHAR AS st, ?::INTEGER AS min_beds, string_split(?::VARCHAR, '|') AS types)
SELECT ${COLUMNS}
FROM hospitals h CROSS JOIN p LEFT JOIN counties c ON c.county_fips = h.county_fips
WHERE (contains(lower(h.name), p.t) OR contains(lower(h.city), p.t))
  AND (p.st IS NULL OR h.state = p.st)
  AND (p.min_beds IS NULL OR h.beds >= p.min_beds)
  AND list_contains(p.types, h.type)
ORDER BY CASE
           WHEN starts_with(lower(h.name), p.t) THEN 0
           WHEN contains(lower(h.name), ' ' || p.t) THEN 1
           WHEN starts_with(lower(h.city), p.t) THEN 2
           ELSE 3
         END,
         h.beds DESC NULLS LAST, h.name, h.hospital_id
LIMIT ?`,
		params: [text, state, minBeds, types.join('|'), clampLimit(p.limit)]
	};
}

/** Hospitals matching the picker's text and filters, best first, at most 50. */
export async function search(db: Db, p: SearchParams): Promise<Row[]> {
	const q = searchSql(p);
	return db.query<Row>(q.sql, q.params);
}

/** Only well-formed ids are sent (others cannot exist), de-duplicated, at most MAX_LIMIT. */
export function byIdsSql(ids: readonly string[]): { sql: string; params: SqlParam[] } {
	const good = [...new Set(ids.filter((id) => HOSPITAL_ID_PATTERN.test(id)))].slice(0, MAX_LIMIT);
	return {
		sql: `SELECT ${COLUMNS}
FROM hospitals h LEFT JOIN counties c ON c.county_fips = h.county_fips
WHERE list_contains(string_split(?::VARCHAR, ','), h.hospital_id)
ORDER BY h.hospital_id`,
		params: [good.join(',')]
	};
}

/**
 * The hospitals with these ids (for restoring a scenario from a link), ordered by id.
 * Ids not found are simply absent: compare with what you asked for to tell the user.
 */
export async function byIds(db: Db, ids: readonly string[]): Promise<Row[]> {
	const q = byIdsSql(ids);
	if (q.params[0] === '') return [];
	return db.query<Row>(q.sql, q.params);
}

/** Every hospital, by id (the build's lookup files for what-if embeds: state/whatif-first). */
export function allSql(): { sql: string; params: SqlParam[] } {
	return {
		sql: `SELECT ${COLUMNS}
FROM hospitals h LEFT JOIN counties c ON c.county_fips = h.county_fips
ORDER BY h.hospital_id`,
		params: []
	};
}

export async function all(db: Db): Promise<Row[]> {
	const q = allSql();
	return db.query<Row>(q.sql, q.params);
}

/** Every query of the module with typical parameters, for the schema test. */
export const ALL_QUERIES = {
	all: () => allSql(),
	search: () => searchSql({ text: 'mercy', state: 'IA', minBeds: 10, types: ['CRITICAL ACCESS'], limit: 5 }),
	searchAll: () => searchSql({ text: '' }),
	byIds: () => byIdsSql(['0000000064'])
};
