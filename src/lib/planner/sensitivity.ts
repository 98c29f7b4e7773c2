/**
 * Method sensitivity: one headline figure (share of people beyond a threshold) under every
 * method and centre-evidence filter we offer, and the published presets, so the page can show
 * how far the answer moves with the assumptions. Pure.
 */
export interface Variant {
	/** e.g. "Straight line at 30 mph" */
	method: string;
	/** e.g. "strong + moderate (167 centres)" */
	centres: string;
	/** percent (NaN = not available yet) */
	share: number;
	/** true for the variant the page headline uses */
	current?: boolean;
}

/** Share (percent) of weight whose value is beyond the threshold; unknown values are left out. */
export function shareBeyond({
	values,
	weight,
	include,
	threshold
}: {
	values: ArrayLike<number>;
	weight: ArrayLike<number>;
	include?: ArrayLike<number>;
	threshold: number;
}): number {
	let known = 0;
	let beyond = 0;
	for (let i = 0; i < values.length; i++) {
		if (include && !include[i]) continue;
		const w = weight[i];
		if (!(w > 0)) continue;
		const v = values[i];
		if (Number.isNaN(v)) continue;
		known += w;
		if (v > threshold) beyond += w;
	}
	return known > 0 ? (100 * beyond) / known : NaN;
}

export interface Range {
	min: number;
	max: number;
	/** max − min, percentage points */
	spread: number;
	/** variants with a value */
	count: number;
}

export function variantRange(variants: readonly Variant[]): Range {
	const xs = variants.map((v) => v.share).filter((x) => Number.isFinite(x));
	if (!xs.length) return { min: NaN, max: NaN, spread: NaN, count: 0 };
	const min = Math.min(...xs);
	const max = Math.max(...xs);
	return { min, max, spread: max - min, count: xs.length };
}
