/**
 * The county and group breakdowns as tables (`embed/csv` ChartTable): the CSV download and any
 * data-table view use the same columns, units and notes. Pure.
 */
import type { ChartTable } from '$lib/embed/csv';
import { GROUP_COPY, FAMILY_LABELS } from '$lib/copy/groups';
import { ESTIMATE_SHORT, GROUP_SPLIT_NOTE } from '$lib/copy/eligibility';
import type { CountyEligible, GroupEligible } from './breakdown';

export interface TableContext {
	/** e.g. "All five diseases" or "Multiple myeloma" */
	disease: string;
	/** e.g. "120 minutes (drive time on roads)" */
	threshold: string;
	/** e.g. "Colorado" or "the United States (50 states and DC)" */
	region: string;
	/** centre set in words, e.g. "strong + moderate evidence (167 centres)" */
	centres: string;
	/** how places were weighted within a state (age structure on or off) */
	weighting: string;
}

const bounds = (key: string, label: string) => [
	{ key: `${key}_low`, label: `${label}, low`, unit: 'patients a year' },
	{ key: `${key}_central`, label: `${label}, central`, unit: 'patients a year' },
	{ key: `${key}_high`, label: `${label}, high`, unit: 'patients a year' }
];

const notes = (c: TableContext) => [
	`${ESTIMATE_SHORT}: expected patients a year, low / central / high from the parameter ranges.`,
	`Disease: ${c.disease}. Region: ${c.region}. Threshold: beyond ${c.threshold}. Centres: ${c.centres}.`,
	`Within a state: ${c.weighting}`,
	'Sources: NCI Cancer Atlas 2013-2017 (NHL, leukaemia), CDC WONDER 2021 (myeloma, ages 30+), ACS 2018-2022 via CDC/ATSDR SVI 2022 (population); parameters and citations on the methodology page.'
];

export function countyTable({ rows, names, stateNames, context }: { rows: readonly CountyEligible[]; names: Record<string, string>; stateNames: Record<string, string>; context: TableContext }): ChartTable {
	return {
		title: `Modelled eligible patients a year beyond ${context.threshold}, by county: ${context.region}`,
		notes: notes(context),
		columns: [
			{ key: 'county_fips', label: 'County FIPS' },
			{ key: 'county', label: 'County' },
			{ key: 'state', label: 'State' },
			...bounds('beyond', 'Beyond the threshold'),
			{ key: 'share_beyond', label: 'Share beyond (central)', unit: 'fraction 0-1' },
			...bounds('eligible', 'All eligible in the county')
		],
		rows: rows.map((r) => [
			r.county_fips,
			names[r.county_fips] ?? r.county_fips,
			stateNames[r.state_fips] ?? r.state_fips,
			r.beyond.low,
			r.beyond.central,
			r.beyond.high,
			r.share,
			r.eligible.low,
			r.eligible.central,
			r.eligible.high
		])
	};
}

export function groupTable({ rows, context }: { rows: readonly GroupEligible[]; context: TableContext }): ChartTable {
	return {
		title: `Modelled eligible patients a year beyond ${context.threshold}, by population group: ${context.region}`,
		notes: [...notes(context), GROUP_SPLIT_NOTE],
		columns: [
			{ key: 'group', label: 'Group' },
			{ key: 'family', label: 'Family' },
			...bounds('beyond', 'Beyond the threshold'),
			{ key: 'share_beyond', label: 'Share beyond (central)', unit: 'fraction 0-1' },
			...bounds('known', 'All eligible with known travel'),
			{ key: 'split', label: 'How patients were assigned to the group' }
		],
		rows: rows.map((r) => [
			GROUP_COPY[r.id]?.label ?? r.id,
			FAMILY_LABELS[r.family],
			r.beyond.low,
			r.beyond.central,
			r.beyond.high,
			r.share,
			r.known.low,
			r.known.central,
			r.known.high,
			r.split
		])
	};
}
