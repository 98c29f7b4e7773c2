import { describe, expect, it } from 'vitest';
import { beyondThreshold, weightedQuantile } from '../../src/lib/metrics/shares';
import { prepareSeries, shareBeyondPrepared } from '../../src/lib/metrics/sensitivity';
import {
	argsortStable,
	buildPopulation,
	columnsOf,
	computeEquity,
	CUM_STEP,
	disparityRatio,
	equityAt,
	GROUPS,
	headline,
	prepareEquity,
	regionMask,
	type GroupResult,
	type PopulationRow
} from '../../src/lib/metrics/equity';
import { lcg } from './seeded';

/** A row with every count 0 and no MOE unless given. */
function row(p: Partial<PopulationRow> & { county_fips?: string; state_fips?: string }): PopulationRow {
	const base: Record<string, unknown> = {
		county_fips: '08001',
		state_fips: '08',
		pop_2020: p.acs_pop ?? 0,
		apportioned: false,
		metro: true,
		svi_quartile: 1,
		income_quintile: 5,
		medicaid_expansion: true
	};
	for (const c of ['acs_pop', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'households', 'no_vehicle_hh']) {
		base[c] = 0;
		base[`${c}_moe`] = 0;
	}
	base.nh_white_moe = null; // as in the data: no MOE for non-Hispanic White
	return { ...base, ...p } as PopulationRow;
}

// Four places of one county, worked by hand. Travel 10, 60, 61, unknown; threshold 60.
const TINY: PopulationRow[] = [
	row({ acs_pop: 100, nh_white: 50, nh_black: 30, nh_black_moe: 3, hispanic: 20, pov150: 40, pov150_moe: 5, uninsured: 10, age65: 20, households: 40, no_vehicle_hh: 4 }),
	row({ acs_pop: 200, nh_white: 100, nh_black: 100, nh_black_moe: 4, pov150: 20, pov150_moe: 5, uninsured: 30, age65: 50, households: 80, no_vehicle_hh: 8, metro: false, svi_quartile: 4, income_quintile: 1, medicaid_expansion: false }),
	row({ acs_pop: 100, nh_white: 20, nh_black: 80, nh_black_moe: 12, pov150: 60, pov150_moe: 5, uninsured: 20, age65: 10, households: 30, no_vehicle_hh: 15, metro: false, svi_quartile: 4, income_quintile: 1, medicaid_expansion: false }),
	row({ acs_pop: 50, nh_white: 50, pov150: 5, households: 20 })
];
const TINY_TRAVEL = [10, 60, 61, null];

function tiny(threshold = 60) {
	return computeEquity({ population: buildPopulation({ rows: TINY }), travel: TINY_TRAVEL, threshold });
}

