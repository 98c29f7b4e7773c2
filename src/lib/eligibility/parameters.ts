/**
 * Every parameter of the eligibility model, with its range and its sources.
 *
 * A parameter is a share (0-1). `value` is the central default, `low`/`high` the range the
 * model carries through to low / high estimates. Each source is recorded as authors, title,
 * year, URL and a short paraphrase (never a quotation). Where a value is derived from the
 * sources (a pooled count, a weighted mix), `derivation` shows the arithmetic.
 * Where the sources give no lower or upper figure, `low` or `high` equals `value` and the
 * `note` says so: the range is then narrower than the true uncertainty.
 */

export const DISEASES = ['lbcl', 'fl', 'mcl', 'ball', 'mm'] as const;
export type DiseaseId = (typeof DISEASES)[number];

/** Which column of the `states` table a disease is derived from. */
export type IncidenceSource = 'nhl' | 'leukemia' | 'myeloma';

export const DISEASE_INFO: Record<DiseaseId, { label: string; short: string; source: IncidenceSource }> = {
	lbcl: { label: 'Large B-cell lymphoma', short: 'LBCL', source: 'nhl' },
	fl: { label: 'Follicular lymphoma', short: 'FL', source: 'nhl' },
	mcl: { label: 'Mantle-cell lymphoma', short: 'MCL', source: 'nhl' },
	ball: { label: 'B-cell acute lymphoblastic leukaemia', short: 'B-ALL', source: 'leukemia' },
	mm: { label: 'Multiple myeloma', short: 'Myeloma', source: 'myeloma' }
};

export interface Citation {
	authors: string;
	title: string;
	year: number;
	url?: string;
	/** short paraphrase of what the source says (not a quotation) */
	summary: string;
}

export type ParamKind = 'subtype' | 'line' | 'fitness';

export interface ParamDef {
	id: ParamId;
	disease: DiseaseId;
	kind: ParamKind;
	label: string;
	value: number;
	low: number;
	high: number;
	citations: Citation[];
	derivation?: string;
	note?: string;
}

