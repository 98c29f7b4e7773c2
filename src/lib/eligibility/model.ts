/**
 * Eligibility model: expected patients per year who could be eligible for a CAR-T product, per
 * state and per tract, with low / central / high bounds. Modelled estimates, not counts.
 *
 * Per state s and disease d:
 *   cases(s, source)  = annual new cases of the source cancer (NHL, leukaemia, myeloma) from the
 *                       `states` table (see `stateIncidence`)
 *   eligible(s, d)    = cases(s, source(d)) × Π shares of d (subtype share(s), line share, fitness)
 * Bounds: low multiplies every low (incidence and shares), high every high. Since all factors
 * sit at one end at once, the range is wider than a probabilistic interval would be.
 *
 * Within a state, expected patients are spread over tracts (or counties) in proportion to the
 * ACS population (`acs_pop`): the data carry no county incidence and no age-specific rates
 * (see README). Puerto Rico and any place without population counts get 0.
 */
import { GROUPS, buildPopulation, type GroupDef, type GroupId, type Population, type PopulationRow } from '$lib/metrics/equity';
import { DISEASES, DISEASE_INFO, DEFAULT_VALUES, paramsFor, type DiseaseId, type IncidenceSource, type ParamId, type ParamValues } from './parameters';

export type Bound = 'low' | 'central' | 'high';
export const BOUNDS: readonly Bound[] = ['low', 'central', 'high'];
export interface Bounds {
	low: number;
	central: number;
	high: number;
}

/** One row of `queries/eligibility.ts` (the states table's incidence columns). */
export interface StateIncidenceRow {
	state_fips: string;
	state: string;
	state_name: string;
	medicaid_expansion: boolean | null;
	pop_2020: number;
	nhl_rate: number | null;
	nhl_rate_lci: number | null;
	nhl_rate_uci: number | null;
	nhl_count_2013_2017: number | null;
	leukemia_rate: number | null;
	leukemia_rate_lci: number | null;
	leukemia_rate_uci: number | null;
	leukemia_count_2013_2017: number | null;
	myeloma_year: number | null;
	myeloma_count: number | null;
	myeloma_pop_30plus: number | null;
}

/** Normal approximation to the Poisson 95 % interval of a count. */
export function poissonInterval(count: number): Bounds {
	const h = 1.96 * Math.sqrt(count);
	return { low: Math.max(0, count - h), central: count, high: count + h };
}

/**
 * Annual cases of a source cancer in one state.
 * - NHL, leukaemia: the 2013-2017 count / 5; low and high scale it by the 95 % CI of the
 *   age-adjusted rate (lci / rate, uci / rate).
 * - Myeloma: the 2021 count (ages 30+) with a Poisson 95 % interval. A state without a count
 *   (Indiana, 2021 "Missing") is imputed from the national crude rate for ages 30+ and the
 *   national share of people aged 30+ (`imputation`), flagged `imputed`.
 * Returns null when the state has no data (Puerto Rico).
 */
export function stateIncidence(
	row: StateIncidenceRow,
	source: IncidenceSource,
	imputation: MyelomaImputation
): (Bounds & { imputed: boolean }) | null {
	if (source === 'myeloma') {
		if (row.myeloma_count != null) return { ...poissonInterval(row.myeloma_count), imputed: false };
		if (row.nhl_rate == null) return null; // no registry data at all (Puerto Rico)
		const expected = row.pop_2020 * imputation.share30plus * imputation.rate30plus;
		return { ...poissonInterval(expected), imputed: true };
	}
	const rate = source === 'nhl' ? row.nhl_rate : row.leukemia_rate;
	const lci = source === 'nhl' ? row.nhl_rate_lci : row.leukemia_rate_lci;
	const uci = source === 'nhl' ? row.nhl_rate_uci : row.leukemia_rate_uci;
	const count = source === 'nhl' ? row.nhl_count_2013_2017 : row.leukemia_count_2013_2017;
	if (rate == null || count == null || !(rate > 0)) return null;
	const perYear = count / 5;
	return { low: perYear * ((lci ?? rate) / rate), central: perYear, high: perYear * ((uci ?? rate) / rate), imputed: false };
}

