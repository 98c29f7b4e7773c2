/**
 * Compare bars: the builder's options rendered to SVG in Node (JSDOM) on a real-data fixture
 * (every tract, straight line at 30 mph, 120 minutes; Colorado, Montana and Sublette County,
 * WY against the nation; see tests/fixtures/make-compare-bars-fixture.ts), checked against a
 * snapshot and for what a reader needs: one shared scale, the national reference in every
 * group, intervals, distinct region colours, and labels that fit at 375 px.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import {
	COMPARE_GROUPS,
	compareBarRows,
	compareBarsOptions,
	NATION_COLOR,
	NATION_LABEL,
	REGION_COLORS,
	type CompareRegion
} from '../../src/lib/charts/compare-bars';
import { estimateTextWidth } from '../../src/lib/charts/equity-bars';
import type { EquityResult, GroupResult } from '../../src/lib/metrics/equity';
import fixture from '../fixtures/compare-bars.json';

function withById(r: unknown): EquityResult {
	const e = r as EquityResult;
	return { ...e, byId: Object.fromEntries(e.groups.map((g) => [g.id, g])) };
}
const national = withById(fixture.national);
const regions: CompareRegion[] = fixture.regions.map((r) => ({ code: r.code, name: r.name, result: withById(r.result) }));

function render(opts: Plot.PlotOptions): Document {
	const { window } = new JSDOM('<!doctype html><body></body>');
	const fig = Plot.plot({ ...opts, document: window.document });
	window.document.body.append(fig);
	return window.document;
}
const input = { regions, national, unit: 'minutes' as const, width: 720 };

describe('compare bars builder', () => {
	const opts = compareBarsOptions(input);

	it('matches the committed SVG snapshot', async () => {
		await expect(render(opts).body.innerHTML).toMatchFileSnapshot('./__snapshots__/compare-bars.svg');
	});

	it('per group: a heading, one row per region, one for the nation', () => {
		const rows = compareBarRows(input);
		expect(rows).toHaveLength(COMPARE_GROUPS.length * (regions.length + 2));
		expect(rows.slice(0, 5).map((r) => r.key)).toEqual(['h:all', 'all|08', 'all|30', 'all|56035', 'all|US']);
		expect(rows.find((r) => r.key === 'all|US')!.share).toBeCloseTo(national.byId.all!.share!, 12);
		// the highlighted group is added when missing, in display order
		const keys = compareBarRows({ ...input, groups: ['all'], highlight: 'no_vehicle_hh' }).map((r) => r.key);
		expect(keys.filter((k) => k.startsWith('h:'))).toEqual(['h:all', 'h:no_vehicle_hh']);
	});

	it('one shared x scale for every region and the nation, covering every interval', () => {
		const doc = render(opts);
		const bars = [...doc.querySelectorAll('g[aria-label="bar"] rect')];
		const x0 = Math.min(...bars.map((b) => Number(b.getAttribute('x'))));
		// every bar starts at the same zero
		expect(bars.every((b) => Math.abs(Number(b.getAttribute('x')) - x0) < 0.01)).toBe(true);
		// Montana and Sublette are 100 % beyond for everyone: the full frame, the same length
		const len = (label: string) => Number(bars.find((b) => b.getAttribute('aria-label') === label)!.getAttribute('width'));
		expect(len('Montana, Everyone: 100 %')).toBeCloseTo(len('Sublette County, WY, Everyone: 100 %'), 6);
		expect(len('Colorado, Everyone: 24.8 %') / len('Montana, Everyone: 100 %')).toBeCloseTo(regions[0].result.byId.all!.share!, 3);
		expect((opts.x as { domain: number[] }).domain).toEqual([0, 1]);
	});

	it('the national share is drawn in every region row, and as its own bar', () => {
		const doc = render(opts);
		const ticks = doc.querySelectorAll('g[aria-label="tick"] line');
		const withNation = compareBarRows(input).filter((r) => r.kind === 'region' && r.national != null).length;
		expect(ticks.length).toBe(withNation);
		expect(withNation).toBe(COMPARE_GROUPS.length * regions.length);
		expect(doc.querySelector(`g[aria-label="bar"] rect[aria-label^="${NATION_LABEL}, Everyone: 25.2 %"]`)).not.toBeNull();
		expect(opts.caption).toMatch(/Dashed line: the United States/);
	});

	it('regions in distinct Okabe-Ito colours, the nation grey, a legend naming them', () => {
		const doc = render(opts);
		const fill = (label: string) => doc.querySelector(`g[aria-label="bar"] rect[aria-label^="${label}"]`)?.getAttribute('fill');
		expect(fill('Colorado, Everyone')).toBe(REGION_COLORS[0]);
		expect(fill('Montana, Everyone')).toBe(REGION_COLORS[1]);
		expect(fill('Sublette County, WY, Everyone')).toBe(REGION_COLORS[2]);
		expect(fill('United States, Everyone')).toBe(NATION_COLOR);
		const legend = doc.body.textContent ?? '';
		for (const n of ['Colorado', 'Montana', 'Sublette County, WY', NATION_LABEL]) expect(legend).toContain(n);
	});

	it('intervals where the result has them; "no data" where a region has no people of the group', () => {
		const doc = render(opts);
		const rows = compareBarRows(input);
		const withInterval = rows.filter((r) => r.low != null && r.high != null).length;
		expect(doc.querySelectorAll('g[aria-label="rule"] line').length).toBe(withInterval + 1); // + the zero rule
		// Sublette County has no Asian or American Indian residents in the ACS counts and is not in
		// SVI quartile 4: those rows say "no data" rather than draw a zero-length bar
		const none = rows.filter((r) => r.kind !== 'heading' && r.share == null);
		expect(none.map((r) => r.key)).toEqual(['nh_asian|56035', 'nh_aian|56035', 'svi_q4|56035']);
		const texts = [...doc.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
		expect(texts.filter((t) => t === 'no data')).toHaveLength(none.length);
		expect(opts.caption).toMatch(/No interval for White \(non-Hispanic\)/);
	});

	it('summarises every group for screen readers', () => {
		const svg = render(opts).querySelector('svg[aria-label]')!;
		expect(svg.getAttribute('aria-label')).toMatch(/more than 2 hours from a CAR-T centre, Colorado, Montana, Sublette County, WY and the United States/);
		const desc = svg.getAttribute('aria-description')!;
		expect(desc).toContain('Everyone: Colorado 24.8 %, Montana 100 %, Sublette County, WY 100 %, United States 25.2 %.');
		expect(desc).toContain('Non-metro counties: Colorado 95.0 %');
	});

	it.each([375, 720, 1100])('at %i px: labels fit, the bars keep room', (width) => {
		const o = compareBarsOptions({ ...input, width });
		const ml = o.marginLeft as number;
		const mr = o.marginRight as number;
		expect(width - ml - mr).toBeGreaterThan(width * 0.4);
		for (const r of compareBarRows(input)) {
			if (r.kind === 'heading') expect(estimateTextWidth(r.label)).toBeLessThanOrEqual(width - 8);
			else expect(estimateTextWidth(r.text) + 5).toBeLessThanOrEqual(mr);
		}
		// at 720 px and wider no region name is cut
		if (width >= 720) for (const r of regions) expect(estimateTextWidth(r.name)).toBeLessThanOrEqual(ml - 12);
	});

	it('a region without people draws labels only', () => {
		const empty: EquityResult = {
			...regions[0].result,
			groups: regions[0].result.groups.map((g) => ({ ...g, known: 0, beyond: 0, share: null, shareInterval: null, beyondInterval: null }) as GroupResult)
		};
		empty.byId = Object.fromEntries(empty.groups.map((g) => [g.id, g]));
		const o = compareBarsOptions({ ...input, regions: [{ code: '08', name: 'Colorado', result: empty }, regions[1]] });
		const doc = render(o);
		expect(doc.querySelectorAll('g[aria-label="bar"] rect[aria-label^="Colorado"]').length).toBe(0);
		expect(o.ariaDescription).toContain('Everyone: Colorado no data, Montana 100 %');
	});
});
