/**
 * Who lives beyond reach: for each population group, people with a known travel value, people
 * beyond a threshold, the share, population-weighted median and 90th percentile travel, the
 * disparity ratio against a reference group, and a 90 % interval from ACS margins of error.
 *
 * Inputs: one row per place (tract or county) with group counts, from
 * `queries/population-groups.ts`, and one travel value per row (minutes or miles, any method;
 * null / NaN = unknown, reported separately and left out of every share).
 *
 * Cost model: `prepareEquity` (once per travel array and region) sorts the places by travel
 * and builds a cumulative weight array per group; `equityAt` (per threshold) finds the cut by
 * binary search, so counts and shares cost O(groups · log n); only the margin of error walks
 * the places beyond the cut. Quantiles do not depend on the threshold and are computed once.
 * A what-if's travel, prepared `from` the baseline's preparation, is that preparation corrected by
 * the few places that moved (`EquityDelta`): no new sort or cumulative array, and its margin of
 * error at a threshold is the baseline's sums of squares there corrected by the moved places
 * that crossed it (no walk over the places beyond).
 *
 * Beyond = strictly greater than the threshold, as `shares.beyondThreshold`.
 * Quantiles = the smallest value whose cumulative weight share reaches q, as
 * `shares.weightedQuantile`.
 *
 * Margins of error (90 %), U.S. Census Bureau, "Understanding and Using American Community
 * Survey Data: What All Data Users Need to Know" (2020), ch. 8 "Calculating Measures of Error
 * for Derived Estimates":
 * - sum or difference of estimates: MOE = √(Σ MOEᵢ²) (used for the derived reference groups,
 *   e.g. total − below 150 % poverty, and to add up places);
 * - a proportion whose numerator is a subset of its denominator:
 *   MOE(p) = √(MOE_X² − p² · MOE_Y²) / Y, and when the term under the root is negative the
 *   ratio formula √(MOE_X² + p² · MOE_Y²) / Y.
 * The handbook warns that these approximations get worse as more estimates are combined (they
 * ignore covariance). Tracts whose counts are apportioned from one county are parts of the same
 * estimate, perfectly correlated: their MOEs are added linearly within the county (the MOE of
 * f · X is f · MOE(X)) and only then combined across counties by root-sum-of-squares.
 * The interval describes sampling error of the ACS counts only, not error of the travel values
 * or of the apportioning.
 */
import { GROUP_COPY, shareInWords } from '$lib/copy/groups';
import { formatThreshold, type TravelUnit } from './travel-methods';

/** ACS count columns the groups are built from (the same names as the query rows). */
export type CountColumn =
	| 'acs_pop'
	| 'nh_white'
	| 'nh_black'
	| 'hispanic'
	| 'nh_asian'
	| 'nh_aian'
	| 'nh_nhpi'
	| 'nh_other_multi'
	| 'pov150'
	| 'uninsured'
	| 'age65'
	| 'households'
	| 'no_vehicle_hh';

export type Family = 'total' | 'race' | 'poverty' | 'insurance' | 'age' | 'vehicle' | 'rurality' | 'svi' | 'income' | 'medicaid';

/** How a group's weight comes out of a row. */
export type GroupWeight =
	/** count column, minus another (e.g. acs_pop − pov150) */
	| { kind: 'count'; column: CountColumn; minus?: CountColumn }
	/** total population of places whose county attribute has this value */
	| { kind: 'category'; attribute: 'metro' | 'svi_quartile' | 'income_quintile' | 'medicaid_expansion'; value: boolean | number };

export interface GroupDef {
	id: GroupId;
	family: Family;
	unit: 'people' | 'households';
	/** the group this one is compared with; null for reference groups themselves */
	reference: GroupId | null;
	weight: GroupWeight;
}

export type GroupId = keyof typeof GROUP_COPY;

const count = (column: CountColumn, minus?: CountColumn): GroupWeight => ({ kind: 'count', column, minus });
const cat = (attribute: 'metro' | 'svi_quartile' | 'income_quintile' | 'medicaid_expansion', value: boolean | number): GroupWeight => ({
	kind: 'category',
	attribute,
	value
});

/**
 * Every group, in display order. References: non-Hispanic White for race and ethnicity; the
 * rest of the population for poverty, insurance and age; households with a vehicle; metro
 * counties; SVI quartile 1; income quintile 5; Medicaid-expansion states.
 * Uninsured: the ACS universe of `uninsured` is the civilian non-institutionalised population,
 * which SVI does not publish, so the reference is acs_pop − uninsured ("everyone else"),
 * which also holds people outside that universe (institutions, active-duty military); the
 * group's own share is unaffected, and the reference share is slightly diluted.
 */
export const GROUPS: readonly GroupDef[] = [
	{ id: 'all', family: 'total', unit: 'people', reference: null, weight: count('acs_pop') },
	{ id: 'nh_white', family: 'race', unit: 'people', reference: null, weight: count('nh_white') },
	{ id: 'nh_black', family: 'race', unit: 'people', reference: 'nh_white', weight: count('nh_black') },
	{ id: 'hispanic', family: 'race', unit: 'people', reference: 'nh_white', weight: count('hispanic') },
	{ id: 'nh_asian', family: 'race', unit: 'people', reference: 'nh_white', weight: count('nh_asian') },
	{ id: 'nh_aian', family: 'race', unit: 'people', reference: 'nh_white', weight: count('nh_aian') },
	{ id: 'nh_nhpi', family: 'race', unit: 'people', reference: 'nh_white', weight: count('nh_nhpi') },
	{ id: 'nh_other_multi', family: 'race', unit: 'people', reference: 'nh_white', weight: count('nh_other_multi') },
	{ id: 'pov150', family: 'poverty', unit: 'people', reference: 'not_pov150', weight: count('pov150') },
	{ id: 'not_pov150', family: 'poverty', unit: 'people', reference: null, weight: count('acs_pop', 'pov150') },
	{ id: 'uninsured', family: 'insurance', unit: 'people', reference: 'not_uninsured', weight: count('uninsured') },
	{ id: 'not_uninsured', family: 'insurance', unit: 'people', reference: null, weight: count('acs_pop', 'uninsured') },
	{ id: 'age65', family: 'age', unit: 'people', reference: 'under65', weight: count('age65') },
	{ id: 'under65', family: 'age', unit: 'people', reference: null, weight: count('acs_pop', 'age65') },
	{ id: 'no_vehicle_hh', family: 'vehicle', unit: 'households', reference: 'vehicle_hh', weight: count('no_vehicle_hh') },
	{ id: 'vehicle_hh', family: 'vehicle', unit: 'households', reference: null, weight: count('households', 'no_vehicle_hh') },
	{ id: 'rural', family: 'rurality', unit: 'people', reference: 'metro', weight: cat('metro', false) },
	{ id: 'metro', family: 'rurality', unit: 'people', reference: null, weight: cat('metro', true) },
	{ id: 'svi_q4', family: 'svi', unit: 'people', reference: 'svi_q1', weight: cat('svi_quartile', 4) },
	{ id: 'svi_q3', family: 'svi', unit: 'people', reference: 'svi_q1', weight: cat('svi_quartile', 3) },
	{ id: 'svi_q2', family: 'svi', unit: 'people', reference: 'svi_q1', weight: cat('svi_quartile', 2) },
	{ id: 'svi_q1', family: 'svi', unit: 'people', reference: null, weight: cat('svi_quartile', 1) },
	{ id: 'income_q1', family: 'income', unit: 'people', reference: 'income_q5', weight: cat('income_quintile', 1) },
	{ id: 'income_q2', family: 'income', unit: 'people', reference: 'income_q5', weight: cat('income_quintile', 2) },
	{ id: 'income_q3', family: 'income', unit: 'people', reference: 'income_q5', weight: cat('income_quintile', 3) },
	{ id: 'income_q4', family: 'income', unit: 'people', reference: 'income_q5', weight: cat('income_quintile', 4) },
	{ id: 'income_q5', family: 'income', unit: 'people', reference: null, weight: cat('income_quintile', 5) },
	{ id: 'medicaid_not_expanded', family: 'medicaid', unit: 'people', reference: 'medicaid_expanded', weight: cat('medicaid_expansion', false) },
	{ id: 'medicaid_expanded', family: 'medicaid', unit: 'people', reference: null, weight: cat('medicaid_expansion', true) }
];

