/**
 * Rankings: for every state (or every county, optionally of one state), people with a known
 * travel value, people beyond a threshold, the share, population-weighted median and 90th
 * percentile travel, and, for one chosen group, its share beyond and disparity ratio against
 * its reference group. Rows come sorted by share, highest first.
 *
 * Same definitions as `metrics/equity.ts` (and `metrics/shares.ts`), so a state's row equals
 * `computeEquity` for that state:
 * - beyond = strictly greater than the threshold (`shares.beyondThreshold`);
 * - quantile = smallest value whose cumulative weight share reaches q (`shares.weightedQuantile`);
 * - null / NaN / ±Infinity travel = unknown, reported in `unknown` and left out of every share;
 * - people = the ACS total population (`acs_pop`) of the places with known travel;
 * - ratio = `equity.disparityRatio` (null when either share is null or the reference share is 0).
 * No margins of error here: a ranking of 3,000 counties with intervals would need the
 * per-threshold MOE walk of `equity.equityAt` for each; open one place in the equity panel
 * for its interval.
 *
 * Cost model (like `equity.prepareEquity` / `equityAt`): `prepareRankings`, once per travel
 * array, grain and group, sorts the places by travel (`equity.argsortStable`), groups them by
 * unit keeping that order, and builds per-unit cumulative weights for everyone, the group and
 * its reference; quantiles are computed there, since they do not depend on the threshold.
 * `rankingsAt`, per threshold, is one binary search per unit plus a sort of the units.
 *
 * Units: 'state' = the 50 states + DC (Puerto Rico has no group counts and is left out, as in
 * the nation of `equity.regionMask`); 'county' = every county of the nation, or of `state_fips`
 * when given (Puerto Rico's municipios only when asked for by `state_fips: '72'`, with null
 * shares). Units are the ones with at least one row; a unit with no people has share null and
 * sorts last.
 */
import { argsortStable, disparityRatio, isKnown, quantileTarget, regionMask, type EquityResult, type GroupId, type Population, type Region } from './equity';

export type RankingGrain = 'state' | 'county';

export interface RankingGroupShare {
	id: GroupId;
	reference: GroupId | null;
	/** people (or households) of the group with known travel */
	known: number;
	beyond: number;
	/** beyond / known; null when known is 0 */
	share: number | null;
	referenceShare: number | null;
	/** share / reference share */
	ratio: number | null;
}

export interface RankingRow {
	/** state FIPS (2 digits) or county FIPS (5 digits) */
	id: string;
	/** ACS population with known travel */
	people: number;
	/** of those, beyond the threshold (strictly greater) */
	beyond: number;
	/** beyond / people; null when people is 0 */
	share: number | null;
	/** ACS population with unknown travel */
	unknown: number;
	/** population-weighted median and 90th percentile travel; null when people is 0 */
	median: number | null;
	p90: number | null;
	/** the chosen group (null when none was chosen) */
	groupShares: RankingGroupShare | null;
}

/** Threshold-independent state for one travel array, grain and group. */
export interface PreparedRankings {
	readonly grain: RankingGrain;
	readonly ids: readonly string[];
	/** unit u's places are sorted[start[u] .. start[u + 1]) (a unit in `own`: as many, in its own arrays) */
	readonly start: Int32Array;
	/** known travel values, ascending within each unit */
	readonly sorted: Float64Array;
	/** per-unit cumulative weights: cum[start[u] + u + k] = weight of unit u's first k places */
	readonly cumAll: Float64Array;
	readonly cumGroup: Float64Array | null;
	readonly cumRef: Float64Array | null;
	/**
	 * The units a what-if's update sorted again, each in arrays of its own; for them the shared arrays
	 * above hold the preparation's it started from. Read a unit through {@link unitView}. (An update
	 * that copied the shared arrays to change a few units' slots made ~3 MB of fresh memory per what-if.)
	 */
	readonly own: ReadonlyMap<number, OwnUnit> | null;
	readonly unknown: Float64Array;
	readonly median: (number | null)[];
	readonly p90: (number | null)[];
	readonly group: GroupId | null;
	readonly reference: GroupId | null;
	/** what a later preparation can start from (`from`): the inputs, each row's unit (-1 outside), the row at each sorted position */
	readonly population: Population;
	readonly travel: ArrayLike<number | null>;
	readonly stateFips: string | null;
	readonly unitOf: Int32Array;
	readonly rowAt: Int32Array;
}

