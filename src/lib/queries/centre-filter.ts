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
	/**
	 * Empty = any centre. Otherwise only centres whose source page names at least one of these
	 * products (most pages name none: see the centres data dictionary), so this narrows the set a lot.
	 */
	products?: string[];
}

/** Default for headline figures: strong + moderate evidence (centres PROVENANCE §1). */
export const DEFAULT_CENTRE_FILTER: CentreFilter = { evidence: ['strong', 'moderate'], served: [], products: [] };

/** What a product name may look like (brand names such as "Kymriah"); anything else is dropped. */
export const PRODUCT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,40}$/;

export function normaliseFilter(f: Partial<CentreFilter>): Required<CentreFilter> {
	const evidence = EVIDENCE_LEVELS.filter((e) => f.evidence?.includes(e));
	const served = (['adult', 'pediatric'] as const).filter((s) => f.served?.includes(s));
	const products = [...new Set((f.products ?? []).filter((p) => PRODUCT_NAME.test(p)))].sort();
	return { evidence, served, products };
}

/** SQL predicate over the `centres` table (alias given) and its parameters. */
export function centreWhere(f: CentreFilter, alias = 'c'): { sql: string; params: SqlParam[] } {
	const n = normaliseFilter(f);
	const served = n.served.length === 0 ? 'adult,pediatric,both' : [...n.served, 'both'].join(',');
	const products = n.products.join(',');
	return {
		sql: `list_contains(string_split(?, ','), ${alias}.evidence_strength) AND list_contains(string_split(?, ','), ${alias}.population_served) AND (? = '' OR list_has_any(${alias}.products, string_split(?, ',')))`,
		params: [n.evidence.join(','), served, products, products]
	};
}

/**
 * The same rule as `centreWhere`, in JS, for centre rows already loaded; rows of a user's
 * centre set (evidence `user`) pass on products alone.
 */
export function passesFilter(
	c: { evidence_strength: string; population_served: string; products?: readonly string[] | null },
	f: CentreFilter
): boolean {
	const n = normaliseFilter(f);
	if (n.products.length && !(c.products ?? []).some((p) => n.products.includes(p))) return false;
	// a user's own centre set (state/centre-source): evidence and population served do not apply
	if (c.evidence_strength === 'user') return true;
	if (!(n.evidence as string[]).includes(c.evidence_strength)) return false;
	if (n.served.length === 0) return true;
	return c.population_served === 'both' || (n.served as string[]).includes(c.population_served);
}
