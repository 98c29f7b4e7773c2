/**
 * How much "modelled eligible patients beyond the threshold" depends on the travel method and
 * the centre list: the headline figure recomputed under every method we offer, for every
 * centre-evidence filter, and under the published studies' county-level methods, as
 * `metrics/sensitivity` variants (share in percent) plus the patients beyond in each variant.
 * Pure: the caller passes straight-line km per place for each centre set (from
 * `metrics/nearest`), and the engine's road minutes for the view's own centre set.
 *
 * Thresholds: a minutes threshold is used as is; a miles threshold is read at 30 mph (× 2),
 * as the methods do (`metrics/travel-methods`). The straight-line-miles variant then uses the
 * minutes figure as miles (60 mph bracket), as on the planner page.
 */
import { weightBeyond, type Variant } from '$lib/metrics/sensitivity';
import { calibratedMinutes, type Calibration, type CensusRegion } from '$lib/metrics/drive-time/calibrated';
import { straightLineValues, type TravelUnit } from '$lib/metrics/travel-methods';

export interface CentreSetKm {
	/** e.g. "strong + moderate (167 centres)" */
	label: string;
	/** straight-line km to the set's nearest centre, per place (NaN = none) */
	km: ArrayLike<number>;
}

export interface EligibleVariant extends Variant {
	/** modelled eligible patients a year beyond the threshold (central parameters) */
	beyond: number;
}


function variant(method: string, centres: string, r: { beyond: number; known: number }, current = false): EligibleVariant {
	return { method, centres, share: r.known > 0 ? (100 * r.beyond) / r.known : NaN, beyond: r.known > 0 ? r.beyond : NaN, ...(current ? { current } : {}) };
}

export interface CountyPreset {
	/** county index (into the county arrays) of every place */
	countyOf: Int32Array;
	/** label of the centre set the county km belong to */
	label: string;
	/** straight-line km from each county's population centre to the set's nearest centre */
	km: ArrayLike<number>;
	/** road minutes from each county's centre for the view's centres (null until the road layer is ready) */
	roadMinutes: ArrayLike<number> | null;
}

export function eligibilityVariants({
	weight,
	include,
	sets,
	regions,
	calibration,
	threshold,
	unit,
	current,
	road,
	county
}: {
	/** modelled eligible patients a year per place (central) */
	weight: ArrayLike<number>;
	/** 1 for places in the region */
	include: ArrayLike<number>;
	sets: readonly CentreSetKm[];
	/** census region per place, for the calibrated model */
	regions: readonly (CensusRegion | null)[];
	calibration: Calibration;
	threshold: number;
	unit: TravelUnit;
	/** the view's own figure: its method label and values per place, at `threshold` in `unit` */
	current: { label: string; values: ArrayLike<number> };
	/** road minutes per place for the view's centres, or null before the road layer is ready */
	road: ArrayLike<number> | null;
	/** published county-level methods (ISPOR 2025: county centres at 30 mph; myeloma 2025: county drive time) */
	county?: CountyPreset;
}): EligibleVariant[] {
	const tMin = unit === 'minutes' ? threshold : threshold * 2;
	const at = (values: ArrayLike<number>, t = tMin) => weightBeyond({ values, weight, include, threshold: t });
	const out: EligibleVariant[] = [];
	for (const s of sets) {
		out.push(variant('Straight line at 30 mph', s.label, at(straightLineValues({ method: 'straight_30mph', km: s.km }))));
		out.push(variant(`Straight line, ${tMin} miles (60 mph bracket)`, s.label, at(straightLineValues({ method: 'straight_miles', km: s.km }))));
		const cal = new Float64Array(s.km.length);
		for (let i = 0; i < cal.length; i++) cal[i] = Number.isFinite(s.km[i]) ? calibratedMinutes(calibration, s.km[i], regions[i]) : NaN;
		out.push(variant('Calibrated drive time', s.label, at(cal)));
	}
	if (road) out.push(variant('Drive time on roads', 'this view’s centres', at(road)));
	if (county) {
		// every place takes its county's value: the whole county is beyond or not
		const perPlace = (v: ArrayLike<number>) => Float64Array.from(county.countyOf, (c) => (c >= 0 ? v[c] : NaN));
		const countyMinutes = straightLineValues({ method: 'straight_30mph', km: county.km });
		out.push(variant('ISPOR 2025 method (county centres, straight line at 30 mph)', county.label, at(perPlace(countyMinutes))));
		if (county.roadMinutes) out.push(variant('Myeloma 2025 study method (county centres, drive time)', 'this view’s centres', at(perPlace(county.roadMinutes))));
	}
	out.push(variant(current.label, 'this view’s centres', weightBeyond({ values: current.values, weight, include, threshold }), true));
	return out;
}
