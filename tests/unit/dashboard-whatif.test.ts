/**
 * The dashboard around a what-if: after a reset the what-if engine is brought back to the baseline
 * (TravelSource.settle), so the next centre added has nothing to remove first; a scenario's road
 * minutes are aligned on the baseline's where they are the same trip (metrics/travel-file alignRoadMinutes);
 * a proposed site is computed ahead while the reader decides (previewScenario), and its figures prepared.
 */
import { describe, expect, it, vi } from 'vitest';
import { Dashboard, type TravelSource } from '../../src/lib/state/dashboard.svelte';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import type { TravelResult } from '../../src/lib/metrics/travel-engine';
import { buildPopulation, type PopulationRow } from '../../src/lib/metrics/equity';
import * as equity from '../../src/lib/metrics/equity';
import { centreRow as centre } from './centre-row';

// (prepareEquity counted: the preview prepares what the view then reads)
vi.mock('../../src/lib/metrics/equity', async (original) => {
	const m = await original<typeof import('../../src/lib/metrics/equity')>();
	return { ...m, prepareEquity: vi.fn(m.prepareEquity) };
});


/** A source that records its calls; results carry only their centres (nothing here reads more). */
function recorder(): TravelSource & { calls: string[] } {
	const calls: string[] = [];
	const ids = (cs: CentrePoint[]) => cs.map((c) => c.id).join(',');
	return {
		calls,
		travel: async (engine, centres) => {
			calls.push(`travel ${engine} ${ids(centres)}`);
			return { centres, road: false, timings: {} } as unknown as TravelResult;
		},
		settle: (engine, centres) => void calls.push(`settle ${engine} ${ids(centres)}`)
	};
}

describe('Dashboard: the what-if engine after a reset', () => {
	function dashboard() {
		const d = new Dashboard();
		d.atlasCentres = [centre('CO-01', 39.7, -105), centre('WY-01', 42.9, -106.3)];
		return d;
	}

	it('is settled back on the baseline once, after a computed scenario is reset', async () => {
		const d = dashboard();
		const src = recorder();
		await d.recompute(src);
		expect(src.calls).toEqual(['travel baseline CO-01,WY-01']);
		d.scenario = { added: [{ kind: 'point', lat: 44, lon: -103.2 }], removed: [] };
		await d.recompute(src);
		expect(src.calls.at(-1)).toBe('travel scenario CO-01,WY-01,p:44,-103.2');
		d.scenario = { added: [], removed: [] };
		await d.recompute(src);
		expect(src.calls.at(-1)).toBe('settle scenario CO-01,WY-01');
		expect(d.scenarioTravel).toBeUndefined();
		// nothing more to settle: another recompute without a scenario asks for nothing
		const n = src.calls.length;
		await d.recompute(src);
		expect(src.calls).toHaveLength(n);
	});

	it('is not asked to settle when no scenario was computed, and a source without settle still works', async () => {
		const d = dashboard();
		const src = recorder();
		await d.recompute(src);
		await d.recompute(src);
		expect(src.calls.filter((c) => c.startsWith('settle'))).toEqual([]);
		const { travel } = recorder();
		d.scenario = { added: [], removed: ['WY-01'] };
		await d.recompute({ travel });
		d.scenario = { added: [], removed: [] };
		await d.recompute({ travel });
		expect(d.phase).toBe('ready');
	});
});

