/**
 * The user's own area data (a value per county or tract, e.g. patients) as a weight per tract,
 * so the equity code (`metrics/equity`) reports "how much of it lies beyond the threshold" the
 * same way it reports people.
 *
 * - Tract data: each value goes to its tract.
 * - County data: each county's value is spread over its tracts in proportion to their 2020
 *   population (the same assumption the atlas makes for county group counts: the thing counted
 *   is spread like the population within a county). A county whose tracts have no population
 *   keeps its value out of the figures (`unplaced`), and the page says so.
 */
import type { GroupDef, GroupId, Population } from './equity';

export interface AreaInput {
	grain: 'county' | 'tract';
	fips: readonly string[];
	values: readonly number[];
}

export interface TractKey {
	tract_fips: string;
	county_fips: string;
	pop_2020: number | null;
}

export interface AreaWeights {
	/** weight per tract row */
	weight: Float64Array;
	/** sum of the file's values */
	total: number;
	/** of that, the part that could not be placed on a tract (see above) */
	unplaced: number;
	/** rows of the file whose place is not among the tract rows */
	unmatched: string[];
}

export const AREA_GROUP = 'area' as GroupId;

export function areaWeights({ data, tracts }: { data: AreaInput; tracts: readonly TractKey[] }): AreaWeights {
	const n = tracts.length;
	const weight = new Float64Array(n);
	let total = 0;
	let unplaced = 0;
	const unmatched: string[] = [];
	if (data.grain === 'tract') {
		const index = new Map<string, number>();
		for (let i = 0; i < n; i++) index.set(tracts[i].tract_fips, i);
		data.fips.forEach((f, k) => {
			const v = data.values[k];
			total += v;
			const i = index.get(f);
			if (i === undefined) {
				unmatched.push(f);
				unplaced += v;
			} else weight[i] += v;
		});
		return { weight, total, unplaced, unmatched };
	}
	const countyPop = new Map<string, number>();
	for (const t of tracts) countyPop.set(t.county_fips, (countyPop.get(t.county_fips) ?? 0) + Math.max(0, t.pop_2020 ?? 0));
	const value = new Map<string, number>();
	data.fips.forEach((f, k) => {
		const v = data.values[k];
		total += v;
		if (!countyPop.has(f)) unmatched.push(f);
		const pop = countyPop.get(f) ?? 0;
		if (pop > 0) value.set(f, v);
		else unplaced += v;
	});
	for (let i = 0; i < n; i++) {
		const t = tracts[i];
		const v = value.get(t.county_fips);
		if (v !== undefined) weight[i] = (v * Math.max(0, t.pop_2020 ?? 0)) / countyPop.get(t.county_fips)!;
	}
	return { weight, total, unplaced, unmatched };
}

/**
 * A `Population` with one group, the area weight, on the rows of `base` (same order, so the
 * same travel array applies). No margin of error: the values are the user's.
 */
export function areaPopulation(base: Population, weight: Float64Array): Population {
	if (weight.length !== base.n) throw new RangeError(`area weights have ${weight.length} rows, the population ${base.n}`);
	const group: GroupDef = { id: AREA_GROUP, family: 'total', unit: 'people', reference: null, weight: { kind: 'count', column: 'acs_pop' } };
	return { ...base, groups: [group], weight: [weight], weightRows: weight, moe: [null], countyMoe: [null] };
}
