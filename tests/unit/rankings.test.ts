/**
 * Rankings: hand-worked tiny populations (empty, zero population, unknown travel, Puerto
 * Rico, ties at the threshold), agreement with shares.beyondThreshold / weightedQuantile,
 * and one real-data test: every state's row equals metrics/equity for that state, and a
 * threshold change for all states is measured in the benchmark (npm run bench).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beyondThreshold, weightedQuantile } from '../../src/lib/metrics/shares';
import { buildPopulation, computeEquity, GROUPS, type Population, type PopulationRow } from '../../src/lib/metrics/equity';
import { byShareDesc, computeRankings, prepareRankings, rankingsAt, unitView, type PreparedRankings, type RankingRow } from '../../src/lib/metrics/rankings';
import { openNodeDb, type NodeDb } from '../../src/lib/db/node';
import * as populationGroups from '../../src/lib/queries/population-groups';
import * as centres from '../../src/lib/queries/centres';
import { DEFAULT_CENTRE_FILTER } from '../../src/lib/queries/centre-filter';
import { nearestCentres, nearestKmArray } from '../../src/lib/metrics/nearest';
import { straightLineValues } from '../../src/lib/metrics/travel-methods';
import { lcg } from './seeded';

/** A row with every count 0 unless given. */
function row(p: Partial<PopulationRow>): PopulationRow {
	const base: Record<string, unknown> = { county_fips: '08001', state_fips: '08', pop_2020: p.acs_pop ?? 0, apportioned: false };
	for (const c of ['acs_pop', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'households', 'no_vehicle_hh']) {
		base[c] = 0;
	}
	return { ...base, ...p } as PopulationRow;
}

// Two states, four counties, Puerto Rico; worked by hand below.
const TINY: PopulationRow[] = [
	row({ state_fips: '08', county_fips: '08001', acs_pop: 100, nh_white: 60, nh_black: 40 }), // 30
	row({ state_fips: '08', county_fips: '08001', acs_pop: 50, nh_white: 50 }), // 90
	row({ state_fips: '08', county_fips: '08003', acs_pop: 200, nh_white: 100, nh_black: 100 }), // 60: a tie at 60
	row({ state_fips: '56', county_fips: '56001', acs_pop: 80, nh_white: 80 }), // 120
	row({ state_fips: '56', county_fips: '56001', acs_pop: 20, nh_black: 20 }), // unknown
	row({ state_fips: '56', county_fips: '56003', acs_pop: 0 }), // zero population, 500
	{ ...row({ state_fips: '72', county_fips: '72001' }), acs_pop: null, pop_2020: 7 } as PopulationRow // Puerto Rico, no counts
];
const TRAVEL = [30, 90, 60, 120, null, 500, 10];
const pop = buildPopulation({ rows: TINY });

const pick = (rows: RankingRow[]) => rows.map((r) => ({ id: r.id, people: r.people, beyond: r.beyond, share: r.share, unknown: r.unknown, median: r.median, p90: r.p90 }));

