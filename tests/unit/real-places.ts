/**
 * The committed data for engine tests on real places: a sample of tracts (every `nth`, by a hash of
 * the tract id, all states), every county, the strong and moderate centres, the calibration and the
 * road graph.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNodeDb, DATA_DIR } from '../../src/lib/db/node';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import { placesOf, TravelEngine, type Places } from '../../src/lib/metrics/travel-engine';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import type { CentrePoint } from '../../src/lib/metrics/nearest';

export const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
export const graph = decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin')));

export async function realPlaces(nth: number): Promise<{ tracts: Places; counties: Places; centres: CentrePoint[] }> {
	const db = await openNodeDb();
	try {
		const tracts = placesOf(await db.query(`SELECT lat, lon, state_fips FROM tracts WHERE hash(tract_fips) % ${nth} = 0 ORDER BY tract_fips`));
		const counties = placesOf(await db.query('SELECT lat, lon, state_fips FROM counties ORDER BY county_fips'));
		const rows = await db.query<CentrePoint & Record<string, unknown>>(
			"SELECT centre_id AS id, lat, lon FROM centres WHERE evidence_strength IN ('strong','moderate') ORDER BY centre_id"
		);
		return { tracts, counties, centres: rows.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon })) };
	} finally {
		db.close();
	}
}

/** A travel engine over these places with the road graph. */
export function roadEngine(tracts: Places, counties: Places): TravelEngine {
	const e = new TravelEngine({ tracts, counties, calibration });
	e.setRoadGraph(graph);
	return e;
}