/** A unit's places in arrays of its own: rows and values by travel, cumulative weights (cum[k] = weight of the first k places). */
export interface OwnUnit {
	readonly rowAt: Int32Array;
	readonly sorted: Float64Array;
	readonly cumAll: Float64Array;
	readonly cumGroup: Float64Array | null;
	readonly cumRef: Float64Array | null;
}

/**
 * Where one unit's places are: its `len` rows and values by travel from `at` in `rowAt` / `sorted`, and
 * its cumulative weights from `cumAt` (cum[cumAt + k] = weight of its first k places).
 */
export interface UnitView {
	len: number;
	rowAt: Int32Array;
	sorted: Float64Array;
	at: number;
	cumAll: Float64Array;
	cumGroup: Float64Array | null;
	cumRef: Float64Array | null;
	cumAt: number;
}

/** Unit u of a preparation: in its own arrays when an update sorted it again, else its slots of the shared ones. */
export function unitView(p: PreparedRankings, u: number, into?: UnitView): UnitView {
	const v = into ?? ({} as UnitView);
	v.len = p.start[u + 1] - p.start[u];
	const own = p.own?.get(u);
	if (own) {
		v.rowAt = own.rowAt;
		v.sorted = own.sorted;
		v.at = 0;
		v.cumAll = own.cumAll;
		v.cumGroup = own.cumGroup;
		v.cumRef = own.cumRef;
		v.cumAt = 0;
	} else {
		v.rowAt = p.rowAt;
		v.sorted = p.sorted;
		v.at = p.start[u];
		v.cumAll = p.cumAll;
		v.cumGroup = p.cumGroup;
		v.cumRef = p.cumRef;
		v.cumAt = p.start[u] + u;
	}
	return v;
}

export interface RankingsArgs {
	population: Population;
	/** one travel value per population row, in row order */
	travel: ArrayLike<number | null>;
	grain: RankingGrain;
	/** county grain only: restrict to this state's counties */
	state_fips?: string | null;
	/** the group whose share and ratio go in `groupShares` */
	group?: GroupId | null;
	/**
	 * An earlier preparation for the same population, grain, state and group (e.g. the baseline of a
	 * what-if): when the travel differs in a few places only, only their units are sorted again. The
	 * result is the same, to the bit.
	 */
	from?: PreparedRankings;
}

function groupIndex(population: Population, id: GroupId): number {
	const g = population.groups.findIndex((d) => d.id === id);
	if (g < 0) throw new RangeError(`group "${id}" is not in this population; build it with buildPopulation({ rows }) and the default GROUPS`);
	return g;
}

