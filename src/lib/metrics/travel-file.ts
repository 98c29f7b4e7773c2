/**
 * The default centre set's road travel, computed at build time by the same engine the travel
 * worker runs (`TravelEngine` over the committed road graph), so a page whose view uses the
 * atlas's default centre list shows road drive times without waiting for the road network
 * (2.7 MB) and a search over it. The worker still loads the network afterwards, for what-if
 * scenarios and other centre sets.
 *
 * Kept: tracts' road minutes, nearest centre and calibrated-fallback flag (what the views
 * read); every array of the counties (the place profile reads second-nearest centres too).
 * The straight-line and calibrated values are cheap and computed when first read
 * ({@link travelFromFile}), so the file stays at 0.65 MB gzip. Values are stored exactly
 * (db/columns-file); a test checks the read-back equals the engine's result on the committed
 * data. The file names its centres (ids and coordinates) and the places' coordinate checksum:
 * it is used only for exactly that centre set and those places.
 */
import { decodeTables, encodeTables } from '$lib/db/columns-file';
import type { CentrePoint } from './nearest';
import { sameCentres, TravelEngine, type PlaceTravel, type Places, type TravelResult } from './travel-engine';
import type { Calibration } from './drive-time/calibrated';
import { coordinateChecksum } from './drive-time/snap-file';

const PLACE_KEYS = [
	'straightKm',
	'straightNearest',
	'straightSecondKm',
	'straightSecond',
	'calibratedMinutes',
	'roadMinutes',
	'roadNearest',
	'roadSecondMinutes',
	'roadSecond',
	'roadFallback'
] as const satisfies readonly (keyof PlaceTravel)[];

export interface TravelFileInput {
	result: TravelResult;
	tracts: { lat: ArrayLike<number>; lon: ArrayLike<number> };
}

export function encodeTravelFile({ result, tracts }: TravelFileInput): Uint8Array {
	if (!result.road) throw new Error('encodeTravelFile: the result has no road drive times (no road graph was set)');
	const t = result.tracts;
	const c = result.counties;
	const n = t.roadMinutes.length;
	return encodeTables({
		meta: [{ tracts: n, checksum: coordinateChecksum(tracts.lat, tracts.lon) }],
		centres: result.centres.map((x) => ({ id: x.id, lat: x.lat, lon: x.lon })),
		tracts: Array.from({ length: n }, (_, i) => ({ road_minutes: t.roadMinutes[i], road_nearest: t.roadNearest[i], road_fallback: t.roadFallback[i] })),
		counties: Array.from({ length: c.roadMinutes.length }, (_, i) => Object.fromEntries(PLACE_KEYS.map((k) => [k, c[k][i]])))
	});
}

export interface TravelFile {
	centres: CentrePoint[];
	/** the tract coordinates' checksum the file was computed for */
	checksum: number;
	tracts: Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadFallback'>;
	counties: PlaceTravel;
}

export function decodeTravelFile(bytes: ArrayBuffer | Uint8Array): TravelFile {
	const t = decodeTables(bytes);
	if (!t.meta || !t.centres || !t.tracts || !t.counties) throw new Error('Not a travel file of this app: rebuild with "npm run build".');
	const [meta] = t.meta.values('checksum') as number[];
	const ids = t.centres.values('id') as string[];
	const lat = t.centres.numeric('lat')!;
	const lon = t.centres.numeric('lon')!;
	const num = (tab: typeof t.tracts, k: string) => tab.numeric(k) ?? new Float64Array(tab.rows).fill(NaN);
	const int = (tab: typeof t.tracts, k: string) => Int32Array.from(num(tab, k));
	const counties = {
		straightKm: num(t.counties, 'straightKm'),
		straightNearest: int(t.counties, 'straightNearest'),
		straightSecondKm: num(t.counties, 'straightSecondKm'),
		straightSecond: int(t.counties, 'straightSecond'),
		calibratedMinutes: num(t.counties, 'calibratedMinutes'),
		roadMinutes: num(t.counties, 'roadMinutes'),
		roadNearest: int(t.counties, 'roadNearest'),
		roadSecondMinutes: num(t.counties, 'roadSecondMinutes'),
		roadSecond: int(t.counties, 'roadSecond'),
		roadFallback: Uint8Array.from(num(t.counties, 'roadFallback'))
	} satisfies PlaceTravel;
	return {
		centres: ids.map((id, i) => ({ id, lat: lat[i], lon: lon[i] })),
		checksum: meta,
		tracts: {
			roadMinutes: num(t.tracts, 'road_minutes'),
			roadNearest: int(t.tracts, 'road_nearest'),
			roadFallback: Uint8Array.from(num(t.tracts, 'road_fallback'))
		},
		counties
	};
}

/** True when the file was computed for exactly these centres (same ids, order and places). */
export function fileMatches(file: TravelFile, centres: readonly CentrePoint[], tracts: { lat: ArrayLike<number>; lon: ArrayLike<number> }): boolean {
	return (
		sameCentres(file.centres, centres) &&
		file.tracts.roadMinutes.length === tracts.lat.length &&
		file.checksum === coordinateChecksum(tracts.lat, tracts.lon)
	);
}