describe('equity: hand-worked tiny population, threshold 60 (strictly greater is beyond)', () => {
	const r = tiny();
	it.each([
		// id, known, beyond, share, unknown, median, p90
		['all', 400, 100, 0.25, 50, 60, 61],
		['nh_white', 170, 20, 20 / 170, 50, 60, 61],
		['nh_black', 210, 80, 80 / 210, 0, 60, 61],
		['hispanic', 20, 0, 0, 0, 10, 10],
		['nh_nhpi', 0, 0, null, 0, null, null],
		['pov150', 120, 60, 0.5, 5, 60, 61],
		['not_pov150', 280, 40, 40 / 280, 45, 60, 61],
		['no_vehicle_hh', 27, 15, 15 / 27, 0, 61, 61],
		['vehicle_hh', 123, 15, 15 / 123, 20, 60, 61],
		['rural', 300, 100, 1 / 3, 0, 60, 61],
		['metro', 100, 0, 0, 50, 10, 10],
		['svi_q4', 300, 100, 1 / 3, 0, 60, 61],
		['income_q1', 300, 100, 1 / 3, 0, 60, 61],
		['medicaid_not_expanded', 300, 100, 1 / 3, 0, 60, 61]
	] as const)('%s', (id, known, beyond, share, unknown, median, p90) => {
		const g = r.byId[id]!;
		expect(g.known).toBeCloseTo(known, 9);
		expect(g.beyond).toBeCloseTo(beyond, 9);
		if (share == null) expect(g.share).toBeNull();
		else expect(g.share).toBeCloseTo(share, 12);
		expect(g.unknown).toBeCloseTo(unknown, 9);
		expect(g.median).toBe(median);
		expect(g.p90).toBe(p90);
	});

	it('disparity ratios against the reference group', () => {
		expect(r.byId.nh_black!.ratio).toBeCloseTo(80 / 210 / (20 / 170), 12);
		expect(r.byId.pov150!.ratio).toBeCloseTo(0.5 / (40 / 280), 12);
		// reference share 0 -> null
		expect(r.byId.rural!.ratio).toBeNull();
		// empty group -> null
		expect(r.byId.nh_nhpi!.ratio).toBeNull();
		// reference groups have no ratio
		expect(r.byId.nh_white!.ratio).toBeNull();
		expect(r.byId.all!.ratio).toBeNull();
	});

	it('margins of error: root-sum-of-squares and the ACS proportion formula', () => {
		const b = r.byId.nh_black!;
		expect(b.beyondMoe).toBeCloseTo(12, 12);
		const p = 80 / 210;
		const knownMoe = Math.sqrt(9 + 16 + 144);
		expect(b.shareMoe).toBeCloseTo(Math.sqrt(144 - p * p * knownMoe ** 2) / 210, 12);
		expect(b.beyondInterval).toEqual({ low: 68, high: 92 });
		// the derived reference group: MOE of a difference, √(MOE_a² + MOE_b²), acs_pop_moe = 0 here
		expect(r.byId.not_pov150!.beyondMoe).toBeCloseTo(5, 12);
		// no MOE published for non-Hispanic White
		expect(r.byId.nh_white!.beyondMoe).toBeNull();
		expect(r.byId.nh_white!.shareInterval).toBeNull();
	});

	it('ratio formula when the proportion radicand is negative; intervals clipped to [0, 1]', () => {
		// one place beyond, MOE of the total larger than of the part
		const rows = [row({ acs_pop: 10, nh_black: 10, nh_black_moe: 1 }), row({ acs_pop: 10, nh_black: 10, nh_black_moe: 30 })];
		const g = computeEquity({ population: buildPopulation({ rows }), travel: [100, 1], threshold: 50 }).byId.nh_black!;
		const my = Math.hypot(1, 30);
		expect(g.shareMoe).toBeCloseTo(Math.sqrt(1 + 0.25 * my * my) / 20, 12);
		expect(g.shareInterval!.low).toBe(0);
		expect(g.beyondInterval).toEqual({ low: 9, high: 11 });
	});

	it('agrees with shares.beyondThreshold and shares.weightedQuantile for every group', () => {
		const pop = buildPopulation({ rows: TINY });
		for (const t of [0, 10, 59.5, 60, 61, 100]) {
			const res = computeEquity({ population: pop, travel: TINY_TRAVEL, threshold: t });
			GROUPS.forEach((g, gi) => {
				const rows = TINY.map((_, i) => ({ weight: pop.weight[gi][i], value: TINY_TRAVEL[i] }));
				const want = beyondThreshold(rows, t);
				const got = res.byId[g.id]!;
				expect(got.beyond).toBeCloseTo(want.beyond, 9);
				expect(got.known).toBeCloseTo(want.total, 9);
				expect(got.unknown).toBeCloseTo(want.unknown, 9);
				expect(got.median).toBe(weightedQuantile(rows, 0.5));
				expect(got.p90).toBe(weightedQuantile(rows, 0.9));
			});
		}
	});
});

