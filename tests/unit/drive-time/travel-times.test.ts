import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { greatCircleKm, KM_PER_MILE } from '../../../src/lib/metrics/distance';
import {
	addSource,
	CentreSearch,
	centreSources,
	connectedComponents,
	createState,
	decodeGraph,
	multiSourceDijkstra,
	resolveParams,
	snap,
	travelTimes,
	type RoadGraph
} from '../../../src/lib/metrics/drive-time/index';
import { rng, toy, UNIT } from './toy';

describe('travelTimes on a toy graph', () => {
	// vertices 0..3 along 40°N at 0.1° steps (≈ 8.52 km apart); 4 is an island far east; edges 10 km each
	const g = toy(
		5,
		[
			[0, 1, 10],
			[1, 2, 10],
			[2, 3, 10]
		],
		[
			[40, -100],
			[40, -99.9],
			[40, -99.8],
			[40, -99.7],
			[40, -90]
		]
	);
	const P = resolveParams({ ...UNIT, maxSnapKm: 5 });
	const centres = [
		{ id: 'A', lat: 40, lon: -100 },
		{ id: 'B', lat: 40, lon: -99.7 }
	];
	it.each([
		{ name: 'origin on centre A', o: { lat: 40, lon: -100 }, want: { minutes: 0, centreId: 'A', secondMinutes: 30, secondCentreId: 'B', status: 'ok' } },
		{ name: 'origin on vertex 1', o: { lat: 40, lon: -99.9 }, want: { minutes: 10, centreId: 'A', secondMinutes: 20, secondCentreId: 'B', status: 'ok' } },
		{ name: 'origin on vertex 2', o: { lat: 40, lon: -99.8 }, want: { minutes: 10, centreId: 'B', secondMinutes: 20, secondCentreId: 'A', status: 'ok' } },
		{ name: 'origin on the island', o: { lat: 40, lon: -90 }, want: { minutes: null, centreId: null, secondMinutes: null, secondCentreId: null, status: 'no_road' } },
		{ name: 'origin in the ocean', o: { lat: 30, lon: -60 }, want: { minutes: null, centreId: null, secondMinutes: null, secondCentreId: null, status: 'no_road' } }
	])('$name', ({ o, want }) => {
		const [row] = travelTimes(g, [o], centres, P);
		expect({ ...row, roadKm: undefined }).toEqual({ ...want, roadKm: undefined });
	});

	it('adds access legs at accessSpeed × circuity (origin 1 km north of vertex 1)', () => {
		const o = { lat: 40 + 1 / 111.195, lon: -99.9 };
		const p = resolveParams({ ...P, accessCircuity: 1.5, accessSpeedKmh: 30 });
		const [row] = travelTimes(g, [o], centres, p);
		const access = ((greatCircleKm(o.lat, o.lon, 40, -99.9) * 1.5) / 30) * 60;
		expect(row.minutes).toBeCloseTo(10 + access, 9);
		expect(row.roadKm).toBeCloseTo(10 + greatCircleKm(o.lat, o.lon, 40, -99.9) * 1.5, 9);
	});

	it('a centre within maxSnapKm can be reached directly on local roads', () => {
		// centre C sits 2 km from vertex 3 on the island side; origin on vertex 3
		const c = [{ id: 'C', lat: 40, lon: -99.7 + 2 / 85.2 }];
		const [row] = travelTimes(g, [{ lat: 40, lon: -99.7 }], c, P);
		expect(row.minutes).toBeCloseTo(greatCircleKm(40, -99.7, 40, c[0].lon), 9);
		expect(row.centreId).toBe('C');
	});

	it('no centres → no_road', () => {
		expect(travelTimes(g, [{ lat: 40, lon: -100 }], [], P)[0].status).toBe('no_road');
	});

	it('CentreSearch.add one at a time equals travelTimes with all centres', () => {
		const s = new CentreSearch(g, P);
		s.add(centres[1]);
		s.add(centres[0]);
		const origins = [{ lat: 40, lon: -99.9 }, { lat: 40, lon: -99.8 }];
		const got = s.query(origins);
		const want = travelTimes(g, origins, [centres[1], centres[0]], P);
		expect(got).toEqual(want);
	});
});

