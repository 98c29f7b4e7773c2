/**
 * Question: everything the dashboard loads once (centre list, states, tracts and counties with
 * their population groups), from DuckDB, or from the build-time file `dashboard-data.bin`
 * that holds the same query results so the page can start before DuckDB-WASM has loaded.
 *
 * The file keeps tracts factorised, as the data are: a tract's counts are either its own (the
 * 7 states whose tracts carry ACS counts) or its county's spread by 2020 population share.
 * {@link fromFile} rebuilds the rows of `population-groups.tractSql` from
 * - the tracts (FIPS, coordinates, 2020 population, whether the tract has its own counts),
 * - the own counts of those tracts,
 * - the county rows of `population-groups.countySql` (counts and county attributes),
 * with the same rules and the same floating-point operations as the SQL (county_share =
 * pop_2020 / Σ pop_2020 of the county's tracts, 0 beside tracts with their own counts,
 * 1 / n when the county's tracts have no population; counts = county count × share).
 * A test rebuilds every row from the committed data and compares each value with the query's.
 * A tract's county is stored as its position in the county table (Connecticut's 2020 tracts
 * belong to the 2022 planning regions, not to the county their FIPS begins with); its state FIPS
 * is the leading 2 digits of its own (Census GEOID structure).
 */
import type { Db } from '$lib/db/types';
import { decodeTables, encodeTables, tableRows, type ColumnTable, type Table } from '$lib/db/columns-file';
import * as allCentres from './all-centres';
import * as states from './states';
import * as populationGroups from './population-groups';
import { COUNT_COLUMNS } from './population-groups';
import type { PopulationSource } from '$lib/metrics/equity';

export interface DashboardData {
	centres: allCentres.Row[];
	stateRows: states.Row[];
	/** (from the file: built on first use; the dashboard's default view never needs the row objects) */
	readonly tractRows: populationGroups.Row[];
	countyRows: populationGroups.CountyRow[];
	/** the tract rows as columns, when the loader has them */
	tractSource?: PopulationSource;
	/** tract coordinates and states, when the loader has them as columns */
	tractPlaces?: { lat: Float64Array; lon: Float64Array; stateFips: string[] };
	/** county coordinates and states (the order of `countyRows`), when the loader has them as columns */
	countyPlaces?: { lat: Float64Array; lon: Float64Array; stateFips: string[] };
}

export async function run(db: Db): Promise<DashboardData> {
	const [centres, stateRows, tractRows, countyRows] = await Promise.all([
		allCentres.run(db),
		states.run(db),
		populationGroups.run(db),
		populationGroups.runCounties(db)
	]);
	return { centres, stateRows, tractRows, countyRows };
}

const COUNT_KEYS = COUNT_COLUMNS.flatMap((c) => [c, `${c}_moe`] as const);
const ATTRIBUTES = ['metro', 'svi_quartile', 'income_quintile', 'medicaid_expansion'] as const;

/** A tract has its own counts exactly when it is not apportioned and keeps all of them (share 1). */
const hasOwnCounts = (r: populationGroups.Row) => !r.apportioned && r.county_share === 1;

/** The tables of the file (see the module comment). */
export function fileTables(d: DashboardData): Record<string, Table> {
	const countyIndex = new Map(d.countyRows.map((c, i) => [c.county_fips, i]));
	for (const r of d.tractRows) {
		const c = countyIndex.get(r.county_fips);
		if (c === undefined) throw new Error(`tract ${r.tract_fips}: county ${r.county_fips} is not in the county table`);
		if (r.state_fips !== r.tract_fips.slice(0, 2) || r.state_fips !== d.countyRows[c].state_fips)
			throw new Error(`tract ${r.tract_fips}: state ${r.state_fips} is not the leading digits of its FIPS or its county's state`);
	}
	return {
		centres: d.centres,
		states: d.stateRows,
		counties: d.countyRows,
		tracts: d.tractRows.map((r) => ({ tract_fips: r.tract_fips, county: countyIndex.get(r.county_fips), lat: r.lat, lon: r.lon, pop_2020: r.pop_2020, own_counts: hasOwnCounts(r) })),
		tract_counts: d.tractRows.filter(hasOwnCounts).map((r) => Object.fromEntries(COUNT_KEYS.map((k) => [k, r[k]])))
	};
}

export function encodeFile(d: DashboardData): Uint8Array {
	return encodeTables(fileTables(d));
}

function need(tables: Record<string, ColumnTable>, name: string): ColumnTable {
	const t = tables[name];
	if (!t) throw new Error(`The dashboard data file has no table "${name}": rebuild it with "npm run build".`);
	return t;
}

// (the column loops are small functions of their own: each is optimised once for all ~30 columns,
// where loops in one large function were re-optimised column after column, ~0.1 s of a cold worker;
// plain loops: TypedArray.from with a map function is several times slower)

