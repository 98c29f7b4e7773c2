/**
 * National figures stay stable: the share of people (50 states + DC, ACS 2018-2022, by
 * tract) beyond 60 and 120 minutes (or miles) of the default centre set (strong + moderate
 * evidence), by method, computed by the app's own engine and checked against a committed
 * snapshot. A change to the data, the engine or a default parameter shows up here and must
 * be accepted on purpose (`npx vitest run -u tests/data/national-figures.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as allCentres from '../../src/lib/queries/all-centres';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import { placesOf, TravelEngine } from '../../src/lib/metrics/travel-engine';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { methodValues } from '../../src/lib/metrics/method-values';
import { buildPopulation, computeEquity } from '../../src/lib/metrics/equity';
import { METHODS, METHOD_INFO } from '../../src/lib/metrics/travel-methods';

describe('national figures, default centre set', () => {
	it('by method, beyond 60 and 120 minutes (miles for the straight-line distance)', async () => {
		const db = await openNodeDb();
		const [tractRows, countyRows, centreRows] = await Promise.all([populationGroups.run(db), populationGroups.runCounties(db), allCentres.run(db)]);
		db.close();
		const engine = new TravelEngine({
			tracts: placesOf(tractRows),
			counties: placesOf(countyRows),
			calibration: JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration
		});
		engine.setRoadGraph(decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin'))));
		const centres = centreRows.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
		const travel = engine.compute(centres);
		const population = buildPopulation({ rows: tractRows });
		const figures: Record<string, Record<string, number | null>> = {};
		for (const method of METHODS) {
			const values = methodValues(travel.tracts, method, true);
			const row: Record<string, number | null> = {};
			for (const t of [60, 120]) {
				const all = computeEquity({ population, travel: values, threshold: t }).byId.all!;
				row[`beyond_${t}_${METHOD_INFO[method].unit}`] = all.share == null ? null : Math.round(all.share * 1e6) / 1e6;
			}
			figures[method] = row;
		}
		console.table(figures);
		expect(centres).toHaveLength(167);
		// sanity bounds that any sensible model meets: more people beyond 60 than beyond 120
		for (const m of METHODS) {
			const [a, b] = Object.values(figures[m]) as number[];
			expect(a).toBeGreaterThan(b);
			expect(b).toBeGreaterThan(0.01);
		}
		await expect(JSON.stringify(figures, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/national-figures.json');
	});
});