const C = {
	abbvie: {
		authors: 'AbbVie Science',
		title: 'Non-Hodgkin lymphoma (tumour types overview)',
		year: 2024,
		url: 'https://abbviescience.com/oncology/tumor-types/non-hodgkin-lymphoma',
		summary: 'Lists the main NHL subtypes with their approximate US shares: DLBCL about 31 %, follicular about 22 %, mantle-cell about 6 % (7-9 % in Europe).'
	},
	lef: {
		authors: 'Life Extension (citing the Leukemia & Lymphoma Society, 2011)',
		title: 'Non-Hodgkin lymphoma protocol',
		year: 2011,
		url: 'http://www.lef.org/protocols/cancer/lymphoma_02.htm',
		summary: 'DLBCL makes up about 30 % of US NHL and follicular lymphoma roughly 20 %.'
	},
	sehn: {
		authors: 'Sehn LH, Gascoyne RD',
		title: 'Diffuse large B-cell lymphoma: optimizing outcome in the context of clinical and biologic heterogeneity. Blood 125(1):22-32',
		year: 2015,
		url: 'http://ashpublications.com/blood/article-split/125/1/22/33908/Diffuse-large-B-cell-lymphoma-optimizing-outcome',
		summary: 'Worldwide, DLBCL is the most common NHL subtype, 30-40 % of newly diagnosed cases.'
	},
	nhlcp: {
		authors: 'Genentech BioOncology (table after the Non-Hodgkin Lymphoma Classification Project)',
		title: 'Diffuse large B-cell lymphoma: relative frequencies of B-cell lymphoma subtypes in adults',
		year: 2023,
		url: 'https://www.biooncology.com/pathways/cancer-tumor-targets/b-cell/dlbcl.html',
		summary: 'In an adult series, DLBCL was 37 %, follicular 29 % and mantle-cell 7 % of cases; the series under-counts CLL/SLL.'
	},
	mclShare: {
		authors: 'Zhou et al.',
		title: 'Survival trends of younger patients with mantle cell lymphoma, SEER 1995-2016 (PMC7606943)',
		year: 2020,
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7606943',
		summary: 'Mantle-cell lymphoma is a rare B-cell NHL making up about 5-7 % of NHL.'
	},
	acsAll2024: {
		authors: 'American Cancer Society',
		title: 'Cancer Facts & Figures 2024; Key statistics for acute lymphocytic leukemia',
		year: 2024,
		url: 'https://www.cancer.org/cancer/types/acute-lymphocytic-leukemia/about/key-statistics.html',
		summary: 'Estimates about 6,550 new ALL cases in the US in 2024 (children and adults), about 4 in 10 of them in adults; all leukaemias together about 62,770.'
	},
	acsAll2009: {
		authors: 'American Cancer Society',
		title: 'What are the key statistics about acute lymphocytic leukemia? (2009 estimates)',
		year: 2009,
		url: 'https://aboutlungcancers.blogspot.com/2009/09/what-are-key-statistics-about-acute.html',
		summary: 'For 2009, about 44,790 new leukaemia cases of all kinds and about 5,760 new ALL cases were expected in the US.'
	},
	who2001: {
		authors: 'World Health Organization classification (2001), as given in the NCI Thesaurus definitions',
		title: 'B and T acute lymphoblastic leukemia definitions',
		year: 2001,
		url: 'http://en.dict.md/translation/Lymphocytic+Leukemias%2C+Acute',
		summary: 'T-lineage ALL is about 15 % of childhood and about 25 % of adult ALL, so B-lineage is about 85 % and 75 %.'
	},
	coiffier: {
		authors: 'Coiffier B, Sarkozy C',
		title: 'Diffuse large B-cell lymphoma: R-CHOP failure - what to do? Hematology ASH Education Program 2016:366-378',
		year: 2016,
		url: 'http://ashpublications.net/hematology/article/2016/1/366/21001/Diffuse-large-B-cell-lymphoma-R-CHOP-failure-what',
		summary: 'Depending on stage and prognostic index, about 30-50 % of DLBCL patients are not cured by R-CHOP; of treatment failures roughly 20 % are primary refractory and 30 % relapse after remission.'
	},
	hemsys: {
		authors: 'HemSys regional network (France), ASH 2024 abstract 6336',
		title: 'Treatment patterns and outcomes of patients with relapsed or refractory follicular lymphoma receiving three or more lines. Blood 144(Suppl 1):6336',
		year: 2024,
		url: 'http://ashpublications.net/blood/article/144/Supplement%201/6336/528246/Treatment-Patterns-and-Outcomes-of-Patients-with',
		summary: 'Of 691 FL patients diagnosed 2010-2023 who received first-line treatment, 109 went on to receive systemic therapy in third line or later.'
	},
	flClaims: {
		authors: 'Genmab/AbbVie (EPKINLY HCP site), citing a US claims analysis of 4,232 FL patients',
		title: '3L+ FL treatment landscape',
		year: 2024,
		url: 'https://www.epkinlyhcp.com/fl/treatment-landscape',
		summary: 'Among 2,111 FL patients given first-line treatment, 476 received a second line and 175 a third line over an average of about 2.3-2.7 years of follow-up; the short follow-up makes later lines uncommon.'
	},
	statpearlsFl: {
		authors: 'StatPearls',
		title: 'Relapsed and refractory follicular lymphoma',
		year: 2023,
		url: 'https://statpearls.com/point-of-care/132354',
		summary: 'About 20 % of FL patients progress within 2 years of chemotherapy (POD24), a group with a poor prognosis.'
	},
	kumarMcl: {
		authors: 'Kumar A, Sha F, Toure A, et al.',
		title: 'Patterns of survival in patients with recurrent mantle cell lymphoma in the modern era. Blood Cancer J 9:50 (reported by Hematology Advisor)',
		year: 2019,
		url: 'https://www.hematologyadvisor.com/home/topics/lymphoma/assessing-patterns-of-survival-in-mantle-cell-lymphoma-following-multiple-relapses/',
		summary: 'Of 404 MCL patients followed at MSKCC (2000-2014), 386 had first-line treatment, 204 a second line and 115 a third line.'
	},
	cogRelapse2024: {
		authors: "Children's Oncology Group (Rheingold SR et al.)",
		title: 'Determinants of survival after first relapse of acute lymphoblastic leukemia. Leukemia 38 (PMID 39261601)',
		year: 2024,
		url: 'http://47.251.13.51:8081/39261601',
		summary: 'Among 16,115 patients on COG frontline ALL trials 1996-2014, 12.7 % relapsed (B-ALL 12.5 %).'
	},
	cogRelapse2008: {
		authors: 'Nguyen K, Devidas M, Cheng SC, et al.',
		title: "Factors influencing survival after relapse from acute lymphoblastic leukemia: a Children's Oncology Group study. Leukemia 22:2142-2150",
		year: 2008,
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2872117',
		summary: 'Of 9,585 children on COG trials 1988-2002, 20.5 % relapsed.'
	},
	pethema: {
		authors: 'Oriol A, Vives S, Hernández-Rivas JM, et al. (PETHEMA)',
		title: 'Outcome after relapse of acute lymphoblastic leukemia in adult patients included in four consecutive risk-adapted trials. Haematologica 95:589-596',
		year: 2010,
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2857188',
		summary: 'About half of adults with ALL are not cured and ultimately die of the disease.'
	},
	fielding: {
		authors: 'Fielding AK, Richards SM, Chopra R, et al.',
		title: 'Outcome of 609 adults after relapse of acute lymphoblastic leukemia (MRC UKALL12/ECOG 2993). Blood 109:944-950',
		year: 2007,
		url: 'http://ashpublications.com/blood/article/109/3/944/23882/Outcome-of-609-adults-after-relapse-of-acute',
		summary: 'Most adults with ALL who reach complete remission relapse; long-term disease-free survival is reached by only about 40 %.'
	},
	fonseca: {
		authors: 'Fonseca R, Usmani SZ, Mehra M, et al.',
		title: 'Frontline treatment patterns and attrition rates by subsequent lines of therapy in patients with newly diagnosed multiple myeloma. BMC Cancer 20:1087',
		year: 2020,
		url: 'https://bmccancer.biomedcentral.com/articles/10.1186/s12885-020-07503-y',
		summary: 'In three US patient-level databases, 9,505 of 22,062 non-transplant patients (43 %) and 2,184 of 2,763 transplant patients (79 %) received more than one line of therapy.'
	},
	diRocco: {
		authors: 'Di Rocco A, Cuneo A, Di Rocco A, et al.',
		title: 'Relapsed/refractory diffuse large B-cell lymphoma patients. A multicenter retrospective analysis of eligibility criteria for CAR-T cell therapy. Leuk Lymphoma 62(4):828-836',
		year: 2021,
		url: 'http://www.pubmed.gov/33274677/',
		summary: 'Of 137 relapsed/refractory DLBCL patients, 64 (46.7 %) would have met the JULIET trial inclusion criteria for CAR-T.'
	},
	montreal: {
		authors: 'Hôpital Maisonneuve-Rosemont (Montreal), ASCO 2025 abstract e19002',
		title: 'Real-world barriers to CAR-T access: a Canadian referral center perspective',
		year: 2025,
		url: 'https://discovery.researcher.life/article/real-world-barriers-to-car-t-access-a-canadian-referral-center-perspective/8585763b799c37aa88610deb3a519de1',
		summary: 'Of 235 adults with R/R LBCL referred for CAR-T in 2019-2023, 133 (57 %) were infused; 39 % were judged ineligible, mostly for performance status, comorbidities or rapid progression.'
	}
} satisfies Record<string, Citation>;

