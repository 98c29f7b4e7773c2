/**
 * What-if scenarios: the baseline centre list with centres added (a candidate hospital,
 * or any point in the US) and existing centres removed. Pure: no DOM, no SvelteKit, no DB.
 *
 * Updates are immutable and return the *same object* when nothing changes, so an undo
 * stack can push only real changes (`next !== prev`).
 *
 * ## URL format
 *
 * Two search params (`SCENARIO_PARAMS`); both optional, absent = no change.
 *
 * - `add`: additions in the order added, joined by `~` (a character no item contains):
 *   - `h:<hospital_id>`: a candidate hospital by its 10-digit HIFLD id, e.g. `h:0000372903`;
 *   - `p:<lat>,<lon>`: a point in decimal degrees, rounded to 4 decimals (about 11 m),
 *     e.g. `p:40.1,-100.2`. Point labels are not kept in the link.
 *   Example: `add=h:0000372903~p:40.1,-100.2`. Repeated `add` params are read in order.
 * - `remove`: ids of baseline centres (e.g. `AL-01`), joined by `~` (`,` is accepted too).
 *
 * Reading a link: `parseScenario` checks syntax, ranges, US bounds, duplicates and the
 * cap, keeping every valid item and giving one notice per problem. Hospital ids and
 * centre ids can only be checked against the data: it returns the hospital ids to look
 * up (`queries/hospitals.byIds`), and `resolveScenario` then builds the `Scenario`,
 * dropping (with a notice) ids the data does not know.
 */
import type { CentrePoint } from '$lib/metrics/nearest';
import { isValidLatLon } from '$lib/metrics/distance';
import { isInUsBounds } from '$lib/geo/us-bounds';
import { formatLatLon } from '$lib/copy/format';

/** A candidate hospital as the link names it (before its coordinates are looked up). */
export interface HospitalRef {
	kind: 'hospital';
	hospitalId: string;
}
export interface HospitalCentre extends HospitalRef {
	name?: string;
	lat: number;
	lon: number;
}
export interface PointCentre {
	kind: 'point';
	lat: number;
	lon: number;
	label?: string;
}
export type AddedCentre = HospitalCentre | PointCentre;
export type AddedRef = HospitalRef | PointCentre;

export interface Scenario {
	/** in the order added */
	added: AddedCentre[];
	/** baseline centre ids, in the order removed */
	removed: string[];
}
/** What a link can say: like `Scenario`, but hospitals known only by id. A `Scenario` is one. */
export interface ScenarioLink {
	added: AddedRef[];
	removed: string[];
}

/** The no-change scenario (frozen: updates return new objects, never mutate it). */
export const EMPTY_SCENARIO: Scenario = Object.freeze({ added: Object.freeze([]), removed: Object.freeze([]) }) as unknown as Scenario;
/** Most additions a scenario holds (keeps links short and recomputation quick). */
export const MAX_ADDED = 50;
/** Most removals read from a link (more than the centre list has). */
export const MAX_REMOVED = 500;
export const SCENARIO_PARAMS = ['add', 'remove'] as const;
/** Separator between items of `add` and `remove`. */
export const ITEM_SEPARATOR = '~';
/** Decimal places kept for point coordinates (1e-4 degree ≈ 11 m). */
export const POINT_DECIMALS = 4;

const HOSPITAL_ID = /^\d{10}$/;
const CENTRE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Round to POINT_DECIMALS; -0 becomes 0 so ids never read "-0". */
export function roundCoord(x: number): number {
	const r = Math.round(x * 10 ** POINT_DECIMALS) / 10 ** POINT_DECIMALS;
	return r === 0 ? 0 : r;
}

/** Stable id of an addition: `h:<hospital_id>` or `p:<lat>,<lon>` (4 decimals, shortest form). */
export function addedId(a: AddedRef): string {
	return a.kind === 'hospital' ? `h:${a.hospitalId}` : `p:${roundCoord(a.lat)},${roundCoord(a.lon)}`;
}

export function isAddedId(id: string): boolean {
	return id.startsWith('h:') || id.startsWith('p:');
}

/** A display name for an addition when the caller has none better. */
export function addedName(a: AddedRef | AddedCentre): string {
	if (a.kind === 'hospital') return ('name' in a && typeof a.name === 'string' && a.name) || `Hospital ${a.hospitalId}`;
	// (rounded as its id: roundCoord rounds halves up, so a negative value is rounded before its sign is dropped)
	return a.label || `Point at ${formatLatLon(roundCoord(a.lat), roundCoord(a.lon))}`;
}

/**
 * The centre list under the scenario: baseline order minus removed ids, then additions in
 * the order added. An addition is skipped when its id, or its location to 4 decimals, is
 * already in the list (e.g. a hospital that is already a centre): it would change no
 * distance. Appending one addition to a scenario therefore appends at most one centre,
 * so incremental engines (`metrics/nearest` addCentre) can extend the previous result.
 */