/** A tract count column: the tract's own count, else its county's count × its share. */
function expandCounts(hasOwn: Float64Array, own: Float64Array, county: Float64Array, countyOf: Int32Array, share: Float64Array, out: Float64Array): Float64Array {
	const n = hasOwn.length;
	let j = 0;
	for (let i = 0; i < n; i++) out[i] = hasOwn[i] === 1 ? own[j++] : county[countyOf[i]] * share[i];
	return out;
}

/** A tract column of its county's attribute. */
function expandAttribute(county: Float64Array, countyOf: Int32Array, out: Float64Array): Float64Array {
	const n = countyOf.length;
	for (let i = 0; i < n; i++) out[i] = county[countyOf[i]];
	return out;
}

/** Read the file back into the query results (see the module comment). */
export function fromFile(bytes: ArrayBuffer | Uint8Array): DashboardData {
	return fromTables(decodeTables(bytes));
}

/** {@link fromFile} from the file's tables, decoded (a file may hold other tables beside them: metrics/whatif-tiles). */
export function fromTables(tables: Record<string, ColumnTable>): DashboardData {
	// row objects are built on first read (the data worker reads only the tracts' columns)
	const centresTable = need(tables, 'centres');
	const statesTable = need(tables, 'states');
	const counties = need(tables, 'counties');
	let centres: allCentres.Row[] | undefined;
	let stateRows: states.Row[] | undefined;
	let countyRows: populationGroups.CountyRow[] | undefined;
	const countyFipsOf = counties.values('county_fips') as string[];
	const countyStateOf = counties.values('state_fips') as string[];
	const t = need(tables, 'tracts');
	const own = need(tables, 'tract_counts');
	const n = t.rows;
	const lat = t.numeric('lat')!;
	const lon = t.numeric('lon')!;
	const pop = t.numeric('pop_2020')!;
	const hasOwn = t.numeric('own_counts')!;
	const county = t.numeric('county')!;

	// county_tracts CTE: Σ pop_2020 (as double), number of tracts, any tract with its own counts
	const nc = counties.rows;
	const tractPop = new Float64Array(nc);
	const nTracts = new Float64Array(nc);
	const anyOwn = new Uint8Array(nc);
	const countyOf = new Int32Array(n);
	const countyFips: string[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const c = county[i];
		if (!(c >= 0 && c < nc)) throw new Error(`The dashboard data file is damaged: tract ${i} has no county.`);
		countyFips[i] = countyFipsOf[c];
		countyOf[i] = c;
		tractPop[c] += pop[i];
		nTracts[c]++;
		if (hasOwn[i] === 1) anyOwn[c] = 1;
	}

	const stateFips: string[] = new Array(n);
	for (let i = 0; i < n; i++) stateFips[i] = countyStateOf[countyOf[i]];

	// the tract columns (own counts, or the county's × share; a county attribute): each built on first
	// use, so a page can hand the places to the travel worker before this work
	let shares: { share: Float64Array; apportioned: Float64Array } | undefined;
	const sharesOnce = () => {
		if (shares) return shares;
		const share = new Float64Array(n);
		const apportioned = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const c = countyOf[i];
			apportioned[i] = anyOwn[c] ? 0 : 1;
			share[i] = hasOwn[i] === 1 ? 1.0 : anyOwn[c] ? 0.0 : tractPop[c] > 0 ? pop[i] / tractPop[c] : 1.0 / nTracts[c];
		}
		return (shares = { share, apportioned });
	};
	// a county column as numbers (null as NaN, booleans as 1 / 0; a column with no value at all is stored as json: all null)
	const countyCol = (k: string) => counties.numeric(k) ?? Float64Array.from(counties.values(k), (v) => (v == null ? NaN : Number(v)));
	const countKeys = new Set<string>(COUNT_KEYS);
	const attributes = new Set<string>(ATTRIBUTES);
	/** a column as it is kept (null: built on request, into `out`) */
	const fixed = (key: string): Float64Array | null => {
		if (key === 'lat') return lat;
		if (key === 'lon') return lon;
		if (key === 'pop_2020') return pop;
		if (key === 'county_share') return sharesOnce().share;
		if (key === 'apportioned') return sharesOnce().apportioned;
		return null;
	};
	const build = (key: string, out: Float64Array): Float64Array => {
		if (countKeys.has(key)) return expandCounts(hasOwn, own.numeric(key) ?? new Float64Array(own.rows).fill(NaN), countyCol(key), countyOf, sharesOnce().share, out);
		if (attributes.has(key)) return expandAttribute(countyCol(key), countyOf, out);
		throw new Error(`The dashboard data file has no tract column "${key}".`);
	};
	const built = new Map<string, Float64Array>();
	const columnOf = (key: string): Float64Array => {
		let c = fixed(key) ?? built.get(key);
		if (!c) built.set(key, (c = build(key, new Float64Array(n))));
		return c;
	};
	const source: PopulationSource = {
		n,
		countyFips,
		stateFips,
		column: columnOf,
		columnInto(key, out) {
			const c = fixed(key) ?? built.get(key);
			if (c) return c;
			if (out.length !== n) throw new RangeError(`columnInto: ${out.length} places to write, the file has ${n}`);
			return build(key, out);
		}
	};

	// rows, keys in the order of tractSql's SELECT, written out as one literal: 85,000 objects of one
	// shape build several times faster than objects grown key by key
	const buildRows = () => {
		const col = columnOf;
		const share = col('county_share');
		const apportioned = col('apportioned');
		const num = (a: Float64Array, i: number) => (Number.isNaN(a[i]) ? null : a[i]);
		const bool = (a: Float64Array, i: number) => (Number.isNaN(a[i]) ? null : a[i] === 1);
		const c_acs_pop = col('acs_pop');
		const c_acs_pop_moe = col('acs_pop_moe');
		const c_nh_white = col('nh_white');
		const c_nh_white_moe = col('nh_white_moe');
		const c_nh_black = col('nh_black');
		const c_nh_black_moe = col('nh_black_moe');
		const c_hispanic = col('hispanic');
		const c_hispanic_moe = col('hispanic_moe');
		const c_nh_asian = col('nh_asian');
		const c_nh_asian_moe = col('nh_asian_moe');
		const c_nh_aian = col('nh_aian');
		const c_nh_aian_moe = col('nh_aian_moe');
		const c_nh_nhpi = col('nh_nhpi');
		const c_nh_nhpi_moe = col('nh_nhpi_moe');
		const c_nh_other_multi = col('nh_other_multi');
		const c_nh_other_multi_moe = col('nh_other_multi_moe');
		const c_pov150 = col('pov150');
		const c_pov150_moe = col('pov150_moe');
		const c_uninsured = col('uninsured');
		const c_uninsured_moe = col('uninsured_moe');
		const c_age65 = col('age65');
		const c_age65_moe = col('age65_moe');
		const c_households = col('households');
		const c_households_moe = col('households_moe');
		const c_no_vehicle_hh = col('no_vehicle_hh');
		const c_no_vehicle_hh_moe = col('no_vehicle_hh_moe');
		const c_metro = col('metro');
		const c_svi_quartile = col('svi_quartile');
		const c_income_quintile = col('income_quintile');
		const c_medicaid_expansion = col('medicaid_expansion');
		const fips = t.values('tract_fips') as string[];
		const tractRows: populationGroups.Row[] = new Array(n);
		for (let i = 0; i < n; i++) {
			tractRows[i] = {
				tract_fips: fips[i],
				county_fips: countyFips[i],
				state_fips: stateFips[i],
				lat: lat[i],
				lon: lon[i],
				pop_2020: pop[i],
				apportioned: apportioned[i] === 1,
				county_share: share[i],
				acs_pop: num(c_acs_pop, i),
				acs_pop_moe: num(c_acs_pop_moe, i),
				nh_white: num(c_nh_white, i),
				nh_white_moe: num(c_nh_white_moe, i),
				nh_black: num(c_nh_black, i),
				nh_black_moe: num(c_nh_black_moe, i),
				hispanic: num(c_hispanic, i),
				hispanic_moe: num(c_hispanic_moe, i),
				nh_asian: num(c_nh_asian, i),
				nh_asian_moe: num(c_nh_asian_moe, i),
				nh_aian: num(c_nh_aian, i),
				nh_aian_moe: num(c_nh_aian_moe, i),
				nh_nhpi: num(c_nh_nhpi, i),
				nh_nhpi_moe: num(c_nh_nhpi_moe, i),
				nh_other_multi: num(c_nh_other_multi, i),
				nh_other_multi_moe: num(c_nh_other_multi_moe, i),
				pov150: num(c_pov150, i),
				pov150_moe: num(c_pov150_moe, i),
				uninsured: num(c_uninsured, i),
				uninsured_moe: num(c_uninsured_moe, i),
				age65: num(c_age65, i),
				age65_moe: num(c_age65_moe, i),
				households: num(c_households, i),
				households_moe: num(c_households_moe, i),
				no_vehicle_hh: num(c_no_vehicle_hh, i),
				no_vehicle_hh_moe: num(c_no_vehicle_hh_moe, i),
				metro: bool(c_metro, i),
				svi_quartile: num(c_svi_quartile, i),
				income_quintile: num(c_income_quintile, i),
				medicaid_expansion: bool(c_medicaid_expansion, i)
			};
		}
		return tractRows;
	};
	let rows: populationGroups.Row[] | undefined;
	return {
		get centres() {
			return (centres ??= tableRows<allCentres.Row>(centresTable));
		},
		get stateRows() {
			return (stateRows ??= tableRows<states.Row>(statesTable));
		},
		get countyRows() {
			return (countyRows ??= tableRows<populationGroups.CountyRow>(counties));
		},
		get tractRows() {
			return (rows ??= buildRows());
		},
		tractSource: source,
		tractPlaces: { lat, lon, stateFips },
		// (without the row objects: a page hands them to the travel worker before it reads the rows)
		countyPlaces: { lat: countyCol('lat'), lon: countyCol('lon'), stateFips: countyStateOf }
	};
}