export const CITATIONS = C;

const fitness = (disease: DiseaseId, borrowed: boolean): ParamDef => ({
	id: `${disease}_fit` as ParamId,
	disease,
	kind: 'fitness',
	label: `Share of ${DISEASE_INFO[disease].short} patients at that line who are fit for CAR-T`,
	value: 0.467,
	low: 0.467,
	high: 0.57,
	citations: [C.diRocco, C.montreal],
	note:
		(borrowed
			? `No ${DISEASE_INFO[disease].short}-specific figure was found; the LBCL figures are borrowed. `
			: '') +
		'Central and low: the share meeting trial criteria (Di Rocco 2021); no lower published share was found. High: the share of referred patients actually infused at one centre (a selected, fitter group).'
});

export const PARAM_DEFS: readonly ParamDef[] = [
	{
		id: 'lbcl_share',
		disease: 'lbcl',
		kind: 'subtype',
		label: 'Share of NHL that is large B-cell lymphoma',
		value: 0.31,
		low: 0.3,
		high: 0.4,
		citations: [C.abbvie, C.lef, C.sehn],
		note: 'Central: the US DLBCL share (AbbVie overview); low: LLS; high: the upper end of 30-40 % (Sehn & Gascoyne). DLBCL is the bulk of LBCL; other large B-cell types (primary mediastinal, high-grade) add a few per cent.'
	},
	{
		id: 'fl_share',
		disease: 'fl',
		kind: 'subtype',
		label: 'Share of NHL that is follicular lymphoma',
		value: 0.22,
		low: 0.2,
		high: 0.29,
		citations: [C.abbvie, C.lef, C.nhlcp]
	},
	{
		id: 'mcl_share',
		disease: 'mcl',
		kind: 'subtype',
		label: 'Share of NHL that is mantle-cell lymphoma',
		value: 0.06,
		low: 0.05,
		high: 0.07,
		citations: [C.abbvie, C.mclShare]
	},
	{
		id: 'all_share',
		disease: 'ball',
		kind: 'subtype',
		label: 'Share of leukaemia that is acute lymphoblastic leukaemia (ALL)',
		value: 0.104,
		low: 0.104,
		high: 0.129,
		citations: [C.acsAll2024, C.acsAll2009],
		derivation: 'central 6,550 / 62,770 = 0.104 (ACS 2024); high 5,760 / 44,790 = 0.129 (ACS 2009)',
		note: 'No lower published share was found, so low = central.'
	},
	{
		id: 'ball_share',
		disease: 'ball',
		kind: 'subtype',
		label: 'Share of ALL that is B-cell (B-ALL)',
		value: 0.81,
		low: 0.75,
		high: 0.85,
		citations: [C.who2001, C.acsAll2024],
		derivation: 'central 0.6 × 0.85 (children) + 0.4 × 0.75 (adults) = 0.81, with 4 in 10 cases in adults (ACS 2024); low and high are the adult and child shares'
	},
	{
		id: 'lbcl_line',
		disease: 'lbcl',
		kind: 'line',
		label: 'Share of LBCL that is relapsed or refractory after first-line therapy (second line: Yescarta, Breyanzi)',
		value: 0.4,
		low: 0.3,
		high: 0.5,
		citations: [C.coiffier],
		derivation: 'central = midpoint of the 30-50 % not cured by R-CHOP'
	},
	{
		id: 'fl_line',
		disease: 'fl',
		kind: 'line',
		label: 'Share of FL that reaches third-line therapy (after two lines: Kymriah, Yescarta, Breyanzi)',
		value: 0.158,
		low: 0.083,
		high: 0.2,
		citations: [C.hemsys, C.flClaims, C.statpearlsFl],
		derivation: 'central 109 / 691 = 0.158 (HemSys); low 175 / 2,111 = 0.083 (claims, short follow-up)',
		note: 'Weakest-sourced parameter. High uses the share progressing within 2 years (POD24) as a proxy upper bound, not a measured third-line share. Denominators are treated patients, not all diagnosed (many FL patients are watched without treatment), so all three may overstate the share of diagnosed patients.'
	},
	{
		id: 'mcl_line',
		disease: 'mcl',
		kind: 'line',
		label: 'Share of MCL that reaches second-line therapy (relapsed/refractory: Tecartus)',
		value: 0.528,
		low: 0.298,
		high: 0.528,
		citations: [C.kumarMcl],
		derivation: 'central 204 / 386 = 0.528 (second line); low 115 / 386 = 0.298 (third line, the Breyanzi label)',
		note: 'No higher published share was found, so high = central; the cohort follow-up was finite, so the true share is probably higher.'
	},
	{
		id: 'ball_line',
		disease: 'ball',
		kind: 'line',
		label: 'Share of B-ALL that relapses or is refractory (Kymriah up to age 25; Tecartus, Aucatzyl adults)',
		value: 0.295,
		low: 0.275,
		high: 0.363,
		citations: [C.cogRelapse2024, C.cogRelapse2008, C.pethema, C.fielding, C.acsAll2024],
		derivation:
			'weighted by 6 in 10 cases in children (ACS 2024): central 0.6 × 0.125 + 0.4 × 0.55 = 0.295; low 0.6 × 0.125 + 0.4 × 0.50 = 0.275; high 0.6 × 0.205 + 0.4 × 0.60 = 0.363 (children: COG 2024, COG 2008; adults: PETHEMA about half not cured, MRC/ECOG about 40 % long-term disease-free; 0.55 is their midpoint)',
		note: 'Kymriah is approved for refractory or second-or-later relapse only, so the paediatric share may be lower than modelled; children treated outside trials are not in the COG figures.'
	},
	{
		id: 'mm_line',
		disease: 'mm',
		kind: 'line',
		label: 'Share of myeloma that reaches second-line therapy (Carvykti after one line; Abecma after two)',
		value: 0.471,
		low: 0.43,
		high: 0.79,
		citations: [C.fonseca],
		derivation: 'central (9,505 + 2,184) / (22,062 + 2,763) = 0.471 (both cohorts pooled); low 0.43 (non-transplant); high 0.79 (transplant)',
		note: 'Counts patients reaching the line, not those meeting every label condition (e.g. Carvykti needs lenalidomide-refractory disease).'
	},
	fitness('lbcl', false),
	fitness('fl', true),
	fitness('mcl', true),
	fitness('ball', true),
	fitness('mm', true)
];

