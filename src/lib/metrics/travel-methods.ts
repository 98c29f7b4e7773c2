/**
 * Travel-burden methods as presets: what a per-origin travel value means, its unit, and the
 * thresholds offered by default.
 *
 * Why 120 minutes: the CAR-T product labels ask patients to stay close to the treating centre
 * after infusion (four weeks until June 2025, two weeks since: FDA Safety Communication,
 * "FDA Eliminates Risk Evaluation and Mitigation Strategies (REMS) for Autologous Chimeric
 * Antigen Receptor CAR T cell Immunotherapies", 26 June 2025), and published access studies
 * read "close" as within 120 minutes: Mendoza & Romanko, "Barriers to CAR-T Therapy Access in
 * the U.S.: A County-Level Analysis of Proximity and Sociodemographic Factors", ISPOR 2025
 * poster ("It is necessary for patients to reside within 120 min of the treatment center").
 *
 * Why 60 minutes: the first drive-time band of the myeloma CAR-T geospatial abstract quoted in
 * the centres PROVENANCE §5 (zones 0-1 h, 1-2 h, 2-5 h, > 5 h from each county centroid to the
 * nearest ide-cel or cilta-cel centre, April 2025 centre lists).
 *
 * Straight line at 30 mph: Mendoza & Romanko (ISPOR 2025) convert straight-line distance to
 * time "assuming the average one-way commute time ... to be approximately 30 miles per hour",
 * so 120 minutes ≈ 60 miles. `straight_30mph` reproduces that method.
 *
 * Straight-line miles: offered with thresholds of 60 and 120 miles. 60 miles is the distance
 * that Mendoza & Romanko equate with 120 minutes; 120 miles is what 120 minutes covers at
 * 60 mph, an upper bracket for mostly-highway trips. This second figure is our bracketing
 * choice, not a published cut-off.
 *
 * Distance bands (`DISTANCE_BANDS`): the minute bands are the myeloma abstract's (0-1, 1-2,
 * 2-5, > 5 h); the mile bands are the same bands under the 30 mph conversion (30, 60, 150 mi).
 */
import { formatNumber } from '$lib/copy/format';
import { KM_PER_MILE } from './distance';

export type Method = 'road' | 'calibrated' | 'straight_30mph' | 'straight_miles';
export type TravelUnit = 'minutes' | 'miles';

export const METHODS = ['road', 'calibrated', 'straight_30mph', 'straight_miles'] as const satisfies readonly Method[];

/** Default straight-line speed (Mendoza & Romanko, ISPOR 2025: "approximately 30 miles per hour"). */
export const DEFAULT_SPEED_MPH = 30;

export interface MethodInfo {
	id: Method;
	label: string;
	/** one-line description for the method picker and the methodology page */
	description: string;
	unit: TravelUnit;
	/** the two thresholds offered by default, smaller first */
	thresholds: readonly [number, number];
	/** the threshold used for headline figures */
	defaultThreshold: number;
	/** true when the value is a function of straight-line km only (see `straightLineValues`) */
	straightLine: boolean;
	/** where the method comes from */
	citation: string;
}

const ISPOR_2025 =
	'Mendoza SL, Romanko M. Barriers to CAR-T Therapy Access in the U.S.: A County-Level Analysis of Proximity and Sociodemographic Factors. ISPOR 2025, poster session 1.';

export const METHOD_INFO: Record<Method, MethodInfo> = {
	road: {
		id: 'road',
		label: 'Drive time on roads',
		description: 'Shortest drive time over the road network from each place to the nearest centre.',
		unit: 'minutes',
		thresholds: [60, 120],
		defaultThreshold: 120,
		straightLine: false,
		citation: 'Road network and speeds: see the drive-time methodology (src/lib/metrics/drive-time).'
	},
	calibrated: {
		id: 'calibrated',
		label: 'Drive time, calibrated estimate',
		description: 'Drive time estimated from straight-line distance by a model fitted to road drive times.',
		unit: 'minutes',
		thresholds: [60, 120],
		defaultThreshold: 120,
		straightLine: false,
		citation: 'Calibration: see the drive-time methodology (src/lib/metrics/drive-time).'
	},
	straight_30mph: {
		id: 'straight_30mph',
		label: 'Straight line at 30 mph',
		description: 'Straight-line distance converted to time at 30 miles per hour, as in Mendoza & Romanko (ISPOR 2025).',
		unit: 'minutes',
		thresholds: [60, 120],
		defaultThreshold: 120,
		straightLine: true,
		citation: ISPOR_2025
	},
	straight_miles: {
		id: 'straight_miles',
		label: 'Straight-line distance',
		description: 'Great-circle distance in miles to the nearest centre.',
		unit: 'miles',
		thresholds: [60, 120],
		defaultThreshold: 60,
		straightLine: true,
		citation: `60 miles ≈ 120 minutes at 30 mph (${ISPOR_2025}); 120 miles is our upper bracket (120 minutes at 60 mph).`
	}
};

