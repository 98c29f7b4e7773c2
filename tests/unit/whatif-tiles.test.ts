/**
 * A what-if that adds centres to the default list, answered from the tiles near its sites
 * (metrics/whatif-tiles, metrics/whatif-figures), must give the engine's figures: the same tracts within
 * the threshold as the full merge over the whole network, and the same equity figures as the engine's
 * what-if preparation over the whole population, up to rounding in the last bits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/db/node';
import * as dashboardData from '../../src/lib/queries/dashboard-data';
import { DEFAULT_CENTRE_FILTER, passesFilter } from '../../src/lib/queries/centre-filter';
import { placesOf, type TravelResult } from '../../src/lib/metrics/travel-engine';
import { baselineOf, travelWithAdded } from '../../src/lib/metrics/added-travel';
import { buildPopulation, equityAt, prepareEquity, type EquityResult, type EquityTotals, type Population, type Region } from '../../src/lib/metrics/equity';
import { assemble, buildTiles, cellsFor, decodeTile, reachKm, tileFile, type TileIndex } from '../../src/lib/metrics/whatif-tiles';
import { localTravel, resultAfter } from '../../src/lib/metrics/whatif-figures';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import { calibration, graph, roadEngine } from './real-places';

let data: dashboardData.DashboardData;
let centres: CentrePoint[];
let base: TravelResult;
let population: Population;
let index: TileIndex;
let files: Map<string, Uint8Array>;
let globalIndex: Map<string, number>;

beforeAll(async () => {
	const db = await openNodeDb();
	try {
		data = await dashboardData.run(db);
	} finally {
		db.close();
	}
	centres = data.centres.filter((c) => passesFilter(c, DEFAULT_CENTRE_FILTER)).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
	base = roadEngine(placesOf(data.tractRows), placesOf(data.countyRows)).compute(centres);
	// the population as the page builds it: from the data file
	population = buildPopulation({ source: dashboardData.fromFile(dashboardData.encodeFile(data)).tractSource! });
	const built = buildTiles({ graph, data, travel: base.tracts, centres });
	index = JSON.parse(JSON.stringify(built.index));
	files = built.files;
	globalIndex = new Map(data.tractRows.map((r, i) => [r.tract_fips, i]));
}, 120_000);

const site = (lat: number, lon: number): CentrePoint => ({ id: `p:${lat},${lon}`, lat, lon });

function totalsOf(r: EquityResult, knownMoe: Float64Array): EquityTotals {
	return {
		known: r.groups.map((g) => g.known),
		beyond: r.groups.map((g) => g.beyond),
		unknown: r.groups.map((g) => g.unknown),
		median: r.groups.map((g) => g.median),
		p90: r.groups.map((g) => g.p90),
		beyondMoe: r.groups.map((g) => g.beyondMoe ?? NaN),
		knownMoe
	};
}

const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
	if (a == null || b == null) return expect(a ?? null, what).toBe(b ?? null);
	expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
};

function check(added: CentrePoint[], threshold: number, regions: Region[]) {
	const name = `${added.map((c) => c.id).join(' + ')} at ${threshold} min`;
	const chosen = cellsFor(index, added, threshold);
	const network = assemble(
		index,
		chosen.map((t) => decodeTile(t.key, files.get(t.key)!))
	);
	const after = localTravel({ index, network, added, calibration, threshold });
	const full = travelWithAdded({ graph, baseline: baselineOf(base), added, tracts: placesOf(data.tractRows), counties: placesOf(data.countyRows), calibration });
	if (!full) {
		expect(after, `${name}: the full merge refused, so must the tiles`).toBeNull();
		return { chosen, moved: 0 };
	}
	expect(after, name).not.toBeNull();
	// every tract of the tiles: within the threshold exactly where the full merge's is, at the same minutes
	// where it was beyond and is now within
	let k = 0;
	for (const tile of network.tiles) {
		for (const r of tile.data?.tractRows ?? []) {
			const g = globalIndex.get(r.tract_fips)!;
			const want = full.tracts.roadMinutes[g];
			const got = after![k++];
			expect(got <= threshold, `${name}: tract ${r.tract_fips} within or not`).toBe(want <= threshold);
			if (base.tracts.roadMinutes[g] > threshold && want <= threshold) expect(got, `${name}: tract ${r.tract_fips}`).toBe(want);
		}
	}
	// and every tract the full merge brought within the threshold is in the tiles
	let moved = 0;
	const inTiles = new Set(network.tiles.flatMap((t) => (t.data?.tractRows ?? []).map((r) => r.tract_fips)));
	data.tractRows.forEach((r, i) => {
		if (base.tracts.roadMinutes[i] > threshold && full.tracts.roadMinutes[i] <= threshold) {
			moved++;
			expect(inTiles.has(r.tract_fips), `${name}: moved tract ${r.tract_fips} outside the tiles`).toBe(true);
		}
	});
	for (const region of regions) {
		const prepBefore = prepareEquity({ population, travel: base.tracts.roadMinutes, region });
		const before = equityAt({ prepared: prepBefore, threshold });
		const want = equityAt({ prepared: prepareEquity({ population, travel: full.tracts.roadMinutes, region, from: prepBefore }), threshold });
		const got = resultAfter({ before: totalsOf(before, prepBefore.knownMoe), network, after: after!, region, threshold, pop2020WithoutCounts: before.pop2020WithoutCounts })!;
		expect(got, name).not.toBeNull();
		const where = `${name}, ${region.kind === 'state' ? region.state_fips : 'nation'}`;
		for (const w of want.groups) {
			const g = got.byId[w.id]!;
			close(g.beyond, w.beyond, `${where}, ${w.id}: beyond`);
			close(g.known, w.known, `${where}, ${w.id}: known`);
			close(g.share, w.share, `${where}, ${w.id}: share`);
			close(g.ratio, w.ratio, `${where}, ${w.id}: ratio`);
			close(g.beyondMoe, w.beyondMoe, `${where}, ${w.id}: beyond MOE`);
			close(g.shareInterval?.low, w.shareInterval?.low, `${where}, ${w.id}: interval low`);
			close(g.shareInterval?.high, w.shareInterval?.high, `${where}, ${w.id}: interval high`);
			expect(g.median, 'medians are not known from the tiles').toBeNull();
		}
	}
	return { chosen, moved };
}

describe('what-if tiles', () => {
	it('cut the whole network and every tract once', () => {
		expect(index.tiles.reduce((a, t) => a + t.vertices, 0)).toBe(graph.vertexCount);
		const tracts = new Set<string>();
		for (const t of index.tiles) for (const r of decodeTile(t.key, files.get(t.key)!).data?.tractRows ?? []) tracts.add(r.tract_fips);
		expect(tracts.size).toBe(data.tractRows.length);
		expect(tileFile('21_-52')).toBe('t21_-52.bin');
	}, 60_000);

	it('give the engine’s figures for a site far from today’s centres, nationally and in its state', () => {
		const { chosen, moved } = check([site(44.0, -103.2)], 120, [{ kind: 'nation' }, { kind: 'state', state_fips: '46' }]);
		expect(moved, 'Rapid City brings tracts within 2 hours').toBeGreaterThan(20);
		// a few cells, not the whole country
		expect(chosen.length).toBeLessThan(index.tiles.length / 5);
		check([site(44.0, -103.2)], 60, [{ kind: 'nation' }, { kind: 'state', state_fips: '56' }]);
		// (any threshold: the tiles' sums at the slider's other steps are the build's)
		check([site(44.0, -103.2)], 90, [{ kind: 'nation' }, { kind: 'state', state_fips: '46' }]);
	}, 60_000);

	it('give the engine’s figures for other sites, two sites at once, and a dense city', () => {
		check([site(46.87, -113.99)], 60, [{ kind: 'nation' }, { kind: 'state', state_fips: '30' }]);
		check([site(35.22, -101.83), site(31.8, -106.4)], 120, [{ kind: 'nation' }, { kind: 'state', state_fips: '48' }]);
		check([site(40.75, -73.99)], 60, [{ kind: 'nation' }, { kind: 'state', state_fips: '36' }]);
		check([site(47.4, -94.9)], 120, [{ kind: 'nation' }, { kind: 'state', state_fips: '27' }]);
	}, 120_000);

	it('refuse where the full merge does (a site whose roads no centre of the list reaches)', () => {
		check([site(64.84, -147.72)], 120, [{ kind: 'nation' }]); // Fairbanks, AK
		check([site(36.0, -123.5)], 120, [{ kind: 'nation' }]); // the Pacific off Big Sur
	}, 60_000);

	it('reach further for a longer threshold', () => {
		expect(reachKm(120)).toBeCloseTo(2 * reachKm(60), 9);
		expect(cellsFor(index, [site(44.0, -103.2)], 60).length).toBeLessThanOrEqual(cellsFor(index, [site(44.0, -103.2)], 120).length);
		expect(cellsFor(index, [site(40.75, -73.99)], 60).length).toBeLessThan(cellsFor(index, [site(40.75, -73.99)], 120).length);
	});
});
