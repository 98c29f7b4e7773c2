/**
 * One county's figures for the place detail panel, assembled from its profile row
 * (`queries/place-profile`), its entry in the travel arrays (`metrics/travel-engine`, county
 * grain) and the centre list. Pure: no Svelte, no DOM, no engine.
 *
 * Travel is from the county's 2020 population-weighted centre (the point the engine uses for
 * the county grain), by every method at once:
 * - road minutes (the road graph; where it connects the place to no centre the calibrated
 *   estimate stands in and `fallback` is set; `pending` until the graph has loaded);
 * - calibrated minutes (straight-line km × circuity / speed by distance band and Census region);
 * - straight line at 30 mph (Mendoza & Romanko, ISPOR 2025) and straight-line miles.
 *
 * Nearest and second-nearest centre, by the chosen method's ranking: road minutes when the
 * road graph is loaded and connects the place, else straight-line distance (the calibrated and
 * straight-line methods all rank centres by it). `ifNearestCloses` is how much further the
 * second-nearest is, in the chosen method's unit: the fragility of access if the nearest closed.
 *
 * Road against straight line (`roadCheck`). The disagreement measure is
 * `roadExcess = road minutes ÷ calibrated minutes − 1` (signed; +0.31 = the road trip is 31 %
 * longer than the calibrated estimate). The calibrated model already carries the typical
 * circuity and speed of trips of that length in that region, so what is left is specific to the
 * place: water, mountains, sparse networks (or, below zero, an unusually direct highway). The
 * ratio to the 30-mph straight-line time (`roadToStraight30`) is also given, because that is the
 * method of the published access studies, but it mixes the general speed difference with the
 * place's barriers (long trips mostly run faster than 30 mph, so it is usually below 1).
 * A place is flagged `barrier` when the road estimate exceeds the calibrated one by more than
 * 25 % — the roads PROVENANCE (../shared/data/raw/roads/PROVENANCE.md), "Recommendation" item 2:
 * "Flag counties where the two models disagree by more than about 25 % as barrier-affected" —
 * and by at least `BARRIER_MIN_EXTRA_MINUTES`, our addition, so a county whose centre sits a
 * few minutes from a hospital is not flagged for a 4-minute difference in the local access leg.
 * Only road > calibrated is flagged (the brief's direction); a road estimate far below the
 * calibrated one shows in `roadExcess` but is not a barrier. No check is possible while the
 * graph is loading or where the calibrated fallback stands in (`barrier` null).
 *
 * Shares of counts carry a 90 % MOE by the ACS formula for a proportion whose numerator is a
 * subset of its denominator, MOE(p) = √(MOE_X² − p² · MOE_Y²) / Y, and the ratio formula
 * √(MOE_X² + p² · MOE_Y²) / Y when the term under the root is negative (U.S. Census Bureau,
 * "Understanding and Using American Community Survey Data: What All Data Users Need to Know",
 * 2020, ch. 8), as in `metrics/equity.ts`.
 */
import { greatCircleKm, kmToMiles } from './distance';
import { calibratedMinutes, censusRegionOfState, type Calibration } from './drive-time/calibrated';
import type { CentrePoint } from './nearest';
import type { PlaceTravel } from './travel-engine';
import { METHOD_INFO, METHODS, straightLineMinutes, type Method, type TravelUnit } from './travel-methods';
import type { Row as ProfileRow } from '$lib/queries/place-profile';
import type { CountColumn } from '$lib/queries/population-groups';

/** Road must exceed calibrated by more than this share to flag a barrier (roads PROVENANCE, Recommendation 2). */
export const BARRIER_EXCESS = 0.25;
/** ...and by at least this many minutes (ours: below it the difference is the local access leg, not a barrier). */
export const BARRIER_MIN_EXTRA_MINUTES = 10;

/**
 * Road minutes well above the calibrated straight-line estimate: water, mountains or a
 * sparse network stand between the place and its centre (see the module comment).
 */
export function isBarrier(roadMinutes: number, calibratedMinutes: number): boolean {
	if (!(calibratedMinutes > 0) || !Number.isFinite(roadMinutes)) return false;
	return roadMinutes / calibratedMinutes - 1 > BARRIER_EXCESS && roadMinutes - calibratedMinutes >= BARRIER_MIN_EXTRA_MINUTES;
}