export function scenarioCentres(baseline: readonly CentrePoint[], s: Scenario): CentrePoint[] {
	const removed = new Set(s.removed);
	const out = baseline.filter((c) => !removed.has(c.id));
	const ids = new Set(out.map((c) => c.id));
	const places = new Set(out.map((c) => placeKey(c.lat, c.lon)));
	for (const a of s.added) {
		const id = addedId(a);
		const place = placeKey(a.lat, a.lon);
		if (ids.has(id) || places.has(place) || !isValidLatLon(a.lat, a.lon)) continue;
		ids.add(id);
		places.add(place);
		out.push({ id, lat: a.lat, lon: a.lon });
	}
	return out;
}

function placeKey(lat: number, lon: number): string {
	return `${roundCoord(lat)},${roundCoord(lon)}`;
}

// ---------------------------------------------------------------- updates

export function canAdd(s: ScenarioLink): boolean {
	return s.added.length < MAX_ADDED;
}

function withAddition(s: Scenario, a: AddedCentre): Scenario {
	const id = addedId(a);
	if (!canAdd(s) || s.added.some((x) => addedId(x) === id)) return s;
	return { ...s, added: [...s.added, a] };
}

/** Add a candidate hospital. No-op if it is already added or the scenario is full (`canAdd`). */
export function addHospital(s: Scenario, h: { hospitalId: string; lat: number; lon: number; name?: string }): Scenario {
	if (!isValidLatLon(h.lat, h.lon)) return s;
	const a: HospitalCentre = { kind: 'hospital', hospitalId: h.hospitalId, lat: h.lat, lon: h.lon };
	if (h.name) a.name = h.name;
	return withAddition(s, a);
}

/**
 * Add a point (coordinates rounded to 4 decimals). No-op if the point is invalid, outside
 * the US boxes (`geo/us-bounds`), already added, or the scenario is full.
 */
export function addPoint(s: Scenario, p: { lat: number; lon: number; label?: string }): Scenario {
	const lat = roundCoord(p.lat);
	const lon = roundCoord(p.lon);
	if (!isValidLatLon(lat, lon) || !isInUsBounds(lat, lon)) return s;
	const a: PointCentre = { kind: 'point', lat, lon };
	if (p.label) a.label = p.label;
	return withAddition(s, a);
}

/**
 * Remove a centre by id: an addition (`h:…`, `p:…`) leaves the added list; a baseline
 * centre id joins the removed list. No-op if already gone.
 */
export function removeCentre(s: Scenario, id: string): Scenario {
	if (isAddedId(id)) {
		const added = s.added.filter((a) => addedId(a) !== id);
		return added.length === s.added.length ? s : { ...s, added };
	}
	return s.removed.includes(id) ? s : { ...s, removed: [...s.removed, id] };
}

/** Put a removed baseline centre back. No-op if it was not removed. */
export function restoreCentre(s: Scenario, id: string): Scenario {
	return s.removed.includes(id) ? { ...s, removed: s.removed.filter((r) => r !== id) } : s;
}

export function isEmptyScenario(s: ScenarioLink): boolean {
	return s.added.length === 0 && s.removed.length === 0;
}

// ---------------------------------------------------------------- URL

export interface ParsedScenario {
	/** what the link asks for, valid items only, in order */
	link: ScenarioLink;
	/** hospital ids of `link.added`, to look up before `resolveScenario` */
	hospitalIds: string[];
	notices: string[];
}

/** Whether a link asks for a scenario (centres added or removed). */
export function hasScenarioLink(s: ParsedScenario): boolean {
	return s.link.added.length + s.link.removed.length > 0;
}

