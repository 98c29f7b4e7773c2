/**
 * Age structure within a state: the share of a cancer's new cases that are in people aged 65
 * and over. The data carry one age split per place (ACS 2018-2022 `age65` and the rest, from
 * CDC/ATSDR SVI 2022), and no age-specific incidence per state, so a state's expected patients
 * are spread over its places in two parts (see `model.ts` `ageWeights`):
 *
 *   place i gets  E(s) × [ a × age65(i) / age65(s)  +  (1 − a) × under65(i) / under65(s) ]
 *
 * where a is the state's share of cases aged 65+. The published shares are national, so a state's
 * share comes from the national one by indirect standardisation with two age bands
 * (`model.ts` `stateAgeShares`): the 65+ : under-65 rate ratio implied by the national share and
 * the national population aged 65+ is applied to the state's own population, so older states get
 * a larger share of cases aged 65+. The state total is unchanged (the two parts sum to E(s));
 * only where inside the state the patients are placed moves: older places get more.
 *
 * B-ALL is left weighted by total population: most ALL is diagnosed in children and young
 * adults, and the data carry no under-18 or under-20 count per place (only 65+), and no
 * published share of ALL cases aged 65+ was found.
 *
 * Only the central value moves patients: the low and high estimates use the same central age
 * share (it moves patients between places within a state, so it has no "low" or "high" total);
 * the cited range is shown so a user can try its ends.
 */
import type { Citation, IncidenceSource } from './parameters';

export type AgeParamId = 'nhl_age65' | 'mm_age65';

export interface AgeParamDef {
	id: AgeParamId;
	/** the source cancer whose cases it splits (NHL feeds LBCL, FL and MCL) */
	source: IncidenceSource;
	label: string;
	value: number;
	low: number;
	high: number;
	citations: Citation[];
	derivation?: string;
	note?: string;
}

const C = {
	seerLymphoma: {
		authors: 'National Cancer Institute, SEER Stat Fact Sheets: Lymphoma (archived copy)',
		title: 'SEER incidence, lymphoma, 2005-2009, percentage of cases by age at diagnosis',
		year: 2012,
		url: 'https://cybercemetery.unt.edu/archive/oilspill/20130215134627/http:/www.seer.cancer.gov/statfacts/html/lymph.html',
		summary: 'For lymphoma diagnosed 2005-2009 (18 SEER areas), about 20.8 % of cases were aged 65-74, 20.7 % 75-84 and 8.2 % 85 or over; the median age at diagnosis was 64. The figures include Hodgkin lymphoma, which is diagnosed younger.'
	},
	yin: {
		authors: 'Yin X, Xu A, Fan F, et al.',
		title: 'Incidence and mortality trends and risk prediction nomogram for extranodal diffuse large B-cell lymphoma: an analysis of the SEER database. Front Oncol 9:1198 (PMC6861389)',
		year: 2019,
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6861389',
		summary: 'Of 15,882 extranodal DLBCL cases in SEER 9 registries (1973-2015), 8,776 (55.3 %) were aged 65 or over at diagnosis.'
	},
	acsNhl: {
		authors: 'American Cancer Society',
		title: 'Key statistics for non-Hodgkin lymphoma (Cancer Facts & Figures 2024)',
		year: 2024,
		url: 'https://www.cancer.org/cancer/types/non-hodgkin-lymphoma/about/key-statistics.html',
		summary: 'NHL risk rises throughout life, and more than half of patients are 65 or older at first diagnosis.'
	},
	mmRates: {
		authors: 'Taylor & Francis book chapter on multiple myeloma in older patients (citing SEER)',
		title: 'Multiple myeloma: epidemiology and age (chapter 10.3109/9780203092897-19)',
		year: 2011,
		url: 'https://www.taylorfrancis.com/books/9780203092897/chapters/10.3109/9780203092897-19',
		summary: 'Myeloma incidence rises steeply with age: median age at diagnosis 66; age-adjusted incidence about 2.1 per 100,000 under 65 and 30.1 per 100,000 at 65 and over.'
	},
	acsMm: {
		authors: 'American Cancer Society',
		title: 'Key statistics for multiple myeloma (2025 estimates)',
		year: 2025,
		url: 'https://www.cancer.org/cancer/multiple-myeloma/about/key-statistics',
		summary: 'Most people diagnosed with myeloma are at least 65; the average age at diagnosis is 69, and under 1 % are younger than 35.'
	}
} satisfies Record<string, Citation>;