describe('equity: edge cases', () => {
	const pop = buildPopulation({ rows: TINY });
	it.each([
		{ name: 'everyone beyond', threshold: 5, all: 1 },
		{ name: 'nobody beyond', threshold: 61, all: 0 },
		{ name: 'tie at the threshold is not beyond', threshold: 10, all: 300 / 400 }
	])('$name', ({ threshold, all }) => {
		expect(computeEquity({ population: pop, travel: TINY_TRAVEL, threshold }).byId.all!.share).toBeCloseTo(all, 12);
	});

	it('nobody beyond: ratios null (reference share 0), intervals at 0', () => {
		const r = computeEquity({ population: pop, travel: TINY_TRAVEL, threshold: 1000 });
		expect(r.byId.nh_black!.ratio).toBeNull();
		expect(r.byId.nh_black!.beyondInterval).toEqual({ low: 0, high: 0 });
	});

	it('all travel unknown: known 0, shares null, everything in unknown', () => {
		const r = computeEquity({ population: pop, travel: [null, NaN, Infinity, null], threshold: 60 });
		expect(r.byId.all).toMatchObject({ known: 0, beyond: 0, share: null, unknown: 450, median: null, p90: null, ratio: null });
	});

	it('zero population and no rows', () => {
		const zero = buildPopulation({ rows: [row({})] });
		expect(computeEquity({ population: zero, travel: [500], threshold: 60 }).byId.all).toMatchObject({ known: 0, share: null, median: null });
		const none = buildPopulation({ rows: [] });
		expect(computeEquity({ population: none, travel: [], threshold: 60 }).byId.all).toMatchObject({ known: 0, beyond: 0, share: null });
	});

	it('travel length must match the rows', () => {
		expect(() => prepareEquity({ population: pop, travel: [1, 2] })).toThrow(/one value per row/);
	});

	it('a threshold change reuses the prepared arrays and gives the same answer as a fresh computation', () => {
		const prepared = prepareEquity({ population: pop, travel: TINY_TRAVEL });
		for (const t of [0, 60, 60.5, 200]) {
			expect(equityAt({ prepared, threshold: t })).toEqual(computeEquity({ population: pop, travel: TINY_TRAVEL, threshold: t }));
		}
	});
});

describe('equity: regions', () => {
	const rows = [
		row({ state_fips: '08', county_fips: '08001', acs_pop: 10 }),
		row({ state_fips: '08', county_fips: '08003', acs_pop: 20 }),
		row({ state_fips: '56', county_fips: '56001', acs_pop: 40 }),
		// Puerto Rico: no counts, outside the nation
		{ ...row({ state_fips: '72', county_fips: '72001' }), acs_pop: null, pop_2020: 7 } as PopulationRow
	];
	const pop = buildPopulation({ rows });
	const travel = [100, 1, 100, 100];
	it.each([
		{ name: 'nation = 50 states + DC', region: { kind: 'nation' as const }, known: 70, beyond: 50, noCounts: 0 },
		{ name: 'one state', region: { kind: 'state' as const, state_fips: '08' }, known: 30, beyond: 10, noCounts: 0 },
		{ name: 'a county list', region: { kind: 'counties' as const, county_fips: ['08003', '56001'] }, known: 60, beyond: 40, noCounts: 0 },
		{ name: 'Puerto Rico: no counts, reported separately', region: { kind: 'state' as const, state_fips: '72' }, known: 0, beyond: 0, noCounts: 7 }
	])('$name', ({ region, known, beyond, noCounts }) => {
		const r = computeEquity({ population: pop, travel, region, threshold: 60 });
		expect(r.byId.all!.known).toBe(known);
		expect(r.byId.all!.beyond).toBe(beyond);
		expect(r.pop2020WithoutCounts).toBe(noCounts);
	});
});