describe('rankings: hand-worked tiny population', () => {
	it.each([
		{
			name: 'states at 60 (the tie at 60 is not beyond); Puerto Rico left out',
			args: { grain: 'state' as const, threshold: 60 },
			want: [
				{ id: '56', people: 80, beyond: 80, share: 1, unknown: 20, median: 120, p90: 120 },
				{ id: '08', people: 350, beyond: 50, share: 50 / 350, unknown: 0, median: 60, p90: 90 }
			]
		},
		{
			name: 'states just below the tie',
			args: { grain: 'state' as const, threshold: 59.9 },
			want: [
				{ id: '56', people: 80, beyond: 80, share: 1, unknown: 20, median: 120, p90: 120 },
				{ id: '08', people: 350, beyond: 250, share: 250 / 350, unknown: 0, median: 60, p90: 90 }
			]
		},
		{
			name: 'counties of the nation: zero population sorts last with null share',
			args: { grain: 'county' as const, threshold: 60 },
			want: [
				{ id: '56001', people: 80, beyond: 80, share: 1, unknown: 20, median: 120, p90: 120 },
				{ id: '08001', people: 150, beyond: 50, share: 1 / 3, unknown: 0, median: 30, p90: 90 },
				{ id: '08003', people: 200, beyond: 0, share: 0, unknown: 0, median: 60, p90: 60 },
				{ id: '56003', people: 0, beyond: 0, share: null, unknown: 0, median: null, p90: null }
			]
		},
		{
			name: 'counties of one state',
			args: { grain: 'county' as const, state_fips: '08', threshold: 0 },
			want: [
				{ id: '08003', people: 200, beyond: 200, share: 1, unknown: 0, median: 60, p90: 60 },
				{ id: '08001', people: 150, beyond: 150, share: 1, unknown: 0, median: 30, p90: 90 }
			]
		},
		{
			name: 'Puerto Rico only when asked for: no counts, null share',
			args: { grain: 'county' as const, state_fips: '72', threshold: 60 },
			want: [{ id: '72001', people: 0, beyond: 0, share: null, unknown: 0, median: null, p90: null }]
		}
	])('$name', ({ args, want }) => {
		const got = pick(computeRankings({ population: pop, travel: TRAVEL, ...args }));
		expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
		got.forEach((r, i) => {
			const w = want[i];
			expect(r).toMatchObject({ id: w.id, people: w.people, beyond: w.beyond, unknown: w.unknown, median: w.median, p90: w.p90 });
			if (w.share == null) expect(r.share).toBeNull();
			else expect(r.share).toBeCloseTo(w.share, 12);
		});
	});

	it('group share and ratio against the reference', () => {
		const [wy, co] = computeRankings({ population: pop, travel: TRAVEL, grain: 'state', threshold: 60, group: 'nh_black' });
		// Colorado: Black 140 known, none beyond; White 210 known, 50 beyond
		expect(co.groupShares).toEqual({ id: 'nh_black', reference: 'nh_white', known: 140, beyond: 0, share: 0, referenceShare: 50 / 210, ratio: 0 });
		// Wyoming: the only Black residents have unknown travel
		expect(wy.groupShares).toEqual({ id: 'nh_black', reference: 'nh_white', known: 0, beyond: 0, share: null, referenceShare: 1, ratio: null });
		// a reference group has no ratio; no group, no groupShares
		const [, co2] = computeRankings({ population: pop, travel: TRAVEL, grain: 'state', threshold: 60, group: 'nh_white' });
		expect(co2.groupShares).toMatchObject({ reference: null, referenceShare: null, ratio: null, share: 50 / 210 });
		expect(computeRankings({ population: pop, travel: TRAVEL, grain: 'state', threshold: 60 })[0].groupShares).toBeNull();
	});

	it.each([
		{ name: 'no rows', rows: [] as PopulationRow[], travel: [] as (number | null)[], want: [] },
		{
			name: 'all travel unknown',
			rows: [row({ acs_pop: 10 }), row({ acs_pop: 5 })],
			travel: [null, NaN],
			want: [{ id: '08', people: 0, beyond: 0, share: null, unknown: 15, median: null, p90: null }]
		},
		{
			name: 'zero population everywhere',
			rows: [row({ acs_pop: 0 })],
			travel: [1000],
			want: [{ id: '08', people: 0, beyond: 0, share: null, unknown: 0, median: null, p90: null }]
		}
	])('edge: $name', ({ rows, travel, want }) => {
		expect(pick(computeRankings({ population: buildPopulation({ rows }), travel, grain: 'state', threshold: 60 }))).toEqual(want);
	});

	it('ties in share sort by people beyond, then id', () => {
		const rows = [
			row({ state_fips: '02', county_fips: '02001', acs_pop: 10 }),
			row({ state_fips: '01', county_fips: '01001', acs_pop: 10 }),
			row({ state_fips: '04', county_fips: '04001', acs_pop: 30 })
		];
		const got = computeRankings({ population: buildPopulation({ rows }), travel: [100, 100, 100], grain: 'state', threshold: 60 });
		expect(got.map((r) => r.id)).toEqual(['04', '01', '02']);
		expect([{ share: null, beyond: 0, id: 'a' }, { share: 0, beyond: 0, id: 'b' }].sort(byShareDesc as never).map((r) => r.id)).toEqual(['b', 'a']);
	});

	it('agrees with shares.beyondThreshold and shares.weightedQuantile per unit', () => {
		const prepared = prepareRankings({ population: pop, travel: TRAVEL, grain: 'county' });
		const all = GROUPS.findIndex((g) => g.id === 'all');
		for (const t of [0, 30, 59.5, 60, 90, 120, 499, 500, 1000]) {
			for (const r of rankingsAt({ prepared, threshold: t })) {
				const mine = TINY.map((x, i) => ({ weight: pop.weight[all][i], value: TRAVEL[i], county: x.county_fips })).filter((x) => x.county === r.id);
				const want = beyondThreshold(mine, t);
				expect(r.people).toBe(want.total);
				expect(r.beyond).toBe(want.beyond);
				expect(r.share).toBe(want.share);
				expect(r.unknown).toBe(want.unknown);
				expect(r.median).toBe(weightedQuantile(mine, 0.5));
				expect(r.p90).toBe(weightedQuantile(mine, 0.9));
			}
		}
	});

	it('errors say what to do', () => {
		expect(() => prepareRankings({ population: pop, travel: [1], grain: 'state' })).toThrow(/one value per row/);
		expect(() => prepareRankings({ population: pop, travel: TRAVEL, grain: 'state', state_fips: '08' })).toThrow(/grain: "county"/);
		expect(() => prepareRankings({ population: pop, travel: TRAVEL, grain: 'county', state_fips: '8' })).toThrow(/2-digit/);
		expect(() => rankingsAt({ prepared: prepareRankings({ population: pop, travel: TRAVEL, grain: 'state' }), threshold: NaN })).toThrow(/NaN/);
		const small = buildPopulation({ rows: TINY, groups: GROUPS.filter((g) => g.id === 'all') });
		expect(() => prepareRankings({ population: small, travel: TRAVEL, grain: 'state', group: 'nh_black' })).toThrow(/not in this population/);
	});
});

