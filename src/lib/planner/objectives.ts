/**
 * What the planner maximises: people (everyone or one group, from the equity population), or
 * modelled eligible patients a year for one disease or all five (eligibility/model
 * `placeWeights`: central, low and high per tract). The greedy ranks by the central weight;
 * the low and high figures of a site are the same places summed at the model's low and high
 * ends (the places do not change, only the estimate of how many patients live there). Pure.
 */
import type { GroupId, Population } from '$lib/metrics/equity';
import { DISEASES, DISEASE_INFO, type DiseaseId } from '$lib/eligibility/parameters';
import type { WeightKey } from '$lib/eligibility/model';

export type EligibleTarget = DiseaseId | 'total';
export type EligibleObjective = `eligible:${EligibleTarget}`;
export type Objective = GroupId | EligibleObjective;

/** Eligible-patient objectives, all five diseases first. */
export const ELIGIBLE_OBJECTIVES: readonly EligibleObjective[] = (['total', ...DISEASES] as const).map((d) => `eligible:${d}` as const);

export function isEligibleObjective(o: string): o is EligibleObjective {
	return (ELIGIBLE_OBJECTIVES as readonly string[]).includes(o);
}

export function eligibleTarget(o: EligibleObjective): EligibleTarget {
	return o.slice('eligible:'.length) as EligibleTarget;
}

/** e.g. "Large B-cell lymphoma" or "all five diseases" */
export function eligibleLabel(o: EligibleObjective): string {
	const d = eligibleTarget(o);
	return d === 'total' ? 'all five diseases' : DISEASE_INFO[d].label;
}

export interface ObjectiveWeights {
	/** the weight the greedy maximises */
	central: ArrayLike<number>;
	/** eligible patients only: the model's low and high ends for the same places */
	low: ArrayLike<number> | null;
	high: ArrayLike<number> | null;
}

/**
 * Per-place weights of an objective (row order of the population / eligibility weights).
 * Throws when a group is unknown or the eligibility weights are not loaded yet.
 */
export function objectiveWeights({
	objective,
	population,
	eligibility
}: {
	objective: Objective;
	population: Population;
	eligibility?: Record<WeightKey, Float64Array> | null;
}): ObjectiveWeights {
	if (isEligibleObjective(objective)) {
		if (!eligibility) throw new Error('The eligibility model has not been loaded yet; wait for it or choose another objective.');
		const d = eligibleTarget(objective);
		return { central: eligibility[`${d}:central`], low: eligibility[`${d}:low`], high: eligibility[`${d}:high`] };
	}
	const g = population.groups.findIndex((x) => x.id === objective);
	if (g < 0) throw new Error(`Unknown objective "${objective}".`);
	return { central: population.weight[g], low: null, high: null };
}

/** Sum of a weight over some places. */
export function sumOver(places: ArrayLike<number>, weight: ArrayLike<number>): number {
	let s = 0;
	for (let j = 0; j < places.length; j++) s += weight[places[j]];
	return s;
}