export interface MyelomaImputation {
	/** national crude myeloma rate per person aged 30+ (states with a count) */
	rate30plus: number;
	/** national share of the 2020 population aged 30+ (same states) */
	share30plus: number;
}

export function myelomaImputation(rows: readonly StateIncidenceRow[]): MyelomaImputation {
	let cases = 0;
	let pop30 = 0;
	let pop = 0;
	for (const r of rows) {
		if (r.myeloma_count == null || r.myeloma_pop_30plus == null) continue;
		cases += r.myeloma_count;
		pop30 += r.myeloma_pop_30plus;
		pop += r.pop_2020;
	}
	return { rate30plus: pop30 > 0 ? cases / pop30 : 0, share30plus: pop > 0 ? pop30 / pop : 0 };
}

/** Product of a disease's parameters at one bound. */
export function shareProduct(disease: DiseaseId, values: ParamValues, bound: Bound): number {
	let p = 1;
	for (const def of paramsFor(disease)) {
		const v = values[def.id as ParamId];
		p *= bound === 'low' ? v.low : bound === 'high' ? v.high : v.value;
	}
	return p;
}

/** Subtype share only (incidence of the disease itself, before line and fitness). */
export function subtypeProduct(disease: DiseaseId, values: ParamValues, bound: Bound): number {
	let p = 1;
	for (const def of paramsFor(disease)) {
		if (def.kind !== 'subtype') continue;
		const v = values[def.id as ParamId];
		p *= bound === 'low' ? v.low : bound === 'high' ? v.high : v.value;
	}
	return p;
}

const pick = (b: Bounds, bound: Bound) => b[bound];

export interface DiseaseEstimate {
	/** new cases of the disease per year */
	incidence: Bounds;
	/** patients per year who reach an approved line and are fit */
	eligible: Bounds;
	imputed: boolean;
}

export interface StateEstimate {
	state_fips: string;
	state: string;
	state_name: string;
	medicaid_expansion: boolean | null;
	/** null: no incidence data for the state (Puerto Rico) */
	diseases: Record<DiseaseId, DiseaseEstimate> | null;
	/** sum over diseases */
	total: Bounds | null;
}

export function estimateStates({ rows, values = DEFAULT_VALUES }: { rows: readonly StateIncidenceRow[]; values?: ParamValues }): StateEstimate[] {
	const imp = myelomaImputation(rows);
	return rows.map((row) => {
		const base = { state_fips: row.state_fips, state: row.state, state_name: row.state_name, medicaid_expansion: row.medicaid_expansion };
		const diseases = {} as Record<DiseaseId, DiseaseEstimate>;
		const total: Bounds = { low: 0, central: 0, high: 0 };
		for (const d of DISEASES) {
			const inc = stateIncidence(row, DISEASE_INFO[d].source, imp);
			if (!inc) return { ...base, diseases: null, total: null };
			const incidence = {} as Bounds;
			const eligible = {} as Bounds;
			for (const b of BOUNDS) {
				incidence[b] = pick(inc, b) * subtypeProduct(d, values, b);
				eligible[b] = pick(inc, b) * shareProduct(d, values, b);
				total[b] += eligible[b];
			}
			diseases[d] = { incidence, eligible, imputed: inc.imputed };
		}
		return { ...base, diseases, total };
	});
}

