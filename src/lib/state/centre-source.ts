/**
 * Which centre list the figures use: the atlas's own list (the `centres` table, filtered by
 * evidence, population served and products), or a centre set the user saved in this browser
 * (`explore/centre-store`). Pure: the store is read by the caller.
 *
 * ## URL format
 * `centres=user:<name>`: the saved set of that name (names are at most `MAX_NAME`
 * characters). Absent: the atlas list. A link naming a set this browser does not hold falls
 * back to the atlas list with a notice (sets live in the browser that saved them; export the
 * CSV to share one).
 *
 * A saved set's rows take the shape of the atlas list's rows (`all-centres` Row) with
 * evidence `user`, ids `U-0001`, `U-0002`, … in the set's order, so every view that reads
 * centre rows (map, equity panel, ranking, comparison, embeds, planner, eligibility) works on
 * them unchanged. Evidence and population-served filters do not apply to them (the user
 * chose these centres); the product filter does, on the products the set names.
 */
import type { Row } from '$lib/queries/all-centres';
import type { CentreSet } from '$lib/explore/centre-store';
import { checkName } from '$lib/explore/local-store';

export const CENTRES_PARAM = 'centres';
export const USER_PREFIX = 'user:';

export const AREA_PARAM = 'area';

/**
 * Read a link value naming something saved in this browser (`user:<name>`): the name, or
 * null (absent, or `atlas`). `param` and `noun` word the notice for a malformed value.
 */
export function parseUserRef(value: string | null, param = CENTRES_PARAM, noun = 'centre set'): { set: string | null; notice?: string } {
	if (value == null || value === '' || value === 'atlas') return { set: null };
	if (!value.startsWith(USER_PREFIX)) {
		return { set: null, notice: `Ignored ${param}="${clip(value)}"; use user:<name of a ${noun} saved in this browser>.` };
	}
	const name = value.slice(USER_PREFIX.length).trim();
	const bad = checkName(name, noun);
	if (bad) return { set: null, notice: `Ignored ${param}="${clip(value)}": ${bad}` };
	return { set: name };
}

/** Read the `centres` link value: a saved set's name, or null for the atlas list. */
export const parseCentreSource = (value: string | null) => parseUserRef(value);
/** Read the `area` link value: a saved area data set's name, or null for none. */
export const parseAreaSource = (value: string | null) => parseUserRef(value, AREA_PARAM, 'area data set');

export function serialiseCentreSource(set: string | null): string | null {
	return set == null ? null : `${USER_PREFIX}${set}`;
}

/** The saved set a view's URL params name, or null (the atlas list, or a malformed value). */
export function userSetName(params: URLSearchParams): string | null {
	return parseCentreSource(params.get(CENTRES_PARAM)).set;
}

/** Id of the i-th centre (0-based) of a saved set. */
export function userCentreId(i: number): string {
	return `U-${String(i + 1).padStart(4, '0')}`;
}

/** A saved set as rows of the centre list. */
export function userCentreRows(set: CentreSet): Row[] {
	return set.centres.map((c, i) => ({
		centre_id: userCentreId(i),
		name: c.name,
		city: '',
		state: '',
		state_fips: '',
		county_fips: '',
		lat: c.lat,
		lon: c.lon,
		evidence_strength: 'user',
		population_served: 'both',
		products: c.products,
		source_url: '',
		source_date: set.savedAt.slice(0, 10),
		geocode_precision: 'user'
	}));
}

/** The notice for a link naming a set this browser does not hold. */
export function missingSetNotice(name: string, storeMessage?: string, noun = 'centre set', fallback = "Showing the atlas's centre list instead."): string {
	return storeMessage
		? `The link uses the ${noun} "${clip(name)}", which could not be read here (${storeMessage}) ${fallback}`
		: `The link uses the ${noun} "${clip(name)}", which is not saved in this browser (sets stay in the browser that saved them; export it as CSV to share it). ${fallback}`;
}

function clip(s: string): string {
	return s.length > 60 ? s.slice(0, 59) + '…' : s;
}