export type ParamId =
	| 'lbcl_share'
	| 'fl_share'
	| 'mcl_share'
	| 'all_share'
	| 'ball_share'
	| 'lbcl_line'
	| 'fl_line'
	| 'mcl_line'
	| 'ball_line'
	| 'mm_line'
	| `${DiseaseId}_fit`;

export const PARAM_BY_ID: Record<ParamId, ParamDef> = Object.fromEntries(PARAM_DEFS.map((p) => [p.id, p])) as Record<ParamId, ParamDef>;

/** A parameter's current setting (the user may edit all three). */
export interface Range {
	low: number;
	value: number;
	high: number;
}
export type ParamValues = Record<ParamId, Range>;

export const DEFAULT_VALUES: ParamValues = Object.fromEntries(PARAM_DEFS.map((p) => [p.id, { low: p.low, value: p.value, high: p.high }])) as ParamValues;

/** The parameters that multiply into one disease, in order: subtype share(s), line share, fitness. */
export function paramsFor(disease: DiseaseId): ParamDef[] {
	return PARAM_DEFS.filter((p) => p.disease === disease);
}

/** Is this a valid range? 0 ≤ low ≤ value ≤ high ≤ 1. */
export function isValidRange(r: Range): boolean {
	return [r.low, r.value, r.high].every((x) => Number.isFinite(x) && x >= 0 && x <= 1) && r.low <= r.value && r.value <= r.high;
}

