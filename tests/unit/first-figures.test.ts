/**
 * The build-time first figures (state/first-figures.ts): read back from JSON they give the
 * engine's own results and state rankings, to the bit (margins, unknowns and empty groups
 * included); malformed files are refused; only the links the file holds are drawn from it.
 * (The build checks the same on the real data before writing the file; a browser test checks
 * an embed draws the same numbers from the file as from the engine.)
 */
import { describe, expect, it } from 'vitest';
import { buildPopulation, equityAt, GROUPS, prepareEquity, type PopulationRow, type Region } from '../../src/lib/metrics/equity';
import { prepareRankings, rankingsAt } from '../../src/lib/metrics/rankings';
import { firstFigures, firstFiguresSource, firstRanking, firstResult, isFirstFigures, mayUseFirstFigures, type FirstFigures } from '../../src/lib/state/first-figures';
import { regionSentence } from '../../src/lib/state/compare-params';
import { parseView } from '../../src/lib/state/url-params';

/** A row with counts and margins; apportioned rows share their county's counts. */
function row(p: Partial<PopulationRow>): PopulationRow {
	const base: Record<string, unknown> = { county_fips: '08001', state_fips: '08', apportioned: false };
	for (const c of ['acs_pop', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'households', 'no_vehicle_hh']) {
		base[c] = 0;
		base[`${c}_moe`] = 5;
	}
	base.metro = true;
	base.svi_quartile = 2;
	base.income_quintile = 3;
	return { ...base, pop_2020: p.acs_pop ?? 0, ...p } as PopulationRow;
}

const ROWS: PopulationRow[] = [
	row({ state_fips: '08', county_fips: '08001', acs_pop: 100, nh_white: 60, nh_black: 40, pov150: 30, uninsured: 7, age65: 12, households: 40 }),
	row({ state_fips: '08', county_fips: '08001', acs_pop: 50, nh_white: 50, hispanic: 9, households: 20, metro: false } as Partial<PopulationRow>),
	row({ state_fips: '08', county_fips: '08003', acs_pop: 200, nh_white: 100, nh_black: 100, apportioned: true, county_share: 0.5 } as Partial<PopulationRow>),
	row({ state_fips: '08', county_fips: '08003', acs_pop: 200, nh_white: 100, nh_black: 100, apportioned: true, county_share: 0.5 } as Partial<PopulationRow>),
	row({ state_fips: '56', county_fips: '56001', acs_pop: 80, nh_white: 80, nh_aian: 3, svi_quartile: 4 } as Partial<PopulationRow>),
	row({ state_fips: '56', county_fips: '56001', acs_pop: 20, nh_black: 20, nh_black_moe: null } as Partial<PopulationRow>),
	row({ state_fips: '56', county_fips: '56003', acs_pop: 0 }),
	{ ...row({ state_fips: '72', county_fips: '72001' }), acs_pop: null, pop_2020: 7 } as PopulationRow
];
const TRAVEL = [30, 90, 60, 130, 125, null, 500, 10];
const THRESHOLDS = [60, 120];
const population = buildPopulation({ rows: ROWS });
const REGIONS: { code: string; name: string; pop2020: number; region: Region }[] = [
	{ code: 'US', name: 'the United States', pop2020: 650, region: { kind: 'nation' } },
	{ code: '08', name: 'Colorado', pop2020: 550, region: { kind: 'state', state_fips: '08' } },
	{ code: '56', name: 'Wyoming', pop2020: 100, region: { kind: 'state', state_fips: '56' } }
];
const CENTRES = [{ id: 'CO-01', lat: 39.7, lon: -105 }];

function build(): { file: FirstFigures; engine: Map<string, (t: number) => ReturnType<typeof equityAt>> } {
	const regions = REGIONS.map((r) => {
		const prepared = prepareEquity({ population, travel: TRAVEL, region: r.region });
		return { ...r, prepared, at: (t: number) => equityAt({ prepared, threshold: t }) };
	});
	const file = JSON.parse(JSON.stringify(firstFigures({ thresholds: THRESHOLDS, centres: CENTRES, regions }))) as FirstFigures;
	return { file, engine: new Map(regions.map((r) => [r.code, r.at])) };
}

const view = (q: string) => parseView(new URLSearchParams(q)).state;