describe('Dashboard: a what-if’s road minutes', () => {
	it('take the baseline’s value to the bit where they are the same trip (computed elsewhere, in Node), and keep what the change moved', async () => {
		const d = new Dashboard();
		d.atlasCentres = [centre('CO-01', 39.7, -105)];
		// a value 1 ulp above 56.755617096665375, as the browser's Math can give for the file's Node value
		const ulp = new Float64Array([56.755617096665375]);
		new BigUint64Array(ulp.buffer)[0] += 1n;
		const result = (centres: CentrePoint[], t: number[]) =>
			({ centres, road: true, timings: {}, tracts: { roadMinutes: Float64Array.from(t) }, counties: { roadMinutes: Float64Array.from([1]) } }) as unknown as TravelResult;
		const src: TravelSource = {
			travel: async (engine, centres) => (engine === 'baseline' ? result(centres, [56.755617096665375, 90]) : result(centres, [ulp[0], 45]))
		};
		await d.recompute(src);
		d.scenario = { added: [{ kind: 'point', lat: 40, lon: -104 }], removed: [] };
		await d.recompute(src);
		expect(Array.from(d.scenarioTravel!.tracts.roadMinutes)).toEqual([56.755617096665375, 45]);
		expect(d.scenarioTravel!.timings.aligned).toBe(1);
	});
});