/** A place's road arrays; the straight-line and calibrated ones are computed when first read ({@link withLazyStraight}). */
export type RoadArrays = Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadFallback' | 'roadSecondMinutes' | 'roadSecond'>;

/**
 * A place travel whose straight-line and calibrated arrays come from `straight` (over the same places and
 * centres), called on the first read of one of them: a road view never reads them, so the page spends no
 * nearest-centre search on 85,000 tracts before its figures.
 */
export function withLazyStraight(road: RoadArrays, straight: () => PlaceTravel): PlaceTravel {
	let s: PlaceTravel | undefined;
	const st = () => (s ??= straight());
	return {
		get straightKm() {
			return st().straightKm;
		},
		get straightNearest() {
			return st().straightNearest;
		},
		get straightSecondKm() {
			return st().straightSecondKm;
		},
		get straightSecond() {
			return st().straightSecond;
		},
		get calibratedMinutes() {
			return st().calibratedMinutes;
		},
		roadMinutes: road.roadMinutes,
		roadNearest: road.roadNearest,
		roadFallback: road.roadFallback,
		roadSecondMinutes: road.roadSecondMinutes,
		roadSecond: road.roadSecond
	};
}

/** The tracts' straight-line and calibrated travel to these centres (a TravelEngine without a road graph). */
export function straightTravel(tracts: Places, centres: readonly CentrePoint[], calibration: Calibration): PlaceTravel {
	const none = { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] };
	return new TravelEngine({ tracts, counties: none, calibration }).compute([...centres]).tracts;
}

/**
 * The full travel result: the file's road values, with the tracts' straight-line and calibrated
 * values from `straight` (over the same places and centres: {@link straightTravel}), computed on
 * first read ({@link withLazyStraight}).
 */
export function travelFromFile(file: TravelFile, straight: () => PlaceTravel): TravelResult {
	const n = file.tracts.roadMinutes.length;
	const tracts = withLazyStraight(
		{
			...file.tracts,
			// not kept in the file (no view reads them for tracts); the worker's own result has them
			roadSecondMinutes: new Float64Array(n).fill(NaN),
			roadSecond: new Int32Array(n).fill(-1)
		},
		straight
	);
	return { centres: file.centres, tracts, counties: file.counties, road: true, timings: { file: 0 } };
}

/**
 * The file's full travel result for these places ({@link travelFromFile}; the straight-line values
 * are computed on first read), or null when the file was computed for other places. Whether its
 * centres are the view's is for the caller to check ({@link sameCentres} with `result.centres`).
 */
export function shippedTravel(bytes: ArrayBuffer | Uint8Array, tracts: Places, calibration: Calibration): TravelResult | null {
	return shippedTravelOf(decodeTravelFile(bytes), tracts, calibration);
}

/** {@link shippedTravel} of a file already read ({@link decodeTravelFile}: a page reads it as soon as it is downloaded). */
export function shippedTravelOf(file: TravelFile, tracts: Places, calibration: Calibration): TravelResult | null {
	if (!fileMatches(file, file.centres, tracts)) return null;
	return travelFromFile(file, () => straightTravel(tracts, file.centres, calibration));
}

/** Relative difference below which two travel values are the same computation's (see {@link alignRoadMinutes}). */
export const SAME_VALUE_TOLERANCE = 1e-9;

/**
 * `values` given `base`'s value wherever the two differ by less than {@link SAME_VALUE_TOLERANCE} (relative,
 * at least 1e-9 minutes): in place; returns how many it changed. NaN stays NaN.
 */
export function alignTo(values: Float64Array, base: ArrayLike<number>, tolerance = SAME_VALUE_TOLERANCE): number {
	if (values.length !== base.length) throw new RangeError(`alignTo: ${values.length} values against ${base.length}`);
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		const b = base[i];
		if (v !== b && Math.abs(v - b) <= tolerance * Math.max(1, Math.abs(b))) {
			values[i] = b;
			n++;
		}
	}
	return n;
}

/**
 * A what-if's road minutes (tracts and counties) aligned in place on the baseline's where they are the
 * same trip: this file was computed in Node at build time, and the browser's Math.sin, cos and asin
 * differ from Node's in the last bit for a few % of inputs (measured: 2-6 % of 200,000 arguments, Node
 * 20 against Chromium 156), so road minutes the travel worker computes differ from the file's by ~1e-14
 * at hundreds of places no centre change touched. Unaligned, each of those counts as a place that moved:
 * a what-if's equity and rankings then re-sort them too (every state, not the few a new centre reaches).
 * Returns how many values changed; 0 when the two are not for the same places or either lacks road minutes.
 */
export function alignRoadMinutes(result: TravelResult, baseline: TravelResult): number {
	if (!result.road || !baseline.road) return 0;
	let n = 0;
	for (const key of ['tracts', 'counties'] as const) {
		const v = result[key].roadMinutes;
		const b = baseline[key].roadMinutes;
		if (v.length === b.length) n += alignTo(v, b);
	}
	return n;
}
