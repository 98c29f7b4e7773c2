/**
 * Question: which county and tract FIPS codes does the atlas hold? (To check the keys of an
 * uploaded area data file before it is used.)
 */
import type { Db } from '$lib/db/types';
import type { KnownPlaces } from '$lib/explore/area-upload';

export const SQL = `SELECT 'county' AS grain, county_fips AS fips FROM counties
UNION ALL
SELECT 'tract' AS grain, tract_fips AS fips FROM tracts`;

export async function run(db: Db): Promise<KnownPlaces> {
	const rows = await db.query<{ grain: 'county' | 'tract'; fips: string }>(SQL);
	const counties = new Set<string>();
	const tracts = new Set<string>();
	for (const r of rows) (r.grain === 'county' ? counties : tracts).add(r.fips);
	return { counties, tracts };
}
