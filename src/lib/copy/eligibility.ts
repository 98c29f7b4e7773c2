/** Wording for the eligibility model (shared by the page and the methodology page). */

export const ESTIMATE_NOTICE =
	'Modelled estimate, not a count of patients. Figures are expected patients per year, built from state cancer incidence and published shares; the range runs from every parameter at its low end to every parameter at its high end.';

export const ESTIMATE_SHORT = 'modelled estimate, not a count of patients';

export const DATA_LIMITS = [
	'Incidence is by state only: NHL and leukaemia are all subtypes (2013-2017), myeloma is ages 30 and over for 2021. Within a state, expected patients are spread by population, so county and tract figures show where people live, not local differences in disease.',
	'Subtype shares (large B-cell, follicular, mantle-cell, B-ALL) come from published series, not from these registries.',
	'Indiana has no 2021 myeloma count in the source file: its myeloma figure is imputed from the national rate for ages 30+.',
	'Puerto Rico has no incidence data here and is left out of every estimate.'
];

export const CENTRES_NAMED_CAVEAT =
	'Most centre pages do not say which products they offer, so "centres naming a product for this disease" is a small subset: travel to it overstates distance for most patients.';

/** "1,234 (900-1,700)" */
export function formatRange(b: { low: number; central: number; high: number }): string {
	const f = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(0) : x.toFixed(1));
	return `${f(b.central)} (${f(b.low)}–${f(b.high)})`;
}
