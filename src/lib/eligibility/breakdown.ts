/**
 * Where the modelled eligible patients beyond the threshold are: per county, and per
 * population group. Pure; inputs are the per-place weights of `model.ts` (`ageWeights`), one
 * travel value per place (null / NaN = unknown, left out of every figure but `eligible`), and
 * for groups the `Population` of `metrics/equity.ts` built over the same rows.
 *
 * Beyond = strictly greater than the threshold, as everywhere else.
 *
 * Groups: the data carry no patients by group, only people by group per place. The assumption,
 * stated on the page and on the methodology page: **within a place (tract), modelled patients
 * are split in proportion to each group's share of its population** (households for the
 * no-vehicle groups; the whole place for categorical groups such as rural, SVI quartile, income
 * quintile and Medicaid expansion, which are county attributes). With age structure on, the
 * 65+ and under-65 groups take the age model's own split instead (`AgeWeights.age65`).
 */
import { BOUNDS, type AgeWeights, type Bounds, type WeightKey } from './model';
import type { DiseaseId } from './parameters';
import { regionMask, type Family, type GroupId, type Population, type Region } from '$lib/metrics/equity';

/** 50 states + DC: state FIPS 01-56 (Puerto Rico, 72, is outside), as `metrics/equity` `regionMask`. */
const inNation = (fips: string) => {
	const n = Number(fips);
	return n >= 1 && n <= 56;
};
const isKnown = (t: number | null | undefined): t is number => t != null && Number.isFinite(t);

export interface CountyEligible {
	county_fips: string;
	state_fips: string;
	/** every modelled eligible patient a year in the county */
	eligible: Bounds;
	/** of those, with a known travel value */
	known: Bounds;
	/** of the known, beyond the threshold */
	beyond: Bounds;
	/** beyond / known at the central bound; null when known is 0 */
	share: number | null;
}

/**
 * Per county (of the rows' `county_fips`, one state's, or with `state_fips` null the nation's:
 * 50 states + DC, as `metrics/equity` regions, so Puerto Rico, which has no estimates, is left
 * out): modelled eligible patients a year, and those beyond the threshold. Sorted by beyond
 * (central), largest first, then FIPS.
 */
export function countyBreakdown({
	weights,
	rows,
	travel,
	threshold,
	disease,
	state_fips = null
}: {
	weights: Record<WeightKey, Float64Array>;
	rows: readonly { county_fips: string; state_fips: string }[];
	travel: ArrayLike<number | null>;
	threshold: number;
	disease: DiseaseId | 'total';
	state_fips?: string | null;
}): CountyEligible[] {
	if (travel.length !== rows.length) throw new RangeError(`travel has ${travel.length} values for ${rows.length} places; pass one per place, in row order`);
	const [wl, wc, wh] = BOUNDS.map((b) => weights[`${disease}:${b}`]);
	// county index per place, then sums in flat arrays: 9 per county (eligible, known, beyond × low, central, high)
	const index = new Map<string, number>();
	const meta: { county_fips: string; state_fips: string }[] = [];
	const of = new Int32Array(rows.length).fill(-1);
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		if (state_fips != null ? r.state_fips !== state_fips : !inNation(r.state_fips)) continue;
		let c = index.get(r.county_fips);
		if (c === undefined) {
			index.set(r.county_fips, (c = meta.length));
			meta.push({ county_fips: r.county_fips, state_fips: r.state_fips });
		}
		of[i] = c;
	}
	const sums = new Float64Array(meta.length * 9);
	for (let i = 0; i < rows.length; i++) {
		const c = of[i];
		if (c < 0) continue;
		const o = c * 9;
		const l = wl[i];
		const m = wc[i];
		const h = wh[i];
		sums[o] += l;
		sums[o + 1] += m;
		sums[o + 2] += h;
		const t = travel[i];
		if (!isKnown(t)) continue;
		sums[o + 3] += l;
		sums[o + 4] += m;
		sums[o + 5] += h;
		if (t > threshold) {
			sums[o + 6] += l;
			sums[o + 7] += m;
			sums[o + 8] += h;
		}
	}
	const bounds = (o: number): Bounds => ({ low: sums[o], central: sums[o + 1], high: sums[o + 2] });
	const acc = meta.map((m, c) => ({ ...m, eligible: bounds(c * 9), known: bounds(c * 9 + 3), beyond: bounds(c * 9 + 6), share: null as number | null }));
	const out: CountyEligible[] = acc;
	for (const c of out) c.share = c.known.central > 0 ? c.beyond.central / c.known.central : null;
	return out.sort((a, b) => b.beyond.central - a.beyond.central || a.county_fips.localeCompare(b.county_fips));
}