/**
 * Read parameter settings from URL params: `<id>=low,value,high` (or a single `value`, which
 * keeps the default low/high when they still bracket it). Invalid entries keep the default and
 * add a notice. Unknown keys are left for the caller.
 */
export function parseParams(params: URLSearchParams): { values: ParamValues; notices: string[] } {
	const values = structuredClone(DEFAULT_VALUES);
	const notices: string[] = [];
	for (const p of PARAM_DEFS) {
		const raw = params.get(p.id);
		if (raw == null) continue;
		const parts = raw.split(',').map((x) => Number(x));
		let r: Range | null = null;
		if (parts.length === 3) r = { low: parts[0], value: parts[1], high: parts[2] };
		else if (parts.length === 1) r = { low: Math.min(p.low, parts[0]), value: parts[0], high: Math.max(p.high, parts[0]) };
		if (r && isValidRange(r)) values[p.id as ParamId] = r;
		else notices.push(`Ignored ${p.id}="${raw.slice(0, 40)}": give low,central,high as shares between 0 and 1 with low ≤ central ≤ high.`);
	}
	return { values, notices };
}

/** Only the settings that differ from the defaults, as URL params. */
export function serialiseParams(values: ParamValues): Record<string, string> {
	const out: Record<string, string> = {};
	for (const p of PARAM_DEFS) {
		const v = values[p.id as ParamId];
		if (v.low !== p.low || v.value !== p.value || v.high !== p.high) out[p.id] = `${v.low},${v.value},${v.high}`;
	}
	return out;
}
