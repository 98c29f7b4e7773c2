/**
 * Turn the greedy's picks into rows for the page: people gained per group, the nearest
 * existing centre (straight line) and the "add to scenario" link. Pure.
 */
import { greatCircleKm, kmToMiles } from '$lib/metrics/distance';
import type { Population, GroupId } from '$lib/metrics/equity';
import type { Pick } from './greedy';
import type { Candidate } from './candidates';
import { sumOver } from './objectives';
import { addHospital, serialiseScenario, type Scenario } from '$lib/state/scenario';

/** Groups shown for every site (the examples). */
export const RESULT_GROUPS: readonly GroupId[] = ['all', 'nh_black', 'hispanic', 'rural', 'svi_q4', 'pov150'];

export interface ResultRow {
	rank: number;
	candidate: Candidate;
	/** objective weight gained */
	gain: number;
	/** running total of the objective after this pick */
	cumulative: number;
	/** eligible-patient objectives: the same places at the model's low and high ends */
	gainRange: { low: number; high: number } | null;
	cumulativeRange: { low: number; high: number } | null;
	groups: { id: GroupId; value: number }[];
	nearest: { name: string; miles: number } | null;
	/** search string for the dashboard link, e.g. "?add=h:0000372903" */
	addQuery: string;
}

export function resultRows({
	picks,
	candidates,
	population,
	centres,
	centreNames,
	scenario,
	baseParams,
	bounds = null
}: {
	picks: readonly Pick[];
	candidates: readonly Candidate[];
	population: Population;
	centres: readonly { id: string; lat: number; lon: number }[];
	centreNames: Record<string, string>;
	scenario: Scenario;
	/** view params to keep in the dashboard link (method, t, region ...) */
	baseParams: URLSearchParams;
	/** low and high weights of the objective (eligible patients), per place */
	bounds?: { low: ArrayLike<number>; high: ArrayLike<number> } | null;
}): ResultRow[] {
	let cumulative = 0;
	const cumRange = { low: 0, high: 0 };
	const gIndex = new Map(population.groups.map((g, i) => [g.id, i]));
	return picks.map((p, r) => {
		cumulative += p.gain;
		const c = candidates[p.candidate];
		let gainRange: ResultRow['gainRange'] = null;
		if (bounds) {
			gainRange = { low: sumOver(p.places, bounds.low), high: sumOver(p.places, bounds.high) };
			cumRange.low += gainRange.low;
			cumRange.high += gainRange.high;
		}
		const groups = RESULT_GROUPS.filter((id) => gIndex.has(id)).map((id) => ({ id, value: sumOver(p.places, population.weight[gIndex.get(id)!]) }));
		let nearest: ResultRow['nearest'] = null;
		for (const e of centres) {
			const km = greatCircleKm(c.lat, c.lon, e.lat, e.lon);
			if (!nearest || kmToMiles(km) < nearest.miles) nearest = { name: centreNames[e.id] ?? e.id, miles: kmToMiles(km) };
		}
		return {
			rank: r + 1,
			candidate: c,
			gain: p.gain,
			cumulative,
			gainRange,
			cumulativeRange: gainRange ? { ...cumRange } : null,
			groups,
			nearest,
			addQuery: addQuery({ scenario, candidate: c, baseParams })
		};
	});
}

/** Dashboard search string: the view params plus the current scenario with this hospital appended. */
export function addQuery({ scenario, candidate, baseParams }: { scenario: Scenario; candidate: Candidate; baseParams: URLSearchParams }): string {
	const next = addHospital(scenario, { hospitalId: candidate.hospital_id, name: candidate.name, lat: candidate.lat, lon: candidate.lon });
	const p = new URLSearchParams(baseParams);
	p.delete('add');
	p.delete('remove');
	for (const [k, v] of Object.entries(serialiseScenario(next))) p.set(k, v);
	return `?${p.toString()}`;
}