describe('equity: apportioned rows', () => {
	// one county split 1/4 and 3/4 over two tracts: its county MOE of 20 splits to 5 and 15
	const rows = [
		row({ county_fips: '01001', state_fips: '01', apportioned: true, county_share: 0.25, acs_pop: 25, nh_black: 25, nh_black_moe: 5 }),
		row({ county_fips: '01001', state_fips: '01', apportioned: true, county_share: 0.75, acs_pop: 75, nh_black: 75, nh_black_moe: 15 }),
		row({ county_fips: '01003', state_fips: '01', acs_pop: 10, nh_black: 10, nh_black_moe: 8 })
	];
	const pop = buildPopulation({ rows });
	it.each([
		// both parts of the county beyond: the county's own MOE (linear within the county), RSS with the own-count row
		{ travel: [100, 100, 100], moe: Math.hypot(20, 8) },
		// only the 3/4 part beyond
		{ travel: [1, 100, 1], moe: 15 },
		{ travel: [100, 1, 1], moe: 5 },
		{ travel: [1, 1, 1], moe: 0 }
	])('travel $travel -> beyond MOE $moe', ({ travel, moe }) => {
		expect(computeEquity({ population: pop, travel, threshold: 50 }).byId.nh_black!.beyondMoe).toBeCloseTo(moe, 12);
	});
	it('keeps MOEs per row for the rows with their own counts only: the apportioned rows’ are in their county’s sum', () => {
		const g = GROUPS.findIndex((x) => x.id === 'nh_black');
		expect([...pop.moe[g]!]).toEqual([0, 0, 8]);
		expect(pop.countyMoe[g]![pop.county[0]]).toBe(20);
		expect(pop.countyMoe[g]![pop.county[2]]).toBe(0);
	});
	it('keeps the weights row-major; a group’s column is read from them', () => {
		const G = GROUPS.length;
		const g = GROUPS.findIndex((x) => x.id === 'nh_black');
		expect([...pop.weight[g]]).toEqual([25, 75, 10]);
		pop.weight.forEach((w, k) => w.forEach((x, i) => expect(x).toBe(pop.weightRows[i * G + k])));
		expect(pop.weight[g]).toBe(pop.weight[g]); // built once
	});
	it('an apportioned row without county_share is an error', () => {
		expect(() => buildPopulation({ rows: [row({ apportioned: true, acs_pop: 1 })] })).toThrow(/county_share/);
	});
});

describe('equity: cumulative weights kept every CUM_STEP places', () => {
	// sizes around the step: the last kept sum at the end, just before it, just after it
	it.each([1, CUM_STEP - 1, CUM_STEP, CUM_STEP + 1, 3 * CUM_STEP, 250])('%i places: every figure as a full running sum gives it, to the bit', (n) => {
		const rnd = lcg(n);
		// fractional weights, so the order of the additions shows in the last bits
		const rows = Array.from({ length: n }, () =>
			row({ acs_pop: 1000 * rnd(), nh_black: 300 * rnd(), hispanic: 0.1 + rnd() / 3, pov150: 77.7 * rnd(), acs_pop_moe: 5 } as Partial<PopulationRow>)
		);
		const pop = buildPopulation({ rows });
		const travel = rows.map(() => Math.floor(rnd() * 40) * 3);
		const prepared = prepareEquity({ population: pop, travel });
		expect(prepared.cum.length).toBe((Math.floor(n / CUM_STEP) + 1) * GROUPS.length);
		const G = GROUPS.length;
		/** the full running sum of group g over the first p places in order, as a full array held it */
		const full = (g: number, p: number) => {
			let s = 0;
			for (let q = 0; q < p; q++) s = s + pop.weightRows[prepared.order[q] * G + g];
			return s;
		};
		const m = prepared.order.length;
		for (const t of [-1, 0, 30, 59.5, 60, 117, 500]) {
			const k = prepared.sorted.findIndex((v) => v > t);
			const below = k < 0 ? m : k;
			const r = equityAt({ prepared, threshold: t });
			GROUPS.forEach((def, g) => {
				const known = full(g, m);
				expect(Object.is(r.groups[g].known, known), `${def.id} known`).toBe(true);
				expect(Object.is(r.groups[g].beyond, Math.max(0, known - full(g, below))), `${def.id} beyond ${t}`).toBe(true);
			});
		}
		// medians and 90th percentiles: the first place whose running sum reaches the target
		GROUPS.forEach((def, g) => {
			const total = full(g, m);
			for (const [q, got] of [
				[0.5, prepared.median[g]],
				[0.9, prepared.p90[g]]
			] as const) {
				if (!(total > 0)) {
					expect(got).toBeNull();
					continue;
				}
				let p = 0;
				while (full(g, p + 1) < Math.max(q * total - 1e-9 * total, Number.MIN_VALUE)) p++;
				expect(got, `${def.id} q${q}`).toBe(prepared.sorted[p]);
			}
		});
	});
});