/** Sum of states (50 + DC; states without data add nothing). */
export function sumStates(states: readonly StateEstimate[], filter: (s: StateEstimate) => boolean = () => true) {
	const out = {} as Record<DiseaseId | 'total', { incidence: Bounds; eligible: Bounds }>;
	for (const d of [...DISEASES, 'total'] as const) out[d] = { incidence: { low: 0, central: 0, high: 0 }, eligible: { low: 0, central: 0, high: 0 } };
	for (const s of states) {
		if (!s.diseases || !filter(s)) continue;
		for (const d of DISEASES) {
			for (const b of BOUNDS) {
				out[d].incidence[b] += s.diseases[d].incidence[b];
				out[d].eligible[b] += s.diseases[d].eligible[b];
				out.total.incidence[b] += s.diseases[d].incidence[b];
				out.total.eligible[b] += s.diseases[d].eligible[b];
			}
		}
	}
	return out;
}

/** The key of a weight column: disease (or total) × bound. */
export type WeightKey = `${DiseaseId | 'total'}:${Bound}`;
export const WEIGHT_KEYS: readonly WeightKey[] = ([...DISEASES, 'total'] as const).flatMap((d) => BOUNDS.map((b) => `${d}:${b}` as WeightKey));

/** A place row as the weights need it (tract or county rows of `queries/population-groups`). */
export interface WeightRow {
	state_fips: string;
	acs_pop: number | null;
	/** people aged 65+ (needed only with age structure) */
	age65?: number | null;
}

/** Per place, for every disease × bound: all expected eligible patients, and the part aged 65+. */
export interface AgeWeights {
	all: Record<WeightKey, Float64Array>;
	age65: Record<WeightKey, Float64Array>;
}

/**
 * Expected eligible patients per year per place (tract or county rows, any order), and the part
 * of them aged 65+.
 *
 * Without age structure (`ageShare` null for the disease's source cancer): the state's figure ×
 * the place's share of the state's `acs_pop`; the 65+ part is then split by population (the
 * place's `age65 / acs_pop`).
 * With age structure (national share a of cases aged 65+, see `age.ts`): the state's figure ×
 * [aₛ × age65(i) / age65(state) + (1 − aₛ) × under65(i) / under65(state)], where aₛ is the
 * state's share of cases aged 65+ from `stateAgeShares` (same 65+ : under-65 rate ratio as the
 * nation); the 65+ part is the first term. A state whose places lack `age65`, or have no one (or everyone) aged 65+, falls
 * back to population weighting. Either way each state's total is kept.
 * Places of states without estimates, and places without counts, get 0.
 */
