/**
 * A state's map of the default view (the default centre list, by road), built at build time
 * (scripts/first-view.ts) from the files the page reads, decoded and drawn by the page's own code
 * (embed/chart-model `mapParts`): a state map embed of that view draws from it (~50 kB compressed
 * for Colorado) before the engine has loaded the data file and the build-time travel (~2 MB). The
 * build checks that the file reads back as the engine's parts, to the bit.
 *
 * The file also holds the state's shapes (geo/topology-subset: its counties and outline, ~10–60 kB)
 * and their centroids, so that map needs neither the national shapes file (254 kB compressed) nor
 * its decoding; the build checks they decode to the national file's coordinates for the state.
 *
 * File: `/data/first-state/<state FIPS>.json`, one per state, tracts as columns.
 */
import type { Topology } from 'topojson-specification';
import type { MapCentre, MapPlace, MapTract } from '$lib/charts/county-map';
import { atlasFromTopology, type Atlas } from '$lib/geo/atlas';
import { readCentroids, type CentroidFile } from '$lib/geo/centroids';

export interface FirstStateFile {
	version: 2;
	state: string;
	/** the state's counties and outline (geo/topology-subset) */
	shapes: Topology;
	/** their centroids (geo/centroids), the national file's for these counties */
	centroids: CentroidFile;
	/** the state's counties as the map's places */
	counties: MapPlace[];
	/** every centre of the view (the map draws those in its frame) */
	centres: MapCentre[];
	tracts: { county_fips: string[]; lat: number[]; lon: number[]; value: (number | null)[] };
}

/** The map's parts for one state, as `mapParts` gives them (the state's counties only). */
export interface FirstState {
	state: string;
	places: MapPlace[];
	centres: MapCentre[];
	tracts: (MapTract & { county_fips: string })[];
}

/** A decoded file: the parts and the state's own atlas (its counties and outline, with their centroids). */
export type FirstStateMap = FirstState & { atlas: Atlas };

/** The state's shapes as the map reads them: the national atlas's counties of the state, with their centroids. */
export interface StateShapes {
	topology: Topology;
	centroids: CentroidFile;
}

export const firstStatePath = (state: string) => `/data/first-state/${state}.json`;

export function encodeFirstState({ state, places, centres, tracts }: FirstState, shapes: StateShapes): FirstStateFile {
	return {
		version: 2,
		state,
		shapes: shapes.topology,
		centroids: shapes.centroids,
		counties: places,
		centres,
		tracts: {
			county_fips: tracts.map((t) => t.county_fips),
			lat: tracts.map((t) => t.lat),
			lon: tracts.map((t) => t.lon),
			value: tracts.map((t) => t.value)
		}
	};
}

/** The parts and the state's atlas from a file read as JSON; undefined when it is not a first-state file of `state`. */
export function decodeFirstState(x: unknown, state: string): FirstStateMap | undefined {
	const f = x as FirstStateFile;
	if (!f || f.version !== 2 || f.state !== state || !Array.isArray(f.counties) || !Array.isArray(f.centres) || !f.tracts) return undefined;
	const { county_fips, lat, lon, value } = f.tracts;
	if (![county_fips, lat, lon, value].every((a) => Array.isArray(a) && a.length === county_fips.length)) return undefined;
	let atlas: Atlas;
	try {
		atlas = atlasFromTopology(f.shapes);
	} catch {
		return undefined;
	}
	atlas.centroids = readCentroids(f.centroids, atlas);
	return {
		state,
		places: f.counties,
		centres: f.centres,
		tracts: county_fips.map((c, i) => ({ lat: lat[i], lon: lon[i], value: value[i], county_fips: c })),
		atlas
	};
}