/** The shape of a population row this module reads (tract or county rows of `queries/population-groups`). */
export type PopulationRow = { [K in CountColumn]: number | null } & { [K in `${CountColumn}_moe`]?: number | null } & {
	county_fips: string;
	state_fips: string;
	pop_2020?: number | null;
	/** counts spread from the county (absent = false, e.g. county rows) */
	apportioned?: boolean;
	/** fraction of the county's counts in this row (needed when apportioned) */
	county_share?: number | null;
	metro?: boolean | null;
	svi_quartile?: number | null;
	income_quintile?: number | null;
	medicaid_expansion?: boolean | null;
};

/** Column-oriented population, built once per data load. */
export interface Population {
	readonly n: number;
	readonly groups: readonly GroupDef[];
	readonly stateFips: readonly string[];
	readonly countyFips: readonly string[];
	/** county index per row (into `counties`) */
	readonly county: Int32Array;
	readonly counties: readonly string[];
	/** 1 when the row's counts are apportioned from its county */
	readonly apportioned: Uint8Array;
	/** fraction of the county's counts in the row (apportioned rows) */
	readonly countyShare: Float64Array;
	/** 1 when the row has group counts at all (0 for Puerto Rico) */
	readonly hasCounts: Uint8Array;
	/** 2020 census population per row (for reporting places without counts) */
	readonly pop2020: Float64Array;
	/** per group: weight per row (0 when missing or negative) */
	readonly weight: readonly Float64Array[];
	/** the same weights row-major, weightRows[i * groups.length + g] (for fast cumulative sums) */
	readonly weightRows: Float64Array;
	/** numeric state FIPS per row */
	readonly stateCode: Uint8Array;
	/**
	 * per group: MOE per row of the rows with their own counts (0 for apportioned rows, whose MOEs
	 * enter through `countyMoe`; the own-count rows are a few clustered runs, so the arrays' other
	 * pages are never touched); null when the group has no MOE (non-Hispanic White)
	 */
	readonly moe: readonly (Float64Array | null)[];
	/** per group: county MOE (Σ of its apportioned rows' MOEs) per county; used for apportioned rows */
	readonly countyMoe: readonly (Float64Array | null)[];
}

/**
 * Population rows as columns: what {@link buildPopulation} reads. Numeric fields as they are,
 * booleans as 1 / 0, null or absent as NaN. Data loaders that already hold columns (the
 * dashboard's data file) pass them; {@link rowsSource} reads query rows.
 */
export interface PopulationSource {
	readonly n: number;
	readonly countyFips: readonly string[];
	readonly stateFips: readonly string[];
	/** a field of the rows as a column (count columns, their `_moe`, county attributes, `apportioned`, `county_share`, `pop_2020`) */
	column(key: string): Float64Array;
	/**
	 * The same column written into `out` (n values), when the source builds it (a column it keeps is
	 * returned as it is): a column read once is then not kept. Use the array returned.
	 */
	columnInto?(key: string, out: Float64Array): Float64Array;
}

/** Query rows as a {@link PopulationSource} (each field read once, on first use). */
export function rowsSource(rows: readonly PopulationRow[]): PopulationSource {
	const n = rows.length;
	const read = new Map<string, Float64Array>();
	return {
		n,
		countyFips: rows.map((r) => r.county_fips),
		stateFips: rows.map((r) => r.state_fips),
		column(key) {
			let c = read.get(key);
			if (!c) {
				c = new Float64Array(n);
				for (let i = 0; i < n; i++) {
					const v = (rows[i] as Record<string, unknown>)[key];
					c[i] = v == null ? NaN : Number(v);
				}
				read.set(key, c);
			}
			return c;
		}
	};
}

/** Where a group's weights go: per row weight `w`, MOE `m` of the rows with own counts, per county the Σ of its apportioned rows' MOEs `cm`. */
interface GroupColumns {
	w: Float64Array;
	m: Float64Array;
	cm: Float64Array;
	apportioned: Uint8Array;
	county: Int32Array;
}

/**
 * A difference of counts: value = max(0, a − b); MOE of a difference = √(MOE_a² + MOE_b²) (ACS
 * Handbook 2020, ch. 8); a missing count weighs 0 with MOE 0, a missing b counts as 0. A plain count
 * is the difference with zeros (b and its MOE 0: value max(0, a), MOE |MOE_a|). True when some row
 * with people has a MOE.
 */
function differenceWeights(a: Float64Array, ma: Float64Array, b: Float64Array, mb: Float64Array, { w, m, cm, apportioned, county }: GroupColumns): boolean {
	let anyMoe = false;
	for (let i = 0; i < a.length; i++) {
		const ai = a[i];
		if (ai !== ai) continue; // NaN: missing count
		const bi = b[i];
		const value = Math.max(0, ai - (bi === bi ? bi : 0));
		const x = ma[i];
		const y = mb[i];
		const hasMoe = x === x && y === y;
		w[i] = value;
		// √(x² + 0²) is |x| exactly; hypot only where a second MOE enters
		const mo = hasMoe ? (y === 0 ? Math.abs(x) : Math.hypot(x, y)) : NaN;
		if (hasMoe && value > 0) anyMoe = true;
		if (apportioned[i]) cm[county[i]] += mo;
		else m[i] = mo;
	}
	return anyMoe;
}