describe('equity: MOE beyond a threshold, walked or read from the index', () => {
	// many places over many counties, some with their own counts, fractional MOEs and shares (so the order
	// of the additions shows in the last bits), travel on a coarse grid (ties), sizes around MOE_STEP (64)
	it.each([1, 63, 64, 65, 700])('%i places: a threshold move reads the same sums as the first threshold walked, to the bit', (n) => {
		const rnd = lcg(n + 7);
		const rows = Array.from({ length: n }, (_, i) => {
			const apportioned = i % 5 !== 0;
			return row({
				state_fips: i % 3 === 0 ? '56' : '08',
				county_fips: `${i % 3 === 0 ? '56' : '08'}${String(i % 23).padStart(3, '0')}`,
				apportioned,
				county_share: apportioned ? 0.01 + rnd() / 7 : undefined,
				acs_pop: 50 + 500 * rnd(),
				acs_pop_moe: 30 * rnd(),
				nh_black: 80 * rnd(),
				nh_black_moe: 20 * rnd(),
				pov150: 60 * rnd(),
				pov150_moe: 15 * rnd()
			} as Partial<PopulationRow>);
		});
		const pop = buildPopulation({ rows });
		const travel = rows.map((_, i) => (i % 17 === 0 ? null : 5 * Math.floor(rnd() * 40)));
		const thresholds = [-1, 0, 42, 60, 61, 100, 150, 199, 500];
		for (const region of [{ kind: 'nation' as const }, { kind: 'state' as const, state_fips: '08' }]) {
			const moes = (r: ReturnType<typeof equityAt>) => r.groups.map((g) => g.beyondMoe);
			// walked: each threshold the first asked of a fresh preparation
			const walked = thresholds.map((t) => moes(equityAt({ prepared: prepareEquity({ population: pop, travel, region }), threshold: t })));
			// read: one preparation asked every threshold in turn (its second on come from the index)
			const one = prepareEquity({ population: pop, travel, region });
			const read = thresholds.map((t) => moes(equityAt({ prepared: one, threshold: t })));
			const back = [...thresholds].reverse().map((t) => moes(equityAt({ prepared: one, threshold: t }))).reverse();
			thresholds.forEach((t, k) => {
				walked[k].forEach((w, g) => {
					expect(Object.is(read[k][g], w), `${GROUPS[g].id} at ${t}: ${read[k][g]} vs ${w}`).toBe(true);
					expect(Object.is(back[k][g], w), `${GROUPS[g].id} at ${t}, asked again`).toBe(true);
				});
			});
			// and the sums themselves: own-count rows root-sum-of-squares, each county's fraction beyond times its MOE
			const mask = regionMask(pop, region);
			for (const [k, t] of thresholds.entries()) {
				GROUPS.forEach((def, g) => {
					const m = pop.moe[g];
					const cm = pop.countyMoe[g];
					if (!m || !cm) return expect(walked[k][g], def.id).toBeNull();
					let s = 0;
					const frac = new Map<number, number>();
					rows.forEach((_, i) => {
						const v = travel[i];
						if (!mask[i] || v == null || !(v > t)) return;
						if (pop.apportioned[i]) frac.set(pop.county[i], (frac.get(pop.county[i]) ?? 0) + pop.countyShare[i]);
						else s += m[i] ** 2;
					});
					for (const [c, f] of frac) s += (f * cm[c]) ** 2;
					expect(walked[k][g], `${def.id} at ${t}`).toBeCloseTo(Math.sqrt(s), 9);
				});
			}
		}
	});
});