export function prepareRankings({ population, travel, grain, state_fips = null, group = null, from }: RankingsArgs): PreparedRankings {
	const { n } = population;
	if (travel.length !== n) {
		throw new RangeError(`travel has ${travel.length} values but the population has ${n} rows; pass one value per row, in row order`);
	}
	if (grain !== 'state' && grain !== 'county') throw new RangeError(`grain must be 'state' or 'county', got "${grain}"`);
	if (grain === 'state' && state_fips != null) throw new RangeError('state_fips restricts the county grain; for one state use grain: "county"');
	if (from && from.population === population && from.grain === grain && from.stateFips === state_fips && from.group === group) {
		const updated = updateRankings(from, travel);
		if (updated) return updated;
	}
	const region: Region = state_fips != null ? { kind: 'state', state_fips } : { kind: 'nation' };
	const mask = regionMask(population, region);

	// unit of each row (-1 outside), ids in code order
	const unitOf = new Int32Array(n).fill(-1);
	const ids: string[] = [];
	{
		const key = grain === 'state' ? population.stateFips : population.countyFips;
		const seen = new Map<string, number>();
		for (let i = 0; i < n; i++) if (mask[i]) seen.set(key[i], 0);
		ids.push(...[...seen.keys()].sort());
		ids.forEach((id, u) => seen.set(id, u));
		for (let i = 0; i < n; i++) if (mask[i]) unitOf[i] = seen.get(key[i]) as number;
	}
	const U = ids.length;

	const ai = groupIndex(population, 'all');
	const wAll = population.weight[ai];
	const gi = group ? groupIndex(population, group) : -1;
	const reference = gi >= 0 ? population.groups[gi].reference : null;
	const ri = reference ? groupIndex(population, reference) : -1;
	const wGroup = gi >= 0 ? population.weight[gi] : null;
	const wRef = ri >= 0 ? population.weight[ri] : null;

	// known rows, sorted by travel, then stably by unit (so ascending travel within a unit)
	const unknown = new Float64Array(U);
	const known: number[] = [];
	for (let i = 0; i < n; i++) {
		const u = unitOf[i];
		if (u < 0) continue;
		if (!isKnown(travel[i])) unknown[u] += wAll[i];
		else known.push(i);
	}
	const m = known.length;
	const keys = new Float64Array(m);
	for (let p = 0; p < m; p++) keys[p] = travel[known[p]] as number;
	const byTravel = argsortStable(keys);
	const start = new Int32Array(U + 1);
	for (let p = 0; p < m; p++) start[unitOf[known[p]] + 1]++;
	for (let u = 0; u < U; u++) start[u + 1] += start[u];
	const next = start.slice(0, U);
	const rowAt = new Int32Array(m);
	const sorted = new Float64Array(m);
	for (let q = 0; q < m; q++) {
		const p = byTravel[q];
		const i = known[p];
		const at = next[unitOf[i]]++;
		rowAt[at] = i;
		sorted[at] = keys[p];
	}

	const cumOf = (w: Float64Array) => {
		const cum = new Float64Array(m + U);
		for (let u = 0; u < U; u++) cumInto(cum, start[u] + u, w, rowAt, start[u], start[u + 1] - start[u]);
		return cum;
	};
	const cumAll = cumOf(wAll);
	const median: (number | null)[] = [];
	const p90: (number | null)[] = [];
	for (let u = 0; u < U; u++) {
		const len = start[u + 1] - start[u];
		median.push(unitQuantile(cumAll, start[u] + u, sorted, start[u], len, 0.5));
		p90.push(unitQuantile(cumAll, start[u] + u, sorted, start[u], len, 0.9));
	}
	return {
		grain,
		ids,
		start,
		sorted,
		cumAll,
		cumGroup: wGroup ? cumOf(wGroup) : null,
		cumRef: wRef ? cumOf(wRef) : null,
		own: null,
		unknown,
		median,
		p90,
		group,
		reference,
		population,
		travel,
		stateFips: state_fips,
		unitOf,
		rowAt
	};
}

/** cum[at + k] = Σ w[rowAt[from .. from + k)] for k = 1 .. len (cum[at] is left as it is: 0). */
function cumInto(cum: Float64Array, at: number, w: Float64Array, rowAt: Int32Array, from: number, len: number): void {
	let acc = 0;
	for (let k = 0; k < len; k++) {
		acc += w[rowAt[from + k]];
		cum[at + k + 1] = acc;
	}
}

/**
 * `base` moved to new travel values: in the units holding a place whose value changed, those places
 * leave the unit's order and re-enter it at their new value (a merge; the unit's places keep its
 * slots), the others are kept. Null when the set of places with a known value changed, or most places
 * changed (a full preparation then costs no more).
 */
