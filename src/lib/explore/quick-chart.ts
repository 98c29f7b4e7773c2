/**
 * A quick chart of a console result, chosen from the column types alone:
 * - one number and at least one text column, at most `MAX_BARS` rows → horizontal **bar**
 *   (first text column on y, the number on x; a second text column colours the bars);
 *   with more rows, bars would be unreadable, so it is a histogram of the number;
 * - two or more numbers → **dot** (first number on x, second on y; the first text column in
 *   the tip); at most `MAX_DOTS` rows;
 * - one number and no text → **histogram** of it.
 * The caption says when rows were left out (dots past `MAX_DOTS`).
 * Anything else (no number column, no rows) gets no chart and a reason.
 * Pure: the chooser and the Plot options builder run in Node tests.
 */
import * as Plot from '@observablehq/plot';

export const MAX_BARS = 60;
export const MAX_DOTS = 20_000;

export type ChartKind = 'bar' | 'dot' | 'histogram';

export interface ChartSpec {
	kind: ChartKind;
	x: string;
	y?: string;
	/** text column for colour (bars) or tips (dots) */
	label?: string;
	/** rows actually drawn */
	shown: number;
	total: number;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;
const TEXT = /^(VARCHAR|TEXT|STRING|BOOLEAN|DATE|TIMESTAMP.*|ENUM.*)$/i;

export const isNumericType = (t: string) => NUMERIC.test(t.trim());
export const isTextType = (t: string) => TEXT.test(t.trim());

export function chooseChart({ columns, rowCount }: { columns: { name: string; type: string }[]; rowCount: number }): ChartSpec | { kind: null; reason: string } {
	if (rowCount === 0) return { kind: null, reason: 'No rows to chart.' };
	const nums = columns.filter((c) => isNumericType(c.type)).map((c) => c.name);
	const texts = columns.filter((c) => isTextType(c.type)).map((c) => c.name);
	if (nums.length === 0) return { kind: null, reason: 'No chart: the result has no number column. Add one, e.g. count(*) AS n.' };
	if (nums.length >= 2)
		return { kind: 'dot', x: nums[0], y: nums[1], label: texts[0], shown: Math.min(rowCount, MAX_DOTS), total: rowCount };
	if (texts.length >= 1 && rowCount <= MAX_BARS)
		return { kind: 'bar', x: nums[0], y: texts[0], label: texts[1], shown: rowCount, total: rowCount };
	return { kind: 'histogram', x: nums[0], shown: rowCount, total: rowCount };
}

/** "Chart shows the first 20,000 of 85,395 rows" or "". */
export function chartNote(spec: ChartSpec): string {
	if (spec.shown >= spec.total) return '';
	return `Chart shows the first ${spec.shown.toLocaleString('en-US')} of ${spec.total.toLocaleString('en-US')} rows, in result order.`;
}

export function quickChartOptions({ spec, rows, width }: { spec: ChartSpec; rows: Record<string, unknown>[]; width: number }): Plot.PlotOptions {
	const data = rows.slice(0, spec.shown);
	const num = (k: string) => (d: Record<string, unknown>) => (typeof d[k] === 'number' ? (d[k] as number) : NaN);
	const str = (k: string) => (d: Record<string, unknown>) => (d[k] == null ? '(null)' : String(d[k]));
	if (spec.kind === 'bar') {
		const y = spec.y!;
		const labels = data.map(str(y));
		const longest = labels.reduce((m, s) => Math.max(m, s.length), 0);
		const marginLeft = Math.min(Math.round(width * 0.4), 12 + longest * 7);
		return {
			width,
			height: Math.max(120, new Set(labels).size * 20 + 50),
			marginLeft,
			x: { label: spec.x, grid: true },
			y: { label: null, domain: [...new Set(labels)], tickFormat: (s: string) => (s.length * 7 > marginLeft - 12 ? s.slice(0, Math.floor((marginLeft - 12) / 7) - 1) + '…' : s) },
			color: spec.label ? { legend: true, label: spec.label } : undefined,
			marks: [
				Plot.barX(data, { x: num(spec.x), y: str(y), fill: spec.label ? str(spec.label) : '#0072b2', tip: true }),
				Plot.ruleX([0])
			]
		};
	}
	if (spec.kind === 'dot') {
		return {
			width,
			height: Math.min(480, Math.max(240, Math.round(width * 0.6))),
			grid: true,
			x: { label: spec.x },
			y: { label: spec.y },
			marks: [
				Plot.dot(data, {
					x: num(spec.x),
					y: num(spec.y!),
					r: 2.5,
					fill: '#0072b2',
					fillOpacity: 0.6,
					tip: true,
					title: spec.label ? (d: Record<string, unknown>) => `${str(spec.label!)(d)}\n${spec.x}: ${d[spec.x]}\n${spec.y}: ${d[spec.y!]}` : undefined
				})
			]
		};
	}
	return {
		width,
		height: 260,
		x: { label: spec.x },
		y: { label: 'rows', grid: true },
		marks: [Plot.rectY(data, { ...Plot.binX({ y: 'count' }, { x: num(spec.x) }), fill: '#0072b2', tip: true }), Plot.ruleY([0])]
	};
}