const quote = (s: string) => `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;

function splitItems(values: string[], separators: RegExp): string[] {
	return values.flatMap((v) => v.split(separators)).map((t) => t.trim()).filter(Boolean);
}

/** Parse one `add` item; returns the addition or a notice saying what is wrong and what to write. */
function parseAddItem(item: string): AddedRef | string {
	if (item.startsWith('h:')) {
		const id = item.slice(2);
		if (HOSPITAL_ID.test(id)) return { kind: 'hospital', hospitalId: id };
		return `Ignored the added hospital ${quote(item)}: a hospital id has 10 digits, e.g. h:0000372903.`;
	}
	if (item.startsWith('p:')) {
		const parts = item.slice(2).split(',');
		if (parts.length !== 2 || !parts.every((x) => DECIMAL.test(x.trim()))) {
			return `Ignored the added point ${quote(item)}: write it as p:<latitude>,<longitude> in decimal degrees, e.g. p:40.1,-100.2.`;
		}
		const lat = roundCoord(Number(parts[0]));
		const lon = roundCoord(Number(parts[1]));
		if (!isValidLatLon(lat, lon)) {
			return `Ignored the added point ${quote(item)}: latitude must be between -90 and 90 and longitude between -180 and 180.`;
		}
		if (!isInUsBounds(lat, lon)) {
			const hint = isInUsBounds(lon, lat) ? ' (latitude and longitude look swapped)' : '';
			return `Ignored the added point ${quote(item)}: it is outside the 50 states, DC and Puerto Rico${hint}.`;
		}
		return { kind: 'point', lat, lon };
	}
	return `Ignored ${quote(item)} in the added centres: use h:<hospital id> or p:<latitude>,<longitude>.`;
}

/** Read `add` and `remove`; other params are left to their owners (e.g. `url-params`). */
export function parseScenario(params: URLSearchParams): ParsedScenario {
	const notices: string[] = [];
	const added: AddedRef[] = [];
	const seen = new Set<string>();
	const dupes: string[] = [];
	let valid = 0;
	for (const item of splitItems(params.getAll('add'), /~/)) {
		const r = parseAddItem(item);
		if (typeof r === 'string') {
			notices.push(r);
			continue;
		}
		const id = addedId(r);
		if (seen.has(id)) {
			dupes.push(id);
			continue;
		}
		seen.add(id);
		valid++;
		if (added.length < MAX_ADDED) added.push(r);
	}
	if (dupes.length) notices.push(`Ignored repeated added centre(s) ${[...new Set(dupes)].map(quote).join(', ')}; each is added once.`);
	if (valid > MAX_ADDED) {
		notices.push(`The link adds ${valid} centres; a scenario holds at most ${MAX_ADDED}, so the first ${MAX_ADDED} are kept.`);
	}

	const removed: string[] = [];
	const badIds: string[] = [];
	let removedDupes = false;
	let removedValid = 0;
	for (const id of splitItems(params.getAll('remove'), /[~,]/)) {
		if (!CENTRE_ID.test(id)) badIds.push(id);
		else if (removed.includes(id)) removedDupes = true;
		else if (++removedValid <= MAX_REMOVED) removed.push(id);
	}
	if (badIds.length) {
		const hint = badIds.some(isAddedId) ? ' To drop an added centre, take it out of add= instead.' : '';
		notices.push(`Ignored ${badIds.map(quote).join(', ')} in the removed centres: not a centre id (e.g. AL-01).${hint}`);
	}
	if (removedDupes) notices.push('Ignored repeated removed centre ids; each is removed once.');
	if (removedValid > MAX_REMOVED) notices.push(`The link removes ${removedValid} centres; only the first ${MAX_REMOVED} are read.`);

	const hospitalIds = added.flatMap((a) => (a.kind === 'hospital' ? [a.hospitalId] : []));
	return { link: { added, removed }, hospitalIds, notices };
}

/**
 * Build the `Scenario` from a parsed link and the data: `hospitals` are the rows found for
 * `hospitalIds` (any object with id, name, lat, lon); `centreIds`, when given, are the ids
 * of all centres (the whole list, not only the current filter), so removals of unknown ids
 * are dropped with a notice. Order and everything known are kept.
 */
export function resolveScenario({
	link,
	hospitals,
	centreIds
}: {
	link: ScenarioLink;
	hospitals: readonly { hospital_id: string; name?: string; lat: number; lon: number }[];
	centreIds?: readonly string[];
}): { scenario: Scenario; notices: string[] } {
	const notices: string[] = [];
	const byId = new Map(hospitals.map((h) => [h.hospital_id, h]));
	const unknown: string[] = [];
	let scenario: Scenario = { added: [], removed: [] };
	for (const a of link.added) {
		if (a.kind === 'point') {
			scenario = withAddition(scenario, a);
			continue;
		}
		const h = byId.get(a.hospitalId);
		if (!h || !isValidLatLon(h.lat, h.lon)) unknown.push(a.hospitalId);
		else scenario = addHospital(scenario, { hospitalId: a.hospitalId, name: h.name, lat: h.lat, lon: h.lon });
	}
	if (unknown.length) {
		notices.push(
			`Ignored hospital id(s) ${unknown.join(', ')} from the link: not among the open general, critical-access and children's hospitals of the candidate list.`
		);
	}
	const known = centreIds ? new Set(centreIds) : null;
	const unknownCentres = known ? link.removed.filter((id) => !known.has(id)) : [];
	if (unknownCentres.length) {
		notices.push(`Ignored removal of ${unknownCentres.map(quote).join(', ')}: no centre in the list has that id.`);
	}
	scenario.removed = known ? link.removed.filter((id) => known.has(id)) : [...link.removed];
	return { scenario, notices };
}

/** URL params for a scenario (or a parsed link); params with nothing to say are omitted. */
export function serialiseScenario(s: ScenarioLink): Record<string, string> {
	const out: Record<string, string> = {};
	if (s.added.length) out.add = s.added.map(addedId).join(ITEM_SEPARATOR);
	if (s.removed.length) out.remove = s.removed.join(ITEM_SEPARATOR);
	return out;
}