export interface MethodFigure {
	method: Method;
	label: string;
	unit: TravelUnit;
	/** to the nearest centre by this method; null = unknown (no centre, or road graph not loaded) */
	value: number | null;
	/** the method the dashboard shows */
	current: boolean;
	/** 'fallback': the calibrated estimate stands in for road; 'pending': the road graph is still loading */
	note: 'fallback' | 'pending' | null;
}

export interface CentreFigure {
	/** index into the travel result's `centres` */
	index: number;
	id: string;
	name: string;
	straightMiles: number;
	straight30Minutes: number;
	/** null for the second-nearest when no calibration is passed */
	calibratedMinutes: number | null;
	/** known for the road-nearest and road-second centres only */
	roadMinutes: number | null;
	/** in the chosen method's unit (as the map shows it) */
	value: number | null;
}

export interface CountFigure {
	column: CountColumn;
	/** people, or households for `households` and `no_vehicle_hh` */
	universe: 'people' | 'households';
	count: number | null;
	/** 90 % margin of error; null when the source publishes none (non-Hispanic White) */
	moe: number | null;
	/** count ÷ ACS population (or ÷ households); null without a denominator, and for `acs_pop`/`households` */
	share: number | null;
	shareMoe: number | null;
}

export interface PlaceProfile {
	fips: string;
	name: string;
	state: string;
	stateName: string;
	/** "Denver County, Colorado" */
	label: string;
	method: Method;
	unit: TravelUnit;
	population: {
		/** persons, 2020 Census */
		pop2020: number;
		/** persons, ACS 2018-2022; null for Puerto Rico */
		acsPop: number | null;
		acsPopMoe: number | null;
		landAreaSqMi: number | null;
		/** 2020 persons per square mile of land */
		densityPerSqMi: number | null;
	};
	/** false for Puerto Rico (no SVI 2022, so no ACS counts) */
	hasCounts: boolean;
	counts: Record<CountColumn, CountFigure>;
	svi: {
		overall: number | null;
		socioeconomic: number | null;
		household: number | null;
		minority: number | null;
		housingTransport: number | null;
		quartile: number | null;
	};
	income: { median: number | null; moe: number | null; quintile: number | null };
	rurality: { rucc: number | null; description: string | null; metro: boolean | null };
	medicaidExpansion: boolean | null;
	tracts: { count: number; ownCounts: boolean };
	travel: {
		/** the chosen method's value (what the map shows) */
		current: number | null;
		methods: MethodFigure[];
	};
	centres: {
		/** how nearest and second are ranked */
		basis: 'road' | 'straight';
		nearest: CentreFigure | null;
		second: CentreFigure | null;
		/** second − nearest and second ÷ nearest, in the chosen unit; null without a second centre */
		ifNearestCloses: { extra: number; ratio: number | null } | null;
	};
	roadCheck: {
		status: 'ok' | 'pending' | 'fallback' | 'no-centre';
		roadMinutes: number | null;
		calibratedMinutes: number | null;
		straight30Minutes: number | null;
		/** road ÷ calibrated − 1 */
		roadExcess: number | null;
		/** road ÷ straight line at 30 mph */
		roadToStraight30: number | null;
		/** road > calibrated × 1.25 and by ≥ BARRIER_MIN_EXTRA_MINUTES; null when no check is possible */
		barrier: boolean | null;
	};
}

export interface PlaceProfileInput {
	row: ProfileRow;
	/** position of the county in the travel arrays (the order of `countyRows`) */
	countyIndex: number;
	/** `TravelResult.counties` */
	travel: PlaceTravel;
	/** `TravelResult.centres` */
	centres: readonly CentrePoint[];
	/** centre id → display name (falls back to the id) */
	centreNames: Record<string, string>;
	method: Method;
	unit: TravelUnit;
	/** road minutes are from the road graph (`Dashboard.roadReady`) */
	roadReady: boolean;
	/** lets the second-nearest centre have calibrated minutes too */
	calibration?: Calibration;
}

const finite = (v: number | null | undefined): number | null => (v != null && Number.isFinite(v) ? v : null);

const PEOPLE_SHARE: readonly CountColumn[] = [
	'nh_white',
	'nh_black',
	'hispanic',
	'nh_asian',
	'nh_aian',
	'nh_nhpi',
	'nh_other_multi',
	'pov150',
	'uninsured',
	'age65'
];

