/**
 * Which what-if links the what-if tiles draw (state/whatif-first), and what the page does with files
 * that do not serve them. The figures themselves: tests/unit/whatif-tiles.test.ts (Node, against the
 * engine) and tests/browser/embed.test.ts (the page, against the dashboard).
 */
import { describe, expect, it } from 'vitest';
import { hospitalFile, hospitalFiles, mayUseTiles, isTileIndex, thresholdFigures, thresholdFile, tileThresholds, whatIfFromTiles, withThreshold } from '../../src/lib/state/whatif-first';
import { firstResult } from '../../src/lib/state/first-figures';
import { GROUPS } from '../../src/lib/metrics/equity';
import { parseScenario } from '../../src/lib/state/scenario';
import { DEFAULT_VIEW } from '../../src/lib/state/url-params';
import { TILE_VERSION } from '../../src/lib/metrics/whatif-tiles';
import type { FirstFigures } from '../../src/lib/state/first-figures';
import type { Calibration } from '../../src/lib/metrics/drive-time/calibrated';

const link = (q: string) => parseScenario(new URLSearchParams(q)).link;

describe('what-if links drawn from the tiles', () => {
	it('are those that add points or hospitals to the default list by road at a threshold of the slider, nationally or in a state', () => {
		const view = DEFAULT_VIEW;
		expect(mayUseTiles({ chart: 'whatif', view, link: link('add=p:44,-103.2') })).toBe(true);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, threshold: 60, region: '46' }, link: link('add=p:44,-103.2~p:45,-100') })).toBe(true);
		expect(mayUseTiles({ chart: 'equity', view, link: link('add=p:44,-103.2') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view, link: link('add=h:0000372903~p:44,-103.2') })).toBe(true);
		expect(mayUseTiles({ chart: 'whatif', view, link: link('add=p:44,-103.2&remove=c1') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view, link: link('remove=c1') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view, link: link('') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, threshold: 90 }, link: link('add=p:44,-103.2') })).toBe(true);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, threshold: 92 }, link: link('add=p:44,-103.2') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, threshold: 305 }, link: link('add=p:44,-103.2') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, method: 'calibrated' }, link: link('add=p:44,-103.2') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, centreSet: 'mine' }, link: link('add=p:44,-103.2') })).toBe(false);
		expect(mayUseTiles({ chart: 'whatif', view: { ...view, areaSet: 'clinics' }, link: link('add=p:44,-103.2') })).toBe(false);
	});

	it('know a tiles index from anything else', () => {
		expect(isTileIndex({ version: TILE_VERSION, cellDeg: 4, tiles: [], centres: [], graph: { classes: [] } })).toBe(true);
		for (const x of [null, {}, { version: 99, cellDeg: 4, tiles: [], centres: [], graph: { classes: [] } }, { version: TILE_VERSION, cellDeg: 0, tiles: [], centres: [], graph: { classes: [] } }, '{"not"'])
			expect(isTileIndex(x)).toBe(false);
	});

	it('are left to the engine when the index is for another centre list, or the link is not theirs; a file that does not load rejects', async () => {
		const file = { version: 1, method: 'road', thresholds: [60, 120], centres: [{ id: 'c1', lat: 40, lon: -100 }], groups: [], regions: [{ code: 'US', name: 'the United States' }] } as unknown as FirstFigures;
		const index = { version: TILE_VERSION, cellDeg: 4, tiles: [], centres: [{ id: 'c2', lat: 40, lon: -100 }], graph: { classes: [] } };
		const asked: string[] = [];
		const load = async (name: string) => {
			asked.push(name);
			return new TextEncoder().encode(JSON.stringify(index)).buffer as ArrayBuffer;
		};
		const calibration = {} as Calibration;
		const real = { ...file, groups: ['all'], regions: [{ code: 'US', name: 'the United States', pop2020: 1, pop2020WithoutCounts: 0, known: [1], unknown: [0], median: [1], p90: [1], knownMoe: [null], beyond: [[0], [0]], beyondMoe: [[null], [null]] }] } as unknown as FirstFigures;
		const args = { file: real, view: DEFAULT_VIEW, calibration, load };
		// not a link of theirs, or a region the file does not hold: nothing asked for
		expect(await whatIfFromTiles({ ...args, link: link('remove=c1') })).toBeUndefined();
		expect(await whatIfFromTiles({ ...args, view: { ...DEFAULT_VIEW, region: '46' }, link: link('add=p:44,-103.2') })).toBeUndefined();
		expect(asked).toEqual([]);
		// an index for another list: nothing more asked for
		expect(await whatIfFromTiles({ ...args, link: link('add=p:44,-103.2') })).toBeUndefined();
		expect(asked).toEqual(['index.json']);
		// a threshold the first figures do not hold: its sums asked for with the index (and not fitting: the engine draws)
		asked.length = 0;
		expect(await whatIfFromTiles({ ...args, view: { ...DEFAULT_VIEW, threshold: 90 }, link: link('add=p:44,-103.2') })).toBeUndefined();
		expect(asked.sort()).toEqual(['f90.json', 'index.json']);
		await expect(whatIfFromTiles({ ...args, link: link('add=p:44,-103.2'), load: () => Promise.reject(new Error('HTTP 404')) })).rejects.toThrow('HTTP 404');
		// a hospital the lookup files do not hold: left to the engine (which says so in its notices)
		const realIndex = { ...index, centres: real.centres };
		const files: Record<string, unknown> = { 'index.json': realIndex, 'h03.json': [{ hospital_id: '0000000103', name: 'A', lat: 44, lon: -103 }] };
		const served = async (name: string) => new TextEncoder().encode(JSON.stringify(files[name])).buffer as ArrayBuffer;
		expect(await whatIfFromTiles({ ...args, load: served, link: link('add=h:0000000203') })).toBeUndefined();
	});

	it('add a threshold’s sums to the first figures, for every step of the slider, and refuse sums that do not fit', () => {
		expect(tileThresholds()).toHaveLength(58);
		expect(tileThresholds().slice(0, 3)).toEqual([15, 20, 25]);
		expect(tileThresholds().at(-1)).toBe(300);
		expect(thresholdFile(90)).toBe('f90.json');
		const G = GROUPS.length;
		const region = (code: string, k: number) => ({
			code,
			name: code,
			pop2020: 100,
			pop2020WithoutCounts: 0,
			known: Array(G).fill(100),
			unknown: Array(G).fill(0),
			median: Array(G).fill(50),
			p90: Array(G).fill(90),
			knownMoe: Array(G).fill(null),
			beyond: [Array(G).fill(k), Array(G).fill(k / 2)],
			beyondMoe: [Array(G).fill(null), Array(G).fill(null)]
		});
		const first: FirstFigures = { version: 1, method: 'road', thresholds: [60, 120], centres: [], groups: GROUPS.map((g) => g.id), regions: [region('US', 40), region('46', 60)] };
		const at90: FirstFigures = { ...first, thresholds: [90], regions: [region('US', 30), region('46', 50)].map((r) => ({ ...r, beyond: [r.beyond[0]], beyondMoe: [r.beyondMoe[0]] })) };
		const sums = JSON.parse(JSON.stringify(thresholdFigures(at90)));
		const merged = withThreshold(first, sums)!;
		expect(merged.thresholds).toEqual([60, 120, 90]);
		expect(firstResult(merged, '46', 90)!.byId.all!.beyond).toBe(50);
		expect(firstResult(merged, '46', 60)).toEqual(firstResult(first, '46', 60));
		// sums for other regions, a missing group, or not sums at all
		expect(withThreshold(first, { ...sums, regions: sums.regions.slice(1) })).toBeUndefined();
		expect(withThreshold(first, { ...sums, regions: [sums.regions[1], sums.regions[0]] })).toBeUndefined();
		expect(withThreshold(first, { ...sums, regions: sums.regions.map((r: { beyond: number[] }) => ({ ...r, beyond: r.beyond.slice(1) })) })).toBeUndefined();
		for (const x of [null, 'x', {}, { ...sums, version: 2 }]) expect(withThreshold(first, x)).toBeUndefined();
		expect(() => thresholdFigures(first)).toThrow(/one threshold/);
	});

	it('keep each hospital once, in the file named by its id’s last two digits', () => {
		const rows = [
			{ hospital_id: '0000000203', name: 'B', lat: 45, lon: -100, city: 'X' },
			{ hospital_id: '0000000103', name: 'A', lat: 44, lon: -103 },
			{ hospital_id: '0000000107', name: 'C', lat: 40, lon: -90 }
		];
		expect(hospitalFile('0000000203')).toBe('h03.json');
		const files = hospitalFiles(rows);
		expect([...files.keys()].sort()).toEqual(['h03.json', 'h07.json']);
		expect(JSON.parse(files.get('h03.json')!)).toEqual([
			{ hospital_id: '0000000103', name: 'A', lat: 44, lon: -103 },
			{ hospital_id: '0000000203', name: 'B', lat: 45, lon: -100 }
		]);
	});
});
