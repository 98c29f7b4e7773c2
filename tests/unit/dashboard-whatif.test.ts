/**
 * The dashboard around a what-if: after a reset the what-if engine is brought back to the baseline
 * (TravelSource.settle), so the next centre added has nothing to remove first; a scenario's road
 * minutes are aligned on the baseline's where they are the same trip (metrics/travel-file alignRoadMinutes).
 */
import { describe, expect, it } from 'vitest';
import { Dashboard, type TravelSource } from '../../src/lib/state/dashboard.svelte';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import type { TravelResult } from '../../src/lib/metrics/travel-engine';
import { centreRow as centre } from './centre-row';


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