export interface GroupEligible {
	id: GroupId;
	family: Family;
	/** modelled eligible patients a year in the group with a known travel value */
	known: Bounds;
	/** of those, beyond the threshold */
	beyond: Bounds;
	/** beyond / known at the central bound; null when known is 0 */
	share: number | null;
	/** how the group's patients were placed: 'age model' or 'population share' */
	split: 'age model' | 'population share';
}

/**
 * Per population group (every group of `population.groups` except the total), modelled eligible
 * patients a year with a known travel value and beyond the threshold, in the region. A place's
 * patients go to a group by the group's share of the place's people (or households); see the
 * module comment. `age` (optional): the age model's 65+ part per place, used for the age groups.
 */
export function groupBreakdown({
	population,
	weights,
	age,
	travel,
	threshold,
	disease,
	region = { kind: 'nation' }
}: {
	population: Population;
	weights: Record<WeightKey, Float64Array>;
	age?: AgeWeights['age65'];
	travel: ArrayLike<number | null>;
	threshold: number;
	disease: DiseaseId | 'total';
	region?: Region;
}): GroupEligible[] {
	const { n, groups } = population;
	if (travel.length !== n) throw new RangeError(`travel has ${travel.length} values but the population has ${n} rows; pass one per row, in row order`);
	const idx = (id: GroupId) => groups.findIndex((g) => g.id === id);
	const iAll = idx('all');
	const iNoVeh = idx('no_vehicle_hh');
	const iVeh = idx('vehicle_hh');
	if (iAll < 0) throw new RangeError('the population needs the "all" group (total population) to split patients by group');
	const mask = regionMask(population, region);
	const [wl, wc, wh] = BOUNDS.map((b) => weights[`${disease}:${b}`]);
	const w65 = age ? BOUNDS.map((b) => age[`${disease}:${b}`]) : null;
	// places in the region with a known travel value, and whether each is beyond
	const keep: number[] = [];
	for (let i = 0; i < n; i++) if (mask[i] && isKnown(travel[i])) keep.push(i);
	const far = Uint8Array.from(keep, (i) => ((travel[i] as number) > threshold ? 1 : 0));
	const all = population.weight[iAll];
	const households = iNoVeh >= 0 && iVeh >= 0 ? population.weight[iNoVeh].map((x, i) => x + population.weight[iVeh][i]) : null;
	const out: GroupEligible[] = [];
	for (let g = 0; g < groups.length; g++) {
		const def = groups[g];
		if (def.id === 'all') continue;
		const ageGroup = !!w65 && (def.id === 'age65' || def.id === 'under65');
		const older = def.id === 'age65';
		const gw = population.weight[g];
		const denom = def.unit === 'households' ? households : all;
		let kl = 0;
		let kc = 0;
		let kh = 0;
		let bl = 0;
		let bc = 0;
		let bh = 0;
		for (let p = 0; p < keep.length; p++) {
			const i = keep[p];
			let xl: number;
			let xc: number;
			let xh: number;
			if (ageGroup) {
				const ol = w65![0][i];
				const oc = w65![1][i];
				const oh = w65![2][i];
				xl = older ? ol : Math.max(0, wl[i] - ol);
				xc = older ? oc : Math.max(0, wc[i] - oc);
				xh = older ? oh : Math.max(0, wh[i] - oh);
			} else {
				const d = denom ? denom[i] : 0;
				if (!(d > 0)) continue;
				const frac = Math.min(1, gw[i] / d);
				if (!(frac > 0)) continue;
				xl = wl[i] * frac;
				xc = wc[i] * frac;
				xh = wh[i] * frac;
			}
			kl += xl;
			kc += xc;
			kh += xh;
			if (far[p]) {
				bl += xl;
				bc += xc;
				bh += xh;
			}
		}
		out.push({
			id: def.id,
			family: def.family,
			known: { low: kl, central: kc, high: kh },
			beyond: { low: bl, central: bc, high: bh },
			share: kc > 0 ? bc / kc : null,
			split: ageGroup ? 'age model' : 'population share'
		});
	}
	return out;
}
