/**
 * Published-study presets (src/lib/planner/presets.ts): hand-worked band and ISPOR shares, and
 * the myeloma preset's figures on the committed data (county rows, centre list, road graph),
 * computed as the planner page computes them (the planner worker's county-travel request:
 * TravelEngine road minutes with the calibrated fallback) and pinned to a snapshot, so a change
 * to the data, the centre filter or the road model shows up here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, openNodeDb } from '../../src/lib/db/node';
import * as allCentres from '../../src/lib/queries/all-centres';
import { passesFilter } from '../../src/lib/queries/centre-filter';
import { TravelEngine } from '../../src/lib/metrics/travel-engine';
import { decodeGraph } from '../../src/lib/metrics/drive-time/graph';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { methodValues } from '../../src/lib/metrics/method-values';
import { KM_PER_MILE } from '../../src/lib/metrics/distance';
import { bandShares, isporFigures, loadStudyCounties, MYELOMA_PRODUCTS, type StudyCounty } from '../../src/lib/planner/presets';

const county = (o: Partial<StudyCounty>): StudyCounty => ({ county_fips: '08001', state_fips: '08', lat: 40, lon: -105, acs_pop: 100, median_hh_income: 70_000, ...o });

describe('bandShares (hand-worked)', () => {
	it('0–1, 1–2, 2–5 and > 5 hours; edges belong to the lower band; unknown minutes count as > 5 h', () => {
		const counties = [county({ acs_pop: 10 }), county({ acs_pop: 20 }), county({ acs_pop: 30 }), county({ acs_pop: 15 }), county({ acs_pop: 25 }), county({ acs_pop: null })];
		// 60 → band 0; 120 → band 1; 300 → band 2; 301 → band 3; NaN → band 3; no population → nothing
		const s = bandShares({ counties, minutes: [60, 120, 300, 301, NaN, 10] });
		expect(s).toEqual([10, 20, 30, 40]);
	});
	it('no population at all: every share is unknown', () => {
		expect(bandShares({ counties: [county({ acs_pop: 0 })], minutes: [10] }).every(Number.isNaN)).toBe(true);
	});
});

describe('isporFigures (hand-worked)', () => {
	it('120 minutes at 30 mph = 60 miles; low income below $56,600; no centre = beyond', () => {
		const deg = (miles: number) => (miles * KM_PER_MILE) / 111.195; // km per degree of latitude on the sphere used
		const centres = [{ id: 'c', lat: 40, lon: -105 }];
		const counties = [
			county({ lat: 40 + deg(59), acs_pop: 100, median_hh_income: 50_000 }), // within, low income
			county({ lat: 40 + deg(61), acs_pop: 300, median_hh_income: 50_000 }), // beyond, low income
			county({ lat: 40 - deg(100), acs_pop: 600, median_hh_income: null }) // beyond, income unknown
		];
		const f = isporFigures({ counties, centres });
		expect(f.total).toBe(1000);
		expect(f.beyondPeople).toBe(900);
		expect(f.beyondShare).toBeCloseTo(90, 9);
		expect(f.lowIncomeBeyondPeople).toBe(300);
		expect(f.lowIncomeBeyondShare).toBeCloseTo(30, 9);
		expect(f.lowIncomeCounties).toBe(2);
		expect(isporFigures({ counties, centres: [] }).beyondShare).toBe(100);
	});
});

describe('myeloma preset on the committed data', () => {
	let counties: StudyCounty[];
	let rows: allCentres.Row[];
	let engine: TravelEngine;
	beforeAll(async () => {
		const db = await openNodeDb();
		[counties, rows] = await Promise.all([loadStudyCounties(db), allCentres.run(db)]);
		db.close();
		const places = { lat: Float64Array.from(counties, (c) => c.lat), lon: Float64Array.from(counties, (c) => c.lon), stateFips: counties.map((c) => c.state_fips) };
		const calibration = JSON.parse(readFileSync(join(DATA_DIR, 'drive_time_calibration.json'), 'utf8')) as Calibration;
		engine = new TravelEngine({ tracts: { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] }, counties: places, calibration });
		engine.setRoadGraph(decodeGraph(readFileSync(join(DATA_DIR, 'road_graph.bin'))));
	});
	const shares = (filter: Parameters<typeof passesFilter>[1]) => {
		const set = rows.filter((c) => passesFilter(c, filter)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
		return { n: set.length, shares: bandShares({ counties, minutes: methodValues(engine.compute(set).counties, 'road', true) }) };
	};

	it('50 states + DC counties; centres naming Abecma or Carvykti are those whose products list names either', () => {
		expect(counties.length).toBe(3144);
		expect(counties.some((c) => c.state_fips === '72')).toBe(false);
		const named = rows.filter((r) => (r.products ?? []).some((p) => (MYELOMA_PRODUCTS as readonly string[]).includes(p)));
		const my = shares({ evidence: ['strong', 'moderate', 'weak'], served: [], products: [...MYELOMA_PRODUCTS] });
		expect(my.n).toBe(named.length);
		expect(my.n).toBeGreaterThan(0);
	});

	it('shares add up to 100 %; the whole list (a superset) is nearer than the myeloma subset in every cumulative band; pinned figures', () => {
		const my = shares({ evidence: ['strong', 'moderate', 'weak'], served: [], products: [...MYELOMA_PRODUCTS] });
		const every = shares({ evidence: ['strong', 'moderate', 'weak'], served: [], products: [] });
		// the page's second column: the default list (strong + moderate)
		const all = shares({ evidence: ['strong', 'moderate'], served: [], products: [] });
		for (const s of [my.shares, every.shares, all.shares]) expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
		const cum = (s: number[]) => s.map((_, i) => s.slice(0, i + 1).reduce((a, b) => a + b, 0));
		cum(every.shares).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(cum(my.shares)[i] - 1e-9));
		expect({ myeloma: { centres: my.n, shares: my.shares.map((x) => Math.round(x * 100) / 100) }, all: { centres: all.n, shares: all.shares.map((x) => Math.round(x * 100) / 100) } }).toMatchSnapshot();
	});
});