describe('equity: prepared from an earlier preparation (what-if)', () => {
	// 400 places over 4 counties (some apportioned), values on a coarse grid so ties abound
	const rnd = lcg(12345);
	const rows = Array.from({ length: 400 }, (_, i) =>
		row({
			state_fips: i % 5 === 0 ? '56' : '08',
			county_fips: `08${String(i % 4).padStart(3, '0')}`,
			apportioned: i % 4 === 3,
			county_share: i % 4 === 3 ? 0.01 : undefined,
			acs_pop: 50 + Math.floor(rnd() * 500),
			nh_black: Math.floor(rnd() * 80),
			nh_black_moe: Math.floor(rnd() * 20),
			pov150: Math.floor(rnd() * 60),
			pov150_moe: Math.floor(rnd() * 15)
		} as Partial<PopulationRow>)
	);
	const pop = buildPopulation({ rows });
	const base = rows.map((_, i) => (i % 37 === 0 ? null : 5 * Math.floor(rnd() * 60)));
	/** the same numbers up to rounding in the last bits (sums of the same weights in another order) */
	const close = (a: unknown, b: unknown, path = ''): void => {
		if (typeof a === 'number' && typeof b === 'number') {
			if (Number.isNaN(a) || Number.isNaN(b)) expect(a, path).toBe(b);
			else expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
		} else if (a && b && typeof a === 'object' && typeof b === 'object') {
			expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
			for (const k of Object.keys(a)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
		} else expect(a, path).toEqual(b);
	};
	it.each([
		{ name: 'a few places faster (a centre added)', change: (v: number | null, i: number) => (v != null && i % 9 === 0 ? Math.floor(v / 3) * 5 : v), delta: true },
		{ name: 'a few places slower (a centre removed), onto existing values', change: (v: number | null, i: number) => (v != null && i % 11 === 0 ? v + 25 : v), delta: true },
		{ name: 'a few places moved beyond every other value', change: (v: number | null, i: number) => (v != null && i % 13 === 0 ? 1000 + i : v), delta: true },
		{ name: 'a few places moved below every other value', change: (v: number | null, i: number) => (v != null && i % 13 === 0 ? -1 - i : v), delta: true },
		{ name: 'no place changes', change: (v: number | null) => v, delta: false },
		{ name: 'a place becomes unknown (full preparation)', change: (v: number | null, i: number) => (i === 6 ? null : v), delta: false },
		{ name: 'every place changes (full preparation)', change: (v: number | null) => (v == null ? v : v + 1), delta: false }
	])('$name: the same figures as a fresh preparation', ({ name, change, delta }) => {
		for (const region of [{ kind: 'nation' as const }, { kind: 'state' as const, state_fips: '08' }]) {
			const from = prepareEquity({ population: pop, travel: base, region });
			const next = base.map(change);
			const inc = prepareEquity({ population: pop, travel: next, region, from });
			const full = prepareEquity({ population: pop, travel: next, region });
			// (a delta, not a fresh preparation, made it: it keeps the base's known-total MOE)
			expect(!!inc.delta, 'delta').toBe(delta);
			expect(inc.knownMoe === from.knownMoe).toBe(!name.includes('full'));
			// quantiles are values of the places: the same exactly
			expect(inc.median).toEqual(full.median);
			expect(inc.p90).toEqual(full.p90);
			for (const f of ['unknown', 'knownMoe', 'pop2020WithoutCounts'] as const) expect(inc[f], f).toEqual(full[f]);
			if (!delta) for (const f of ['order', 'sorted', 'cum'] as const) expect(inc[f], f).toEqual(full[f]);
			for (const t of [-5, 0, 30, 60, 120, 299, 2000]) close(equityAt({ prepared: inc, threshold: t }), equityAt({ prepared: full, threshold: t }), `t=${t}`);
			// a second what-if from the first is taken from the same root
			const again = prepareEquity({ population: pop, travel: base.map((v, i) => (v != null && i % 7 === 0 ? v + 3 : v)), region, from: inc });
			if (again.delta) expect(again.delta.root).toBe(from);
			close(equityAt({ prepared: again, threshold: 60 }), equityAt({ prepared: prepareEquity({ population: pop, travel: again.travel, region }), threshold: 60 }), 'again');
			// back to the base's travel: the base's figures, to the bit
			expect(equityAt({ prepared: prepareEquity({ population: pop, travel: base, region, from: inc }), threshold: 60 })).toEqual(equityAt({ prepared: from, threshold: 60 }));
			// the earlier preparation is left as it was
			expect(from.travel).toBe(base);
			expect(equityAt({ prepared: from, threshold: 60 })).toEqual(equityAt({ prepared: prepareEquity({ population: pop, travel: base, region }), threshold: 60 }));
		}
	});

	it('groups the moved places do not weigh on keep the base figures exactly', () => {
		// only rows with no Black residents move: that group's figures are the root's to the bit
		const next = base.map((v, i) => (v != null && rows[i].nh_black === 0 ? 1 : v));
		const from = prepareEquity({ population: pop, travel: base });
		const inc = prepareEquity({ population: pop, travel: next, from });
		expect(inc.delta).toBeDefined();
		for (const t of [30, 60, 120]) expect(equityAt({ prepared: inc, threshold: t }).byId.nh_black!.beyond).toBe(equityAt({ prepared: from, threshold: t }).byId.nh_black!.beyond);
	});

	it('another region or population is prepared afresh', () => {
		const from = prepareEquity({ population: pop, travel: base, region: { kind: 'state', state_fips: '56' } });
		const inc = prepareEquity({ population: pop, travel: base, region: { kind: 'nation' }, from });
		expect(inc.order).toEqual(prepareEquity({ population: pop, travel: base }).order);
	});
});

describe('columnsOf', () => {
	// 3 rows of 2 columns, row-major
	const rows = Float64Array.of(1, 10, 2, 20, 3, 30);
	it('gives each column of a row-major array, built on first read and kept', () => {
		const cols = columnsOf(rows, 3, 2);
		expect(cols).toHaveLength(2);
		expect([...cols[0]]).toEqual([1, 2, 3]);
		expect([...cols[1]]).toEqual([10, 20, 30]);
		expect(cols[1]).toBe(cols[1]);
		expect(cols.map((c) => c.length)).toEqual([3, 3]);
		expect(Object.isFrozen(cols)).toBe(true);
	});
	it('refuses an array that is not n rows of G', () => {
		expect(() => columnsOf(rows, 2, 2)).toThrow(/6 values are not 2 rows of 2/);
	});
});

describe('argsortStable', () => {
	it.each([
		{ values: [], want: [] },
		{ values: [3, 1, 2], want: [1, 2, 0] },
		{ values: [2, 1, 2, 1], want: [1, 3, 0, 2] },
		{ values: [0.5, -1, 1e300, -1e-300, 0, -Infinity, Infinity], want: [5, 1, 3, 4, 0, 2, 6] }
	])('$values', ({ values, want }) => {
		expect(Array.from(argsortStable(Float64Array.from(values)))).toEqual(want);
	});
	it.each([100, 5000])('%i values (by comparison below 2,048, by radix above): stable, -0 before +0', (n) => {
		const rnd = lcg(n);
		const pick = [-0, 0, 1.5, -2.25, 1e-300, 7, 7.000000000000001];
		const values = Float64Array.from({ length: n }, () => (rnd() < 0.5 ? pick[Math.floor(rnd() * pick.length)] : (rnd() - 0.5) * 1e3));
		const neg0 = (x: number) => (Object.is(x, -0) ? 1 : 0);
		const want = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || neg0(values[b]) - neg0(values[a]) || a - b);
		expect(Array.from(argsortStable(values))).toEqual(want);
	});
});