describe('rankings: prepared from an earlier preparation (what-if)', () => {
	const rnd = lcg(777);
	const rows = Array.from({ length: 300 }, (_, i) =>
		row({ state_fips: i % 3 === 0 ? '56' : '08', county_fips: `${i % 3 === 0 ? '56' : '08'}00${i % 4}`, acs_pop: 10 + Math.floor(rnd() * 300), nh_black: Math.floor(rnd() * 50), nh_white: Math.floor(rnd() * 100) })
	);
	const p = buildPopulation({ rows });
	const base = rows.map((_, i) => (i % 23 === 0 ? null : 5 * Math.floor(rnd() * 40)));
	const fields = ['ids', 'start', 'unknown', 'median', 'p90'] as const;
	/** each unit's rows, values and cumulative weights, wherever the preparation keeps them */
	const units = (r: PreparedRankings) =>
		r.ids.map((_, u) => {
			const v = unitView(r, u);
			const cum = (c: Float64Array | null) => (c ? Array.from(c.subarray(v.cumAt, v.cumAt + v.len + 1)) : null);
			return { rowAt: Array.from(v.rowAt.subarray(v.at, v.at + v.len)), sorted: Array.from(v.sorted.subarray(v.at, v.at + v.len)), cumAll: cum(v.cumAll), cumGroup: cum(v.cumGroup), cumRef: cum(v.cumRef) };
		});
	it.each([
		{ name: 'a few places faster', change: (v: number | null, i: number) => (v != null && i % 7 === 0 ? Math.floor(v / 4) * 5 : v), fresh: false },
		{ name: 'a few places slower, onto existing values', change: (v: number | null, i: number) => (v != null && i % 11 === 0 ? v + 25 : v), fresh: false },
		{ name: 'a few places past every other value', change: (v: number | null, i: number) => (v != null && i % 13 === 0 ? 500 - i : v), fresh: false },
		{ name: 'no place changes', change: (v: number | null) => v, fresh: false },
		{ name: 'a place becomes unknown (full preparation)', change: (v: number | null, i: number) => (i === 1 ? null : v), fresh: true }
	])('$name: the same as a fresh preparation, to the bit', ({ change, fresh }) => {
		for (const args of [
			{ grain: 'state' as const, group: 'nh_black' as const },
			{ grain: 'county' as const, state_fips: '08', group: null }
		]) {
			const from = prepareRankings({ population: p, travel: base, ...args });
			const next = base.map(change);
			const inc = prepareRankings({ population: p, travel: next, ...args, from });
			const full = prepareRankings({ population: p, travel: next, ...args });
			for (const f of fields) expect(inc[f], f).toEqual(full[f]);
			expect(units(inc)).toEqual(units(full));
			for (const t of [0, 40, 100, 199]) expect(rankingsAt({ prepared: inc, threshold: t })).toEqual(rankingsAt({ prepared: full, threshold: t }));
			// (the update keeps the unit table it started from, and the shared arrays: the units it sorted
			// again are in arrays of their own; a fresh preparation makes its own)
			expect(inc.unitOf === from.unitOf).toBe(!fresh);
			expect(inc.sorted === from.sorted && inc.cumAll === from.cumAll && inc.rowAt === from.rowAt).toBe(!fresh);
		}
	});

	it('an update of an update (a second what-if from the first) equals a fresh preparation, to the bit', () => {
		for (const args of [
			{ grain: 'state' as const, group: 'nh_black' as const },
			{ grain: 'county' as const, state_fips: '08', group: null }
		]) {
			const first = base.map((v, i) => (v != null && i % 7 === 0 ? Math.floor(v / 4) * 5 : v));
			// the second moves some places the first moved, back or further, and others
			const second = first.map((v, i) => (v != null && i % 5 === 0 ? v + 15 : i % 7 === 0 ? base[i] : v));
			const p1 = prepareRankings({ population: p, travel: first, ...args, from: prepareRankings({ population: p, travel: base, ...args }) });
			expect(p1.own?.size, 'units sorted again by the first update').toBeGreaterThan(0);
			const p2 = prepareRankings({ population: p, travel: second, ...args, from: p1 });
			const full = prepareRankings({ population: p, travel: second, ...args });
			expect(p2.own).not.toBe(p1.own);
			for (const f of fields) expect(p2[f], f).toEqual(full[f]);
			expect(units(p2)).toEqual(units(full));
			for (const t of [0, 40, 100, 199]) expect(rankingsAt({ prepared: p2, threshold: t })).toEqual(rankingsAt({ prepared: full, threshold: t }));
			// the first is unchanged by the second
			expect(units(p1)).toEqual(units(prepareRankings({ population: p, travel: first, ...args })));
		}
	});

	it('another group or grain is prepared afresh', () => {
		const from = prepareRankings({ population: p, travel: base, grain: 'state', group: 'nh_black' });
		const inc = prepareRankings({ population: p, travel: base, grain: 'state', group: 'hispanic', from });
		expect(inc.group).toBe('hispanic');
		expect(inc.cumGroup).toEqual(prepareRankings({ population: p, travel: base, grain: 'state', group: 'hispanic' }).cumGroup);
	});
});

