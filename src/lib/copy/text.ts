/**
 * Words shared by the dashboard and the methodology page, so both say the same.
 * Figures here are quoted from the sources named beside them (centres PROVENANCE §5).
 */
export const APP_NAME = 'CAR-T Access Atlas';

export const CENTRE_LIST_CAVEAT = {
	short: (n: number) =>
		`It holds ${n} programmes with public evidence of giving CAR-T. Published counts of US centres run from 141 (BMT InfoNet, 2025) to about 233 (3.8 % of 6,120 hospitals, BMT InfoNet as cited by White Plains Hospital), so distances here overstate travel for some places.`,
	method:
		'The centre list was compiled from public web pages (hospital programme pages, press releases, local news), each row citing its page, and geocoded to the hospital record in HIFLD Hospitals. No manufacturer or registry list could be obtained. All 23 hospitals with at least 11 Medicare fee-for-service CAR-T stays in 2021 (CMS, MS-DRG 018) are in the list, but that check misses children\'s, cancer-exempt and smaller programmes. Treat every distance as an upper bound on travel burden.'
};

/** What the caveat says when the figures use a centre set the user saved instead of the atlas's list. */
export const USER_SET_CAVEAT = (name: string, n: number) =>
	`Figures use your centre set "${name}" (${n} centre${n === 1 ? '' : 's'}, saved in this browser), not the atlas's list. They are as complete as your list.`;

/** How the user's own centre lists and area data are used (methodology page and the panels). */
export const USER_DATA = {
	centres:
		'A centre list you upload, paste or pick from the hospitals table (Explore page) replaces the atlas\'s list for every figure while it is chosen: map, equity panel, ranking, comparison, planner and embeds, by every travel method. Evidence and patients-served filters do not apply to it; the product filter uses the products your list names. Rows are checked before use (columns, coordinates inside the 50 states, DC and Puerto Rico, duplicates, encoding, size); a file with any error is not used.',
	area:
		'Area data you upload (a value of at least 0 per county or 2020 census tract, such as patients) is weighted by the same travel values as the population: the figure is the part of your values whose place lies beyond the threshold, and their weighted median travel. County values are spread over the county\'s tracts in proportion to 2020 population, the same assumption as for group counts; a county whose tracts hold no population keeps its value out, and the panel says how much. Your values carry no margin of error.',
	storage:
		'Both are kept only in your browser (localStorage) and sent nowhere. A link naming one (centres=user:<name>, area=user:<name>) works only in the browser that saved it; elsewhere the page says so and shows the atlas\'s figures. Export a set as CSV to share it.',
	areaShort: 'Your values, not census counts: no margin of error is known. County values are spread over tracts by 2020 population.'
};

export const STRAIGHT_LINE_METHOD =
	'Straight-line (great-circle) distance from each county\'s 2020 population-weighted centre (U.S. Census Bureau, Centers of Population) to the nearest centre in the chosen set, on a sphere of mean Earth radius 6,371.0088 km.';

export const PR_NOTE =
	'National figures cover the 50 states and DC. Puerto Rico has no centre in the list, and the map projection does not draw it; its municipios are in the data tables.';

/**
 * What a state map's tract dots are, and why some sit offshore: the tracts' own points are their 2020
 * centres of population (geography PROVENANCE §2), the outlines the 1:10 million cartographic
 * boundaries (geo/atlas), whose coastlines are simplified. (No finer county or tract shapes are in the
 * raw data: PROVENANCE, "Looked for but not found".)
 */
export const TRACT_DOTS_NOTE =
	'Dots: census tracts, each at its 2020 centre of population. The county outlines are the Census 1:10 million cartographic boundaries, whose coastlines are simplified, so along a coast some dots fall just outside them.';

export const ROAD_ATTRIBUTION =
	'Road network: © OpenStreetMap contributors, Travel Mapping (ODbL 1.0). Speeds are model defaults (see methodology).';

/** How places outside the connected road network are treated (shown on the methodology page). */
export const NO_ROAD_TREATMENT = [
	'Alaska: the road data hold no link between Alaska and the lower 48 (no Canadian roads), and no Alaskan programme is in the centre list. Drive times from Alaska use the calibrated straight-line estimate to the nearest centre (in practice Seattle), flagged as such; in reality most patients fly.',
	'Hawaii: only Oʻahu has a centre; the other islands have no road link to it. They take the calibrated estimate and are flagged; in reality patients fly.',
	'Puerto Rico: no centre is in the list and the island has no road link to one. Its 78 municipios are in the data tables but outside the national figures (50 states + DC) and the map.',
	'Ferry-served islands and places more than 50 km from any numbered highway are treated the same way: calibrated estimate, flagged.'
];

/** How group counts reach census tracts (shown wherever group figures appear). */
export const APPORTIONING_NOTE =
	'Group counts (race and ethnicity, poverty, insurance, age, vehicles) come from ACS 2018-2022 via CDC/ATSDR SVI 2022. For 7 states (CO, IA, MT, OK, SD, WI, WY) tract counts are used; elsewhere each county\'s counts are spread over its tracts in proportion to 2020 population, which assumes a group is spread like the population within a county. Intervals are 90 % ACS margins of error (sampling error of the counts only, not of travel).';

/** How the range of a headline figure is built (equity panel, comparison, embeds, planner; metrics/sensitivity). */
export const METHOD_RANGE_NOTE =
	'Headline shares come with their range across assumptions: the same share recomputed for three centre lists (strong evidence only; strong and moderate, the default; every evidence level) under each method: straight line at 30 mph at the threshold in minutes (a miles threshold is read at 30 mph, so 60 miles = 120 minutes), straight-line miles at as many miles as minutes (what those minutes cover at 60 mph, the upper bracket), the calibrated estimate and, once the road network has loaded, road drive time. The view’s own figure is marked. The range shows how much the answer depends on the method and the centre list; it is not a statistical interval.';