/** A category: the total population of rows whose county attribute has the value. */
function categoryWeights(pop: Float64Array, popMoe: Float64Array, attr: Float64Array, wanted: number, { w, m, cm, apportioned, county }: GroupColumns): boolean {
	let anyMoe = false;
	for (let i = 0; i < pop.length; i++) {
		const p = pop[i];
		if (attr[i] !== wanted || p !== p) continue;
		const value = Math.max(0, p);
		const x = popMoe[i];
		w[i] = value;
		if (x === x && value > 0) anyMoe = true;
		if (apportioned[i]) cm[county[i]] += x;
		else m[i] = x;
	}
	return anyMoe;
}

/** Column `g` of a row-major array of G columns: rows[i * G + g] = column[i]. */
function scatter(column: Float64Array, rows: Float64Array, g: number, G: number): void {
	for (let i = 0, o = g, n = column.length; i < n; i++, o += G) rows[o] = column[i];
}

/**
 * The G columns of a row-major array of n rows (rows[i * G + g]), each built on its first read and
 * kept: `columnsOf(rows, n, G)[g][i] === rows[i * G + g]`. A population's `weight`: most views read
 * a few groups' columns, the cumulative sums read the rows.
 */
export function columnsOf(rows: Float64Array, n: number, G: number): readonly Float64Array[] {
	if (rows.length !== n * G) throw new RangeError(`columnsOf: ${rows.length} values are not ${n} rows of ${G}`);
	const built: (Float64Array | undefined)[] = new Array(G);
	const out: Float64Array[] = new Array(G);
	for (let g = 0; g < G; g++) {
		Object.defineProperty(out, g, {
			enumerable: true,
			get: () => {
				let c = built[g];
				if (!c) {
					c = new Float64Array(n);
					for (let i = 0, o = g; i < n; i++, o += G) c[i] = rows[o];
					built[g] = c;
				}
				return c;
			}
		});
	}
	return Object.freeze(out);
}

/** Turn query rows (or their columns) into typed columns for every group. */
export function buildPopulation({
	rows,
	source = rowsSource(rows ?? []),
	groups = GROUPS,
	keepMoe = false
}: {
	rows?: readonly PopulationRow[];
	/** the rows as columns, when the loader has them (instead of `rows`) */
	source?: PopulationSource;
	groups?: readonly GroupDef[];
	/**
	 * Keep a group's margins of error even when no row with people has one (otherwise the group has none:
	 * null). For a part of the rows (metrics/whatif-figures), where whether the group has margins is the
	 * whole population's to say.
	 */
	keepMoe?: boolean;
}): Population {
	const { n, countyFips } = source;
	const column = (key: string) => source.column(key);
	const countyIndex = new Map<string, number>();
	const county = new Int32Array(n);
	const apportioned = new Uint8Array(n);
	const countyShare = new Float64Array(n);
	const hasCounts = new Uint8Array(n);
	const pop2020 = new Float64Array(n);
	const isApportioned = column('apportioned');
	const share = column('county_share');
	const acsPop = column('acs_pop');
	const pop = column('pop_2020');
	for (let i = 0; i < n; i++) {
		const cf = countyFips[i];
		let c = countyIndex.get(cf);
		if (c === undefined) countyIndex.set(cf, (c = countyIndex.size));
		county[i] = c;
		const a = isApportioned[i] === 1;
		apportioned[i] = a ? 1 : 0;
		if (a && !(share[i] >= 0)) {
			throw new RangeError(`row ${i} (county ${cf}) is apportioned but has no county_share; select it from queries/population-groups`);
		}
		countyShare[i] = a ? share[i] : 1;
		hasCounts[i] = acsPop[i] === acsPop[i] ? 1 : 0;
		pop2020[i] = pop[i] === pop[i] ? pop[i] : 0;
	}
	const nc = countyIndex.size;
	const G = groups.length;
	// The weights are kept row-major only (weightRows), a group's column built when read (columnsOf).
	// A count group's columns are read into scratch arrays reused from group to group. (Memory touched
	// for the first time is what a cold build spends most on: 20 MB of fresh pages took ~70 ms on the
	// build machines, where refilling them took ~1 ms; this way the build touches ~50 MB, not ~85 MB.)
	const weightRows = new Float64Array(n * G);
	const w = new Float64Array(n);
	const scratch: Float64Array[] = [];
	const read = (key: string, slot: number) => (source.columnInto ? source.columnInto(key, (scratch[slot] ??= new Float64Array(n))) : column(key));
	const moe: (Float64Array | null)[] = [];
	const countyMoe: (Float64Array | null)[] = [];
	let zeros: Float64Array | undefined;
	/** a MOE array a group without MOEs left (zeroed): the next group's */
	let spare: Float64Array | undefined;
	groups.forEach((g, gi) => {
		if (gi > 0) w.fill(0);
		const m = spare ?? new Float64Array(n);
		spare = undefined;
		const cm = new Float64Array(nc);
		const gw = g.weight;
		const into = { w, m, cm, apportioned, county };
		// (one small function per kind of loop: each is optimised once and stays so, where one large
		// loop body was re-optimised at every new kind of group, ~0.1 s of a cold worker)
		const anyMoe =
			gw.kind === 'count'
				? gw.minus
					? differenceWeights(read(gw.column, 0), read(`${gw.column}_moe`, 1), read(gw.minus, 2), read(`${gw.minus}_moe`, 3), into)
					: differenceWeights(read(gw.column, 0), read(`${gw.column}_moe`, 1), (zeros ??= new Float64Array(n)), zeros, into)
				: categoryWeights(column('acs_pop'), column('acs_pop_moe'), column(gw.attribute), Number(gw.value), into);
		scatter(w, weightRows, gi, G);
		if (anyMoe || keepMoe) {
			moe.push(m);
			countyMoe.push(cm);
		} else {
			moe.push(null);
			countyMoe.push(null);
			spare = m.fill(0);
		}
	});
	const stateCode = new Uint8Array(n);
	for (let i = 0; i < n; i++) stateCode[i] = Number(source.stateFips[i]);
	return {
		n,
		groups,
		weightRows,
		stateCode,
		stateFips: source.stateFips,
		countyFips,
		county,
		counties: [...countyIndex.keys()],
		apportioned,
		countyShare,
		hasCounts,
		pop2020,
		weight: columnsOf(weightRows, n, G),
		moe,
		countyMoe
	};
}

/** Nation = 50 states + DC (state FIPS 01-56; Puerto Rico, 72, is outside). */
export type Region = { kind: 'nation' } | { kind: 'state'; state_fips: string } | { kind: 'counties'; county_fips: readonly string[] };

