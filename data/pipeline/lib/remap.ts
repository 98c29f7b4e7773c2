/**
 * Put facility points into the 2023 county universe. A source county code already in the universe
 * is kept; any other (Connecticut's 8 old counties, Alaska 02261 Valdez-Cordova and 02280
 * Wrangell-Petersburg, SD 46113 Shannon, VA 51515 Bedford city, or blank) is replaced by
 * point-in-polygon of the facility's coordinates among the us-atlas-2023 counties of its state
 * (in Connecticut, checked against the old-county -> planning-region pairs learned from the tracts).
 */
import type { Ctx } from './context.ts';
import { createTableFromRows } from './duck.ts';
import { assert } from './check.ts';
import { nearestAllowed } from './ct-regions.ts';

export interface RemapInput {
	id: string;
	state_fips: string;
	county_fips_src: string | null;
	lat: number;
	lon: number;
}

/** Creates table `name` (id, county_fips, county_method) and returns the remapped rows for reporting. */
export async function remapCounties(ctx: Ctx, name: string, input: RemapInput[], universe: Set<string>) {
	const out = input.map((r) => {
		if (r.county_fips_src && universe.has(r.county_fips_src)) return { ...r, county_fips: r.county_fips_src, county_method: 'source', distance_km: null as number | null };
		assert(Number.isFinite(r.lat) && Number.isFinite(r.lon), `${name}: ${r.id} has no coordinates to locate its county`);
		const hit = ctx.locator.locate(r.lon, r.lat, [r.state_fips]);
		const method = hit.method === 'contains' ? 'point_in_polygon' : 'nearest_polygon';
		// Connecticut: same old-county constraint as the tracts (see lib/ct-regions.ts).
		const ok = r.county_fips_src ? ctx.ctAllowed?.get(r.county_fips_src) : undefined;
		if (r.state_fips === '09' && ok && !ok.has(hit.county_fips)) {
			return { ...r, county_fips: nearestAllowed(ctx.locator, ok, r.lon, r.lat), county_method: 'ct_old_county_constraint', distance_km: hit.distance_km };
		}
		return { ...r, county_fips: hit.county_fips, county_method: method, distance_km: hit.distance_km };
	});
	for (const r of out) assert(universe.has(r.county_fips), `${name}: ${r.id} county ${r.county_fips} is not in the 2023 county universe`);
	await createTableFromRows(
		ctx.db,
		name,
		[
			{ name: 'id', type: 'VARCHAR' },
			{ name: 'county_fips', type: 'VARCHAR' },
			{ name: 'county_method', type: 'VARCHAR' }
		],
		out
	);
	return out.filter((r) => r.county_method !== 'source');
}
