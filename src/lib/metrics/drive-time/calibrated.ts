/**
 * Calibrated straight-line drive time: minutes ≈ great-circle km × circuity(band, region) / speed(band, region) × 60.
 *
 * Circuity and speed are fitted per distance band and Census region by the roads pipeline against the
 * road-network model (data/drive_time_calibration.json; method in data/ROADS.md), after the approach of
 * Boscoe, Henry & Zdeb (2012) Prof Geogr 64(2) and the banded circuity of Giacomin & Levinson (2015).
 * Pure functions; the calibration object is injected.
 */
import { greatCircleKm } from '../distance';

export type CensusRegion = 'Northeast' | 'Midwest' | 'South' | 'West';
export const CENSUS_REGIONS: readonly CensusRegion[] = ['Northeast', 'Midwest', 'South', 'West'];

export interface CalibrationCell {
	/** road km / great-circle km */
	circuity: number;
	/** road km per hour along the fastest path */
	speedKmh: number;
	/** pairs used in the fit */
	n: number;
}

export interface Calibration {
	/** lower edges of the distance bands, km, ascending, first = 0; the last band is open-ended */
	bandsKm: number[];
	/** cells[region][band]; `US` is the pooled fit, used when the region is unknown or a cell is empty */
	cells: Record<CensusRegion | 'US', CalibrationCell[]>;
}

/** 2-digit state FIPS → Census region (US Census Bureau, "Census Regions and Divisions of the United States"). */
const REGION_BY_FIPS: Record<string, CensusRegion> = {};
const put = (r: CensusRegion, fips: string): void => {
	for (const f of fips.split(' ')) REGION_BY_FIPS[f] = r;
};
put('Northeast', '09 23 25 33 44 50 34 36 42');
put('Midwest', '17 18 26 39 55 19 20 27 29 31 38 46');
put('South', '10 11 12 13 24 37 45 51 54 01 21 28 47 05 22 40 48');
put('West', '04 08 16 30 32 35 49 56 02 06 15 41 53');

/** Census region of a state FIPS code (`'06'` or `6`); null for territories and unknown codes. */
export function censusRegionOfState(fips: string | number): CensusRegion | null {
	const k = typeof fips === 'number' ? String(fips).padStart(2, '0') : fips.padStart(2, '0');
	return REGION_BY_FIPS[k] ?? null;
}

/** Index of the band containing km (bands are [edge_i, edge_{i+1})). */
export function bandIndex(bandsKm: readonly number[], km: number): number {
	let i = 0;
	while (i + 1 < bandsKm.length && km >= bandsKm[i + 1]) i++;
	return i;
}

function cellFor(cal: Calibration, km: number, region: CensusRegion | null): CalibrationCell {
	const b = bandIndex(cal.bandsKm, km);
	const own = region ? cal.cells[region]?.[b] : undefined;
	if (own && own.n > 0 && own.speedKmh > 0) return own;
	const us = cal.cells.US[b];
	if (!us || !(us.speedKmh > 0)) throw new Error(`Calibration has no usable US cell for band ${b}; rebuild data/drive_time_calibration.json`);
	return us;
}

/** Calibrated minutes for a straight-line distance (km) in a Census region (null → pooled US fit). */
export function calibratedMinutes(cal: Calibration, km: number, region: CensusRegion | null): number {
	if (!(km >= 0)) return NaN;
	const c = cellFor(cal, km, region);
	return ((km * c.circuity) / c.speedKmh) * 60;
}

/**
 * {@link calibratedMinutes} for many points: the cells are resolved once per region and band, so a
 * call is a band search and the same arithmetic (identical results). `minutes(km, region)`.
 */
export function calibratedMinutesTable(cal: Calibration): (km: number, region: CensusRegion | null) => number {
	const edges = Float64Array.from(cal.bandsKm);
	// a band without a usable cell keeps its error for the call that needs it, as calibratedMinutes does
	const resolve = (region: CensusRegion | null) =>
		cal.bandsKm.map((_, b) => {
			try {
				const c = cellFor(cal, edges[b], region);
				return [c.circuity, c.speedKmh] as const;
			} catch (e) {
				return e as Error;
			}
		});
	const byRegion = new Map([null, ...CENSUS_REGIONS].map((r) => [r, resolve(r)]));
	return (km, region) => {
		if (!(km >= 0)) return NaN;
		const cells = byRegion.get(region) ?? byRegion.get(null)!;
		let b = 0;
		while (b + 1 < edges.length && km >= edges[b + 1]) b++;
		const cell = cells[b];
		if (cell instanceof Error) throw cell;
		return ((km * cell[0]) / cell[1]) * 60;
	};
}

/** Calibrated road km for a straight-line distance. */
export function calibratedRoadKm(cal: Calibration, km: number, region: CensusRegion | null): number {
	if (!(km >= 0)) return NaN;
	return km * cellFor(cal, km, region).circuity;
}

/** Calibrated minutes between two points; region is the origin's Census region. */
export function calibratedMinutesBetween(
	cal: Calibration,
	from: { lat: number; lon: number },
	to: { lat: number; lon: number },
	region: CensusRegion | null
): number {
	return calibratedMinutes(cal, greatCircleKm(from.lat, from.lon, to.lat, to.lon), region);
}

/** Nearest centre by calibrated minutes (null when there are no centres). */
export function nearestCalibrated<Id>(
	cal: Calibration,
	from: { lat: number; lon: number },
	centres: readonly { id: Id; lat: number; lon: number }[],
	region: CensusRegion | null
): { id: Id; minutes: number } | null {
	let best: { id: Id; minutes: number } | null = null;
	for (const c of centres) {
		const m = calibratedMinutesBetween(cal, from, c, region);
		if (best === null || m < best.minutes) best = { id: c.id, minutes: m };
	}
	return best;
}