/** 90 % MOE of x / y where x is a subset of y (ACS handbook 2020, ch. 8); null when an input is missing. */
export function proportionMoe({ x, xMoe, y, yMoe }: { x: number; xMoe: number | null; y: number; yMoe: number | null }): number | null {
	if (xMoe == null || yMoe == null || !(y > 0)) return null;
	const p = x / y;
	const under = xMoe * xMoe - p * p * yMoe * yMoe;
	return (under >= 0 ? Math.sqrt(under) : Math.sqrt(xMoe * xMoe + p * p * yMoe * yMoe)) / y;
}

function countFigure(row: ProfileRow, column: CountColumn): CountFigure {
	const universe = column === 'households' || column === 'no_vehicle_hh' ? 'households' : 'people';
	const count = finite(row[column]);
	const moe = finite(row[`${column}_moe`]);
	const denomCol: CountColumn | null = column === 'no_vehicle_hh' ? 'households' : PEOPLE_SHARE.includes(column) ? 'acs_pop' : null;
	let share: number | null = null;
	let shareMoe: number | null = null;
	if (denomCol && count != null) {
		const y = finite(row[denomCol]);
		if (y != null && y > 0) {
			share = count / y;
			shareMoe = proportionMoe({ x: count, xMoe: moe, y, yMoe: finite(row[`${denomCol}_moe`]) });
		}
	}
	return { column, universe, count, moe, share, shareMoe };
}

const COUNT_COLUMNS: readonly CountColumn[] = ['acs_pop', ...PEOPLE_SHARE, 'households', 'no_vehicle_hh'];

/** Travel by every method from the county to a centre, and the chosen method's value. */
function centreFigure(args: {
	index: number;
	km: number;
	calibrated: number | null;
	road: number | null;
	input: PlaceProfileInput;
	/** value in the chosen unit when the chosen method ranks by road */
	value: (f: Omit<CentreFigure, 'value'>) => number | null;
}): CentreFigure | null {
	const { index, km, input } = args;
	const c = input.centres[index];
	if (!c || !(km >= 0)) return null;
	const f = {
		index,
		id: c.id,
		name: input.centreNames[c.id] ?? c.id,
		straightMiles: kmToMiles(km),
		straight30Minutes: straightLineMinutes({ km }),
		calibratedMinutes: args.calibrated,
		roadMinutes: args.road
	};
	return { ...f, value: args.value(f) };
}