describe('rankings: real data (all tracts, straight line at 30 mph to the default centres)', () => {
	let db: NodeDb;
	let population: Population;
	let travel: Float64Array;
	beforeAll(async () => {
		db = await openNodeDb();
		const rows = await populationGroups.run(db);
		const cs = (await centres.run(db, { filter: DEFAULT_CENTRE_FILTER })).map((c) => ({ id: c.centre_id, lat: c.lat, lon: c.lon }));
		population = buildPopulation({ rows });
		const km = nearestKmArray(nearestCentres({ origins: { lat: rows.map((r) => r.lat), lon: rows.map((r) => r.lon) }, centres: cs }));
		travel = straightLineValues({ method: 'straight_30mph', km });
	});
	afterAll(() => db?.close());

	it('51 states, each equal to metrics/equity for that state, sorted by share', () => {
		const rows = computeRankings({ population, travel, grain: 'state', threshold: 120, group: 'nh_aian' });
		expect(rows).toHaveLength(51);
		expect(rows.map((r) => r.id)).not.toContain('72');
		for (let i = 1; i < rows.length; i++) expect(byShareDesc(rows[i - 1], rows[i])).toBeLessThanOrEqual(0);
		for (const r of rows) {
			const e = computeEquity({ population, travel, region: { kind: 'state', state_fips: r.id }, threshold: 120 });
			expect(r.people).toBeCloseTo(e.byId.all!.known, 6);
			expect(r.beyond).toBeCloseTo(e.byId.all!.beyond, 6);
			expect(r.share!).toBeCloseTo(e.byId.all!.share!, 12);
			expect(r.median).toBe(e.byId.all!.median);
			expect(r.p90).toBe(e.byId.all!.p90);
			const g = e.byId.nh_aian!;
			if (g.share == null) expect(r.groupShares!.share).toBeNull();
			else expect(r.groupShares!.share!).toBeCloseTo(g.share, 12);
			if (g.ratio == null) expect(r.groupShares!.ratio).toBeNull();
			else expect(r.groupShares!.ratio!).toBeCloseTo(g.ratio, 9);
		}
		// the nation's people with known travel add up
		const nation = computeEquity({ population, travel, threshold: 120 }).byId.all!;
		expect(rows.reduce((s, r) => s + r.people, 0)).toBeCloseTo(nation.known, 0);
	});

	it('counties of Montana equal metrics/equity for each county', () => {
		const rows = computeRankings({ population, travel, grain: 'county', state_fips: '30', threshold: 120 });
		expect(rows).toHaveLength(56);
		for (const r of rows.slice(0, 5).concat(rows.slice(-3))) {
			const e = computeEquity({ population, travel, region: { kind: 'counties', county_fips: [r.id] }, threshold: 120 }).byId.all!;
			expect(r.beyond).toBeCloseTo(e.beyond, 6);
			expect(r.median).toBe(e.median);
		}
	});
});
