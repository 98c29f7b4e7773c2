/**
 * Fit the calibrated straight-line model (src/lib/metrics/drive-time/calibrated.ts) against the road model.
 *
 * Pairs: every 2020 county mean centre of population (50 states + DC) × every CAR-T centre within
 * MAX_PAIR_KM great-circle km that the road model connects. For each pair the road model gives minutes and
 * the road km of that fastest path (access legs included). Per (Census region of the county, distance band):
 *   circuity = median(road km / great-circle km)
 *   speed    = circuity / median(minutes / great-circle km) × 60   (so circuity / speed = the median pace)
 * Fit error = absolute % error of the calibrated minutes against the road minutes, in-sample, over the same
 * pairs, by band, by region and by cell (median and p90).
 */
import { greatCircleKm } from '../../../src/lib/metrics/distance';
import {
	bandIndex,
	calibratedMinutes,
	CENSUS_REGIONS,
	censusRegionOfState,
	type Calibration,
	type CalibrationCell,
	type CensusRegion
} from '../../../src/lib/metrics/drive-time/calibrated';
import type { RoadGraph } from '../../../src/lib/metrics/drive-time/graph';
import { resolveParams, type TravelTimeParams } from '../../../src/lib/metrics/drive-time/params';
import { travelTimes } from '../../../src/lib/metrics/drive-time/travel-times';
import type { CentrePoint, CountyOrigin } from './inputs';

export const BANDS_KM = [0, 40, 80, 160, 400];
export const MAX_PAIR_KM = 800;

export interface Pair {
	region: CensusRegion;
	gcKm: number;
	minutes: number;
	roadKm: number;
}

export interface ErrorSummary {
	n: number;
	medianApePct: number;
	p90ApePct: number;
}

export interface CalibrationFile extends Calibration {
	model: string;
	maxPairKm: number;
	pairs: number;
	roadModelParams: TravelTimeParams;
	fitError: {
		overall: ErrorSummary;
		byBand: (ErrorSummary & { band: string })[];
		byRegion: (ErrorSummary & { region: string })[];
		byCell: (ErrorSummary & { region: string; band: string })[];
	};
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
const median = (xs: number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function collectPairs(
	graph: RoadGraph,
	counties: readonly CountyOrigin[],
	centres: readonly CentrePoint[],
	params: Partial<TravelTimeParams> = {}
): Pair[] {
	const p = resolveParams(params);
	const pairs: Pair[] = [];
	for (const c of centres) {
		const near = counties.filter((o) => greatCircleKm(o.lat, o.lon, c.lat, c.lon) <= MAX_PAIR_KM);
		if (near.length === 0) continue;
		const rows = travelTimes(graph, near, [{ id: c.id, lat: c.lat, lon: c.lon }], p);
		near.forEach((o, i) => {
			const r = rows[i];
			const region = censusRegionOfState(o.stateFips);
			if (r.status !== 'ok' || r.minutes === null || r.roadKm === null || !region) return;
			const gc = greatCircleKm(o.lat, o.lon, c.lat, c.lon);
			if (gc <= 0) return;
			pairs.push({ region, gcKm: gc, minutes: r.minutes, roadKm: r.roadKm });
		});
	}
	return pairs;
}

function bandLabel(i: number): string {
	return i + 1 < BANDS_KM.length ? `${BANDS_KM[i]}-${BANDS_KM[i + 1]} km` : `${BANDS_KM[i]}+ km`;
}

function fitCell(ps: Pair[]): CalibrationCell {
	if (ps.length === 0) return { circuity: 0, speedKmh: 0, n: 0 };
	const circuity = median(ps.map((q) => q.roadKm / q.gcKm));
	const pace = median(ps.map((q) => q.minutes / q.gcKm));
	return { circuity: r4(circuity), speedKmh: r4((circuity / pace) * 60), n: ps.length };
}

function summarise(apes: number[]): ErrorSummary {
	const s = [...apes].sort((a, b) => a - b);
	return { n: s.length, medianApePct: r4(quantile(s, 0.5) * 100), p90ApePct: r4(quantile(s, 0.9) * 100) };
}

export function fitCalibration(pairs: readonly Pair[], params: TravelTimeParams): CalibrationFile {
	const cells = {} as Calibration['cells'];
	for (const region of [...CENSUS_REGIONS, 'US' as const]) {
		cells[region] = BANDS_KM.map((_, b) =>
			fitCell(pairs.filter((q) => (region === 'US' || q.region === region) && bandIndex(BANDS_KM, q.gcKm) === b))
		);
	}
	const cal: Calibration = { bandsKm: BANDS_KM, cells };
	const ape = pairs.map((q) => Math.abs(calibratedMinutes(cal, q.gcKm, q.region) - q.minutes) / q.minutes);
	const pick = (f: (q: Pair) => boolean): number[] => ape.filter((_, i) => f(pairs[i]));
	return {
		model: 'minutes = great-circle km × circuity(band, region) / speedKmh(band, region) × 60',
		bandsKm: BANDS_KM,
		maxPairKm: MAX_PAIR_KM,
		pairs: pairs.length,
		roadModelParams: params,
		cells,
		fitError: {
			overall: summarise(ape),
			byBand: BANDS_KM.map((_, b) => ({ band: bandLabel(b), ...summarise(pick((q) => bandIndex(BANDS_KM, q.gcKm) === b)) })),
			byRegion: CENSUS_REGIONS.map((r) => ({ region: r, ...summarise(pick((q) => q.region === r)) })),
			byCell: CENSUS_REGIONS.flatMap((r) =>
				BANDS_KM.map((_, b) => ({
					region: r,
					band: bandLabel(b),
					...summarise(pick((q) => q.region === r && bandIndex(BANDS_KM, q.gcKm) === b))
				}))
			)
		}
	};
}