/** 1 for rows inside the region. */
export function regionMask(population: Population, region: Region): Uint8Array {
	const { n, stateCode, county } = population;
	const mask = new Uint8Array(n);
	if (region.kind === 'nation') {
		for (let i = 0; i < n; i++) mask[i] = stateCode[i] >= 1 && stateCode[i] <= 56 ? 1 : 0;
	} else if (region.kind === 'state') {
		if (!/^\d{2}$/.test(region.state_fips)) throw new RangeError(`state_fips must be a 2-digit FIPS code such as "08", got "${region.state_fips}"`);
		const s = Number(region.state_fips);
		for (let i = 0; i < n; i++) mask[i] = stateCode[i] === s ? 1 : 0;
	} else {
		const wanted = new Set(region.county_fips);
		const inCounty = Uint8Array.from(population.counties, (c) => (wanted.has(c) ? 1 : 0));
		for (let i = 0; i < n; i++) mask[i] = inCounty[county[i]];
	}
	return mask;
}

/** Threshold-independent state for one travel array and one region. */
export interface PreparedEquity {
	readonly population: Population;
	readonly region: Region;
	/** the travel values it was prepared from (a later prepare can start from this one: `from`) */
	readonly travel: ArrayLike<number | null>;
	/** 1 for the rows in the region */
	readonly mask: Uint8Array;
	/** row indices of known travel in the region, ascending by travel (with `delta`: its root's) */
	readonly order: Int32Array;
	/** travel values in that order */
	readonly sorted: Float64Array;
	/**
	 * cumulative weights every {@link CUM_STEP} places, row-major: cum[k * groups + g] = Σ of group g
	 * over the first k · CUM_STEP places in `order` (read with {@link weightBefore})
	 */
	readonly cum: Float64Array;
	/**
	 * Set when prepared from an earlier preparation whose travel differs in a few places (a what-if):
	 * the figures are its root's corrected by the places that moved (see {@link EquityDelta}).
	 */
	readonly delta?: EquityDelta;
	/** per group: weight with unknown travel in the region */
	readonly unknown: Float64Array;
	/** per group: MOE of the known total */
	readonly knownMoe: Float64Array;
	readonly median: (number | null)[];
	readonly p90: (number | null)[];
	/** 2020 population of places in the region without group counts (Puerto Rico) */
	readonly pop2020WithoutCounts: number;
	/** scratch for the per-threshold MOE walk */
	readonly scratch: { countyFraction: Float64Array; touched: Int32Array; mark: Uint8Array };
}

/**
 * A preparation relative to a full one (its root): the places whose travel changed, by their root
 * value and by their new value, each with cumulative weights. The weight at or below t is then
 * root's − the moved places' at their old values + theirs at their new values: O(log n) per
 * threshold, and preparing it costs O(moved · groups), where a full preparation sorts and sums
 * every place again (85,000 tracts for the nation).
 */
export interface EquityDelta {
	readonly root: PreparedEquity;
	/** 1 for the rows that moved */
	readonly moved: Uint8Array;
	/** the moved rows' root values ascending, and cumulative weights in that order (row-major, as `cum`) */
	readonly oldSorted: Float64Array;
	readonly oldCum: Float64Array;
	/** the moved rows by new value (ties by row), their values and cumulative weights */
	readonly newOrder: Int32Array;
	readonly newSorted: Float64Array;
	readonly newCum: Float64Array;
}

export interface Interval {
	low: number;
	high: number;
}

export interface GroupResult {
	id: GroupId;
	family: Family;
	unit: 'people' | 'households';
	reference: GroupId | null;
	/** people (or households) with a known travel value */
	known: number;
	/** of those, beyond the threshold (strictly greater) */
	beyond: number;
	/** beyond / known; null when known is 0 */
	share: number | null;
	/** people whose travel value is unknown (not in known) */
	unknown: number;
	/** population-weighted median and 90th percentile travel; null when known is 0 */
	median: number | null;
	p90: number | null;
	/** share / reference share; null without a reference, or when either share is null or the reference share is 0 */
	ratio: number | null;
	/** 90 % margins of error (null when the source publishes none for the group) and intervals, clipped to [0, known] and [0, 1] */
	beyondMoe: number | null;
	shareMoe: number | null;
	beyondInterval: Interval | null;
	shareInterval: Interval | null;
}

export interface EquityResult {
	region: Region;
	threshold: number;
	groups: GroupResult[];
	byId: Partial<Record<GroupId, GroupResult>>;
	/** 2020 population of places in the region without group counts (Puerto Rico) */
	pop2020WithoutCounts: number;
}

/**
 * Sort the region's places by travel and build cumulative weights. `travel[i]` belongs to
 * population row i; null, NaN and ±Infinity are unknown.
 */
export function prepareEquity({
	population,
	travel,
	region = { kind: 'nation' },
	from
}: {
	population: Population;
	travel: ArrayLike<number | null>;
	region?: Region;
	/**
	 * An earlier preparation for the same population and region (e.g. the baseline of a what-if): when
	 * the travel differs in fewer than half the places, and the same places have a known value, the
	 * result is that preparation corrected by the places that moved ({@link EquityDelta}). Its figures
	 * equal a fresh preparation's up to rounding in the last bits of the sums (the same places, added
	 * in another order); medians and 90th percentiles are the same values.
	 */
	from?: PreparedEquity;
}): PreparedEquity {
	const { n, groups, weightRows } = population;
	if (travel.length !== n) {
		throw new RangeError(`travel has ${travel.length} values but the population has ${n} rows; pass one value per row, in row order`);
	}
	if (from && from.population === population && sameRegion(from.region, region)) {
		const moved = movedFrom(from.delta?.root ?? from, travel);
		if (moved) return moved;
	}
	const mask = regionMask(population, region);
	const G = groups.length;
	const known = new Int32Array(n);
	let m = 0;
	const unknown = new Float64Array(G);
	let pop2020WithoutCounts = 0;
	for (let i = 0; i < n; i++) {
		if (!mask[i]) continue;
		if (!population.hasCounts[i]) pop2020WithoutCounts += population.pop2020[i];
		if (!isKnown(travel[i])) {
			for (let g = 0, o = i * G; g < G; g++) unknown[g] += weightRows[o + g];
		} else known[m++] = i;
	}
	const keys = new Float64Array(m);
	for (let p = 0; p < m; p++) keys[p] = travel[known[p]] as number;
	const perm = argsortStable(keys);
	const order = new Int32Array(m);
	const sorted = new Float64Array(m);
	for (let p = 0; p < m; p++) {
		order[p] = known[perm[p]];
		sorted[p] = keys[perm[p]];
	}

	const cum = cumulate(order, weightRows, G, CUM_STEP);
	const median: (number | null)[] = [];
	const p90: (number | null)[] = [];

	const prepared: PreparedEquity = {
		population,
		region,
		travel,
		mask,
		order,
		sorted,
		cum,
		unknown,
		knownMoe: new Float64Array(G),
		median,
		p90,
		pop2020WithoutCounts,
		scratch: {
			countyFraction: new Float64Array(population.counties.length),
			touched: new Int32Array(population.counties.length),
			mark: new Uint8Array(population.counties.length)
		}
	};
	for (let g = 0; g < G; g++) {
		median.push(quantileOf(prepared, g, 0.5));
		p90.push(quantileOf(prepared, g, 0.9));
	}
	// (over the known rows in row order: the same sum whatever order the travel puts them in)
	(prepared as { knownMoe: Float64Array }).knownMoe = moeOf(prepared, known.subarray(0, m));
	return prepared;
}

