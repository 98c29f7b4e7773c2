/** Node side of the benchmark: query modules on DuckDB node-api over the shipped database file. */
import { openNodeDb } from '../../src/lib/db/node';
import * as countyDistance from '../../src/lib/queries/county-distance';
import { DEFAULT_CENTRE_FILTER } from '../../src/lib/queries/centre-filter';
import { median, row, timeRuns, type BenchRow } from './stats';

/** Baseline: full haversine per pair, the textbook way (../shared/STACK.md §3, "naive"). */
const NAIVE = `
SELECT o.county_fips, min(2 * 6371.0088 * asin(sqrt(
  pow(sin(radians(c.lat - o.lat) / 2), 2) + cos(radians(o.lat)) * cos(radians(c.lat)) * pow(sin(radians(c.lon - o.lon) / 2), 2)))) AS km
FROM counties o CROSS JOIN centres c
WHERE list_contains(string_split(?, ','), c.evidence_strength)
GROUP BY o.county_fips ORDER BY o.county_fips`;

export async function benchQueries(runs: number): Promise<BenchRow[]> {
	const db = await openNodeDb();
	const out: BenchRow[] = [];
	const naive = await timeRuns(runs, () => db.query(NAIVE, ['strong,moderate']));
	const chord = await timeRuns(runs, () => countyDistance.run(db, { filter: DEFAULT_CENTRE_FILTER }));
	const naiveRow = row('sql (node-api)', 'county nearest centre: naive haversine (baseline)', naive);
	out.push(naiveRow);
	out.push(
		row('sql (node-api)', 'county nearest centre: unit-vector chord (query module)', chord, 'ms', {
			ratio: { vs: 'baseline', value: naiveRow.median / median(chord) }
		})
	);
	db.close();
	return out;
}
