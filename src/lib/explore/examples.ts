/**
 * Example queries for the SQL console: each answers a real question about access to CAR-T
 * centres with the shipped tables only. Every one runs in `tests/queries/examples.test.ts`
 * against the real database (with value checks), so none can rot when the schema changes.
 *
 * Distances here are straight-line (great-circle) miles from a place's 2020 population
 * centre to the nearest centre of the list with strong or moderate evidence (the dashboard's
 * default set). The dashboard's drive-time figures come from the road model, which runs in
 * a worker outside SQL, so "100 straight-line miles" stands in for "about 2 hours".
 */

export interface Example {
	id: string;
	title: string;
	/** one sentence: what the answer tells */
	question: string;
	sql: string;
}

/** Great-circle miles between (lat1, lon1) and (lat2, lon2), mean Earth radius 3958.76 mi (6371.0088 km). */
const miles = (a: string, b: string) =>
	`2 * 3958.76 * asin(sqrt(pow(sin(radians(${b}.lat - ${a}.lat) / 2), 2)
         + cos(radians(${a}.lat)) * cos(radians(${b}.lat)) * pow(sin(radians(${b}.lon - ${a}.lon) / 2), 2)))`;

const LISTED = `-- centres with strong or moderate evidence (the dashboard's default set)
listed AS (SELECT * FROM centres WHERE evidence_strength IN ('strong', 'moderate'))`;

const COUNTY_NEAREST = `${LISTED},
nearest AS (
  SELECT k.county_fips, min(${miles('k', 'c')}) AS miles
  FROM counties k CROSS JOIN listed c
  GROUP BY k.county_fips
)`;

export const EXAMPLES: Example[] = [
	{
		id: 'black-residents-far',
		title: 'Counties with more than 10,000 Black residents beyond 100 miles',
		question:
			'Which counties have more than 10,000 non-Hispanic Black residents and lie more than 100 straight-line miles (roughly 2 hours by road) from the nearest listed centre?',
		sql: `WITH ${COUNTY_NEAREST}
SELECT k.county_name, k.state, k.nh_black, round(n.miles, 1) AS miles
FROM counties k JOIN nearest n USING (county_fips)
WHERE k.nh_black > 10000 AND n.miles > 100
ORDER BY k.nh_black DESC`
	},
	{
		id: 'state-share-far',
		title: 'Share of each state beyond 100 miles',
		question: 'In each state, what share of residents live in counties more than 100 straight-line miles from the nearest listed centre?',
		sql: `WITH ${COUNTY_NEAREST}
SELECT k.state,
       round(100 * sum(CASE WHEN n.miles > 100 THEN k.pop_2020 ELSE 0 END) / sum(k.pop_2020), 1) AS pct_beyond_100_miles
FROM counties k JOIN nearest n USING (county_fips)
GROUP BY k.state
ORDER BY pct_beyond_100_miles DESC`
	},
	{
		id: 'centres-per-million',
		title: 'Listed centres per million residents, by state',
		question: 'How many listed centres does each state have for its population (partial list: an upper bound on scarcity)?',
		sql: `SELECT s.state, s.state_name, count(c.centre_id)::INTEGER AS centres,
       round(count(c.centre_id) / (s.pop_2020 / 1e6), 2) AS per_million
FROM states s LEFT JOIN centres c ON c.state_fips = s.state_fips
GROUP BY s.state, s.state_name, s.pop_2020
ORDER BY per_million`
	},
	{
		id: 'metro-distance',
		title: 'Metro and non-metro residents by distance',
		question: 'How are metro and non-metro residents spread over straight-line distance bands to the nearest listed centre?',
		sql: `WITH ${COUNTY_NEAREST}
SELECT CASE WHEN k.metro THEN 'metro' ELSE 'non-metro' END AS area,
       CASE WHEN n.miles <= 50 THEN '0-50 mi' WHEN n.miles <= 100 THEN '50-100 mi'
            WHEN n.miles <= 200 THEN '100-200 mi' ELSE 'over 200 mi' END AS band,
       sum(k.pop_2020)::DOUBLE AS residents
FROM counties k JOIN nearest n USING (county_fips)
GROUP BY ALL
ORDER BY area, min(n.miles)`
	},
	{
		id: 'svi-distance',
		title: 'Social vulnerability against distance, by county',
		question: 'Are the most socially vulnerable counties farther from a listed centre? (SVI overall rank against miles)',
		sql: `WITH ${COUNTY_NEAREST}
SELECT k.svi_overall, round(n.miles, 1) AS miles, k.county_name, k.state
FROM counties k JOIN nearest n USING (county_fips)
WHERE k.svi_overall IS NOT NULL
ORDER BY k.county_fips`
	},
	{
		id: 'tract-distances',
		title: 'Distance from every tract (85,395 rows)',
		question: 'How far is each of the 85,395 census tracts from the nearest listed centre? (a large result: scroll it, chart it, download it)',
		sql: `WITH ${LISTED}
SELECT t.tract_fips, round(min(${miles('t', 'c')}), 2) AS miles
FROM tracts t CROSS JOIN listed c
GROUP BY t.tract_fips
ORDER BY t.tract_fips`
	},
	{
		id: 'candidate-hospitals',
		title: 'Large hospitals far from any listed centre',
		question: 'Which hospitals with 300 or more beds that are not CAR-T centres lie more than 150 straight-line miles from the nearest listed centre (candidate sites)?',
		sql: `WITH ${LISTED},
far AS (
  SELECT h.hospital_id, min(${miles('h', 'c')}) AS miles
  FROM hospitals h CROSS JOIN listed c
  WHERE h.beds >= 300 AND NOT h.is_car_t_centre
  GROUP BY h.hospital_id
)
SELECT h.name, h.city, h.state, h.beds, round(f.miles, 1) AS miles
FROM hospitals h JOIN far f USING (hospital_id)
WHERE f.miles > 150
ORDER BY f.miles DESC`
	},
	{
		id: 'incidence',
		title: 'Lymphoma incidence and listed centres, by state',
		question: 'Do states with higher non-Hodgkin lymphoma incidence have more listed centres per million residents?',
		sql: `SELECT s.nhl_rate, round(count(c.centre_id) / (s.pop_2020 / 1e6), 2) AS centres_per_million, s.state
FROM states s LEFT JOIN centres c ON c.state_fips = s.state_fips
WHERE s.nhl_rate IS NOT NULL
GROUP BY s.state, s.nhl_rate, s.pop_2020
ORDER BY s.state`
	}
];

export const DEFAULT_QUERY = EXAMPLES[0].sql;

export function exampleById(id: string): Example | undefined {
	return EXAMPLES.find((e) => e.id === id);
}