/**
 * Places between two kept sums of a full preparation's cumulative weights. Keeping every sum took
 * (places + 1) × groups doubles, 20 MB for the nation's 85,395 tracts, and fresh memory is what a
 * cold page pays most for (~70 ms for 20 MB on the build machines); every 16th is 1.2 MB, and a
 * read adds at most 15 rows' weights to the kept sum before it.
 */
export const CUM_STEP = 16;

/**
 * Cumulative weights of the rows in `order`, row-major, kept every `step` rows:
 * cum[k * G + g] = weight of group g over the first k · step rows (one contiguous read of each
 * row's G weights, instead of G scattered reads). A full preparation keeps every CUM_STEP-th
 * (`PreparedEquity.cum`: {@link weightBefore} continues from a kept sum with the same additions in
 * the same order, so it reads exactly the value a full array held); a what-if's moved places every
 * one (`EquityDelta`).
 */
function cumulate(order: Int32Array, weightRows: Float64Array, G: number, step: number): Float64Array {
	const m = order.length;
	const kept = new Float64Array((Math.floor(m / step) + 1) * G);
	const acc = new Float64Array(G);
	for (let p = 0; p < m; p++) {
		if (p % step === 0) kept.set(acc, (p / step) * G);
		const src = order[p] * G;
		for (let g = 0; g < G; g++) acc[g] = acc[g] + weightRows[src + g];
	}
	if (m % step === 0) kept.set(acc, (m / step) * G);
	return kept;
}

/** Weight of group g over the first `pos` places of a full preparation's `order` (its cumulative weights at pos). */
function weightBefore(p: PreparedEquity, pos: number, g: number): number {
	const { cum, order } = p;
	const rows = p.population.weightRows;
	const G = p.population.groups.length;
	const k = Math.floor(pos / CUM_STEP);
	let s = cum[k * G + g];
	for (let q = k * CUM_STEP; q < pos; q++) s = s + rows[order[q] * G + g];
	return s;
}

function sameRegion(a: Region, b: Region): boolean {
	if (a.kind === 'nation' || b.kind === 'nation') return a.kind === b.kind;
	if (a.kind === 'state' || b.kind === 'state') return a.kind === 'state' && b.kind === 'state' && a.state_fips === b.state_fips;
	return a.county_fips.length === b.county_fips.length && a.county_fips.every((c, i) => c === b.county_fips[i]);
}

/** A known travel value: not null, NaN or ±Infinity (the rule of every figure here). */
export const isKnown = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/**
 * `root` (a full preparation) corrected for new travel values ({@link EquityDelta}). Null when the
 * set of places with a known value changed, or half the places or more moved (a full preparation
 * then costs no more).
 */
function movedFrom(root: PreparedEquity, travel: ArrayLike<number | null>): PreparedEquity | null {
	const { population, mask, order } = root;
	const old = root.travel;
	const { n, weightRows } = population;
	const G = population.groups.length;
	const m = order.length;
	const rows: number[] = [];
	for (let i = 0; i < n; i++) {
		if (!mask[i]) continue;
		const a = old[i];
		const b = travel[i];
		if (a === b) continue;
		const ka = isKnown(a);
		if (ka !== isKnown(b)) return null;
		if (ka) rows.push(i);
	}
	if (rows.length === 0) return root; // (the same figures: its own travel holds the same values)
	if (rows.length * 2 >= m) return null;
	const moved = new Uint8Array(n);
	for (const i of rows) moved[i] = 1;
	const sortedBy = (values: ArrayLike<number | null>) => {
		const c = rows.length;
		const keys = new Float64Array(c);
		for (let k = 0; k < c; k++) keys[k] = values[rows[k]] as number;
		const perm = argsortStable(keys); // (rows ascend, so ties stay by row)
		const by = new Int32Array(c);
		const sorted = new Float64Array(c);
		for (let k = 0; k < c; k++) {
			by[k] = rows[perm[k]];
			sorted[k] = keys[perm[k]];
		}
		return { by, sorted, cum: cumulate(by, weightRows, G, 1) };
	};
	const o = sortedBy(old);
	const nw = sortedBy(travel);
	const delta: EquityDelta = { root, moved, oldSorted: o.sorted, oldCum: o.cum, newOrder: nw.by, newSorted: nw.sorted, newCum: nw.cum };
	// the same places are known: their unknown weights and the known total's MOE are the root's
	const median: (number | null)[] = [];
	const p90: (number | null)[] = [];
	const prepared: PreparedEquity = { ...root, travel, delta, median, p90 };
	for (let g = 0; g < G; g++) {
		median.push(deltaQuantile(prepared, g, 0.5));
		p90.push(deltaQuantile(prepared, g, 0.9));
	}
	return prepared;
}

/** Weight of group g over the known places with travel ≤ t (a delta's: root's corrected by the moved places). */
function weightAtOrBelow(p: PreparedEquity, g: number, t: number): number {
	const w = weightBefore(p, upperBound(p.sorted, t), g);
	const d = p.delta;
	const G = p.population.groups.length;
	return d ? w - d.oldCum[upperBound(d.oldSorted, t) * G + g] + d.newCum[upperBound(d.newSorted, t) * G + g] : w;
}

/**
 * {@link quantileOf} for a delta: the smallest value v among the new values with weight at or
 * below v reaching the target. The root's sorted values are searched first (weight at or below a
 * value only grows with it); the answer is the value found there, or a moved place's new value
 * between it and the root value before it.
 */
function deltaQuantile(p: PreparedEquity, g: number, q: number): number | null {
	const { sorted } = p;
	const m = sorted.length;
	const total = weightBefore(p, m, g);
	if (!(total > 0)) return null;
	const target = quantileTarget(total, q);
	let lo = 0;
	let hi = m;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (weightAtOrBelow(p, g, sorted[mid]) >= target) hi = mid;
		else lo = mid + 1;
	}
	const found = lo < m ? sorted[lo] : Infinity;
	const before = lo > 0 ? sorted[lo - 1] : -Infinity;
	const ns = p.delta!.newSorted;
	for (let j = upperBound(ns, before); j < ns.length && ns[j] <= found; j++) {
		if (weightAtOrBelow(p, g, ns[j]) >= target) return ns[j];
	}
	return Number.isFinite(found) ? found : null;
}

/**
 * Stable ascending argsort of finite doubles: LSD radix sort on the IEEE-754 bits (16-bit
 * digits, 4 passes), several times faster than a comparator sort for 85k values. Equal
 * values keep input order. -0 sorts before +0 (both count as 0 against any threshold).
 */