export const AGE_DEFS: readonly AgeParamDef[] = [
	{
		id: 'nhl_age65',
		source: 'nhl',
		label: 'Share of new NHL cases aged 65 and over (places LBCL, FL and MCL patients within a state)',
		value: 0.553,
		low: 0.497,
		high: 0.553,
		citations: [C.yin, C.seerLymphoma, C.acsNhl],
		derivation: 'central 8,776 / 15,882 = 0.553 (extranodal DLBCL, SEER 9); low 0.208 + 0.207 + 0.082 = 0.497 (all lymphoma, SEER 18)',
		note: 'No NHL-wide or FL- or MCL-specific age split was found. The central figure is for extranodal DLBCL; the low one includes Hodgkin lymphoma (younger), so it understates NHL. The ACS figure (over half aged 65+) agrees with both. No higher figure was found, so high = central.'
	},
	{
		id: 'mm_age65',
		source: 'myeloma',
		label: 'Share of new myeloma cases aged 65 and over (places myeloma patients within a state)',
		value: 0.74,
		low: 0.5,
		high: 0.74,
		citations: [C.mmRates, C.acsMm],
		derivation:
			'central 30.1 × 0.165 / (30.1 × 0.165 + 2.1 × 0.835) = 0.74, with 0.165 the share of the population aged 65+ (50 states + DC, ACS 2018-2022 via CDC/ATSDR SVI 2022: 54,737,648 of 331,097,593); low 0.5 (ACS: a majority are 65+)',
		note: 'The myeloma counts are for ages 30+, so the under-65 band here includes children, who almost never have myeloma; this slightly over-weights places with many children. No higher figure was found, so high = central.'
	}
];

export type AgeValues = Record<AgeParamId, number>;

export const DEFAULT_AGE: AgeValues = Object.fromEntries(AGE_DEFS.map((a) => [a.id, a.value])) as AgeValues;

/** Share of cases aged 65+ per source cancer; null = spread by total population (leukaemia). */
export function ageShares(values: AgeValues | null): Record<IncidenceSource, number | null> {
	if (!values) return { nhl: null, leukemia: null, myeloma: null };
	return { nhl: values.nhl_age65, leukemia: null, myeloma: values.mm_age65 };
}

/** Read `nhl_age65=0.6` style settings (a share 0-1); `age=off` switches age structure off. */
export function parseAge(params: URLSearchParams): { values: AgeValues | null; notices: string[] } {
	if (params.get('age') === 'off') return { values: null, notices: [] };
	const values = { ...DEFAULT_AGE };
	const notices: string[] = [];
	for (const a of AGE_DEFS) {
		const raw = params.get(a.id);
		if (raw == null) continue;
		const x = Number(raw);
		if (raw.trim() !== '' && Number.isFinite(x) && x >= 0 && x <= 1) values[a.id] = x;
		else notices.push(`Ignored ${a.id}="${raw.slice(0, 40)}": give a share between 0 and 1.`);
	}
	return { values, notices };
}

/** Only what differs from the defaults, as URL params. */
export function serialiseAge(values: AgeValues | null): Record<string, string> {
	if (!values) return { age: 'off' };
	const out: Record<string, string> = {};
	for (const a of AGE_DEFS) if (values[a.id] !== a.value) out[a.id] = String(values[a.id]);
	return out;
}
