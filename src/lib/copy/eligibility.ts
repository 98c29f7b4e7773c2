/** Wording for the eligibility model (shared by the page and the methodology page). */

export const ESTIMATE_NOTICE =
	'Modelled estimate, not a count of patients. Figures are expected patients per year, built from state cancer incidence and published shares; the range runs from every parameter at its low end to every parameter at its high end.';

export const ESTIMATE_SHORT = 'modelled estimate, not a count of patients';

export const DATA_LIMITS = [
	'Incidence is by state only: NHL and leukaemia are all subtypes (2013-2017), myeloma is ages 30 and over for 2021. Within a state, expected patients are spread over places by population and age (see the age-structure notes), so county and tract figures show where people of the right ages live, not local differences in disease.',
	'Subtype shares (large B-cell, follicular, mantle-cell, B-ALL) come from published series, not from these registries.',
	'Indiana has no 2021 myeloma count in the source file: its myeloma figure is imputed from the national rate for ages 30+.',
	'Puerto Rico has no incidence data here and is left out of every estimate.'
];

/** How patients are placed within a state, with and without age structure. */
export const AGE_METHOD =
	'Age structure: the data carry, per place, only the number of people aged 65 and over (ACS 2018-2022) and no age-specific incidence per state. So each state\'s expected lymphoma (LBCL, FL, MCL) and myeloma patients are placed in two parts: the share of its new cases aged 65+ goes to places by their share of the state\'s people aged 65+, the rest by their share of the state\'s people under 65. That share is the published national one, adjusted to the state\'s own age mix by keeping the national 65+ to under-65 rate ratio (indirect standardisation). State totals do not change. B-ALL stays spread by total population: it is mostly a disease of children and young adults, the data carry no child count per place, and no share of ALL cases aged 65+ was found.';

export const AGE_OFF = 'Age structure off: each state\'s expected patients are spread over its places by total population.';

export const AGE_LIMIT =
	'Only two age bands (under 65, 65+) can be used: the places carry no finer age counts, the incidence files have no age breakdown (myeloma is ages 30+ as one band), and the rate ratio between the bands is national, so a state where the disease strikes at different ages than nationally is not captured. The age share is not carried into the low/high range: it moves patients between places, not the state total.';

/** The assumption behind the per-group figures (page, CSV and methodology page). */
export const GROUP_SPLIT_NOTE =
	'By group: within each place (census tract), modelled patients are split in proportion to each group\'s share of its population (households for the vehicle groups; whole places for county-level groups such as rural, SVI and income). This assumes disease risk does not differ between groups within a place, which is not true (for example, the Leukemia & Lymphoma Society reports myeloma incidence of 11.9 per 100,000 in Black and 5.5 in White Americans, 2006-2010); read the group figures as where patients of each group would be if risk were even, not as measured counts. With age structure on, the 65+ and under-65 groups use the age model\'s own split.';

export const CENTRES_NAMED_CAVEAT =
	'Most centre pages do not say which products they offer, so "centres naming a product for this disease" is a small subset: travel to it overstates distance for most patients.';

/** One modelled figure: whole numbers from 10 up, one decimal below ("1,234", "42", "3.7"). */
export function formatEstimate(x: number): string {
	if (!Number.isFinite(x)) return '–';
	return x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(0) : x.toFixed(1);
}

/** "1,234 (900–1,700)" */
export function formatRange(b: { low: number; central: number; high: number }): string {
	return `${formatEstimate(b.central)} (${formatEstimate(b.low)}–${formatEstimate(b.high)})`;
}