export function argsortStable(values: Float64Array): Uint32Array {
	const m = values.length;
	if (m < SMALL_SORT) {
		// (a radix sort's four passes over 65,536 counters cost more than sorting a few hundred values)
		const idx = new Uint32Array(m);
		for (let p = 0; p < m; p++) idx[p] = p;
		return idx.sort((a, b) => values[a] - values[b] || negativeZero(values[b]) - negativeZero(values[a]) || a - b);
	}
	const bits = new Uint32Array(values.buffer.slice(values.byteOffset, values.byteOffset + m * 8));
	// map to unsigned-comparable keys: negative -> invert all bits, positive -> set the sign bit
	for (let p = 0; p < m; p++) {
		const lo = 2 * p + (LITTLE_ENDIAN ? 0 : 1);
		const hi = 2 * p + (LITTLE_ENDIAN ? 1 : 0);
		if (bits[hi] & 0x80000000) {
			bits[hi] = ~bits[hi] >>> 0;
			bits[lo] = ~bits[lo] >>> 0;
		} else bits[hi] = (bits[hi] | 0x80000000) >>> 0;
	}
	let idx = new Uint32Array(m);
	for (let p = 0; p < m; p++) idx[p] = p;
	let tmp = new Uint32Array(m);
	const counts = new Uint32Array(65536);
	for (let pass = 0; pass < 4; pass++) {
		const word = pass < 2 ? (LITTLE_ENDIAN ? 0 : 1) : LITTLE_ENDIAN ? 1 : 0;
		const shift = pass % 2 === 0 ? 0 : 16;
		counts.fill(0);
		for (let p = 0; p < m; p++) counts[(bits[2 * p + word] >>> shift) & 0xffff]++;
		let sum = 0;
		for (let d = 0; d < 65536; d++) {
			const c = counts[d];
			counts[d] = sum;
			sum += c;
		}
		for (let p = 0; p < m; p++) {
			const j = idx[p];
			tmp[counts[(bits[2 * j + word] >>> shift) & 0xffff]++] = j;
		}
		[idx, tmp] = [tmp, idx];
	}
	return idx;
}

const negativeZero = (x: number) => (x === 0 && 1 / x < 0 ? 1 : 0);
/** below this many values {@link argsortStable} sorts by comparison */
const SMALL_SORT = 2048;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The cumulative weight a q-quantile must reach: q · total, less a tolerance of 1e-9 of the total for
 * sums added in another order (the rule of `shares.weightedQuantile`), and above 0.
 */
export function quantileTarget(total: number, q: number): number {
	return Math.max(q * total - 1e-9 * total, Number.MIN_VALUE);
}

/** Smallest sorted value whose cumulative weight reaches q · total (as `shares.weightedQuantile`). */
function quantileOf(p: PreparedEquity, g: number, q: number): number | null {
	const { sorted } = p;
	const m = sorted.length;
	const total = weightBefore(p, m, g);
	if (!(total > 0)) return null;
	const target = quantileTarget(total, q);
	// smallest position whose cumulative weight (through it) reaches the target
	let lo = 0;
	let hi = m - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (weightBefore(p, mid + 1, g) >= target) hi = mid;
		else lo = mid + 1;
	}
	return sorted[lo];
}

/** First position whose value is strictly greater than t (`sorted` ascending). */
export function upperBound(sorted: Float64Array, t: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] > t) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/**
 * MOE of the summed weight of the places at sorted positions from..end, per group.
 * Own-count rows: root-sum-of-squares. Apportioned rows: the fraction f of each county taken,
 * then (f · county MOE)² summed across counties.
 */
function moeFrom(p: PreparedEquity, from: number, t: number): Float64Array {
	const d = p.delta;
	if (!d) {
		const sums = moeBeyond(p, from);
		rootSums.set(p, { t, sums });
		return sums.moe;
	}
	return moeMoved(p, d, t);
}

/**
 * The summed squares behind a full preparation's MOE at a threshold: per group, the own-count rows'
 * Σ moe² (`own`) and the apportioned counties' Σ (fraction beyond · county MOE)² (`county`), with each
 * county's fraction beyond (`frac`); `moe` is the MOE itself. Kept per preparation for the last
 * threshold asked: a what-if's MOE at that threshold is then its root's sums corrected by the moved
 * places ({@link moeMoved}).
 */
interface MoeSums {
	moe: Float64Array;
	own: Float64Array;
	county: Float64Array;
	frac: Float64Array;
}
const rootSums = new WeakMap<PreparedEquity, { t: number; sums: MoeSums }>();

/** MOE of the summed weight of these rows, per group (see {@link moeFrom}): the known total's, at preparation. */
function moeOf(p: PreparedEquity, rows: Int32Array): Float64Array {
	const pop = p.population;
	const G = pop.groups.length;
	const out = new Float64Array(G);
	const { countyFraction: frac, touched, mark } = p.scratch;
	let nt = 0;
	const own: number[] = [];
	for (let k = 0; k < rows.length; k++) {
		const i = rows[k];
		if (pop.apportioned[i]) {
			const c = pop.county[i];
			if (!mark[c]) {
				mark[c] = 1;
				touched[nt++] = c;
			}
			frac[c] += pop.countyShare[i];
		} else own.push(i);
	}
	for (let g = 0; g < G; g++) {
		const m = pop.moe[g];
		const cm = pop.countyMoe[g];
		if (!m || !cm) {
			out[g] = NaN;
			continue;
		}
		let s = 0;
		for (const i of own) s += m[i] * m[i];
		for (let t = 0; t < nt; t++) {
			const x = frac[touched[t]] * cm[touched[t]];
			s += x * x;
		}
		out[g] = Math.sqrt(s);
	}
	for (let t = 0; t < nt; t++) {
		frac[touched[t]] = 0;
		mark[touched[t]] = 0;
	}
	return out;
}

/**
 * What {@link moeBeyond} reads a full preparation's MOE sums beyond a position from, so that a threshold
 * move costs O(groups · MOE_STEP + counties) instead of a walk over every place beyond it (the nation's
 * figures at a new threshold between 60 and 150 minutes, in Node: 0.24 ms, against 0.52 ms with the walk):
 * - `ownAfter[k * G + g]`: Σ moe² of group g over the own-count rows at positions k · MOE_STEP and
 *   after (k up to ⌈m / MOE_STEP⌉; the last is 0);
 * - the apportioned rows grouped by county (`start`, CSR), each county's in position order (`pos`),
 *   with `shareAfter[j]`: the Σ of that county's shares from entry j to its last (the county's
 *   fraction beyond a position is then one binary search).
 */
