/**
 * Population shares beyond a threshold, and population-weighted quantiles.
 * Pure functions over rows carrying a population weight and a travel value.
 */
export interface Weighted {
	weight: number;
	/** travel value (miles or minutes); null = unknown, excluded from both numerator and denominator */
	value: number | null;
}

export interface BeyondResult {
	/** people with a known value beyond the threshold (strictly greater) */
	beyond: number;
	/** people with a known value */
	total: number;
	/** beyond / total; null when total is 0 */
	share: number | null;
	/** people whose value is unknown */
	unknown: number;
}

export function beyondThreshold(rows: Iterable<Weighted>, threshold: number): BeyondResult {
	let beyond = 0;
	let total = 0;
	let unknown = 0;
	for (const r of rows) {
		const w = r.weight > 0 && Number.isFinite(r.weight) ? r.weight : 0;
		if (r.value == null || !Number.isFinite(r.value)) {
			unknown += w;
			continue;
		}
		total += w;
		if (r.value > threshold) beyond += w;
	}
	return { beyond, total, share: total > 0 ? beyond / total : null, unknown };
}

/**
 * Population-weighted quantile (inverse of the weighted empirical CDF: the smallest
 * value v with cumulative weight share >= q). Null for no weight.
 */
export function weightedQuantile(rows: Iterable<Weighted>, q: number): number | null {
	if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
	const xs = [...rows].filter((r) => r.value != null && Number.isFinite(r.value) && r.weight > 0);
	if (xs.length === 0) return null;
	xs.sort((a, b) => (a.value as number) - (b.value as number));
	const total = xs.reduce((s, r) => s + r.weight, 0);
	let cum = 0;
	for (const r of xs) {
		cum += r.weight;
		if (cum >= q * total - 1e-9 * total) return r.value as number;
	}
	return xs[xs.length - 1].value as number;
}

/** "1 in N": the rounded reciprocal of a share, for plain-language sentences. */
export function oneIn(share: number | null): number | null {
	if (share == null || share <= 0) return null;
	return Math.max(1, Math.round(1 / share));
}