export function placeProfile(input: PlaceProfileInput): PlaceProfile {
	const { row, countyIndex: i, travel: t, method, unit, roadReady } = input;
	if (!METHOD_INFO[method]) throw new RangeError(`unknown method "${method}"; use one of ${METHODS.join(', ')}`);
	if (METHOD_INFO[method].unit !== unit) {
		throw new RangeError(`unit "${unit}" does not match method "${method}" (${METHOD_INFO[method].unit}); pass METHOD_INFO[method].unit`);
	}
	if (!Number.isInteger(i) || i < 0 || i >= t.straightKm.length) {
		throw new RangeError(`countyIndex ${i} is outside the travel arrays (0..${t.straightKm.length - 1}); pass the county's position in countyRows`);
	}

	// ---- travel by every method to the nearest centre ----
	const km = finite(t.straightKm[i]);
	const cal = finite(t.calibratedMinutes[i]);
	const straight30 = km == null ? null : straightLineMinutes({ km });
	const miles = km == null ? null : kmToMiles(km);
	const fallback = roadReady && t.roadFallback[i] === 1;
	const roadRaw = roadReady ? finite(t.roadMinutes[i]) : null;
	const road = fallback ? null : roadRaw;
	const methodValue: Record<Method, number | null> = {
		road: roadReady ? roadRaw : cal,
		calibrated: cal,
		straight_30mph: straight30,
		straight_miles: miles
	};
	const methods: MethodFigure[] = METHODS.map((m) => ({
		method: m,
		label: METHOD_INFO[m].label,
		unit: METHOD_INFO[m].unit,
		value: m === 'road' ? (roadReady ? roadRaw : null) : methodValue[m],
		current: m === method,
		note: m === 'road' ? (!roadReady ? 'pending' : fallback ? 'fallback' : null) : null
	}));

	// ---- nearest and second-nearest ----
	const region = censusRegionOfState(row.state_fips);
	const calFor = (k: number) => (input.calibration ? calibratedMinutes(input.calibration, k, region) : null);
	const byRoad = method === 'road' && roadReady && !fallback && road != null && t.roadNearest[i] >= 0;
	let nearest: CentreFigure | null = null;
	let second: CentreFigure | null = null;
	if (byRoad) {
		const kmTo = (idx: number) => {
			const c = input.centres[idx];
			return c ? greatCircleKm(row.lat, row.lon, c.lat, c.lon) : NaN;
		};
		const n = t.roadNearest[i];
		const s = t.roadSecond[i];
		const value = (f: Omit<CentreFigure, 'value'>) => f.roadMinutes;
		nearest = centreFigure({ index: n, km: kmTo(n), calibrated: calFor(kmTo(n)), road, input, value });
		if (s >= 0) second = centreFigure({ index: s, km: kmTo(s), calibrated: calFor(kmTo(s)), road: finite(t.roadSecondMinutes[i]), input, value });
	} else {
		const roadFor = (idx: number) =>
			roadReady && !fallback ? (idx === t.roadNearest[i] ? road : idx === t.roadSecond[i] ? finite(t.roadSecondMinutes[i]) : null) : null;
		const value = (f: Omit<CentreFigure, 'value'>): number | null => {
			if (method === 'straight_miles') return f.straightMiles;
			if (method === 'straight_30mph') return f.straight30Minutes;
			// calibrated, or road before the graph loads / where the fallback stands in
			return f.calibratedMinutes;
		};
		const n = t.straightNearest[i];
		const s = t.straightSecond[i];
		if (n >= 0 && km != null) nearest = centreFigure({ index: n, km, calibrated: cal, road: roadFor(n), input, value });
		const km2 = finite(t.straightSecondKm[i]);
		if (s >= 0 && km2 != null) second = centreFigure({ index: s, km: km2, calibrated: calFor(km2), road: roadFor(s), input, value });
	}
	const ifNearestCloses =
		nearest?.value != null && second?.value != null
			? { extra: second.value - nearest.value, ratio: nearest.value > 0 ? second.value / nearest.value : null }
			: null;

	// ---- road against straight line ----
	const status: PlaceProfile['roadCheck']['status'] = km == null ? 'no-centre' : !roadReady ? 'pending' : fallback || road == null ? 'fallback' : 'ok';
	const ok = status === 'ok' && road != null && cal != null;
	const roadExcess = ok && cal > 0 ? road / cal - 1 : null;
	const roadToStraight30 = ok && straight30 != null && straight30 > 0 ? road / straight30 : null;
	const barrier = ok ? isBarrier(road, cal) : null;

	const counts = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, countFigure(row, c)])) as Record<CountColumn, CountFigure>;
	const land = finite(row.land_area_sqmi);
	return {
		fips: row.county_fips,
		name: row.county_name,
		state: row.state,
		stateName: row.state_name,
		label: `${row.county_name}, ${row.state_name ?? row.state}`,
		method,
		unit,
		population: {
			pop2020: row.pop_2020,
			acsPop: finite(row.acs_pop),
			acsPopMoe: finite(row.acs_pop_moe),
			landAreaSqMi: land,
			densityPerSqMi: land != null && land > 0 ? row.pop_2020 / land : null
		},
		hasCounts: row.acs_pop != null,
		counts,
		svi: {
			overall: finite(row.svi_overall),
			socioeconomic: finite(row.svi_socioeconomic),
			household: finite(row.svi_household),
			minority: finite(row.svi_minority),
			housingTransport: finite(row.svi_housing_transport),
			quartile: row.svi_quartile ?? null
		},
		income: { median: finite(row.median_hh_income), moe: finite(row.median_hh_income_moe), quintile: row.income_quintile ?? null },
		rurality: { rucc: row.rucc_2023 ?? null, description: row.rucc_description ?? null, metro: row.metro ?? null },
		medicaidExpansion: row.medicaid_expansion ?? null,
		tracts: { count: row.n_tracts, ownCounts: row.has_tract_counts },
		travel: { current: methodValue[method], methods },
		centres: { basis: byRoad ? 'road' : 'straight', nearest, second, ifNearestCloses },
		roadCheck: { status, roadMinutes: road, calibratedMinutes: cal, straight30Minutes: straight30, roadExcess, roadToStraight30, barrier }
	};
}