interface MoeIndex {
	ownAfter: Float64Array;
	start: Int32Array;
	pos: Int32Array;
	shareAfter: Float64Array;
}
/** positions between kept own-count sums (a read adds at most MOE_STEP − 1 rows' squares) */
const MOE_STEP = 64;
const moeIndexes = new WeakMap<PreparedEquity, MoeIndex>();

function moeIndex(p: PreparedEquity): MoeIndex {
	let index = moeIndexes.get(p);
	if (index) return index;
	const pop = p.population;
	const { apportioned, county, countyShare } = pop;
	const G = pop.groups.length;
	const { order } = p;
	const m = order.length;
	const C = pop.counties.length;
	// apportioned rows counted by county; the own-count rows' positions, ascending
	const start = new Int32Array(C + 1);
	const ownPos: number[] = [];
	for (let q = 0; q < m; q++) {
		const i = order[q];
		if (apportioned[i]) start[county[i] + 1]++;
		else ownPos.push(q);
	}
	for (let c = 0; c < C; c++) start[c + 1] += start[c];
	const pos = new Int32Array(start[C]);
	const fill = start.slice(0, C);
	for (let q = 0; q < m; q++) {
		const i = order[q];
		if (apportioned[i]) pos[fill[county[i]]++] = q;
	}
	const shareAfter = new Float64Array(pos.length);
	for (let c = 0; c < C; c++) {
		let s = 0;
		for (let j = start[c + 1] - 1; j >= start[c]; j--) shareAfter[j] = s += countyShare[order[pos[j]]];
	}
	// per group, the own-count rows' squares summed from the last position back, kept at every MOE_STEP-th
	const K = Math.ceil(m / MOE_STEP);
	const ownAfter = new Float64Array((K + 1) * G);
	for (let g = 0; g < G; g++) {
		const mg = pop.moe[g];
		if (!mg) continue;
		let s = 0;
		let j = ownPos.length - 1;
		for (let k = K; k >= 0; k--) {
			for (const at = k * MOE_STEP; j >= 0 && ownPos[j] >= at; j--) {
				const x = mg[order[ownPos[j]]];
				s += x * x;
			}
			ownAfter[k * G + g] = s;
		}
	}
	index = { ownAfter, start, pos, shareAfter };
	moeIndexes.set(p, index);
	return index;
}

/**
 * The MOE sums of the places at sorted positions `from` and after (see {@link MoeSums}). A
 * preparation's first threshold walks the places beyond it; from its second on (a threshold move),
 * they are read from its {@link MoeIndex}, built then: a preparation asked once (a view's first
 * figures, a what-if's) does not pay for the index. Both add the same terms in the same order, so they
 * give the same sums to the bit (a test holds them equal): own-count squares from the last position
 * back to the index's kept position at or after `from`, then the few before it in ascending order; each
 * county's shares from its last place back; the counties' terms in county order.
 */
function moeBeyond(p: PreparedEquity, from: number): MoeSums {
	const pop = p.population;
	const { apportioned, county, countyShare } = pop;
	const G = pop.groups.length;
	const { order } = p;
	const m = order.length;
	const k = Math.ceil(from / MOE_STEP);
	const cut = Math.min(k * MOE_STEP, m);
	const C = pop.counties.length;
	const frac = new Float64Array(C);
	let own: Float64Array;
	let index = moeIndexes.get(p);
	// (a preparation with sums kept from an earlier threshold has been walked once: this is its second)
	if (!index && !rootSums.has(p)) {
		own = new Float64Array(G);
		const ownRows: number[] = [];
		for (let q = m - 1; q >= from; q--) {
			const i = order[q];
			if (apportioned[i]) frac[county[i]] += countyShare[i];
			else if (q >= cut) ownRows.push(i);
		}
		for (let g = 0; g < G; g++) {
			const mg = pop.moe[g];
			if (!mg) continue;
			let s = 0;
			for (const i of ownRows) s += mg[i] * mg[i];
			own[g] = s;
		}
	} else {
		index ??= moeIndex(p);
		const { ownAfter, start, pos, shareAfter } = index;
		own = ownAfter.slice(k * G, (k + 1) * G);
		for (let c = 0; c < C; c++) {
			// the county's first place at or after `from`
			let lo = start[c];
			let hi = start[c + 1];
			if (lo === hi || pos[hi - 1] < from) continue;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (pos[mid] < from) lo = mid + 1;
				else hi = mid;
			}
			frac[c] = shareAfter[lo];
		}
	}
	for (let q = from; q < cut; q++) {
		const i = order[q];
		if (apportioned[i]) continue;
		for (let g = 0; g < G; g++) {
			const mg = pop.moe[g];
			if (mg) own[g] += mg[i] * mg[i];
		}
	}
	const countySum = new Float64Array(G);
	for (let c = 0; c < C; c++) {
		const f = frac[c];
		if (f === 0) continue;
		for (let g = 0; g < G; g++) {
			const cm = pop.countyMoe[g];
			if (cm) {
				const x = f * cm[c];
				countySum[g] += x * x;
			}
		}
	}
	const moe = new Float64Array(G);
	for (let g = 0; g < G; g++) moe[g] = pop.moe[g] && pop.countyMoe[g] ? Math.sqrt(own[g] + countySum[g]) : NaN;
	return { moe, own, county: countySum, frac };
}

/**
 * A what-if's MOE beyond t: its root's sums at t (kept from the root's own figures at t, else
 * computed once), with each moved place that crossed t taken out of them or put in: O(moved · groups),
 * where summing the places beyond again walked every one of them. Equal to a fresh preparation's up
 * to rounding in the last bits (sums of the same terms in another order).
 */
function moeMoved(p: PreparedEquity, d: EquityDelta, t: number): Float64Array {
	const root = d.root;
	let kept = rootSums.get(root);
	if (!kept || kept.t !== t) {
		kept = { t, sums: moeBeyond(root, upperBound(root.sorted, t)) };
		rootSums.set(root, kept);
	}
	const { own, county, frac } = kept.sums;
	const pop = p.population;
	const G = pop.groups.length;
	const ownAdj = Float64Array.from(own);
	const countyAdj = Float64Array.from(county);
	// the counties whose fraction beyond changed, and by how much
	const change = new Map<number, number>();
	const old = root.travel;
	for (const i of d.newOrder) {
		const was = (old[i] as number) > t;
		const is = (p.travel[i] as number) > t;
		if (was === is) continue;
		const sign = is ? 1 : -1;
		if (pop.apportioned[i]) {
			const c = pop.county[i];
			change.set(c, (change.get(c) ?? 0) + sign * pop.countyShare[i]);
		} else {
			for (let g = 0; g < G; g++) {
				const m = pop.moe[g];
				if (m) ownAdj[g] += sign * m[i] * m[i];
			}
		}
	}
	for (const [c, dc] of change) {
		const f0 = frac[c];
		const f1 = f0 + dc;
		for (let g = 0; g < G; g++) {
			const cm = pop.countyMoe[g];
			if (cm) countyAdj[g] += (f1 * cm[c]) ** 2 - (f0 * cm[c]) ** 2;
		}
	}
	const out = new Float64Array(G);
	for (let g = 0; g < G; g++) out[g] = pop.moe[g] && pop.countyMoe[g] ? Math.sqrt(Math.max(0, ownAdj[g] + countyAdj[g])) : NaN;
	return out;
}


