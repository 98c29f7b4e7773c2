/**
 * Coverage sets for the site planner (maximal covering location): for each candidate site,
 * the places it would bring within the threshold that are beyond it today.
 *
 * A travel model turns great-circle km into the method's value (minutes or miles):
 * - straight line: value = km × factor (monotone, so "within" is a disc of radius T / factor);
 * - calibrated: minutes = km × circuity / speed × 60 with a circuity and speed per distance band
 *   and Census region (metrics/drive-time/calibrated). Per band it is linear, but it can step
 *   down at a band edge, so it is not monotone in km. `reachKm` is therefore the largest km at
 *   which any band still gives a value ≤ T, and every place inside that radius is checked
 *   exactly with the model.
 *
 * A candidate covers place i when its value ≤ T and place i is beyond T today (NaN today = no
 * centre at all = beyond). With `closerThanCurrent` (the calibrated method) it must also be
 * nearer in a straight line than today's nearest centre, because the travel engine applies the
 * calibration to the straight-line nearest centre; then coverage is exactly what the engine
 * would report after adding the site.
 *
 * Search: the places beyond reach are bucketed in a lat/lon grid once; each candidate scans the
 * cells overlapping its reach box. Cost O(candidates × places in reach), no per-pair work
 * outside the box.
 */
import { cosLat, EARTH_RADIUS_KM, greatCircleKmCos } from '$lib/metrics/distance';
import { calibratedMinutes, calibratedMinutesTable, censusRegionOfState, type Calibration, type CensusRegion } from '$lib/metrics/drive-time/calibrated';

export type TravelModel =
	/** value = km × factor (minutes at a speed, or miles) */
	| { kind: 'straight'; factor: number }
	| { kind: 'calibrated'; calibration: Calibration };

export interface PlannerPlaces {
	lat: ArrayLike<number>;
	lon: ArrayLike<number>;
	stateFips: readonly string[];
}

export interface CoverageInput {
	places: PlannerPlaces;
	/** today's value per place under the method (NaN = no centre) */
	current: ArrayLike<number>;
	/** today's straight-line km to the nearest centre (needed with closerThanCurrent) */
	currentKm?: ArrayLike<number>;
	/** 1 = the place counts (region, weight > 0); absent = every place */
	include?: ArrayLike<number>;
	candidates: readonly { lat: number; lon: number }[];
	threshold: number;
	model: TravelModel;
	closerThanCurrent?: boolean;
	/** called every `progressEvery` candidates with the fraction done */
	onProgress?: (fraction: number) => void;
	progressEvery?: number;
}

/** Candidate → places (indices into `places`) in CSR form. */
export interface Coverage {
	/** items of candidate c are items[start[c] .. start[c + 1]) */
	start: Int32Array;
	items: Int32Array;
	/** places beyond the threshold today that were considered */
	beyond: Int32Array;
}

const KM_PER_DEG = 111.195;
/** Grid cell size in degrees (about 55 km north-south): small against a 100+ km reach. */
const CELL_DEG = 0.5;

/** The travel model's value for `km` (region used by the calibrated model). */
export function modelValue(model: TravelModel, km: number, region: CensusRegion | null): number {
	return model.kind === 'straight' ? km * model.factor : calibratedMinutes(model.calibration, km, region);
}

/** Largest km whose value can be ≤ threshold (see the module comment). */
export function reachKm(model: TravelModel, threshold: number, region: CensusRegion | null): number {
	if (!(threshold >= 0)) return 0;
	if (model.kind === 'straight') return threshold / model.factor;
	const edges = model.calibration.bandsKm;
	let best = 0;
	for (let b = 0; b < edges.length; b++) {
		const lo = edges[b];
		const hi = b + 1 < edges.length ? edges[b + 1] : Infinity;
		// minutes are linear in km within a band: minutes = km × slope
		const x = Number.isFinite(hi) ? (lo + hi) / 2 : lo + 1;
		const slope = calibratedMinutes(model.calibration, x, region) / x;
		const atThreshold = threshold / slope;
		if (atThreshold >= lo) best = Math.max(best, Math.min(atThreshold, hi));
	}
	// guard against rounding at the edge: the exact check decides
	return best * (1 + 1e-9) + 1e-9;
}

