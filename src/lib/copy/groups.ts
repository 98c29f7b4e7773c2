/**
 * Words for population groups: labels for pickers and tables, nouns for sentences, and the
 * notes the methodology page shows beside each group. Group definitions (which ACS columns,
 * which reference group) live in `metrics/equity.ts`; this file only says them in English.
 */
import { oneIn } from '$lib/metrics/shares';
import { formatInteger } from './format';

export interface GroupCopy {
	/** short label for pickers, legends and table rows */
	label: string;
	/** singular noun phrase: "every <one>" */
	one: string;
	/** plural noun phrase: "1 in 5 <many> lives ..." */
	many: string;
	/** definition for the methodology page */
	note: string;
}

const ACS = 'ACS 2018-2022 5-year estimate, as published in CDC/ATSDR SVI 2022';

export const GROUP_COPY = {
	all: {
		label: 'Everyone',
		one: 'resident',
		many: 'residents',
		note: `Total population (${ACS}).`
	},
	nh_white: {
		label: 'White (non-Hispanic)',
		one: 'non-Hispanic White resident',
		many: 'non-Hispanic White residents',
		note: `Not Hispanic or Latino, White alone: total population minus SVI's minority count (${ACS}). No margin of error is published for this difference.`
	},
	nh_black: {
		label: 'Black (non-Hispanic)',
		one: 'non-Hispanic Black resident',
		many: 'non-Hispanic Black residents',
		note: `Not Hispanic or Latino, Black or African American alone (${ACS}).`
	},
	hispanic: {
		label: 'Hispanic or Latino',
		one: 'Hispanic or Latino resident',
		many: 'Hispanic or Latino residents',
		note: `Hispanic or Latino, of any race (${ACS}).`
	},
	nh_asian: {
		label: 'Asian (non-Hispanic)',
		one: 'non-Hispanic Asian resident',
		many: 'non-Hispanic Asian residents',
		note: `Not Hispanic or Latino, Asian alone (${ACS}).`
	},
	nh_aian: {
		label: 'American Indian and Alaska Native (non-Hispanic)',
		one: 'non-Hispanic American Indian or Alaska Native resident',
		many: 'non-Hispanic American Indian and Alaska Native residents',
		note: `Not Hispanic or Latino, American Indian and Alaska Native alone (${ACS}).`
	},
	nh_nhpi: {
		label: 'Native Hawaiian and Pacific Islander (non-Hispanic)',
		one: 'non-Hispanic Native Hawaiian or Pacific Islander resident',
		many: 'non-Hispanic Native Hawaiian and Pacific Islander residents',
		note: `Not Hispanic or Latino, Native Hawaiian and Other Pacific Islander alone (${ACS}).`
	},
	nh_other_multi: {
		label: 'Other race or multiracial (non-Hispanic)',
		one: 'non-Hispanic resident of another race or of two or more races',
		many: 'non-Hispanic residents of another race or of two or more races',
		note: `Not Hispanic or Latino, some other race alone or two or more races (${ACS}); margin of error combined by root-sum-of-squares.`
	},
	pov150: {
		label: 'Below 150 % of poverty',
		one: 'resident with income below 150 % of the poverty line',
		many: 'residents with income below 150 % of the poverty line',
		note: `Persons below 150 % of the federal poverty level (${ACS}).`
	},
	not_pov150: {
		label: 'At or above 150 % of poverty (rest of the population)',
		one: 'other resident',
		many: 'other residents',
		note: 'Total population minus persons below 150 % of poverty. It includes the few people whose poverty status is not determined (e.g. people in institutions or college dormitories).'
	},
	uninsured: {
		label: 'Uninsured',
		one: 'resident without health insurance',
		many: 'residents without health insurance',
		note: `Civilian non-institutionalised persons without health insurance (${ACS}).`
	},
	not_uninsured: {
		label: 'Not uninsured (rest of the population)',
		one: 'other resident',
		many: 'other residents',
		note: 'Total population minus the uninsured. The uninsured count is of the civilian non-institutionalised population, which the source does not publish, so this reference group also holds people outside that universe (people in institutions, active-duty military), not only the insured.'
	},
	age65: {
		label: 'Aged 65 and over',
		one: 'resident aged 65 or over',
		many: 'residents aged 65 and over',
		note: `Persons aged 65 and over (${ACS}).`
	},
	under65: {
		label: 'Under 65',
		one: 'resident under 65',
		many: 'residents under 65',
		note: 'Total population minus persons aged 65 and over.'
	},
	no_vehicle_hh: {
		label: 'Households without a vehicle',
		one: 'household without a vehicle',
		many: 'households without a vehicle',
		note: `Households with no vehicle available (${ACS}). Counted in households, not people.`
	},
	vehicle_hh: {
		label: 'Households with a vehicle',
		one: 'household with a vehicle',
		many: 'households with a vehicle',
		note: 'All households minus households with no vehicle available.'
	},
	rural: {
		label: 'Non-metro counties',
		one: 'resident of a non-metro county',
		many: 'residents of non-metro counties',
		note: 'Counties with Rural-Urban Continuum Code 4-9 (USDA ERS, RUCC 2023). People counted by the ACS total population.'
	},
	metro: {
		label: 'Metro counties',
		one: 'resident of a metro county',
		many: 'residents of metro counties',
		note: 'Counties with Rural-Urban Continuum Code 1-3 (USDA ERS, RUCC 2023).'
	},
	svi_q1: {
		label: 'SVI quartile 1 (least vulnerable)',
		one: 'resident of the least socially vulnerable counties',
		many: 'residents of the least socially vulnerable counties',
		note: 'Counties with CDC/ATSDR SVI 2022 overall national rank 0 to 0.25.'
	},
	svi_q2: {
		label: 'SVI quartile 2',
		one: 'resident of a county in the second SVI quartile',
		many: 'residents of counties in the second SVI quartile',
		note: 'Counties with SVI 2022 overall national rank above 0.25 up to 0.50.'
	},
	svi_q3: {
		label: 'SVI quartile 3',
		one: 'resident of a county in the third SVI quartile',
		many: 'residents of counties in the third SVI quartile',
		note: 'Counties with SVI 2022 overall national rank above 0.50 up to 0.75.'
	},
	svi_q4: {
		label: 'SVI quartile 4 (most vulnerable)',
		one: 'resident of the most socially vulnerable counties',
		many: 'residents of the most socially vulnerable counties',
		note: 'Counties with SVI 2022 overall national rank above 0.75. The rank is among counties, not people.'
	},
	income_q1: {
		label: 'Lowest-income counties (quintile 1)',
		one: 'resident of the lowest-income counties',
		many: 'residents of the lowest-income counties',
		note: 'Counties whose median household income (ACS 2019-2023) is in the lowest fifth, with quintiles weighted by population so each holds about a fifth of the national population.'
	},
	income_q2: {
		label: 'Income quintile 2',
		one: 'resident of a county in income quintile 2',
		many: 'residents of counties in income quintile 2',
		note: 'Second population-weighted quintile of county median household income.'
	},
	income_q3: {
		label: 'Income quintile 3',
		one: 'resident of a county in income quintile 3',
		many: 'residents of counties in income quintile 3',
		note: 'Third population-weighted quintile of county median household income.'
	},
	income_q4: {
		label: 'Income quintile 4',
		one: 'resident of a county in income quintile 4',
		many: 'residents of counties in income quintile 4',
		note: 'Fourth population-weighted quintile of county median household income.'
	},
	income_q5: {
		label: 'Highest-income counties (quintile 5)',
		one: 'resident of the highest-income counties',
		many: 'residents of the highest-income counties',
		note: 'Highest population-weighted quintile of county median household income.'
	},
	medicaid_not_expanded: {
		label: 'States without Medicaid expansion',
		one: 'resident of a state without Medicaid expansion',
		many: 'residents of states without Medicaid expansion',
		note: 'States that had not adopted the ACA Medicaid expansion (KFF, April 2025).'
	},
	medicaid_expanded: {
		label: 'States with Medicaid expansion',
		one: 'resident of a Medicaid-expansion state',
		many: 'residents of Medicaid-expansion states',
		note: 'States that had adopted the ACA Medicaid expansion, DC included (KFF, April 2025).'
	}
} as const satisfies Record<string, GroupCopy>;

export type GroupCopyId = keyof typeof GROUP_COPY;

/** Family headings for pickers. */
export const FAMILY_LABELS = {
	total: 'Everyone',
	race: 'Race and ethnicity',
	poverty: 'Poverty',
	insurance: 'Health insurance',
	age: 'Age',
	vehicle: 'Vehicle access',
	rurality: 'Rural and metro',
	svi: 'Social vulnerability (county)',
	income: 'Median household income (county)',
	medicaid: 'Medicaid expansion (state)'
} as const;

/**
 * How a share reads in a sentence: "1 in 6", "7 in 10", "nearly all", "all", "none of the".
 * Uses "N in 10" from one half up, where "1 in N" would stop saying anything.
 */
export function shareInWords(share: number): { words: string; plural: boolean } {
	if (share <= 0) return { words: 'none', plural: false };
	if (share >= 1) return { words: 'all', plural: true };
	if (share >= 0.5) {
		const tenths = Math.round(share * 10);
		return tenths >= 10 ? { words: 'nearly all', plural: true } : { words: `${tenths} in 10`, plural: true };
	}
	return { words: `1 in ${formatInteger(oneIn(share) as number)}`, plural: false };
}
