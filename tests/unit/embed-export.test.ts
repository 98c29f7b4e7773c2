/**
 * Image export composition (JSDOM), ranking bars, alt text and theme contrast: the exported
 * SVG holds the title, legend text and source line; colours meet WCAG AA in both themes.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { composeSvg, recolourForDark, serialiseSvg, svgDimensions, wrapText } from '../../src/lib/embed/export-figure';
import { embedSource } from '../../src/lib/embed/chart-data';
import { equityAlt, mapAlt, rankingAlt, whatifAlt } from '../../src/lib/embed/alt-text';
import { formatPercentPair } from '../../src/lib/copy/format';
import { rankingBarRows, rankingBarsOptions } from '../../src/lib/embed/ranking-bars';
import { contrastRatio, PALETTES } from '../../src/lib/embed/theme';
import { equityBarsOptions } from '../../src/lib/charts/equity-bars';
import type { EquityResult } from '../../src/lib/metrics/equity';
import type { RankingRow } from '../../src/lib/metrics/rankings';
import fixture from '../fixtures/equity-bars.json';

const result = fixture.result as unknown as EquityResult;
const baseline = fixture.baseline as unknown as EquityResult;
const colours = { background: '#ffffff', text: '#1a1a1a', muted: '#4d4d4d' };

function dom() {
	return new JSDOM('<!doctype html><body></body>').window;
}

describe('composeSvg', () => {
	it('puts title, subtitle, the swatch legend, the chart, caption and source in one SVG', () => {
		const w = dom();
		const fig = Plot.plot({ ...equityBarsOptions({ result, unit: 'minutes', width: 640, highlight: 'nh_aian', baseline }), document: w.document }) as Element;
		const svg = composeSvg({ doc: w.document, figure: fig, title: 'Who lives far', subtitle: 'In Montana, …', notes: ['A note'], source: embedSource(), colours });
		const text = serialiseSvg(svg, w.XMLSerializer);
		expect(text.startsWith('<?xml')).toBe(true);
		expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
		for (const s of ['Who lives far', 'Selected group', 'Reference group', 'Source: CAR-T Access Atlas', 'A note', 'Diamonds']) expect(text).toContain(s);
		const { width, height } = svgDimensions(svg);
		expect(width).toBe(640 + 32);
		expect(height).toBeGreaterThan(Number(fig.querySelector('svg:not([class*="swatch"])')?.getAttribute('height') ?? 0));
		// the swatches keep their colours
		const swatches = [...svg.querySelectorAll('g.export-legend rect')].map((r) => r.getAttribute('fill'));
		expect(swatches).toEqual(['#444444', '#a6a6a6', '#0072b2', '#d55e00']);
		// nothing but SVG inside (no HTML elements leak from the figure)
		expect(svg.querySelectorAll('div, span, figure, figcaption')).toHaveLength(0);
	});

	it('wraps long lines to the width', () => {
		const lines = wrapText('word '.repeat(100), 200, 12);
		expect(lines.length).toBeGreaterThan(5);
		expect(lines.join(' ')).toBe('word '.repeat(100).trim());
	});

	it('dark theme recolours fixed dark greys', () => {
		const w = dom();
		const g = w.document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		g.innerHTML = '<text fill="#666">x</text><line stroke="#222"></line><rect fill="#0072b2"></rect>';
		recolourForDark(g, PALETTES.dark);
		expect(g.querySelector('text')!.getAttribute('fill')).toBe(PALETTES.dark.muted);
		expect(g.querySelector('line')!.getAttribute('stroke')).toBe(PALETTES.dark.text);
		expect(g.querySelector('rect')!.getAttribute('fill')).toBe('#0072b2');
	});
});

const rankRows: RankingRow[] = ['02', '56', '30', '11'].map((id, i) => ({ id, people: 1000, beyond: 400 - 100 * i, share: (400 - 100 * i) / 1000, unknown: 0, median: 1, p90: 2, groupShares: null }));
const names = { '02': 'Alaska', '56': 'Wyoming', '30': 'Montana', '11': 'District of Columbia' };

describe('ranking bars', () => {
	it('draws one labelled bar per place, in rank order, within the width at 375 px', () => {
		const w = dom();
		const opts = rankingBarsOptions({ rows: rankingBarRows(rankRows), names, threshold: 120, unit: 'minutes', width: 375, what: 'States' });
		const fig = Plot.plot({ ...opts, document: w.document }) as Element;
		const bars = [...fig.querySelectorAll('g[aria-label="bar"] rect')];
		expect(bars).toHaveLength(4);
		expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual(['1. Alaska: 40.0 %', '2. Wyoming: 30.0 %', '3. Montana: 20.0 %', '4. District of Columbia: 10.0 %']);
		for (const b of bars) expect(Number(b.getAttribute('x')) + Number(b.getAttribute('width'))).toBeLessThanOrEqual(375);
	});
	it('leaves out places without a share and caps the count', () => {
		expect(rankingBarRows([...rankRows, { ...rankRows[0], id: '72', share: null }], 3).map((r) => r.id)).toEqual(['02', '56', '30']);
	});
});

describe('alt text', () => {
	it('names the main finding', () => {
		expect(equityAlt({ result, regionName: 'Montana', group: 'nh_aian', unit: 'minutes' })).toMatch(/^Bar chart of the share of each population group in Montana living more than 2 hours from a CAR-T centre\. In Montana, .*American Indian/);
		expect(whatifAlt({ result, baseline, regionName: 'Montana', unit: 'minutes', change: '1 centre added' })).toMatch(/Everyone: from [\d.]+ % to [\d.]+ %, [\d,]+ people newly within reach/);
		expect(rankingAlt({ rows: rankRows, names, threshold: 120, unit: 'minutes', what: 'States' })).toBe(
			'Bar chart ranking states by the share of residents living more than 2 hours from a CAR-T centre. Highest: Alaska (40.0 %), Wyoming (30.0 %), Montana (20.0 %); lowest: District of Columbia (10.0 %).'
		);
	});
	it('gives a before and after that differ as many decimals as they need (formatPercentPair)', () => {
		expect(formatPercentPair(0.18824, 0.18763)).toEqual(['18.82 %', '18.76 %']);
		expect(formatPercentPair(0.188241, 0.188236)).toEqual(['18.824 %', '18.824 %']);
		expect(formatPercentPair(0.2, 0.1)).toEqual(['20.0 %', '10.0 %']);
		expect(formatPercentPair(0.188, 0.188)).toEqual(['18.8 %', '18.8 %']);
		expect(formatPercentPair(null, 0.1)).toEqual(['–', '10.0 %']);
		// the what-if's alt text reads so
		const near = (r: EquityResult, share: number) => ({ ...r, byId: { ...r.byId, all: { ...r.byId.all!, share } } }) as EquityResult;
		expect(whatifAlt({ result: near(result, 0.18763), baseline: near(baseline, 0.18824), regionName: 'the United States', unit: 'minutes', change: '1 centre added' })).toMatch(
			/Everyone: from 18\.82 % to 18\.76 %, /
		);
	});
	it('says which of the farthest counties have only an estimate (no road link)', () => {
		const places = [
			{ id: '02016', name: 'Aleutians West Census Area', value: 3094, pop: 5000, nearest: 'A', fallback: true },
			{ id: '30005', name: 'Blaine County', value: 330, pop: 7000, nearest: 'B', fallback: false },
			{ id: '08001', name: 'Adams County', value: 20, pop: 500000, nearest: 'C' },
			{ id: '99999', name: 'No data', value: null, pop: 1, nearest: null }
		];
		expect(mapAlt({ regionName: 'the United States', places, share: 0.2, beyond: 5, threshold: 120, unit: 'minutes', centreCount: 3 })).toBe(
			'Map of the United States by county, coloured by travel time to the nearest of 3 CAR-T centres. 20.0 % of residents (5) live more than 2 hours away. 2 of 3 counties are more than 2 hours away on average; the farthest: Aleutians West Census Area (51 h 34 min, estimated: no road link), Blaine County (5 h 30 min), Adams County (20 min).'
		);
	});
});

describe('theme contrast (WCAG AA)', () => {
	it.each(['light', 'dark'] as const)('%s: text 4.5:1, chart colours 3:1', (t) => {
		const p = PALETTES[t];
		for (const c of [p.text, p.muted, p.link]) expect(contrastRatio(c, p.background), c).toBeGreaterThanOrEqual(4.5);
		expect(contrastRatio(p.text, p.noticeBackground)).toBeGreaterThanOrEqual(4.5);
		expect(contrastRatio(p.link, p.noticeBackground)).toBeGreaterThanOrEqual(4.5);
		for (const c of [...Object.values(p.equity), ...p.regions, p.nation, p.ranking]) expect(contrastRatio(c, p.background), c).toBeGreaterThanOrEqual(3);
	});
	it('computes known ratios', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});
});