export function buildCoverage(input: CoverageInput): Coverage {
	const { places, current, candidates, threshold, model } = input;
	const n = places.lat.length;
	const regions = places.stateFips.map((s) => censusRegionOfState(s));
	// the model's value per pair (the calibrated cells resolved once: same arithmetic as modelValue)
	const table = model.kind === 'calibrated' ? calibratedMinutesTable(model.calibration) : null;
	const factor = model.kind === 'straight' ? model.factor : 0;
	const beyondList: number[] = [];
	for (let i = 0; i < n; i++) {
		if (input.include && !input.include[i]) continue;
		const v = current[i];
		if (Number.isFinite(v) && v <= threshold) continue;
		if (!Number.isFinite(places.lat[i]) || !Number.isFinite(places.lon[i])) continue;
		beyondList.push(i);
	}
	const beyond = Int32Array.from(beyondList);
	// grid over the places beyond reach (CSR by cell key)
	const cellOf = (lat: number, lon: number) => [Math.floor(lat / CELL_DEG), Math.floor(lon / CELL_DEG)] as const;
	const buckets = new Map<number, number[]>();
	const key = (r: number, c: number) => r * 4096 + (c + 2048);
	for (const i of beyond) {
		const [r, c] = cellOf(places.lat[i], places.lon[i]);
		const k = key(r, c);
		let b = buckets.get(k);
		if (!b) buckets.set(k, (b = []));
		b.push(i);
	}
	let maxReach = 0;
	for (const r of [null, 'Northeast', 'Midwest', 'South', 'West'] as (CensusRegion | null)[]) maxReach = Math.max(maxReach, reachKm(model, threshold, r));

	// unit vectors: a squared chord comparison rejects far places without trigonometry
	const RAD = Math.PI / 180;
	const px = new Float64Array(n);
	const py = new Float64Array(n);
	const pz = new Float64Array(n);
	const pcos = new Float64Array(n);
	for (const i of beyond) {
		pcos[i] = cosLat(places.lat[i]);
		const la = places.lat[i] * RAD;
		const lo = places.lon[i] * RAD;
		px[i] = Math.cos(la) * Math.cos(lo);
		py[i] = Math.cos(la) * Math.sin(lo);
		pz[i] = Math.sin(la);
	}
	const maxChord = 2 * Math.sin(Math.min(Math.PI, maxReach / EARTH_RADIUS_KM) / 2);
	const maxChord2 = maxChord * maxChord * (1 + 1e-12);
	const start = new Int32Array(candidates.length + 1);
	const items: number[] = [];
	const every = input.progressEvery ?? 250;
	const useCloser = !!input.closerThanCurrent;
	for (let c = 0; c < candidates.length; c++) {
		start[c] = items.length;
		const { lat, lon } = candidates[c];
		if (Number.isFinite(lat) && Number.isFinite(lon) && maxReach >= 0) {
			const dLat = maxReach / KM_PER_DEG;
			const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
			const dLon = Math.min(180, maxReach / (KM_PER_DEG * Math.max(cos, 1e-6)));
			const [r0, c0] = cellOf(lat - dLat, lon - dLon);
			const [r1, c1] = cellOf(lat + dLat, lon + dLon);
			const cx = Math.cos(lat * RAD) * Math.cos(lon * RAD);
			const cy = Math.cos(lat * RAD) * Math.sin(lon * RAD);
			const cz = Math.sin(lat * RAD);
			const ccos = cosLat(lat);
			for (let r = r0; r <= r1; r++) {
				for (let cc = c0; cc <= c1; cc++) {
					const b = buckets.get(key(r, cc));
					if (!b) continue;
					for (const i of b) {
						const dx = px[i] - cx;
						const dy = py[i] - cy;
						const dz = pz[i] - cz;
						if (dx * dx + dy * dy + dz * dz > maxChord2) continue;
						const km = greatCircleKmCos(lat, lon, ccos, places.lat[i], places.lon[i], pcos[i]);
						if (km > maxReach) continue;
						if (useCloser && input.currentKm && Number.isFinite(input.currentKm[i]) && km >= input.currentKm[i]) continue;
						if ((table ? table(km, regions[i]) : km * factor) <= threshold) items.push(i);
					}
				}
			}
		}
		if (input.onProgress && (c + 1) % every === 0) input.onProgress((c + 1) / candidates.length);
	}
	start[candidates.length] = items.length;
	return { start, items: Int32Array.from(items), beyond };
}

/** The places of one candidate. */
export function coverageOf(cov: Coverage, c: number): Int32Array {
	return cov.items.subarray(cov.start[c], cov.start[c + 1]);
}

/** Coverage from explicit sets (tests, brute force, road re-scoring). */
export function coverageFromSets(sets: readonly (readonly number[])[]): Coverage {
	const start = new Int32Array(sets.length + 1);
	const items: number[] = [];
	sets.forEach((s, c) => {
		start[c] = items.length;
		items.push(...s);
	});
	start[sets.length] = items.length;
	return { start, items: Int32Array.from(items), beyond: Int32Array.from(new Set(items)) };
}
