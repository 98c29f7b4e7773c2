/**
 * The first view: the default dashboard (road drive time, strong + moderate centres, 2 hours,
 * the nation) precomputed at build time by the same engine and data as the page, so the
 * map is on screen before DuckDB-WASM (7.7 MB) has loaded. The interactive engine then
 * takes over and draws the same numbers, so nothing jumps.
 */
export interface FirstView {
	version: 1;
	method: 'road';
	threshold: number;
	evidence: string[];
	centres: { id: string; name: string; lat: number; lon: number; evidence: string }[];
	counties: {
		fips: string[];
		name: string[];
		pop: number[];
		/** road minutes (calibrated where the road graph has no link), 0.1 min; null = unknown */
		value: (number | null)[];
		/** index into `centres`, -1 = none */
		nearest: number[];
		/** 1 where the calibrated estimate stands in for the road model */
		fallback: number[];
	};
	/** national figures (50 states + DC) at `threshold` */
	figures: { share: number | null; beyond: number; centreCount: number };
}

/** True when the URL asks for exactly the default view (no settings at all). */
export function isDefaultLink(search: string): boolean {
	return new URLSearchParams(search).size === 0;
}

export function isFirstView(x: unknown): x is FirstView {
	const v = x as FirstView;
	return (
		!!v &&
		v.version === 1 &&
		Array.isArray(v.centres) &&
		Array.isArray(v.counties?.fips) &&
		v.counties.fips.length === v.counties.value?.length &&
		v.counties.fips.length === v.counties.nearest?.length
	);
}