function clip(x: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, x));
}

/**
 * Every group at one threshold. Cheap: binary search plus a walk over the places beyond the
 * threshold for the margins of error.
 */
export function equityAt({ prepared, threshold }: { prepared: PreparedEquity; threshold: number }): EquityResult {
	if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN; pass a number of minutes or miles');
	const { population, sorted, unknown, knownMoe, median, p90 } = prepared;
	const m = sorted.length;
	const G = population.groups.length;
	const k = upperBound(sorted, threshold);
	const known = new Float64Array(G);
	const beyond = new Float64Array(G);
	for (let g = 0; g < G; g++) {
		known[g] = weightBefore(prepared, m, g);
		beyond[g] = Math.max(0, known[g] - weightAtOrBelow(prepared, g, threshold));
	}
	const totals = { known, beyond, unknown, median, p90, beyondMoe: moeFrom(prepared, k, threshold), knownMoe };
	return resultFromTotals({ groups: population.groups, region: prepared.region, threshold, totals, pop2020WithoutCounts: prepared.pop2020WithoutCounts });
}

/**
 * What an {@link EquityResult} is computed from, per group (in the population's group order):
 * the sums at one threshold. Everything else in the result (shares, ratios, margins, intervals)
 * follows from these by {@link resultFromTotals}, so totals stored elsewhere (the build-time
 * figures, `state/first-figures.ts`) give the same result as the engine, to the bit.
 */
export interface EquityTotals {
	known: ArrayLike<number>;
	/** beyond the threshold (strictly greater) */
	beyond: ArrayLike<number>;
	unknown: ArrayLike<number>;
	median: readonly (number | null)[];
	p90: readonly (number | null)[];
	/** 90 % MOE of `beyond` and of `known`; NaN where the group has none */
	beyondMoe: ArrayLike<number>;
	knownMoe: ArrayLike<number>;
}

/** The figures of every group from its totals (see {@link EquityTotals}). */
export function resultFromTotals({
	groups: defs,
	region,
	threshold,
	totals,
	pop2020WithoutCounts
}: {
	groups: readonly GroupDef[];
	region: Region;
	threshold: number;
	totals: EquityTotals;
	pop2020WithoutCounts: number;
}): EquityResult {
	const groups: GroupResult[] = defs.map((def, g) => {
		const known = totals.known[g];
		const beyond = totals.beyond[g];
		const share = known > 0 ? Math.min(1, beyond / known) : null;
		const mx = totals.beyondMoe[g];
		const my = totals.knownMoe[g];
		const hasMoe = Number.isFinite(mx) && Number.isFinite(my);
		let shareMoe: number | null = null;
		if (hasMoe && share != null) {
			// ACS Handbook 2020, ch. 8: proportion formula, ratio formula when the radicand is negative
			const rad = mx * mx - share * share * my * my;
			shareMoe = Math.sqrt(rad >= 0 ? rad : mx * mx + share * share * my * my) / known;
		}
		return {
			id: def.id,
			family: def.family,
			unit: def.unit,
			reference: def.reference,
			known,
			beyond,
			share,
			unknown: totals.unknown[g],
			median: totals.median[g],
			p90: totals.p90[g],
			ratio: null,
			beyondMoe: hasMoe ? mx : null,
			shareMoe,
			beyondInterval: hasMoe ? { low: clip(beyond - mx, 0, known), high: clip(beyond + mx, 0, known) } : null,
			shareInterval: shareMoe != null && share != null ? { low: clip(share - shareMoe, 0, 1), high: clip(share + shareMoe, 0, 1) } : null
		};
	});
	const byId: Partial<Record<GroupId, GroupResult>> = {};
	for (const r of groups) byId[r.id] = r;
	for (const r of groups) {
		const ref = r.reference ? byId[r.reference] : undefined;
		r.ratio = disparityRatio(r.share, ref?.share ?? null);
	}
	return { region, threshold, groups, byId, pop2020WithoutCounts };
}

/** Group share / reference share; null when either is null or the reference share is 0. */
export function disparityRatio(share: number | null, referenceShare: number | null): number | null {
	if (share == null || referenceShare == null || referenceShare === 0) return null;
	return share / referenceShare;
}

/** One-shot: prepare and evaluate one threshold. */
export function computeEquity(args: { population: Population; travel: ArrayLike<number | null>; region?: Region; threshold: number }): EquityResult {
	return equityAt({ prepared: prepareEquity(args), threshold: args.threshold });
}

/**
 * "In <region>, 1 in N <group> lives more than <threshold> from a CAR-T centre, against 1 in M
 * <reference group>." Works whichever group fares worse; wording for none, all, and no people.
 */
export function headline({
	regionName,
	group,
	reference,
	threshold,
	unit
}: {
	regionName: string;
	group: GroupResult;
	reference: GroupResult;
	threshold: number;
	unit: TravelUnit;
}): string {
	const g = GROUP_COPY[group.id];
	const r = GROUP_COPY[reference.id];
	const far = `more than ${formatThreshold({ value: threshold, unit })} from a CAR-T centre`;
	if (group.share == null) return `In ${regionName}, the data hold no ${g.many} with a known travel time or distance.`;
	const refPart = reference.share == null ? `; the data hold no ${r.many} to compare with` : null;
	if (group.share === 0 && reference.share === 0) return `In ${regionName}, no ${g.one} and no ${r.one} lives ${far}.`;
	const main =
		group.share === 0
			? `no ${g.one} lives ${far}`
			: (() => {
					const w = shareInWords(group.share);
					return `${w.words} ${g.many} ${w.plural ? 'live' : 'lives'} ${far}`;
				})();
	const against =
		refPart ??
		(reference.share === 0
			? `, against none of the ${r.many}`
			: `, against ${shareInWords(reference.share as number).words} ${r.many}`);
	const sentence = `In ${regionName}, ${main}${against}.`;
	return sentence;
}

/**
 * Groups a sentence can name, by family, in display order: those with a reference group
 * (and "everyone" too when `includeAll`). For group pickers.
 */
export function groupsByFamily({ includeAll = false }: { includeAll?: boolean } = {}): { family: Family; ids: GroupId[] }[] {
	const out: { family: Family; ids: GroupId[] }[] = [];
	for (const g of GROUPS) {
		if (!g.reference && !(includeAll && g.id === 'all')) continue;
		let f = out.find((x) => x.family === g.family);
		if (!f) out.push((f = { family: g.family, ids: [] }));
		f.ids.push(g.id);
	}
	return out;
}