describe('disparityRatio', () => {
	it.each([
		[0.5, 0.25, 2],
		[0.1, 0.4, 0.25],
		[0, 0.5, 0],
		[0.5, 0, null],
		[null, 0.5, null],
		[0.5, null, null]
	] as const)('%s / %s = %s', (a, b, want) => {
		expect(disparityRatio(a, b)).toBe(want);
	});
});

describe('headline', () => {
	const g = (id: GroupResult['id'], share: number | null, known = 100): GroupResult =>
		({ id, share, known, beyond: share == null ? 0 : share * known }) as GroupResult;
	it.each([
		{
			name: 'group worse off',
			group: g('nh_aian', 0.25),
			reference: g('nh_white', 0.1),
			want: 'In Montana, 1 in 4 non-Hispanic American Indian and Alaska Native residents lives more than 2 hours from a CAR-T centre, against 1 in 10 non-Hispanic White residents.'
		},
		{
			name: 'group better off',
			group: g('nh_black', 0.05),
			reference: g('nh_white', 0.2),
			want: 'In Montana, 1 in 20 non-Hispanic Black residents lives more than 2 hours from a CAR-T centre, against 1 in 5 non-Hispanic White residents.'
		},
		{
			name: 'majority beyond',
			group: g('rural', 0.69),
			reference: g('metro', 0.18),
			want: 'In Montana, 7 in 10 residents of non-metro counties live more than 2 hours from a CAR-T centre, against 1 in 6 residents of metro counties.'
		},
		{
			name: 'all beyond, reference none',
			group: g('rural', 1),
			reference: g('metro', 0),
			want: 'In Montana, all residents of non-metro counties live more than 2 hours from a CAR-T centre, against none of the residents of metro counties.'
		},
		{
			name: 'nobody in the group beyond',
			group: g('pov150', 0),
			reference: g('not_pov150', 0.02),
			want: 'In Montana, no resident with income below 150 % of the poverty line lives more than 2 hours from a CAR-T centre, against 1 in 50 other residents.'
		},
		{
			name: 'nobody beyond at all',
			group: g('no_vehicle_hh', 0),
			reference: g('vehicle_hh', 0),
			want: 'In Montana, no household without a vehicle and no household with a vehicle lives more than 2 hours from a CAR-T centre.'
		},
		{
			name: 'no people in the group',
			group: g('nh_nhpi', null, 0),
			reference: g('nh_white', 0.1),
			want: 'In Montana, the data hold no non-Hispanic Native Hawaiian and Pacific Islander residents with a known travel time or distance.'
		},
		{
			name: 'no people in the reference group',
			group: g('nh_asian', 0.1),
			reference: g('nh_white', null, 0),
			want: 'In Montana, 1 in 10 non-Hispanic Asian residents lives more than 2 hours from a CAR-T centre; the data hold no non-Hispanic White residents to compare with.'
		}
	])('$name', ({ group, reference, want }) => {
		expect(headline({ regionName: 'Montana', group, reference, threshold: 120, unit: 'minutes' })).toBe(want);
	});
	it('miles', () => {
		expect(headline({ regionName: 'the United States', group: g('age65', 0.28), reference: g('under65', 0.246), threshold: 60, unit: 'miles' })).toBe(
			'In the United States, 1 in 4 residents aged 65 and over lives more than 60 miles from a CAR-T centre, against 1 in 4 residents under 65.'
		);
	});
});