describe('Dashboard: a proposed site computed ahead (previewScenario)', () => {
	const SITE = { added: [{ kind: 'point' as const, lat: 44, lon: -103.2 }], removed: [] };
	const OTHER = { added: [{ kind: 'point' as const, lat: 46.8, lon: -100.8 }], removed: [] };

	/** travel for 3 tracts (100, 200 and 300 people; the last two in county 46103): the baseline's, and a scenario's with the last tract within 2 hours */
	function roadResult(centres: CentrePoint[]): TravelResult {
		const added = centres.length > 2;
		const tracts = { roadMinutes: Float64Array.from([30, 150, added ? 60 : 200]), calibratedMinutes: new Float64Array(3), straightKm: new Float64Array(3) };
		return { centres, road: true, timings: {}, tracts, counties: { roadMinutes: Float64Array.from([1]) } } as unknown as TravelResult;
	}
	function source() {
		const calls: string[] = [];
		const ids = (cs: CentrePoint[]) => cs.map((c) => c.id).join(',');
		const src: TravelSource = {
			travel: async (engine, centres) => {
				calls.push(`travel ${engine} ${ids(centres)}`);
				return roadResult(centres);
			},
			settle: (engine, centres) => void calls.push(`settle ${engine} ${ids(centres)}`)
		};
		return { src, calls };
	}
	function tractRow(county_fips: string, acs_pop: number): PopulationRow {
		const base: Record<string, unknown> = { county_fips, state_fips: county_fips.slice(0, 2), pop_2020: acs_pop, apportioned: false, metro: false, svi_quartile: 4, income_quintile: 1, medicaid_expansion: false };
		for (const c of ['acs_pop', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'households', 'no_vehicle_hh']) {
			base[c] = 0;
			base[`${c}_moe`] = 0;
		}
		return { ...base, acs_pop } as PopulationRow;
	}
	async function ready() {
		const d = new Dashboard();
		d.atlasCentres = [centre('CO-01', 39.7, -105), centre('WY-01', 42.9, -106.3)];
		d.population = buildPopulation({ rows: [tractRow('08001', 100), tractRow('46103', 200), tractRow('46103', 300)] });
		const { src, calls } = source();
		await d.recompute(src);
		return { d, src, calls };
	}
	const flush = () => new Promise((r) => setTimeout(r, 0));

	it('asks the worker once: the chosen scenario takes the travel computed ahead, and its figures were prepared then', async () => {
		const { d, src, calls } = await ready();
		d.placeFips = '46103';
		expect(d.equity?.byId.all?.beyond).toBe(500);
		const prepare = vi.mocked(equity.prepareEquity);
		d.previewScenario(SITE, src);
		expect(calls.at(-1)).toBe('travel scenario CO-01,WY-01,p:44,-103.2');
		// nothing on screen changes
		expect(d.scenarioTravel).toBeUndefined();
		expect(d.equity?.byId.all?.beyond).toBe(500);
		await flush();
		const prepared = prepare.mock.calls.length;
		expect(prepared).toBeGreaterThan(0);
		d.scenario = SITE;
		await d.recompute(src);
		expect(calls.filter((c) => c.startsWith('travel scenario'))).toHaveLength(1);
		expect(d.scenarioTravel?.timings.ahead).toBe(1);
		// the view's figures, the baseline's it is compared with and the open county's: from the memos
		expect(d.equity?.byId.all?.beyond).toBe(200);
		expect(d.baselineEquity?.byId.all?.beyond).toBe(500);
		expect(d.placeEquity?.byId.all?.beyond).toBe(200);
		expect(d.rankings.length).toBeGreaterThan(0);
		expect(prepare.mock.calls.length).toBe(prepared);
	});

	it('is awaited when the scenario is chosen before its travel is in', async () => {
		const { d, src, calls } = await ready();
		d.previewScenario(SITE, src);
		d.scenario = SITE;
		await d.recompute(src);
		expect(calls.filter((c) => c.startsWith('travel scenario'))).toHaveLength(1);
		expect(d.scenarioTravel?.timings.ahead).toBe(1);
		expect(d.equity?.byId.all?.beyond).toBe(200);
	});

	it('is not used for another scenario, and the worker is asked for that one', async () => {
		const { d, src, calls } = await ready();
		d.previewScenario(SITE, src);
		d.scenario = OTHER;
		await d.recompute(src);
		expect(calls.filter((c) => c.startsWith('travel scenario'))).toEqual(['travel scenario CO-01,WY-01,p:44,-103.2', 'travel scenario CO-01,WY-01,p:46.8,-100.8']);
		expect(d.scenarioTravel?.centres.at(-1)?.id).toBe('p:46.8,-100.8');
		expect(d.scenarioTravel?.timings.ahead).toBeUndefined();
	});

	it('when dropped, brings the what-if engine back to the centres on screen; a later choice asks again', async () => {
		const { d, src, calls } = await ready();
		d.previewScenario(SITE, src);
		d.dropPreview(src);
		expect(calls.at(-1)).toBe('settle scenario CO-01,WY-01');
		d.dropPreview(src);
		expect(calls.filter((c) => c.startsWith('settle'))).toHaveLength(1);
		d.scenario = SITE;
		await d.recompute(src);
		expect(calls.filter((c) => c.startsWith('travel scenario'))).toHaveLength(2);
	});

	it('asks nothing for the scenario already shown, an empty one, or before the baseline is in', async () => {
		const { d, src, calls } = await ready();
		d.scenario = SITE;
		await d.recompute(src);
		const n = calls.length;
		d.previewScenario(SITE, src);
		d.previewScenario({ added: [], removed: [] }, src);
		expect(calls).toHaveLength(n);
		const fresh = new Dashboard();
		fresh.atlasCentres = [centre('CO-01', 39.7, -105)];
		fresh.previewScenario(SITE, src);
		expect(calls).toHaveLength(n);
	});

	it('a failed preview is forgotten: the choice asks again and gets its answer', async () => {
		const { d, src, calls } = await ready();
		let fail = true;
		const flaky: TravelSource = {
			travel: (engine, centres) => {
				if (fail) {
					fail = false;
					calls.push('failed');
					return Promise.reject(new Error('worker gone'));
				}
				return src.travel(engine, centres);
			}
		};
		d.previewScenario(SITE, flaky);
		await flush();
		d.scenario = SITE;
		await d.recompute(flaky);
		expect(calls.slice(-2)).toEqual(['failed', 'travel scenario CO-01,WY-01,p:44,-103.2']);
		expect(d.phase).toBe('ready');
		expect(d.equity?.byId.all?.beyond).toBe(200);
	});
});

