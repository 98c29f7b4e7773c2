/**
 * Travel-time model parameters. Every default carries its source; every value can be overridden by the
 * caller (the shipped graph stores only lengths and road classes, never speeds).
 *
 * Road classes in data/road_graph.bin (see data/ROADS.md):
 *   0 connector  short link joining an unjoined freeway exit to the nearest point of another route (≤ 1 km)
 *   1 freeway    Interstates (TM tier 1) and the other limited-access TM systems: usaif, usasf, usakyp
 *   2 tier2      US highways, business Interstates, New York parkways (TM tier 2)
 *   3 tier3      auxiliary US routes (TM tier 3, usausb)
 *   4 tier4      state, DC and territorial highways, national-park highways (TM tier 4)
 *   5 tier5      Montana secondaries, Texas recreation roads (TM tier 5)
 */
import { greatCircleKm } from '../distance';

export interface TravelTimeParams {
	/** free-flow speed by road-class code (1..5), km/h */
	speedsKmh: Record<number, number>;
	/** speed on the access leg from an origin or centre to the network, km/h */
	accessSpeedKmh: number;
	/** multiplier from straight-line to road distance on the access leg */
	accessCircuity: number;
	/** speed on class-0 connector edges (interchange ramps and the short link to the crossing road), km/h */
	connectorSpeedKmh: number;
	/** origins and centres farther than this (straight line) from every accessible vertex do not snap */
	maxSnapKm: number;
	/** number of nearest accessible vertices an origin or centre snaps to (the best one wins) */
	snapCount: number;
}

/**
 * Sources for the defaults:
 * - OSRM car profile, `Project-OSRM/osrm-backend` `profiles/car.lua` (commit 0012f45890a870d2ed04593c78be972a2e032747),
 *   `speed_profile`: motorway 90, trunk 85, primary 65, secondary 55, tertiary 40, unclassified/residential 25 km/h
 *   (used by OSRM when a way has no maxspeed tag).
 * - OpenStreetMap wiki, "United States roads tagging" / "Mapping/Features/Road" (USA section): Interstates and any
 *   freeway → highway=motorway; US highways → highway=primary; state highways → highway=secondary; roads meeting
 *   a motorway at an interchange are "no lower than highway=tertiary". This maps TM tiers to OSRM classes.
 * - Corroboration for the freeway value: FHWA, Freight Facts and Figures 2010, Table 3-8, average operating
 *   speeds on 25 Interstates in 2009 of 52.8–59.2 mph (85–95 km/h).
 * - Access circuity 1.3: Wang et al., npj Complexity 1, 22 (2024), arXiv:2406.06490 (road networks need
 *   1.3 ± 0.1 × the straight-line distance); consistent with the 1.34 median measured on the TM graph for
 *   30–80 km county pairs (../shared/data/raw/roads/PROVENANCE.md) and Giacomin & Levinson (2015), Env Plan B
 *   42(6):1040–53 (short trips are more circuitous).
 * - maxSnapKm 50: PROVENANCE snap check — 98.1 % of county centroids are within 20 km of a TM vertex, the tail
 *   is roadless Alaska; 50 km keeps every connected county while refusing island and bush origins.
 */
export const DEFAULT_PARAMS: Readonly<TravelTimeParams> = Object.freeze({
	speedsKmh: Object.freeze({
		1: 90, // OSRM motorway
		2: 65, // OSRM primary (OSM US: US highways = primary)
		3: 65, // OSRM primary (auxiliary US routes)
		4: 55, // OSRM secondary (OSM US: state highways = secondary)
		5: 40 // OSRM tertiary
	}) as Record<number, number>,
	accessSpeedKmh: 40, // OSRM tertiary: local/county roads feeding the numbered network
	accessCircuity: 1.3, // Wang et al. 2024; PROVENANCE 30–80 km median 1.34
	connectorSpeedKmh: 40, // OSRM tertiary (OSM US: roads at an interchange are ≥ tertiary)
	maxSnapKm: 50,
	snapCount: 4
});