export function isMethod(x: unknown): x is Method {
	return typeof x === 'string' && (METHODS as readonly string[]).includes(x);
}

/** Minutes to cover `km` in a straight line at `mph`. */
export function straightLineMinutes({ km, mph = DEFAULT_SPEED_MPH }: { km: number; mph?: number }): number {
	if (!(mph > 0)) throw new RangeError(`mph must be a positive speed, got ${mph}`);
	return (km / KM_PER_MILE / mph) * 60;
}

/**
 * Per-origin straight-line km → the method's value (minutes at `mph`, or miles). null, NaN and
 * negative km become NaN (unknown). Throws for methods that are not straight-line based: their
 * values come from the drive-time engine, not from km.
 */
export function straightLineValues({
	method,
	km,
	mph = DEFAULT_SPEED_MPH
}: {
	method: Method;
	km: ArrayLike<number | null>;
	mph?: number;
}): Float64Array {
	const info = METHOD_INFO[method];
	if (!info?.straightLine) {
		throw new Error(`method "${method}" is not straight-line based; take its values from the drive-time engine instead`);
	}
	if (!(mph > 0)) throw new RangeError(`mph must be a positive speed, got ${mph}`);
	const factor = method === 'straight_miles' ? 1 / KM_PER_MILE : 60 / (KM_PER_MILE * mph);
	const out = new Float64Array(km.length);
	for (let i = 0; i < km.length; i++) {
		const v = km[i];
		out[i] = v == null || !(v >= 0) ? NaN : v * factor;
	}
	return out;
}

export interface Band {
	/** lower bound, exclusive except for the first band (which starts at 0 inclusive) */
	from: number;
	/** upper bound, inclusive; Infinity for the last band */
	to: number;
	label: string;
}

/** Bands per unit (sources in the module comment). Bounds are inclusive above, like thresholds. */
export const DISTANCE_BANDS: Record<TravelUnit, readonly Band[]> = {
	minutes: [
		{ from: 0, to: 60, label: 'Up to 1 hour' },
		{ from: 60, to: 120, label: '1 to 2 hours' },
		{ from: 120, to: 300, label: '2 to 5 hours' },
		{ from: 300, to: Infinity, label: 'More than 5 hours' }
	],
	miles: [
		{ from: 0, to: 30, label: 'Up to 30 miles' },
		{ from: 30, to: 60, label: '30 to 60 miles' },
		{ from: 60, to: 150, label: '60 to 150 miles' },
		{ from: 150, to: Infinity, label: 'More than 150 miles' }
	]
};

/**
 * Index of the band holding `value` (a value equal to a bound falls in the lower band, so a
 * value is "beyond" a bound exactly when `beyondThreshold` says so); -1 for unknown values.
 */
export function bandIndex({ value, bands }: { value: number | null; bands: readonly Band[] }): number {
	if (value == null || !(value >= 0)) return -1;
	for (let b = 0; b < bands.length; b++) if (value <= bands[b].to) return b;
	return bands.length - 1;
}

/** "2 hours", "90 minutes", "60 miles": a threshold in words for sentences. */
export function formatThreshold({ value, unit }: { value: number; unit: TravelUnit }): string {
	if (unit === 'miles') return `${fmt(value)} ${value === 1 ? 'mile' : 'miles'}`;
	if (value >= 60 && value % 60 === 0) return `${value / 60} ${value === 60 ? 'hour' : 'hours'}`;
	return `${fmt(value)} ${value === 1 ? 'minute' : 'minutes'}`;
}

function fmt(v: number): string {
	return formatNumber(v, 1); // a cached formatter: toLocaleString with options builds one per call
}
