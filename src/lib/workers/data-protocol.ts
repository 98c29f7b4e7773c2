/** Messages between the page and the data worker (data.worker.ts). */
import { GROUPS, columnsOf, type Population } from '$lib/metrics/equity';

/**
 * The build-time data file (queries/dashboard-data): its bytes, fetched by the page, which reads its
 * other tables; or its URL (a worker started by the embed page's inline script, embed/early-travel),
 * the worker then sends the page a copy of the bytes first.
 */
export type DataRequest = { bytes: ArrayBuffer } | { url: string };

/**
 * The population groups as sent: the typed arrays (transferred) and the group ids. The page has
 * the tracts' state and county codes already (it reads the same file): 2 × 85,395 strings are
 * not cloned again (~40 ms of the page's thread to receive them). The weights go row-major only
 * (`weightRows`): the page builds a group's column when it reads it.
 */
export type PopulationMessage = Omit<Population, 'groups' | 'stateFips' | 'countyFips' | 'weight'> & { groups: string[] };

export type DataResponse =
	| { type: 'population'; population: PopulationMessage }
	/** the file's bytes, when the worker fetched it (a copy, for the page's own tables); null: it could not */
	| { type: 'bytes'; bytes: ArrayBuffer | null; message?: string }
	| { type: 'error'; message: string };

/** Worker side: what is sent of the population. */
export function populationMessage(p: Population): PopulationMessage {
	const { n, weightRows, stateCode, county, counties, apportioned, countyShare, hasCounts, pop2020, moe, countyMoe } = p;
	return { n, groups: p.groups.map((g) => g.id), weightRows, stateCode, county, counties, apportioned, countyShare, hasCounts, pop2020, moe, countyMoe };
}

/** Page side: the population again, with the page's own group definitions and tract codes. */
export function populationFrom(m: PopulationMessage, tracts: { stateFips: readonly string[]; countyFips: readonly string[] }): Population {
	if (m.groups.length !== GROUPS.length || m.groups.some((id, i) => id !== GROUPS[i].id)) {
		throw new Error('The data worker built other population groups than the page defines.');
	}
	if (tracts.stateFips.length !== m.n || tracts.countyFips.length !== m.n) {
		throw new Error(`The population groups have ${m.n} places, the page's data ${tracts.stateFips.length}.`);
	}
	return { ...m, groups: GROUPS, stateFips: tracts.stateFips, countyFips: tracts.countyFips, weight: columnsOf(m.weightRows, m.n, GROUPS.length) };
}
