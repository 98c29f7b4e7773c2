/**
 * Connecticut 2020 tracts -> 2023 planning regions (09110-09190).
 *
 * The Census 2020 tract file uses the 8 old CT counties; the planning regions are unions of towns.
 * Step 1: point-in-polygon of each tract's population centre in the us-atlas-2023 1:10m shapes
 *   (nearest region when no polygon contains it: coastal points outside the generalised coastline).
 * Step 2 (guard against 1:10m generalisation, a few hundred metres to ~2 km): tracts nest in old
 *   counties, so the (old county, region) pairs that exist are learned from "unambiguous" tracts,
 *   whose centre lies inside a region and at least `minKm` from every other region's boundary.
 *   A near-boundary tract whose step-1 region would form a pair never seen among unambiguous tracts
 *   is moved to the nearest region that its old county does reach. Every move is reported.
 */
import type { CountyLocator } from './geo.ts';

export interface CtTract {
	tract_fips: string;
	lat: number;
	lon: number;
	pop: number;
}

export interface CtAssignment {
	tract_fips: string;
	county_fips: string;
	/** 'contains' | 'nearest' (step 1 kept) | 'constrained' (moved in step 2) */
	method: 'contains' | 'nearest' | 'constrained';
	pip_fips: string;
	/** km from the centre to the nearest boundary of another region (step 1 result). */
	boundary_km: number;
	pop: number;
}

export function assignCtTracts(locator: CountyLocator, tracts: CtTract[], minKm = 2): { rows: CtAssignment[]; allowed: Map<string, Set<string>> } {
	const regions = locator.idsWithPrefix('091');
	if (regions.length !== 9) throw new Error(`Expected 9 CT planning regions in the atlas, found ${regions.length}`);
	const step1 = tracts.map((t) => {
		const hit = locator.locate(t.lon, t.lat, ['091']);
		const boundary = Math.min(...regions.filter((r) => r !== hit.county_fips).map((r) => locator.distanceKm(r, t.lon, t.lat)));
		return { t, hit, boundary, old: t.tract_fips.slice(0, 5) };
	});
	const allowed = new Map<string, Set<string>>();
	for (const s of step1) {
		if (s.hit.method === 'contains' && s.boundary >= minKm) {
			if (!allowed.has(s.old)) allowed.set(s.old, new Set());
			allowed.get(s.old)!.add(s.hit.county_fips);
		}
	}
	const rows = step1.map((s): CtAssignment => {
		const ok = allowed.get(s.old);
		if (!ok || ok.size === 0) throw new Error(`CT: no unambiguous tract in old county ${s.old}; cannot check ${s.t.tract_fips}`);
		const base = { tract_fips: s.t.tract_fips, pip_fips: s.hit.county_fips, boundary_km: Math.round(s.boundary * 1000) / 1000, pop: s.t.pop };
		if (ok.has(s.hit.county_fips)) return { ...base, county_fips: s.hit.county_fips, method: s.hit.method };
		return { ...base, county_fips: nearestAllowed(locator, ok, s.t.lon, s.t.lat), method: 'constrained' };
	});
	return { rows, allowed };
}

/** The region of `allowed` nearest to the point (0 km if one contains it; ties by lowest FIPS). */
export function nearestAllowed(locator: CountyLocator, allowed: Set<string>, lon: number, lat: number): string {
	let best = { id: '', d: Infinity };
	for (const r of [...allowed].sort()) {
		const d = locator.contains(r, lon, lat) ? 0 : locator.distanceKm(r, lon, lat);
		if (d < best.d) best = { id: r, d };
	}
	return best.id;
}