describe('GROUPS', () => {
	it('every reference exists, is itself a reference group, and shares the family', () => {
		const byId = new Map(GROUPS.map((g) => [g.id, g]));
		expect(byId.size).toBe(GROUPS.length);
		for (const g of GROUPS) {
			if (!g.reference) continue;
			const ref = byId.get(g.reference)!;
			expect(ref.reference).toBeNull();
			expect(ref.family).toBe(g.family);
			expect(ref.unit).toBe(g.unit);
		}
	});
});

describe('equity: the method range reads the view’s own figure from the panel', () => {
	// the range (metrics/sensitivity) lists the view's own share beside the other methods; the page takes
	// it from the equity result instead of preparing the view's values again: the two must agree
	const rnd = lcg(777);
	const rows = Array.from({ length: 300 }, (_, i) =>
		row({
			state_fips: i % 3 === 0 ? '56' : '08',
			county_fips: i % 3 === 0 ? '56001' : `08${String(i % 4).padStart(3, '0')}`,
			acs_pop: i % 29 === 0 ? 0 : 20 + Math.floor(rnd() * 400),
			nh_black: Math.floor(rnd() * 50),
			pov150: Math.floor(rnd() * 60)
		} as Partial<PopulationRow>)
	);
	const pop = buildPopulation({ rows });
	const travel = Float64Array.from(rows, (_, i) => (i % 23 === 0 ? NaN : 5 * Math.floor(rnd() * 60)));
	it.each([{ kind: 'nation' as const }, { kind: 'state' as const, state_fips: '08' }])('in $kind $state_fips, every group, at several thresholds', (region) => {
		const prepared = prepareEquity({ population: pop, travel, region });
		for (const t of [0, 45, 60, 61, 120, 295, 400]) {
			const r = equityAt({ prepared, threshold: t });
			pop.groups.forEach((g, k) => {
				const own = r.byId[g.id]!.share;
				const range = shareBeyondPrepared(prepareSeries({ values: travel, weight: pop.weight[k], include: regionMask(pop, region) }), t);
				if (own == null) expect(range).toBeNaN();
				else expect(100 * own).toBeCloseTo(range, 9);
			});
		}
	});
});
