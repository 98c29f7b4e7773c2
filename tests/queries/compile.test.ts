/**
 * Every query the app runs compiles and runs against the real schema of the shipped
 * database (habit: validate all SQL against the schema, after mosaic's validate.ts).
 * Columns are checked against each module's Row type by name where the module exports
 * a sample row shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDatabaseFile, openNodeDb, type NodeDb } from '../../src/lib/db/node';
import type { SqlParam } from '../../src/lib/db/types';
import { DEFAULT_CENTRE_FILTER } from '../../src/lib/queries/centre-filter';
import * as countyDistance from '../../src/lib/queries/county-distance';
import * as centres from '../../src/lib/queries/centres';
import * as allCentres from '../../src/lib/queries/all-centres';
import * as states from '../../src/lib/queries/states';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as hospitals from '../../src/lib/queries/hospitals';
import * as eligibility from '../../src/lib/queries/eligibility';
import * as placeProfile from '../../src/lib/queries/place-profile';
import * as placeKeys from '../../src/lib/queries/place-keys';
import { candidatesSql } from '../../src/lib/planner/candidates';
import { STUDY_COUNTIES_SQL } from '../../src/lib/planner/presets';

let db: NodeDb;
beforeAll(async () => {
	db = await openNodeDb();
});
afterAll(() => db?.close());

const QUERIES: Record<string, () => { sql: string; params: SqlParam[] }> = {
	'county-distance': () => countyDistance.sql({ filter: DEFAULT_CENTRE_FILTER }),
	centres: () => centres.sql({ filter: DEFAULT_CENTRE_FILTER }),
	'all-centres': () => ({ sql: allCentres.SQL, params: [] }),
	states: () => ({ sql: states.SQL, params: [] }),
	...Object.fromEntries(Object.entries(populationGroups.ALL_QUERIES).map(([k, f]) => [`population-groups.${k}`, () => f()])),
	...Object.fromEntries(Object.entries(hospitals.ALL_QUERIES).map(([k, f]) => [`hospitals.${k}`, f])),
	...Object.fromEntries(Object.entries(eligibility.ALL_QUERIES).map(([k, f]) => [`eligibility.${k}`, () => f()])),
	...Object.fromEntries(Object.entries(placeProfile.ALL_QUERIES).map(([k, f]) => [`place-profile.${k}`, f])),
	'planner.candidates': () => candidatesSql({ minBeds: 100, types: ['GENERAL ACUTE CARE'], stateFips: '30' }),
	'planner.candidates-all': () => candidatesSql({}),
	'planner.study-counties': () => ({ sql: STUDY_COUNTIES_SQL, params: [] }),
	'place-keys': () => ({ sql: placeKeys.SQL, params: [] })
};

describe('place keys', () => {
	it('lists every county and tract of the atlas', async () => {
		const known = await placeKeys.run(db);
		expect(known.counties.size).toBe(3222);
		expect(known.tracts.size).toBe(85395);
		expect(known.counties.has('09110')).toBe(true);
		expect(known.counties.has('09001')).toBe(false);
	});
});

describe('every query compiles against the shipped schema', () => {
	it.each(Object.keys(QUERIES))('%s', async (name) => {
		const q = QUERIES[name]();
		const rows = await db.query(`SELECT * FROM (${q.sql}) LIMIT 1`, q.params);
		expect(Array.isArray(rows)).toBe(true);
	});

	it('returns no BIGINT, HUGEINT or DECIMAL column (they would reach charts and JSON as bigint)', async () => {
		const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
		const conn = await instance.connect();
		await conn.run(`ATTACH '${await ensureDatabaseFile()}' AS atlas (READ_ONLY)`);
		await conn.run('USE atlas');
		const bad: string[] = [];
		for (const name of Object.keys(QUERIES)) {
			const q = QUERIES[name]();
			const reader = await conn.runAndReadAll(`SELECT * FROM (${q.sql}) LIMIT 0`, q.params.length ? (q.params as never) : undefined);
			reader.columnNames().forEach((c, i) => {
				const t = reader.columnTypes()[i].toString();
				if (/BIGINT|HUGEINT|DECIMAL/.test(t)) bad.push(`${name}.${c}: ${t}`);
			});
		}
		conn.closeSync();
		instance.closeSync();
		expect(bad).toEqual([]);
	});
});
