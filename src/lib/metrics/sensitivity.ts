/**
 * Method sensitivity: one headline figure (share of people beyond a threshold) under every
 * method and centre-evidence filter we offer, and the published presets, so a page can show
 * how far the answer moves with the assumptions. Pure; used by the dashboard's equity panel,
 * the comparison page, the equity embed and the planner.
 *
 * Variants, for each evidence filter's centre set (strong only; strong + moderate; all):
 * - straight line at 30 mph, at the view's threshold in minutes (a miles threshold is read at
 *   30 mph: 60 miles = 120 minutes, as Mendoza & Romanko equate them);
 * - straight-line miles at the same number of miles as minutes (what those minutes cover at
 *   60 mph: the upper bracket of `travel-methods`);
 * - calibrated drive time (the calibration applied to the straight-line nearest centre, as the
 *   travel engine does);
 * - drive time on roads, when the road network is loaded (the engine's road minutes, with its
 *   calibrated fallback where roads connect to no centre).
 * Plus the view's own figure (its method, threshold, centre filter and what-if), marked current.
 */
import { argsortStable, isKnown, upperBound } from './equity';
import { calibratedMinutes, censusRegionOfState, type Calibration } from './drive-time/calibrated';
import { straightLineValues, type TravelUnit } from './travel-methods';
import type { CentreFilter } from '$lib/queries/centre-filter';
export interface Variant {
	/** e.g. "Straight line at 30 mph" */
	method: string;
	/** e.g. "strong + moderate (167 centres)" */
	centres: string;
	/** percent (NaN = not available yet) */
	share: number;
	/** true for the variant the page headline uses */
	current?: boolean;
}

/**
 * Weight beyond the threshold and weight with a known value. Unknown = null, NaN or ±Infinity,
 * as in `metrics/equity` (so a range's figure for the view's own method equals the headline's).
 */
export function weightBeyond({
	values,
	weight,
	include,
	threshold
}: {
	values: ArrayLike<number>;
	weight: ArrayLike<number>;
	include?: ArrayLike<number>;
	threshold: number;
}): { beyond: number; known: number } {
	let known = 0;
	let beyond = 0;
	for (let i = 0; i < values.length; i++) {
		if (include && !include[i]) continue;
		const w = weight[i];
		if (!(w > 0)) continue;
		const v = values[i];
		if (v == null || !Number.isFinite(v)) continue;
		known += w;
		if (v > threshold) beyond += w;
	}
	return { beyond, known };
}

/** Share (percent) of weight whose value is beyond the threshold; unknown values are left out ({@link weightBeyond}). */
export function shareBeyond(p: Parameters<typeof weightBeyond>[0]): number {
	const { beyond, known } = weightBeyond(p);
	return known > 0 ? (100 * beyond) / known : NaN;
}

/**
 * One series's known values in ascending order with their cumulative weight: the share beyond any
 * threshold is then a binary search ({@link shareBeyondPrepared}), not a pass over every place. The
 * same places count as in {@link weightBeyond} (weight > 0, known value, included).
 */
export interface PreparedSeries {
	readonly sorted: Float64Array;
	/** cum[k] = weight of the first k places in `sorted` */
	readonly cum: Float64Array;
}

export function prepareSeries({ values, weight, include }: { values: ArrayLike<number>; weight: ArrayLike<number>; include?: ArrayLike<number> }): PreparedSeries {
	const rows: number[] = [];
	for (let i = 0; i < values.length; i++) {
		if (include && !include[i]) continue;
		if (!(weight[i] > 0)) continue;
		if (isKnown(values[i])) rows.push(i);
	}
	const keys = Float64Array.from(rows, (i) => values[i]);
	const perm = argsortStable(keys);
	const sorted = new Float64Array(rows.length);
	const cum = new Float64Array(rows.length + 1);
	for (let k = 0; k < rows.length; k++) {
		sorted[k] = keys[perm[k]];
		cum[k + 1] = cum[k] + weight[rows[perm[k]]];
	}
	return { sorted, cum };
}

/** {@link shareBeyond} of a prepared series. */
export function shareBeyondPrepared(p: PreparedSeries, threshold: number): number {
	const { sorted, cum } = p;
	const known = cum[sorted.length];
	return known > 0 ? (100 * (known - cum[upperBound(sorted, threshold)])) / known : NaN;
}

export interface Range {
	min: number;
	max: number;
	/** max − min, percentage points */
	spread: number;
	/** variants with a value */
	count: number;
}

export function variantRange(variants: readonly Variant[]): Range {
	const xs = variants.map((v) => v.share).filter((x) => Number.isFinite(x));
	if (!xs.length) return { min: NaN, max: NaN, spread: NaN, count: 0 };
	const min = Math.min(...xs);
	const max = Math.max(...xs);
	return { min, max, spread: max - min, count: xs.length };
}

/** The evidence filters of the range (product and "served" filters off). */
export const EVIDENCE_VARIANTS: readonly { id: string; label: string; filter: CentreFilter }[] = [
	{ id: 'strong', label: 'strong evidence', filter: { evidence: ['strong'], served: [], products: [] } },
	{ id: 'strong_moderate', label: 'strong + moderate', filter: { evidence: ['strong', 'moderate'], served: [], products: [] } },
	{ id: 'all', label: 'all evidence levels', filter: { evidence: ['strong', 'moderate', 'weak'], served: [], products: [] } }
];