function updateRankings(base: PreparedRankings, travel: ArrayLike<number | null>): PreparedRankings | null {
	const { population, unitOf } = base;
	const old = base.travel;
	const U = base.ids.length;
	const touched = new Uint8Array(U);
	const moved = new Uint8Array(population.n);
	let nChanged = 0;
	for (let i = 0; i < population.n; i++) {
		const u = unitOf[i];
		if (u < 0 || old[i] === travel[i]) continue;
		const k = isKnown(old[i]);
		if (k !== isKnown(travel[i])) return null;
		if (k) {
			touched[u] = 1;
			moved[i] = 1;
			nChanged++;
		}
	}
	if (nChanged > base.rowAt.length / 2) return null;
	if (nChanged === 0) return { ...base, travel };
	// the touched units in arrays of their own; the others keep their slots of the shared arrays
	const own = new Map(base.own ?? []);
	const median = base.median.slice();
	const p90 = base.p90.slice();
	const ai = groupIndex(population, 'all');
	const gi = base.group ? groupIndex(population, base.group) : -1;
	const ri = base.reference ? groupIndex(population, base.reference) : -1;
	const from = {} as UnitView;
	for (let u = 0; u < U; u++) {
		if (!touched[u]) continue;
		unitView(base, u, from);
		const { len } = from;
		const rowAt = new Int32Array(len);
		const sorted = new Float64Array(len);
		mergeMoved(from, rowAt, sorted, moved, travel);
		const cumOf = (w: Float64Array) => {
			const cum = new Float64Array(len + 1);
			cumInto(cum, 0, w, rowAt, 0, len);
			return cum;
		};
		const cumAll = cumOf(population.weight[ai]);
		own.set(u, { rowAt, sorted, cumAll, cumGroup: base.cumGroup ? cumOf(population.weight[gi]) : null, cumRef: base.cumRef ? cumOf(population.weight[ri]) : null });
		median[u] = unitQuantile(cumAll, 0, sorted, 0, len, 0.5);
		p90[u] = unitQuantile(cumAll, 0, sorted, 0, len, 0.9);
	}
	return { ...base, travel, own, median, p90 };
}

/**
 * One unit's places by old value (ties by row; `from`) written to `row` / `sorted` in the order the full
 * preparation gives the new values: by value, ties by row. The places that did not move keep their
 * order; the moved ones (sorted among themselves) are merged in.
 */
function mergeMoved(from: UnitView, row: Int32Array, sorted: Float64Array, moved: Uint8Array, travel: ArrayLike<number | null>): void {
	const { rowAt: bRow, sorted: bSorted, at: a, len } = from;
	const b = a + len;
	const rows: number[] = [];
	for (let k = a; k < b; k++) if (moved[bRow[k]]) rows.push(bRow[k]);
	rows.sort((x, y) => x - y);
	const keys = new Float64Array(rows.length);
	for (let k = 0; k < rows.length; k++) keys[k] = travel[rows[k]] as number;
	const perm = argsortStable(keys); // (stable: ties stay by row)
	let i = a;
	let j = 0;
	for (let k = 0; k < len; k++) {
		while (i < b && moved[bRow[i]]) i++;
		const takeBase =
			j >= perm.length || (i < b && (bSorted[i] < keys[perm[j]] || (bSorted[i] === keys[perm[j]] && bRow[i] < rows[perm[j]])));
		if (takeBase) {
			row[k] = bRow[i];
			sorted[k] = bSorted[i++];
		} else {
			row[k] = rows[perm[j]];
			sorted[k] = keys[perm[j++]];
		}
	}
}

/**
 * Smallest of a unit's `len` values (from `at` in `sorted`) whose cumulative weight (from `base` in `cum`)
 * reaches q · total (the rule of `shares.weightedQuantile`).
 */
function unitQuantile(cum: Float64Array, base: number, sorted: Float64Array, at: number, len: number, q: number): number | null {
	const total = cum[base + len];
	if (!(total > 0)) return null;
	const target = quantileTarget(total, q);
	// smallest k in [1, len] with cum[base + k] >= target
	let lo = 1;
	let hi = len;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (cum[base + mid] >= target) hi = mid;
		else lo = mid + 1;
	}
	return sorted[at + lo - 1];
}

