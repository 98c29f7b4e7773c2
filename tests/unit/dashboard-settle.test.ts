/**
 * The dashboard's travel requests around a what-if: after a reset, the what-if engine is brought back
 * to the baseline (TravelSource.settle), so the next centre added has nothing to remove first.
 */
import { describe, expect, it } from 'vitest';
import { Dashboard, type TravelSource } from '../../src/lib/state/dashboard.svelte';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import type { TravelResult } from '../../src/lib/metrics/travel-engine';
import type { Row } from '../../src/lib/queries/all-centres';

const centre = (id: string, lat: number, lon: number): Row => ({
	centre_id: id,
	name: `Centre ${id}`,
	city: 'Denver',
	state: 'CO',
	state_fips: '08',
	county_fips: '08031',
	lat,
	lon,
	evidence_strength: 'strong',
	population_served: 'both',
	products: [],
	source_url: 'https://example.org',
	source_date: '2025-01-01',
	geocode_precision: 'hifld'
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