describe('real graph: data/road_graph.bin', () => {
	let graph: RoadGraph;
	beforeAll(() => {
		const buf = fs.readFileSync(new URL('../../../data/road_graph.bin', import.meta.url));
		graph = decodeGraph(new Uint8Array(buf).buffer);
	});
	const city = {
		boston: { lat: 42.3601, lon: -71.0589 },
		dallas: { lat: 32.7767, lon: -96.797 },
		nyc: { lat: 40.7128, lon: -74.006 },
		philadelphia: { lat: 39.9526, lon: -75.1652 },
		chicago: { lat: 41.8781, lon: -87.6298 },
		denver: { lat: 39.7392, lon: -104.9903 },
		fairbanks: { lat: 64.8378, lon: -147.7164 },
		honolulu: { lat: 21.3069, lon: -157.8583 }
	};

	it('lower 48 is essentially one component', () => {
		const { sizes } = connectedComponents(graph);
		expect(Math.max(...sizes) / graph.vertexCount).toBeGreaterThan(0.95);
	});

	it('Boston → Dallas shortest road distance ≈ 1,713 mi (PROVENANCE), straight line 1,549 mi', () => {
		// equal speeds everywhere turn minutes into km: the fastest path is the shortest one
		const eq = { speedsKmh: { 1: 60, 2: 60, 3: 60, 4: 60, 5: 60 }, connectorSpeedKmh: 60, accessSpeedKmh: 60, accessCircuity: 1 };
		const [row] = travelTimes(graph, [city.boston], [{ id: 'dallas', ...city.dallas }], eq);
		const miles = row.roadKm! / KM_PER_MILE;
		expect(miles).toBeGreaterThan(1650);
		expect(miles).toBeLessThan(1780);
		expect(row.minutes).toBeCloseTo(row.roadKm!, 6);
	});

	it.each([
		// origin, centre, plausible minutes with the default (uncongested) speeds
		['nyc', 'philadelphia', 80, 160],
		['chicago', 'denver', 900, 1250],
		['boston', 'dallas', 1600, 2300]
	] as const)('%s → %s takes %i–%i min, road/straight ratio 1.0–1.5', (a, b, lo, hi) => {
		const [row] = travelTimes(graph, [city[a]], [{ id: b, ...city[b] }]);
		expect(row.minutes!).toBeGreaterThan(lo);
		expect(row.minutes!).toBeLessThan(hi);
		const gc = greatCircleKm(city[a].lat, city[a].lon, city[b].lat, city[b].lon);
		expect(row.roadKm! / gc).toBeGreaterThan(1.0);
		expect(row.roadKm! / gc).toBeLessThan(1.5);
	});

	it('Alaska is not joined to the lower 48; Honolulu reaches a Honolulu centre', () => {
		const rows = travelTimes(graph, [city.fairbanks, city.honolulu], [
			{ id: 'seattle', lat: 47.6062, lon: -122.3321 },
			{ id: 'honolulu', lat: 21.3, lon: -157.85 }
		]);
		expect(rows[0].status).toBe('no_road');
		expect(rows[0].minutes).toBeNull();
		expect(rows[1]).toMatchObject({ status: 'ok', centreId: 'honolulu' });
		expect(rows[1].secondCentreId).toBeNull();
	});

	it('snaps only to accessible vertices, never to hidden freeway points', () => {
		for (const h of snap(graph, 41.5937, -84.1426, 4, 5)) expect(graph.flags[h.vertex] & 1).toBe(1);
	});

	it('incremental addSource equals a full recompute with random centres', () => {
		const r = rng(2024);
		const p = resolveParams();
		const centres = Array.from({ length: 40 }, () => ({ lat: 26 + r() * 22, lon: -122 + r() * 50 }));
		const srcs = centreSources(graph, centres, p);
		const full = multiSourceDijkstra(graph, srcs.flat(), p);
		const inc = createState(graph, p);
		addSource(inc, srcs.slice(0, 30).flat());
		for (let i = 30; i < 40; i++) addSource(inc, srcs[i]);
		for (const key of ['bestMinutes', 'bestId', 'secondMinutes', 'secondId', 'bestKm', 'secondKm'] as const)
			expect(Buffer.from(inc[key].buffer).equals(Buffer.from(full[key].buffer)), key).toBe(true);
	});
});
