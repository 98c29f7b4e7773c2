/**
 * Which CAR-T product is approved (US FDA) for which disease and line of therapy, with the
 * approval date. `line` is the earliest line of therapy at which the label allows the product
 * (2 = after one prior line). `source` gives the public page(s) found in this project's source
 * search that state the approval date and indication (an FDA page, or a news, society or
 * company page reporting the FDA approval); a note follows a URL where that page's date differs
 * from the approval date or where a second page supports a detail such as accelerated approval.
 * CLL/SLL (Breyanzi, 2024) is listed but not modelled: the disease list does not
 * include it and no figure for the share reaching the labelled line was found.
 */
import type { DiseaseId } from './parameters';

export type IndicationDisease = DiseaseId | 'cll';

export interface Indication {
	product: string;
	generic: string;
	disease: IndicationDisease;
	/** earliest line of therapy the label allows (2 = second line) */
	line: number;
	/** label wording, paraphrased */
	population: string;
	/** YYYY-MM-DD */
	approved: string;
	accelerated?: boolean;
	source: string;
}

export const INDICATIONS: readonly Indication[] = [
	{ product: 'Kymriah', generic: 'tisagenlecleucel', disease: 'ball', line: 2, population: 'patients up to 25 years with B-ALL that is refractory or in second or later relapse', approved: '2017-08-30', source: 'https://www.cancerhealth.com/blog/fda-approves-tisagenlecleucel-bcell-tocilizumab-cytokine-release-syndrome' },
	{ product: 'Yescarta', generic: 'axicabtagene ciloleucel', disease: 'lbcl', line: 3, population: 'adults with relapsed or refractory LBCL after two or more lines of systemic therapy', approved: '2017-10-18', source: 'https://www.medtourcn.com/category/hematological-neoplasms/page/19' },
	{ product: 'Kymriah', generic: 'tisagenlecleucel', disease: 'lbcl', line: 3, population: 'adults with relapsed or refractory LBCL after two or more lines of systemic therapy', approved: '2018-05-01', source: 'https://accc-cancer.org/home/news-media/newsfeed/oncology-newsfeed-template/fda-approves-kymriah-to-treat-certain-r-r-patients-with-large-b-cell-lymphoma' },
	{ product: 'Tecartus', generic: 'brexucabtagene autoleucel', disease: 'mcl', line: 2, population: 'adults with relapsed or refractory mantle-cell lymphoma', approved: '2020-07-24', accelerated: true, source: 'https://lymphoma.org/news/u-s-food-and-drug-administration-approves-first-car-t-cell-therapy-for-mantle-cell-lymphoma-brexucabtagene-autoleucel-tecartus ; accelerated approval: https://www.biocentury.com/article/305788' },
	{ product: 'Breyanzi', generic: 'lisocabtagene maraleucel', disease: 'lbcl', line: 3, population: 'adults with relapsed or refractory LBCL after two or more lines of systemic therapy', approved: '2021-02-05', source: 'https://insights.citeline.com/PS143750/BMS-Breyanzi-Beats-COVID19-Constraints-Emerges-As-First-RMAT-Approval ; https://www.nasdaq.com/articles/fda-approves-bristol-myers-gene-therapy-for-white-blood-cell-cancer-2021-02-05' },
	{ product: 'Yescarta', generic: 'axicabtagene ciloleucel', disease: 'fl', line: 3, population: 'adults with relapsed or refractory follicular lymphoma after two or more lines of systemic therapy', approved: '2021-03-05', accelerated: true, source: 'https://communityview.lls.org/articles/category/lymphoma' },
	{ product: 'Abecma', generic: 'idecabtagene vicleucel', disease: 'mm', line: 5, population: 'adults with relapsed or refractory myeloma after four or more lines, including an immunomodulatory agent, a proteasome inhibitor and an anti-CD38 antibody', approved: '2021-03-26', source: 'https://voice.ons.org/topic/oncology-drug-research (gives 27 March 2021; the FDA release is dated 26 March)' },
	{ product: 'Tecartus', generic: 'brexucabtagene autoleucel', disease: 'ball', line: 2, population: 'adults with relapsed or refractory B-cell precursor ALL', approved: '2021-10-01', source: 'https://hmpgloballearningnetwork.com/site/onc/news/fda-approves-brexucabtagene-autoleucel-car-t-therapy-rr-b-all' },
	{ product: 'Carvykti', generic: 'ciltacabtagene autoleucel', disease: 'mm', line: 5, population: 'adults with relapsed or refractory myeloma after four or more lines, including an immunomodulatory agent, a proteasome inhibitor and an anti-CD38 antibody', approved: '2022-02-28', source: 'https://fda.gov/drugs/resources-information-approved-drugs/fda-disco-burst-edition-fda-approval-carvykti-ciltacabtagene-autoleucel-treatment-adult-patients' },
	{ product: 'Yescarta', generic: 'axicabtagene ciloleucel', disease: 'lbcl', line: 2, population: 'adults with LBCL refractory to first-line chemoimmunotherapy or relapsing within 12 months of it', approved: '2022-04-01', source: 'https://lymphoma.org/news/u-s-food-and-drug-administration-approves-car-t-cell-therapy-for-large-b-cell-lymphoma' },
	{ product: 'Kymriah', generic: 'tisagenlecleucel', disease: 'fl', line: 3, population: 'adults with relapsed or refractory follicular lymphoma after two or more lines of systemic therapy', approved: '2022-05-27', accelerated: true, source: 'https://medtourcn.com/category/hematological-neoplasms/lymphoma/page/7' },
	{ product: 'Breyanzi', generic: 'lisocabtagene maraleucel', disease: 'lbcl', line: 2, population: 'adults with LBCL refractory to first-line therapy or relapsing within 12 months, or relapsing later and not eligible for transplant', approved: '2022-06-24', source: 'https://lymphoma.org/news/u-s-food-and-drug-administration-approves-car-t-cell-therapy-lisocabtagene-maraleucel' },
	{ product: 'Breyanzi', generic: 'lisocabtagene maraleucel', disease: 'cll', line: 3, population: 'adults with CLL/SLL after two or more lines including a BTK inhibitor and a BCL-2 inhibitor', approved: '2024-03-14', accelerated: true, source: 'https://aabb.org/news-resources/news/article/2024/03/19/fda-approves-first-car-t-cell-therapy-for-cll--sll' },
	{ product: 'Abecma', generic: 'idecabtagene vicleucel', disease: 'mm', line: 3, population: 'adults with relapsed or refractory myeloma after two or more lines, including an immunomodulatory agent, a proteasome inhibitor and an anti-CD38 antibody', approved: '2024-04-04', source: 'https://www.medthority.com/news/2024/4/fda-approves-abecma-idecabtagene-vicleucel-ide-cel-for-triple-class-exposed-relapsed-or-refractory-multiple-myeloma-after-two-prior-lines-of-therapy.-bms--2seventy-bio-inc' },
	{ product: 'Carvykti', generic: 'ciltacabtagene autoleucel', disease: 'mm', line: 2, population: 'adults with lenalidomide-refractory myeloma after one or more lines, including a proteasome inhibitor and an immunomodulatory agent', approved: '2024-04-05', source: 'https://www.geg-tech.com/blog/fda-approves-earlier-use-of-carvykti-car-t-for-multiple-myeloma/ (date from the FDA announcement)' },
	{ product: 'Breyanzi', generic: 'lisocabtagene maraleucel', disease: 'fl', line: 3, population: 'adults with relapsed or refractory follicular lymphoma after two or more lines of systemic therapy', approved: '2024-05-15', accelerated: true, source: 'https://medphanut.com/fda-grants-accelerated-approval-lisocabtagene-maraleucel-follicular-lymphoma/' },
	{ product: 'Breyanzi', generic: 'lisocabtagene maraleucel', disease: 'mcl', line: 3, population: 'adults with relapsed or refractory mantle-cell lymphoma after two or more lines including a BTK inhibitor', approved: '2024-05-30', source: 'https://voice.ons.org/news-and-views/fda-approves-lisocabtagene-maraleucel-for-relapsed-or-refractory-mantle-cell' },
	{ product: 'Aucatzyl', generic: 'obecabtagene autoleucel', disease: 'ball', line: 2, population: 'adults with relapsed or refractory B-cell precursor ALL', approved: '2024-11-08', source: 'https://www.bigmoleculewatch.com ; https://aabb.org/news-resources/news/article/2024/11/12/fda-approves-new-car-t-cell-therapy-for-all' }
];

/** Products approved for a disease (sorted, unique). */
export function productsFor(disease: IndicationDisease): string[] {
	return [...new Set(INDICATIONS.filter((i) => i.disease === disease).map((i) => i.product))].sort();
}

/** Earliest approved line for a disease (the line the model's line-share parameter refers to). */
export function earliestLine(disease: IndicationDisease): number | null {
	const lines = INDICATIONS.filter((i) => i.disease === disease).map((i) => i.line);
	return lines.length ? Math.min(...lines) : null;
}

/** Indications in approval order for one product. */
export function indicationsOf(product: string): Indication[] {
	return INDICATIONS.filter((i) => i.product === product).sort((a, b) => a.approved.localeCompare(b.approved));
}