export function ageWeights({
	rows,
	states,
	ageShare = { nhl: null, leukemia: null, myeloma: null }
}: {
	rows: readonly WeightRow[];
	states: readonly StateEstimate[];
	ageShare?: Record<IncidenceSource, number | null>;
}): AgeWeights {
	const n = rows.length;
	const tot = new Map<string, { pop: number; old: number; ageKnown: boolean }>();
	for (const r of rows) {
		let t = tot.get(r.state_fips);
		if (!t) tot.set(r.state_fips, (t = { pop: 0, old: 0, ageKnown: true }));
		const p = Math.max(0, r.acs_pop ?? 0);
		t.pop += p;
		if (r.acs_pop != null && r.age65 == null) t.ageKnown = false;
		t.old += Math.min(p, Math.max(0, r.age65 ?? 0));
	}
	const byFips = new Map(states.map((s) => [s.state_fips, s]));
	// national share aged 65+ over the places of states with estimates (the age shares are national)
	let natPop = 0;
	let natOld = 0;
	for (const [fips, t] of tot) {
		if (!byFips.get(fips)?.diseases || !t.ageKnown) continue;
		natPop += t.pop;
		natOld += t.old;
	}
	const stateShare = stateAgeShares(ageShare, natPop > 0 ? natOld / natPop : NaN);
	const blank = () => Object.fromEntries(WEIGHT_KEYS.map((k) => [k, new Float64Array(n)])) as Record<WeightKey, Float64Array>;
	const all = blank();
	const age65 = blank();
	// columns hoisted out of the loop: [disease][bound], and the totals per bound
	const colAll = DISEASES.map((d) => BOUNDS.map((b) => all[`${d}:${b}`]));
	const col65 = DISEASES.map((d) => BOUNDS.map((b) => age65[`${d}:${b}`]));
	const totAll = BOUNDS.map((b) => all[`total:${b}`]);
	const tot65 = BOUNDS.map((b) => age65[`total:${b}`]);
	// per state: eligible per disease and bound, and the share of cases aged 65+ per disease
	const perState = new Map<string, { eligible: number[][]; a: (number | null)[] } | null>();
	const stateInputs = (fips: string) => {
		let c = perState.get(fips);
		if (c !== undefined) return c;
		const s = byFips.get(fips);
		const t = tot.get(fips)!;
		c =
			s?.diseases && t.pop > 0
				? {
						eligible: DISEASES.map((d) => BOUNDS.map((b) => s.diseases![d].eligible[b])),
						a: DISEASES.map((d) => (t.ageKnown && t.old > 0 && t.pop - t.old > 0 ? stateShare(DISEASE_INFO[d].source, t.old / t.pop) : null))
					}
				: null;
		perState.set(fips, c);
		return c;
	};
	for (let i = 0; i < n; i++) {
		const r = rows[i];
		const c = stateInputs(r.state_fips);
		if (!c) continue;
		const t = tot.get(r.state_fips)!;
		const p = Math.max(0, r.acs_pop ?? 0);
		const old = Math.min(p, Math.max(0, r.age65 ?? 0));
		const popShare = p / t.pop;
		const oldShareOfPlace = p > 0 ? old / p : 0;
		for (let d = 0; d < DISEASES.length; d++) {
			const a = c.a[d];
			// fraction of the state's patients placed here, and of those the 65+ part
			let f: number;
			let f65: number;
			if (a != null) {
				f65 = (a * old) / t.old;
				f = f65 + ((1 - a) * (p - old)) / (t.pop - t.old);
			} else {
				f = popShare;
				f65 = popShare * oldShareOfPlace;
			}
			for (let b = 0; b < 3; b++) {
				const e = c.eligible[d][b];
				colAll[d][b][i] = e * f;
				col65[d][b][i] = e * f65;
				totAll[b][i] += e * f;
				tot65[b][i] += e * f65;
			}
		}
	}
	return { all, age65 };
}

/**
 * Indirect standardisation with two age bands: from the national share a of cases aged 65+ and
 * the national population share p aged 65+, the rate ratio r = a(1 − p) / ((1 − a) p) of the
 * 65+ to the under-65; a state whose population share aged 65+ is pₛ then has the share
 * aₛ = r pₛ / (r pₛ + 1 − pₛ) of its cases aged 65+ (aₛ = a when pₛ = p). Returns a function of
 * (source, pₛ); null where the source has no age share or the shares are undefined.
 */
export function stateAgeShares(ageShare: Record<IncidenceSource, number | null>, nationalOld: number) {
	return (source: IncidenceSource, stateOld: number): number | null => {
		const a = ageShare[source];
		if (a == null || !(nationalOld > 0 && nationalOld < 1) || !(stateOld > 0 && stateOld < 1)) return null;
		if (a <= 0 || a >= 1) return a <= 0 ? 0 : 1;
		const r = (a * (1 - nationalOld)) / ((1 - a) * nationalOld);
		return (r * stateOld) / (r * stateOld + 1 - stateOld);
	};
}

/**
 * Expected eligible patients per year per place, spread by population within each state (or
 * by age structure when `ageShare` is given; see `ageWeights`).
 */
export function placeWeights({
	rows,
	states,
	ageShare
}: {
	rows: readonly WeightRow[];
	states: readonly StateEstimate[];
	ageShare?: Record<IncidenceSource, number | null>;
}): Record<WeightKey, Float64Array> {
	return ageWeights({ rows, states, ageShare }).all;
}

/**
 * A `Population` (metrics/equity) whose groups are expected eligible patients per year, one
 * group per disease × bound (id `elig:<disease>:<bound>`), so `prepareEquity` / `equityAt`
 * give "eligible patients beyond the threshold" with the same code as people. These groups
 * carry no margin of error (the model's uncertainty is the low/high groups instead).
 */
