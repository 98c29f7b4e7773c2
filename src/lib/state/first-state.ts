/**
 * A state's map of the default view (the default centre list, by road), built at build time
 * (scripts/first-view.ts) from the files the page reads, decoded and drawn by the page's own code
 * (embed/chart-model `mapParts`): a state map embed of that view draws from it (~50 kB compressed
 * for Colorado) before the engine has loaded the data file and the build-time travel (~2 MB). The
 * build checks that the file reads back as the engine's parts, to the bit.
 *
 * File: `/data/first-state/<state FIPS>.json`, one per state, tracts as columns.
 */
import type { MapCentre, MapPlace, MapTract } from '$lib/charts/county-map';

export interface FirstStateFile {
	version: 1;
	state: string;
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

export const firstStatePath = (state: string) => `/data/first-state/${state}.json`;

export function encodeFirstState({ state, places, centres, tracts }: FirstState): FirstStateFile {
	return {
		version: 1,
		state,
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

/** The parts from a file read as JSON; undefined when it is not a first-state file of `state`. */
export function decodeFirstState(x: unknown, state: string): FirstState | undefined {
	const f = x as FirstStateFile;
	if (!f || f.version !== 1 || f.state !== state || !Array.isArray(f.counties) || !Array.isArray(f.centres) || !f.tracts) return undefined;
	const { county_fips, lat, lon, value } = f.tracts;
	if (![county_fips, lat, lon, value].every((a) => Array.isArray(a) && a.length === county_fips.length)) return undefined;
	return {
		state,
		places: f.counties,
		centres: f.centres,
		tracts: county_fips.map((c, i) => ({ lat: lat[i], lon: lon[i], value: value[i], county_fips: c }))
	};
}