/** Human-readable citation per parameter, for the methodology page. */
export const PARAM_CITATIONS: Readonly<Record<string, string>> = Object.freeze({
	'speedsKmh.1':
		'90 km/h: OSRM car profile motorway default (Project-OSRM/osrm-backend profiles/car.lua); FHWA Freight Facts and Figures 2010 Table 3-8 reports 85–95 km/h average Interstate operating speeds',
	'speedsKmh.2': '65 km/h: OSRM car profile primary default; OSM US tagging guidance maps US highways to highway=primary',
	'speedsKmh.3': '65 km/h: OSRM car profile primary default (auxiliary US routes)',
	'speedsKmh.4': '55 km/h: OSRM car profile secondary default; OSM US tagging guidance maps state highways to highway=secondary',
	'speedsKmh.5': '40 km/h: OSRM car profile tertiary default',
	accessSpeedKmh: '40 km/h: OSRM car profile tertiary default, for the local roads between a point and the numbered network',
	accessCircuity:
		'1.3: Wang et al. (2024) npj Complexity 1:22 (1.3 ± 0.1); TM-graph median 1.34 for 30–80 km county pairs (roads PROVENANCE); Giacomin & Levinson (2015)',
	connectorSpeedKmh: '40 km/h: OSRM car profile tertiary default; OSM US guidance: roads at a motorway interchange are at least tertiary',
	maxSnapKm: '50 km: roads PROVENANCE snap check (98.1 % of county centroids within 20 km of a vertex; tail is roadless Alaska)',
	snapCount: '4 nearest accessible vertices: lets an origin reach the network in more than one direction (project choice)'
});

/** Merge overrides onto the defaults and validate. Throws with a message naming the bad field. */
export function resolveParams(overrides: Partial<TravelTimeParams> = {}): TravelTimeParams {
	const p: TravelTimeParams = {
		...DEFAULT_PARAMS,
		...overrides,
		speedsKmh: { ...DEFAULT_PARAMS.speedsKmh, ...(overrides.speedsKmh ?? {}) }
	};
	for (const [k, v] of Object.entries(p.speedsKmh)) {
		if (!(v > 0) || !Number.isFinite(v)) throw new Error(`speedsKmh[${k}] must be a positive number of km/h, got ${v}`);
	}
	const positive: (keyof TravelTimeParams)[] = ['accessSpeedKmh', 'accessCircuity', 'connectorSpeedKmh', 'maxSnapKm'];
	for (const k of positive) {
		const v = p[k] as number;
		if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${k} must be a positive finite number, got ${v}`);
	}
	if (p.accessCircuity < 1) throw new Error(`accessCircuity must be ≥ 1 (road distance ≥ straight line), got ${p.accessCircuity}`);
	if (!Number.isInteger(p.snapCount) || p.snapCount < 1) throw new Error(`snapCount must be an integer ≥ 1, got ${p.snapCount}`);
	return p;
}

/** Minutes to cover `km` of straight-line distance on the access leg. */
export function accessMinutes(km: number, params: TravelTimeParams): number {
	return ((km * params.accessCircuity) / params.accessSpeedKmh) * 60;
}

/** Minutes for a direct local trip between two points (no numbered road used). */
export function directMinutes(lat1: number, lon1: number, lat2: number, lon2: number, params: TravelTimeParams): number {
	return accessMinutes(greatCircleKm(lat1, lon1, lat2, lon2), params);
}

/** Per-edge travel minutes for the given parameters. Class codes without a speed throw. */
export function edgeMinutes(
	graph: { edgeCount: number; edgeLengthM: Uint32Array; edgeClass: Uint8Array },
	params: TravelTimeParams
): Float64Array {
	const minPerMetre = new Float64Array(256).fill(NaN);
	minPerMetre[0] = 60 / (params.connectorSpeedKmh * 1000);
	for (const [k, v] of Object.entries(params.speedsKmh)) minPerMetre[Number(k)] = 60 / (v * 1000);
	const out = new Float64Array(graph.edgeCount);
	for (let e = 0; e < graph.edgeCount; e++) {
		const f = minPerMetre[graph.edgeClass[e]];
		if (Number.isNaN(f)) throw new Error(`No speed for road class ${graph.edgeClass[e]}; add speedsKmh[${graph.edgeClass[e]}]`);
		out[e] = graph.edgeLengthM[e] * f;
	}
	return out;
}
