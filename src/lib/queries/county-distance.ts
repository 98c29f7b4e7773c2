/**
 * Question: how far, in a straight line, is each county's 2020 population-weighted
 * centre from the nearest CAR-T centre of the chosen set?
 *
 * Method: great-circle distance on a sphere of the mean Earth radius (IUGG,
 * 6371.0088 km; Moritz 2000, "Geodetic Reference System 1980"). Computed as the
 * minimum 3-D chord between unit vectors, then 2R·asin(chord/2): exact, and the
 * fastest exact variant measured for ~3k origins (../shared/STACK.md §3).
 */
import type { Db } from '$lib/db/types';
import { centreWhere, type CentreFilter } from './centre-filter';
import { EARTH_RADIUS_KM, KM_PER_MILE } from '$lib/metrics/distance';

export interface Params {
	filter: CentreFilter;
}

export interface Row extends Record<string, unknown> {
	county_fips: string;
	county_name: string;
	state: string;
	pop_2020: number;
	/** straight-line km to the nearest centre; null when the centre set is empty */
	km: number | null;
	miles: number | null;
	nearest_centre_id: string | null;
}

export function sql(p: Params) {
	const w = centreWhere(p.filter, 'c');
	return {
		sql: `
WITH cv AS (
  SELECT c.centre_id,
         cos(radians(c.lat)) * cos(radians(c.lon)) AS x,
         cos(radians(c.lat)) * sin(radians(c.lon)) AS y,
         sin(radians(c.lat)) AS z
  FROM centres c WHERE ${w.sql}
), ov AS (
  SELECT county_fips, county_name, state, pop_2020,
         cos(radians(lat)) * cos(radians(lon)) AS x,
         cos(radians(lat)) * sin(radians(lon)) AS y,
         sin(radians(lat)) AS z
  FROM counties
), pairs AS (
  SELECT ov.county_fips, cv.centre_id,
         (ov.x - cv.x) * (ov.x - cv.x) + (ov.y - cv.y) * (ov.y - cv.y) + (ov.z - cv.z) * (ov.z - cv.z) AS d2
  FROM ov CROSS JOIN cv
), best AS (
  SELECT county_fips, min(d2) AS d2, arg_min(centre_id, d2) AS nearest_centre_id
  FROM pairs GROUP BY county_fips
)
SELECT ov.county_fips, ov.county_name, ov.state, ov.pop_2020::DOUBLE AS pop_2020,
       2 * ${EARTH_RADIUS_KM} * asin(least(1.0, sqrt(best.d2) / 2)) AS km,
       2 * ${EARTH_RADIUS_KM} * asin(least(1.0, sqrt(best.d2) / 2)) / ${KM_PER_MILE} AS miles,
       best.nearest_centre_id
FROM ov LEFT JOIN best USING (county_fips)
ORDER BY ov.county_fips`,
		params: w.params
	};
}

export async function run(db: Db, p: Params): Promise<Row[]> {
	const q = sql(p);
	return db.query<Row>(q.sql, q.params);
}