describe('Dashboard: a link’s scenario asked for as soon as the build-time travel is in (askLinkScenario)', () => {
	const SITE = { added: [{ kind: 'point' as const, lat: 44, lon: -103.2 }], removed: [] };
	function roadResult(centres: CentrePoint[], minutes: number[]): TravelResult {
		return { centres, road: true, timings: {}, tracts: { roadMinutes: Float64Array.from(minutes) }, counties: { roadMinutes: Float64Array.from([1]) } } as unknown as TravelResult;
	}
	/** a dashboard with a link's scenario whose road network is loading, the build-time travel of its centres, and a source recording what it is asked */
	function link() {
		const d = new Dashboard();
		d.atlasCentres = [centre('CO-01', 39.7, -105), centre('WY-01', 42.9, -106.3)];
		d.view.method = 'road';
		d.scenario = SITE;
		const shipped = roadResult(
			d.baselineCentres.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon })),
			[56.755617096665375, 200]
		);
		// the worker's value for the same trip 1 ulp off (computed elsewhere): aligned on the shipped travel's
		const ulp = new Float64Array([56.755617096665375]);
		new BigUint64Array(ulp.buffer)[0] += 1n;
		const calls: string[] = [];
		const src: TravelSource = {
			travel: async (engine, centres, opts) => {
				calls.push(`travel ${engine} ${centres.map((c) => c.id).join(',')}${opts?.afterRoads ? ' after the roads' : ''}`);
				return roadResult(centres, engine === 'baseline' ? [56.755617096665375, 200] : [ulp[0], 60]);
			}
		};
		return { d, shipped, src, calls };
	}
	const flush = () => new Promise((r) => setTimeout(r, 0));

	it('asks the worker once, after its road network; the recompute once the roads are ready takes it, aligned on the build-time travel', async () => {
		const { d, shipped, src, calls } = link();
		expect(d.roadStatus).toBe('loading');
		d.adoptShippedTravel(shipped);
		d.askLinkScenario(shipped, src);
		// (asked again before the roads are ready: one request)
		d.askLinkScenario(shipped, src);
		expect(calls).toEqual(['travel scenario CO-01,WY-01,p:44,-103.2 after the roads']);
		await flush();
		d.roadStatus = 'ready';
		await d.recompute(src);
		// the baseline is the build-time travel: nothing more asked
		expect(calls).toHaveLength(1);
		expect(d.baselineTravel).toBe(shipped);
		expect(d.scenarioTravel?.timings.ahead).toBe(1);
		expect(Array.from(d.scenarioTravel!.tracts.roadMinutes)).toEqual([56.755617096665375, 60]);
		expect(d.scenarioTravel!.timings.aligned).toBe(1);
	});

	it('is not taken when the road network failed (the recompute asks for the scenario without it), nor asked for then', async () => {
		const { d, shipped, src, calls } = link();
		d.adoptShippedTravel(shipped);
		d.askLinkScenario(shipped, src);
		d.roadStatus = 'error';
		await d.recompute(src);
		expect(calls).toEqual(['travel scenario CO-01,WY-01,p:44,-103.2 after the roads', 'travel scenario CO-01,WY-01,p:44,-103.2']);
		const other = link();
		other.d.roadStatus = 'error';
		other.d.askLinkScenario(other.shipped, other.src);
		expect(other.calls).toEqual([]);
	});

	it('asks nothing by another method or without a scenario', () => {
		const a = link();
		a.d.view.method = 'straight_miles';
		a.d.askLinkScenario(a.shipped, a.src);
		const b = link();
		b.d.scenario = { added: [], removed: [] };
		b.d.askLinkScenario(b.shipped, b.src);
		expect([...a.calls, ...b.calls]).toEqual([]);
	});

	it('two recomputes at once (the road network’s and the session’s) ask for the scenario once', async () => {
		const { d, src, calls } = link();
		d.roadStatus = 'ready';
		await Promise.all([d.recompute(src), d.recompute(src)]);
		expect(calls).toEqual(['travel baseline CO-01,WY-01', 'travel scenario CO-01,WY-01,p:44,-103.2']);
		expect(d.scenarioTravel?.centres.map((c) => c.id)).toEqual(['CO-01', 'WY-01', 'p:44,-103.2']);
		expect(d.phase).toBe('ready');
	});
});
