/**
 * Published studies rerun on our data with their definitions, shown next to their figures.
 * Parameters are our methods' documented defaults (30 mph is the study's own assumption; road
 * speeds are `drive-time/params` DEFAULT_PARAMS): nothing is tuned to match a published figure,
 * and every known difference in inputs is listed instead.
 *
 * Sources (also quoted in the centres PROVENANCE §5):
 * - Mendoza SL, Romanko M. "Barriers to CAR-T Therapy Access in the U.S.: A County-Level
 *   Analysis of Proximity and Sociodemographic Factors", ISPOR 2025 poster session 1.
 * - The myeloma drive-time abstract (ASH meeting abstract): "Geospatial drive-time
 *   analysis ... 76 ide-cel and 55 cilta-cel centers, obtained April 2025 ... Drive-time zones
 *   (0–1 hr, 1–2 hrs, 2–5 hrs, >5 hrs) from each county centroid to the nearest CAR-T center"
 *   (ASH meeting abstract; 3,141 counties).
 */
import { nearestCentres, type CentrePoint } from '$lib/metrics/nearest';
import { straightLineMinutes } from '$lib/metrics/travel-methods';
import type { Db } from '$lib/db/types';

export type StudyId = 'ispor-2025' | 'myeloma-2025';

export interface StudyFigure {
	label: string;
	/** the study's figure, percent */
	theirs: number;
	/** ours, percent (NaN until computed) */
	ours: number;
	/** ours under an alternative input named in `altLabel` (e.g. all centres), percent */
	alt?: number;
}

export interface InputRow {
	input: string;
	theirs: string;
	ours: string;
}

export interface Study {
	id: StudyId;
	title: string;
	citation: string;
	url: string | null;
	method: string;
	inputs: InputRow[];
}

/** Median household income cut-off of the ISPOR 2025 poster's low-income bracket (US dollars). */
export const ISPOR_INCOME_CUTOFF = 56_600;
export const ISPOR_MINUTES = 120;
export const ISPOR_MPH = 30;
/** Products of the myeloma study: ide-cel (Abecma) and cilta-cel (Carvykti). */
export const MYELOMA_PRODUCTS = ['Abecma', 'Carvykti'] as const;
export const MYELOMA_BANDS = [60, 120, 300] as const;

export const STUDIES: Record<StudyId, Study> = {
	'ispor-2025': {
		id: 'ispor-2025',
		title: 'Mendoza & Romanko, ISPOR 2025: people more than 120 minutes away at 30 mph',
		citation:
			'Mendoza SL, Romanko M. Barriers to CAR-T Therapy Access in the U.S.: A County-Level Analysis of Proximity and Sociodemographic Factors. ISPOR 2025, poster session 1.',
		url: 'https://www.ispor.org/heor-resources/presentations-database/presentation-cti/ispor-2025/poster-session-1/barriers-to-car-t-therapy-access-in-the-u-s--a-county-level-analysis-of-proximity-and-sociodemographic-factors',
		method: 'Straight-line distance from each county to the nearest centre, converted to time at 30 mph (120 minutes ≈ 60 miles); a county’s whole population is beyond when its distance is.',
		inputs: [
			{ input: 'Centre list and date', theirs: '141 hospitals giving ≥ 1 approved CAR-T, BMT InfoNet directory (2024–25)', ours: 'our evidence-based list, strong + moderate evidence (pages dated 2017-09 to 2026-02); known to be incomplete' },
			{ input: 'Population vintage', theirs: 'not stated (the 30 mph figure cites Census 2019)', ours: 'ACS 2018–2022 5-year county totals (CDC/ATSDR SVI 2022)' },
			{ input: 'Income', theirs: 'county median household income < $56,600 (vintage not stated)', ours: 'county median household income < $56,600, ACS 2019–2023 (2023 dollars): a later vintage, so fewer counties fall under the same dollar cut-off' },
			{ input: 'County point', theirs: '“county level” (point type not stated)', ours: '2020 Census population-weighted county centres' },
			{ input: 'Geography', theirs: 'U.S. counties', ours: '50 states + DC (Puerto Rico left out)' },
			{ input: 'Method', theirs: 'straight line at 30 mph, > 120 minutes', ours: 'the same: great-circle km at 30 mph, > 120 minutes' }
		]
	},
	'myeloma-2025': {
		id: 'myeloma-2025',
		title: 'Myeloma CAR-T drive-time study (2025): population by drive-time band',
		citation:
			'Geospatial drive-time analysis of access to multiple-myeloma CAR-T centres (76 ide-cel and 55 cilta-cel centres, April 2025); ASH meeting abstract, quoted in the centres PROVENANCE §5.',
		url: null,
		method: 'Drive time from each county to the nearest myeloma CAR-T centre, in bands of 0–1, 1–2, 2–5 and over 5 hours; shares of population.',
		inputs: [
			{ input: 'Centre list and date', theirs: '76 ide-cel (Abecma) and 55 cilta-cel (Carvykti) authorised centres, manufacturer sites, April 2025', ours: 'centres whose own page names Abecma or Carvykti: only a handful of our rows name products at all, so this list is far shorter; the row “all centres” shows the other bound' },
			{ input: 'Population vintage', theirs: 'not stated', ours: 'ACS 2018–2022 5-year county totals' },
			{ input: 'County point', theirs: 'county centroid (geographic)', ours: '2020 Census population-weighted county centres (usually nearer to towns, so shorter trips)' },
			{ input: 'Method', theirs: 'ArcGIS drive-time zones (road network, its own speeds)', ours: 'our road-network model with its documented default speeds; calibrated estimate until the road layer loads and where roads do not connect' },
			{ input: 'Geography', theirs: '3,141 counties', ours: '50 states + DC, 3,144 counties and equivalents (2023 universe)' }
		]
	}
};