describe('first figures', () => {
	const { file, engine } = build();

	it('read back from JSON, give the engine results of every region at every threshold, to the bit', () => {
		expect(isFirstFigures(file)).toBe(true);
		for (const t of THRESHOLDS) {
			for (const r of REGIONS) {
				const want = engine.get(r.code)!(t);
				expect(firstResult(file, r.code, t), `${r.code} at ${t}`).toStrictEqual(want);
			}
		}
		// the test population exercises margins (some groups without), unknown travel and empty groups
		const us = firstResult(file, 'US', 120)!;
		expect(us.byId.all!.beyondMoe).toBeGreaterThan(0);
		expect(us.groups.some((g) => g.beyondMoe == null)).toBe(true);
		expect(us.byId.all!.unknown).toBe(20);
		expect(us.byId.nh_nhpi!.share).toBeNull();
	});

	it('give the state ranking of every group as the engine ranks it, to the bit', () => {
		for (const t of THRESHOLDS) {
			for (const g of GROUPS) {
				const want = rankingsAt({ prepared: prepareRankings({ population, travel: TRAVEL, grain: 'state', group: g.id }), threshold: t });
				expect(firstRanking(file, t, g.id), `${g.id} at ${t}`).toStrictEqual(want);
			}
		}
	});

	it('hold nothing for another threshold or region', () => {
		expect(firstResult(file, 'US', 90)).toBeUndefined();
		expect(firstResult(file, '30', 120)).toBeUndefined();
		expect(firstRanking(file, 90, 'all')).toBeUndefined();
	});

	it('refuse a malformed file', () => {
		const bad = (f: (x: FirstFigures) => void) => {
			const x = structuredClone(file);
			f(x);
			return isFirstFigures(x);
		};
		expect(isFirstFigures(null)).toBe(false);
		expect(isFirstFigures({ version: 2 })).toBe(false);
		expect(bad((x) => x.groups.reverse())).toBe(false);
		expect(bad((x) => x.regions[0].known.pop())).toBe(false);
		expect(bad((x) => (x.regions[1].beyond[1][0] = null as unknown as number))).toBe(false);
		expect(bad((x) => x.regions[1].beyondMoe.pop())).toBe(false);
		expect(bad((x) => (x.regions[2].code = 56 as unknown as string))).toBe(false);
		expect(bad((x) => (x.thresholds = [60]))).toBe(false);
		expect(bad(() => {})).toBe(true);
	});

	it('draw only links they hold: road at 1 or 2 hours, the default list, no scenario, the nation or states', () => {
		const equity = (q: string, hasScenario = false) => firstFiguresSource({ file, chart: 'equity', view: view(q), hasScenario });
		expect(equity('')?.dash.equity).toStrictEqual(engine.get('US')!(120));
		expect(equity('region=08&t=60')?.dash.equity).toStrictEqual(engine.get('08')!(60));
		expect(equity('region=08&t=60')?.dash.regionName).toBe('Colorado');
		expect(equity('region=08&t=60')?.dash.activeCentres).toHaveLength(1);
		for (const q of ['t=90', 'region=30', 'method=calibrated', 'method=straight_miles&t=60', 'evidence=strong', 'served=adult']) expect(equity(q), q).toBeUndefined();
		expect(equity('', true)).toBeUndefined();
		expect(mayUseFirstFigures({ chart: 'whatif', view: view(''), hasScenario: false })).toBe(false);
		// the map: its headline share
		expect(firstFiguresSource({ file, chart: 'map', view: view('region=56&t=60'), hasScenario: false })?.dash.equity).toStrictEqual(engine.get('56')!(60));

		const ranking = firstFiguresSource({ file, chart: 'ranking', view: view('group=nh_black'), hasScenario: false });
		expect(ranking?.dash.rankings.map((r) => r.id)).toEqual(['56', '08']);
		expect(ranking?.dash.placeNames).toEqual({ '08': 'Colorado', '56': 'Wyoming' });
		expect(firstFiguresSource({ file, chart: 'ranking', view: view('region=08'), hasScenario: false })).toBeUndefined(); // counties

		const compare = firstFiguresSource({ file, chart: 'compare', view: view('t=60'), hasScenario: false, regions: ['56', '08'] });
		expect(compare?.cmp?.national).toStrictEqual(engine.get('US')!(60));
		expect(compare?.cmp?.figures?.map((f) => [f.code, f.name, f.kind, f.pop2020])).toEqual([
			['56', 'Wyoming', 'state', 100],
			['08', 'Colorado', 'state', 550]
		]);
		const f = compare!.cmp!.figures![0];
		expect(compare!.cmp!.sentence(f, 'nh_black')).toBe(regionSentence({ f, group: 'nh_black', unit: 'minutes', threshold: 60 }));
		expect(compare!.cmp!.sentence(f, 'nh_black')).toMatch(/^In Wyoming, /);
		for (const regions of [['08', '08031'], ['08', '30'], []]) {
			expect(firstFiguresSource({ file, chart: 'compare', view: view(''), hasScenario: false, regions }), regions.join()).toBeUndefined();
		}
	});
});
