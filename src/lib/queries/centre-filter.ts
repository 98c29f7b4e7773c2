/**
 * Which rows of the centre list count as "a CAR-T centre" for a view.
 * Values come from an allow-list and are bound as parameters, never spliced into SQL.
 */
import type { SqlParam } from '$lib/db/types';

export const EVIDENCE_LEVELS = ['strong', 'moderate', 'weak'] as const;
export type EvidenceStrength = (typeof EVIDENCE_LEVELS)[number];
export const POPULATIONS_SERVED = ['adult', 'pediatric', 'both'] as const;
export type PopulationServed = (typeof POPULATIONS_SERVED)[number];

export interface CentreFilter {
	evidence: EvidenceStrength[];
	/** Empty = any population served. 'adult' matches 'adult' and 'both'. */
	served: ('adult' | 'pediatric')[];
}

/** Default for headline figures: strong + moderate evidence (centres PROVENANCE §1). */
export const DEFAULT_CENTRE_FILTER: CentreFilter = { evidence: ['strong', 'moderate'], served: [] };

export function normaliseFilter(f: Partial<CentreFilter>): CentreFilter {
	const evidence = EVIDENCE_LEVELS.filter((e) => f.evidence?.includes(e));
	const served = (['adult', 'pediatric'] as const).filter((s) => f.served?.includes(s));
	return { evidence, served };
}

/** SQL predicate over the `centres` table (alias given) and its parameters. */
export function centreWhere(f: CentreFilter, alias = 'c'): { sql: string; params: SqlParam[] } {
	const n = normaliseFilter(f);
	const served = n.served.length === 0 ? 'adult,pediatric,both' : [...n.served, 'both'].join(',');
	return {
		sql: `list_contains(string_split(?, ','), ${alias}.evidence_strength) AND list_contains(string_split(?, ','), ${alias}.population_served)`,
		params: [n.evidence.join(','), served]
	};
}

/** The same rule as `centreWhere`, in JS, for centre rows already loaded. */
export function passesFilter(c: { evidence_strength: string; population_served: string }, f: CentreFilter): boolean {
	const n = normaliseFilter(f);
	if (!(n.evidence as string[]).includes(c.evidence_strength)) return false;
	if (n.served.length === 0) return true;
	return c.population_served === 'both' || (n.served as string[]).includes(c.population_served);
}