export interface StudyCounty {
	county_fips: string;
	state_fips: string;
	lat: number;
	lon: number;
	acs_pop: number | null;
	median_hh_income: number | null;
}

/** County rows for the presets (50 states + DC), with ACS 2019-2023 median household income. */
export const STUDY_COUNTIES_SQL = `SELECT county_fips, state_fips, lat, lon, acs_pop::DOUBLE AS acs_pop, median_hh_income::DOUBLE AS median_hh_income
FROM counties WHERE state_fips <> '72' ORDER BY county_fips`;

export async function loadStudyCounties(db: Db): Promise<StudyCounty[]> {
	return db.query<StudyCounty & Record<string, unknown>>(STUDY_COUNTIES_SQL);
}

const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : NaN);

/** ISPOR 2025 rerun: share of people beyond 120 min at 30 mph, and of people in low-income counties beyond. */
export function isporFigures({ counties, centres }: { counties: readonly StudyCounty[]; centres: readonly CentrePoint[] }): {
	beyondShare: number;
	lowIncomeBeyondShare: number;
	beyondPeople: number;
	lowIncomeBeyondPeople: number;
	total: number;
	lowIncomeCounties: number;
} {
	const nr = nearestCentres({ origins: counties.map((c) => ({ lat: c.lat, lon: c.lon })), centres });
	let total = 0;
	let beyond = 0;
	let low = 0;
	let lowCounties = 0;
	counties.forEach((c, i) => {
		const pop = c.acs_pop ?? 0;
		total += pop;
		const isLow = c.median_hh_income != null && c.median_hh_income < ISPOR_INCOME_CUTOFF;
		if (isLow) lowCounties++;
		const km = nr.nearestKm[i];
		const far = !Number.isFinite(km) || straightLineMinutes({ km, mph: ISPOR_MPH }) > ISPOR_MINUTES;
		if (far) {
			beyond += pop;
			if (isLow) low += pop;
		}
	});
	return { beyondShare: pct(beyond, total), lowIncomeBeyondShare: pct(low, total), beyondPeople: beyond, lowIncomeBeyondPeople: low, total, lowIncomeCounties: lowCounties };
}

/** Population share (percent) per drive-time band 0–1, 1–2, 2–5, > 5 h; unknown minutes count as > 5 h. */
export function bandShares({ counties, minutes }: { counties: readonly StudyCounty[]; minutes: ArrayLike<number> }): number[] {
	const sums = [0, 0, 0, 0];
	let total = 0;
	counties.forEach((c, i) => {
		const pop = c.acs_pop ?? 0;
		total += pop;
		const m = minutes[i];
		let b = MYELOMA_BANDS.findIndex((edge) => m <= edge);
		if (!Number.isFinite(m) || b < 0) b = 3;
		sums[b] += pop;
	});
	return sums.map((s) => pct(s, total));
}

/** The myeloma study's published shares (percent of population per band). */
export const MYELOMA_PUBLISHED = [59.2, 22.7, 16.8, 1.4] as const;
export const ISPOR_PUBLISHED = { beyond: 29.02, lowIncomeBeyond: 11.61, beyondPeople: 94_206_087, lowIncomeBeyondPeople: 37_687_805 } as const;
