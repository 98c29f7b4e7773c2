/**
 * CSV exports: quoting, the commented header, and round trips on real-data fixtures: the
 * parsed file holds exactly the numbers the chart builders draw.
 */
import { describe, expect, it } from 'vitest';
import { cellValue, parseCsv, toCsv, typedRows, type ChartTable } from '../../src/lib/embed/csv';
import { compareTable, equityTable, mapTable, rankingTable, whatifTable, type TableContext } from '../../src/lib/embed/chart-data';
import { equityBarRows } from '../../src/lib/charts/equity-bars';
import { compareBarRows } from '../../src/lib/charts/compare-bars';
import type { EquityResult } from '../../src/lib/metrics/equity';
import type { RankingRow } from '../../src/lib/metrics/rankings';
import equityFixture from '../fixtures/equity-bars.json';
import compareFixture from '../fixtures/compare-bars.json';
import mapFixture from '../fixtures/county-map.json';

const ctx: TableContext = {
	method: 'straight_30mph',
	threshold: 120,
	unit: 'minutes',
	filter: { evidence: ['strong', 'moderate'], served: [] },
	centreCount: 167,
	regionName: 'Montana'
};

function roundTrip(t: ChartTable) {
	const text = toCsv(t);
	const parsed = parseCsv(text);
	expect(parsed.header).toEqual(t.columns.map((c) => c.key));
	expect(typedRows(parsed.rows, t.columns)).toEqual(t.rows.map((r) => r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))));
	return { text, parsed };
}

describe('csv', () => {
	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['#hash', '"#hash"'],
		[0.1 + 0.2, '0.30000000000000004'],
		[null, ''],
		[Number.NaN, '']
	])('cell %j → %s', (v, out) => {
		const t = toCsv({ title: 't', columns: [{ key: 'x', label: 'x' }], rows: [[v]], notes: [] });
		expect(t.split('\r\n').at(-2)).toBe(out);
	});

	it('writes units, method, threshold, centre set and vintages as comments', () => {
		const { parsed } = roundTrip(mapTable({ places: mapFixture.places, ctx, title: 'Map' }));
		const c = parsed.comments.join('\n');
		expect(c).toMatch(/Method: Straight line at 30 mph/);
		expect(c).toMatch(/Threshold: 120 minutes \(2 hours\)/);
		expect(c).toMatch(/Centre set: 167 centres with strong \+ moderate evidence/);
		expect(c).toMatch(/Vintages: centre list evidence dated .*; group counts ACS 2018-2022 5-year/);
		expect(c).toMatch(/travel: travel to the nearest centre.*\(minutes\)/);
		expect(c).toMatch(/Source: CAR-T Access Atlas; centre list as of .*, incomplete \(distances are upper bounds\);/);
	});

	it('equity: the file holds every bar of the chart, at full precision', () => {
		const result = equityFixture.result as unknown as EquityResult;
		const rows = equityBarRows({ result, unit: 'minutes', highlight: 'nh_aian' });
		const { parsed } = roundTrip(equityTable({ rows, result, ctx, title: 'Equity' }));
		const bars = rows.filter((r) => !r.heading);
		expect(parsed.rows.map((r) => r[0])).toEqual(bars.map((r) => r.id));
		expect(parsed.rows.map((r) => cellValue(r[6]))).toEqual(bars.map((r) => r.share));
		expect(parsed.rows.map((r) => cellValue(r[9]))).toEqual(bars.map((r) => r.ratio));
	});

	it('what-if: before, after and newly within reach', () => {
		const result = equityFixture.result as unknown as EquityResult;
		const baseline = equityFixture.baseline as unknown as EquityResult;
		const rows = equityBarRows({ result, unit: 'minutes', baseline });
		const { parsed } = roundTrip(whatifTable({ rows, result, baseline, ctx, title: 'What if' }));
		const all = parsed.rows.find((r) => r[0] === 'all')!;
		expect(cellValue(all[3])).toBe(baseline.byId.all!.share);
		expect(cellValue(all[4])).toBe(result.byId.all!.share);
		expect(cellValue(all[7])).toBe(baseline.byId.all!.beyond - result.byId.all!.beyond);
	});

	it('compare: every region and the nation, per group', () => {
		const withById = (e: { groups: { id: string }[] }) => ({ ...e, byId: Object.fromEntries(e.groups.map((g) => [g.id, g])) }) as unknown as EquityResult;
		const regions = compareFixture.regions.map((r) => ({ code: r.code, name: r.name, result: withById(r.result) }));
		const rows = compareBarRows({ regions, national: withById(compareFixture.national), unit: 'minutes' });
		const { parsed } = roundTrip(compareTable({ rows, ctx, title: 'Compare' }));
		expect(parsed.rows).toHaveLength(rows.filter((r) => r.kind !== 'heading').length);
		expect(new Set(parsed.rows.map((r) => r[2]))).toEqual(new Set([...regions.map((r) => r.code), 'US']));
	});

	it('ranking: rank order, group columns only with a group', () => {
		const rows: RankingRow[] = [
			{ id: '02', people: 700000, beyond: 300000.5, share: 0.4285721, unknown: 0, median: 80, p90: 400, groupShares: { id: 'rural', reference: 'metro', known: 1, beyond: 1, share: 0.9, referenceShare: 0.3, ratio: 3 } },
			{ id: '11', people: 680000, beyond: 0, share: 0, unknown: 12, median: 10, p90: 20, groupShares: null }
		];
		const names = { '02': 'Alaska', '11': 'District of Columbia' };
		const { parsed } = roundTrip(rankingTable({ rows, names, ctx, title: 'Ranking', groupLabel: 'Non-metro' }));
		expect(parsed.header).toContain('group_share');
		expect(parsed.rows[0].slice(0, 4)).toEqual(['1', '02', 'Alaska', '0.4285721']);
		expect(rankingTable({ rows, names, ctx, title: 'R', groupLabel: null }).columns.map((c) => c.key)).not.toContain('group_share');
	});
});