/** Number of unit u's values that are <= t (its places within the threshold). */
function withinCount(sorted: Float64Array, from: number, to: number, t: number): number {
	let lo = from;
	let hi = to;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] > t) hi = mid;
		else lo = mid + 1;
	}
	return lo - from;
}

function shareOf(beyond: number, known: number): number | null {
	return known > 0 ? Math.min(1, beyond / known) : null;
}

/** Every unit at one threshold, sorted by share (highest first; no people last; then by id). */
export function rankingsAt({ prepared, threshold }: { prepared: PreparedRankings; threshold: number }): RankingRow[] {
	if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN; pass a number of minutes or miles');
	const { ids, unknown, median, p90, group, reference } = prepared;
	const rows: RankingRow[] = new Array(ids.length);
	const v = {} as UnitView;
	for (let u = 0; u < ids.length; u++) {
		const { cumAll, cumGroup, cumRef, cumAt: base, len } = unitView(prepared, u, v);
		const end = base + len;
		const cut = base + withinCount(v.sorted, v.at, v.at + len, threshold);
		const people = cumAll[end];
		const beyond = Math.max(0, people - cumAll[cut]);
		let groupShares: RankingGroupShare | null = null;
		if (group && cumGroup) {
			const known = cumGroup[end];
			const gBeyond = Math.max(0, known - cumGroup[cut]);
			const share = shareOf(gBeyond, known);
			const referenceShare = cumRef ? shareOf(Math.max(0, cumRef[end] - cumRef[cut]), cumRef[end]) : null;
			groupShares = {
				id: group,
				reference,
				known,
				beyond: gBeyond,
				share,
				referenceShare,
				ratio: reference ? disparityRatio(share, referenceShare) : null
			};
		}
		rows[u] = { id: ids[u], people, beyond, share: shareOf(beyond, people), unknown: unknown[u], median: median[u], p90: p90[u], groupShares };
	}
	return rows.sort(byShareDesc);
}

/** Share descending, null last; ties by people beyond (descending), then id. */
export function byShareDesc(a: RankingRow, b: RankingRow): number {
	if (a.share !== b.share) {
		if (a.share == null) return 1;
		if (b.share == null) return -1;
		return b.share - a.share;
	}
	return b.beyond - a.beyond || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One-shot: prepare and evaluate one threshold. */
export function computeRankings(args: RankingsArgs & { threshold: number }): RankingRow[] {
	return rankingsAt({ prepared: prepareRankings(args), threshold: args.threshold });
}

/**
 * Ranking rows from each unit's equity figures (a unit's row equals `computeEquity` for that unit;
 * see the definitions above): what a page draws from figures computed elsewhere (the build-time
 * first figures, `state/first-figures.ts`), sorted like {@link rankingsAt}.
 */
export function rankingRowsFromResults(units: readonly { id: string; result: EquityResult }[], group: GroupId | null): RankingRow[] {
	const rows = units.map(({ id, result }): RankingRow => {
		const all = result.byId.all;
		if (!all) throw new RangeError(`the figures of ${id} have no "all" group`);
		let groupShares: RankingGroupShare | null = null;
		const g = group ? result.byId[group] : undefined;
		if (group && g) {
			const ref = g.reference ? result.byId[g.reference] : undefined;
			const referenceShare = ref ? shareOf(ref.beyond, ref.known) : null;
			const share = shareOf(g.beyond, g.known);
			groupShares = { id: group, reference: g.reference, known: g.known, beyond: g.beyond, share, referenceShare, ratio: g.reference ? disparityRatio(share, referenceShare) : null };
		}
		return { id, people: all.known, beyond: all.beyond, share: shareOf(all.beyond, all.known), unknown: all.unknown, median: all.median, p90: all.p90, groupShares };
	});
	return rows.sort(byShareDesc);
}