/**
 * The centre lists the range runs over: the three evidence levels, or a user's own list alone
 * (it has no evidence levels: its one set stands for all three).
 */
export function centreListVariants(ownSet: string | null): readonly { id: string; label: string; filter: CentreFilter }[] {
	return ownSet != null ? [{ id: 'own', label: `your list "${ownSet}"`, filter: EVIDENCE_VARIANTS[0].filter }] : EVIDENCE_VARIANTS;
}

/** Travel to the nearest centre of one centre set, per place (row order of the population). */
export interface CentreSetTravel {
	/** e.g. "strong evidence (98 centres)" */
	label: string;
	/** great-circle km to the nearest centre (NaN: no centre) */
	straightKm: ArrayLike<number>;
	/** road minutes (engine's, with its calibrated fallback); null when the road network is not loaded */
	roadMinutes: ArrayLike<number> | null;
}

type Kind = 'straight_30mph' | 'miles_60mph' | 'calibrated' | 'road';

/** Threshold-independent values of every variant (compute once per set of travel results). */
export interface VariantSeries {
	kind: Kind;
	centres: string;
	values: Float64Array | ArrayLike<number>;
}

export function variantSeries({
	sets,
	calibration,
	stateFips
}: {
	sets: readonly CentreSetTravel[];
	calibration: Calibration;
	/** 2-digit state FIPS per place (Census region of the calibrated model) */
	stateFips: readonly string[];
}): VariantSeries[] {
	const regions = stateFips.map((s) => censusRegionOfState(s));
	const out: VariantSeries[] = [];
	for (const s of sets) {
		const km = s.straightKm;
		out.push({ kind: 'straight_30mph', centres: s.label, values: straightLineValues({ method: 'straight_30mph', km }) });
		out.push({ kind: 'miles_60mph', centres: s.label, values: straightLineValues({ method: 'straight_miles', km }) });
		out.push({ kind: 'calibrated', centres: s.label, values: Float64Array.from({ length: km.length }, (_, i) => (Number.isFinite(km[i]) ? calibratedMinutes(calibration, km[i], regions[i]) : NaN)) });
		if (s.roadMinutes) out.push({ kind: 'road', centres: s.label, values: s.roadMinutes });
	}
	return out;
}

/** Minutes a threshold stands for: itself, or miles read at 30 mph (2 minutes a mile). */
export function thresholdMinutes(threshold: number, unit: TravelUnit): number {
	return unit === 'minutes' ? threshold : threshold * 2;
}

function methodLabel(kind: Kind, minutes: number): string {
	if (kind === 'straight_30mph') return `Straight line at 30 mph, ${minutes} minutes`;
	if (kind === 'miles_60mph') return `Straight line, ${minutes} miles (${minutes} minutes at 60 mph)`;
	if (kind === 'calibrated') return `Calibrated drive time, ${minutes} minutes`;
	return `Drive time on roads, ${minutes} minutes`;
}

/**
 * Every variant's share beyond the threshold for one weight (a group's people) and region,
 * plus the view's own figure (`current`), which is listed last and marked.
 */
export function variantsAt({
	series,
	weight,
	include,
	threshold,
	unit,
	current,
	prepared
}: {
	series: readonly VariantSeries[];
	weight: ArrayLike<number>;
	include?: ArrayLike<number>;
	threshold: number;
	unit: TravelUnit;
	/**
	 * with `share` (percent, NaN when unknown), a figure the caller already has for these values, weight and
	 * `include` (the equity panel's); else with `prepared` ({@link prepareSeries} of its values, same weight
	 * and `include`), a binary search too
	 */
	current?: { label: string; values: ArrayLike<number>; prepared?: PreparedSeries; share?: number } | null;
	/** the series prepared for this weight and `include` ({@link prepareSeries}, same order): a drag of the threshold then costs a binary search per series */
	prepared?: readonly PreparedSeries[];
}): Variant[] {
	const minutes = thresholdMinutes(threshold, unit);
	const out: Variant[] = series.map((s, i) => ({
		method: methodLabel(s.kind, minutes),
		centres: s.centres,
		share: prepared ? shareBeyondPrepared(prepared[i], minutes) : shareBeyond({ values: s.values, weight, include, threshold: minutes })
	}));
	if (current) {
		const share =
			current.share ??
			(current.prepared ? shareBeyondPrepared(current.prepared, threshold) : shareBeyond({ values: current.values, weight, include, threshold }));
		out.push({ method: current.label, centres: 'this view’s centres', share, current: true });
	}
	return out;
}

/** "from 21.3 % to 35.0 %" style summary of a range; null when nothing is known yet. */
export function rangeWords(r: Range): string | null {
	if (!r.count) return null;
	return r.min === r.max ? `${r.min.toFixed(1)} %` : `${r.min.toFixed(1)} % to ${r.max.toFixed(1)} %`;
}
