/**
 * Equity bars: the builder's options rendered to SVG in Node (JSDOM) on a real-data fixture
 * (Montana tracts, straight line at 30 mph, 120 minutes; what-if: Billings Clinic added as a
 * centre; see tests/fixtures/make-equity-bars-fixture.ts), checked against a snapshot and
 * for what a reader needs: every group labelled, intervals, reference groups distinct,
 * baseline ticks, and nothing drawn outside the figure at 375 px.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import {
	barText,
	DEFAULT_EQUITY_GROUPS,
	EQUITY_COLORS,
	equityBarRows,
	equityBarsOptions,
	estimateTextWidth,
	formatCount,
	formatPercent,
	formatRatio
} from '../../src/lib/charts/equity-bars';
import type { EquityResult, GroupResult } from '../../src/lib/metrics/equity';
import fixture from '../fixtures/equity-bars.json';

const result = fixture.result as unknown as EquityResult;
const baseline = fixture.baseline as unknown as EquityResult;

function render(opts: Plot.PlotOptions): Document {
	const { window } = new JSDOM('<!doctype html><body></body>');
	const fig = Plot.plot({ ...opts, document: window.document });
	window.document.body.append(fig);
	return window.document;
}

describe('equity bars builder', () => {
	const opts = equityBarsOptions({ result, baseline, unit: 'minutes', width: 720, highlight: 'nh_aian' });

	it('matches the committed SVG snapshot', async () => {
		await expect(render(opts).body.innerHTML).toMatchFileSnapshot('./__snapshots__/equity-bars.svg');
	});

	it('one bar per group with people, one label per group, a heading per family', () => {
		const doc = render(opts);
		const bars = doc.querySelectorAll('g[aria-label="bar"] rect');
		// income_q5 and medicaid_not_expanded have no people in Montana: labelled "no data", no bar
		expect(bars.length).toBe(DEFAULT_EQUITY_GROUPS.length - 2);
		const texts = [...doc.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
		expect(texts).toContain('American Indian and Alaska Native (non-Hispanic)');
		expect(texts).toContain('Race and ethnicity');
		expect(texts).toContain('Median household income (county)');
		expect(texts.filter((t) => t === 'no data')).toHaveLength(2);
		expect(texts).toContain(barText(result.byId.rural!));
		expect(doc.body.innerHTML).toContain('Share of people beyond 2 hours (%)');
	});

	it('reference groups grey, selected group orange, the rest blue; a legend says which', () => {
		const doc = render(opts);
		const fill = (label: string) =>
			[...doc.querySelectorAll('g[aria-label="bar"] rect')].find((r) => r.getAttribute('aria-label')?.startsWith(label))?.getAttribute('fill');
		expect(fill('White (non-Hispanic)')).toBe(EQUITY_COLORS['Reference group']);
		expect(fill('American Indian and Alaska Native')).toBe(EQUITY_COLORS['Selected group']);
		expect(fill('Black (non-Hispanic)')).toBe(EQUITY_COLORS['Compared group']);
		expect(fill('Everyone')).toBe(EQUITY_COLORS.Everyone);
		expect(doc.body.textContent).toContain('Reference group');
	});

	it('intervals where the source has margins of error; baseline ticks for the what-if', () => {
		const doc = render(opts);
		const withInterval = result.groups.filter((g) => DEFAULT_EQUITY_GROUPS.includes(g.id) && g.shareInterval).length;
		expect(doc.querySelectorAll('g[aria-label="rule"] line').length).toBe(withInterval + 1); // + the zero rule
		expect(doc.querySelectorAll('g[aria-label="dot"] path').length).toBe(DEFAULT_EQUITY_GROUPS.length - 2);
		expect(doc.body.innerHTML).toContain('No interval for White (non-Hispanic)');
		expect(render(equityBarsOptions({ result, unit: 'minutes', width: 720 })).querySelectorAll('g[aria-label="dot"]').length).toBe(0);
	});

	it('summarises the main finding for screen readers', () => {
		const svg = render(opts).querySelector("svg[aria-label]")!;
		expect(svg.getAttribute('aria-label')).toMatch(/more than 2 hours from a CAR-T centre/);
		const desc = svg.getAttribute("aria-description")!;
		expect(desc).toContain('Everyone: 81.7 % live more than 2 hours from a CAR-T centre (before the change: 100 %).');
		expect(desc).toContain('Highest share: Non-metro counties, 96.9 %, 1.4 times the share of Metro counties.');
		expect(desc).toContain('Lowest share: Native Hawaiian and Pacific Islander (non-Hispanic), 62.3 %, 0.8 times the share of White (non-Hispanic).');
		expect(desc).toContain('Selected: American Indian and Alaska Native (non-Hispanic), 81.3 %.');
		expect(desc).toContain('No data for: Highest-income counties (quintile 5); States without Medicaid expansion.');
	});

	it.each([375, 720, 1100])('at %i px: every label fits inside the figure', (width) => {
		const o = equityBarsOptions({ result, baseline, unit: 'minutes', width, highlight: 'nh_aian' });
		const rows = equityBarRows({ result, baseline, unit: 'minutes', highlight: 'nh_aian' });
		const ml = o.marginLeft as number;
		const mr = o.marginRight as number;
		const plotWidth = width - ml - mr;
		expect(plotWidth).toBeGreaterThan(width * 0.35);
		const wide = ml > 8;
		expect(wide).toBe(width >= 560);
		for (const r of rows) {
			const w = estimateTextWidth(r.label);
			// wide: left of the bars, wrapped onto at most two lines
			if (wide && !r.heading) expect(w).toBeLessThanOrEqual(2 * (ml - 16));
			else expect(w).toBeLessThanOrEqual(width - 8);
			if (!r.heading) expect(estimateTextWidth(r.text) + 9).toBeLessThanOrEqual(mr);
		}
	});

	it('adds the highlighted group and its reference when they are not in the list', () => {
		const keys = equityBarRows({ result, unit: 'minutes', groups: ['all'], highlight: 'income_q3' }).map((r) => r.key);
		expect(keys).toEqual(['all', 'family:income', 'income_q3', 'income_q5']);
	});

	it('an empty region draws labels only and says so', () => {
		const empty: EquityResult = {
			...result,
			groups: result.groups.map((g) => ({ ...g, known: 0, beyond: 0, share: null, ratio: null, shareInterval: null, beyondInterval: null }) as GroupResult)
		};
		empty.byId = Object.fromEntries(empty.groups.map((g) => [g.id, g]));
		const o = equityBarsOptions({ result: empty, unit: 'miles', width: 375 });
		const doc = render(o);
		expect(doc.querySelectorAll('g[aria-label="bar"] rect').length).toBe(0);
		expect(o.ariaDescription).toMatch(/^No group has people/);
	});
});

describe('formatters', () => {
	it.each([
		[null, '–'],
		[0, '0'],
		[657.6, '658'],
		[45_881.2, '45,881'],
		[1_091_840, '1.1 million'],
		[331_097_593, '331.1 million']
	])('formatCount(%s) = %s', (n, want) => expect(formatCount(n)).toBe(want));
	it.each([
		[null, '–'],
		[0, '0 %'],
		[1, '100 %'],
		[0.3142, '31.4 %'],
		[0.0004, '0.0 %']
	])('formatPercent(%s) = %s', (s, want) => expect(formatPercent(s)).toBe(want));
	it.each([
		[null, '–'],
		[1.8, '1.8×'],
		[1.04, '1.0×'],
		[0.05, '0.05×']
	])('formatRatio(%s) = %s', (r, want) => expect(formatRatio(r)).toBe(want));
});