export function eligibilityPopulation({ rows, states }: { rows: readonly PopulationRow[]; states: readonly StateEstimate[] }): Population {
	const base = buildPopulation({ rows, groups: GROUPS.filter((g) => g.id === 'all') });
	const weights = placeWeights({ rows, states });
	const groups: GroupDef[] = WEIGHT_KEYS.map((k) => ({
		id: `elig:${k}` as GroupId,
		family: 'total',
		unit: 'people',
		reference: null,
		weight: { kind: 'count', column: 'acs_pop' }
	}));
	const G = groups.length;
	const n = rows.length;
	const weight = WEIGHT_KEYS.map((k) => weights[k]);
	const weightRows = new Float64Array(n * G);
	for (let g = 0; g < G; g++) for (let i = 0; i < n; i++) weightRows[i * G + g] = weight[g][i];
	return { ...base, groups, weight, weightRows, moe: groups.map(() => null), countyMoe: groups.map(() => null) };
}

export interface StateBeyond {
	state_fips: string;
	/** expected eligible patients per year living beyond the threshold, by bound */
	beyond: Bounds;
	/** of all the state's expected eligible patients with a known travel value */
	known: Bounds;
	share: number | null;
}

/**
 * Per state: expected eligible patients per year (one disease or the total) beyond the
 * threshold (strictly greater, as `shares.beyondThreshold`); unknown travel is left out.
 */
export function beyondByState({
	weights,
	stateFips,
	travel,
	threshold,
	disease
}: {
	weights: Record<WeightKey, Float64Array>;
	stateFips: readonly string[];
	travel: ArrayLike<number | null>;
	threshold: number;
	disease: DiseaseId | 'total';
}): StateBeyond[] {
	if (travel.length !== stateFips.length) throw new RangeError(`travel has ${travel.length} values for ${stateFips.length} places; pass one per place, in row order`);
	const acc = new Map<string, { beyond: Bounds; known: Bounds }>();
	const [wl, wc, wh] = BOUNDS.map((b) => weights[`${disease}:${b}`]);
	for (let i = 0; i < stateFips.length; i++) {
		const t = travel[i];
		if (t == null || !Number.isFinite(t)) continue;
		let a = acc.get(stateFips[i]);
		if (!a) acc.set(stateFips[i], (a = { beyond: { low: 0, central: 0, high: 0 }, known: { low: 0, central: 0, high: 0 } }));
		a.known.low += wl[i];
		a.known.central += wc[i];
		a.known.high += wh[i];
		if (t > threshold) {
			a.beyond.low += wl[i];
			a.beyond.central += wc[i];
			a.beyond.high += wh[i];
		}
	}
	return [...acc]
		.map(([state_fips, a]) => ({ state_fips, ...a, share: a.known.central > 0 ? a.beyond.central / a.known.central : null }))
		.sort((x, y) => y.beyond.central - x.beyond.central || x.state_fips.localeCompare(y.state_fips));
}

/** Sum state results by Medicaid expansion status (states with unknown status are left out). */
export function byMedicaid(rows: readonly StateBeyond[], expansion: ReadonlyMap<string, boolean | null>) {
	const out = { expanded: { beyond: { low: 0, central: 0, high: 0 }, known: { low: 0, central: 0, high: 0 }, states: 0 }, not_expanded: { beyond: { low: 0, central: 0, high: 0 }, known: { low: 0, central: 0, high: 0 }, states: 0 } };
	for (const r of rows) {
		const e = expansion.get(r.state_fips);
		if (e == null) continue;
		const o = e ? out.expanded : out.not_expanded;
		o.states++;
		for (const b of BOUNDS) {
			o.beyond[b] += r.beyond[b];
			o.known[b] += r.known[b];
		}
	}
	return out;
}
