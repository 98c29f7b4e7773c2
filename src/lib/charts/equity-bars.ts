/**
 * Pure builder: who lives beyond reach, by population group. One horizontal bar per group
 * (share of the group's people, or households, beyond the threshold), grouped by family under
 * a family heading, with
 * - the 90 % interval from ACS margins of error as a rule across the bar end (groups whose
 *   source publishes no margin, e.g. non-Hispanic White, have none);
 * - reference groups in grey and the selected group in orange (Okabe-Ito palette: blue and
 *   orange stay distinct for the common colour-vision deficiencies; greys carry no hue);
 * - a text label "31.4 % · 1.8× White" (share, and disparity ratio against the reference);
 * - with a `baseline` (what-if), a hollow diamond at the baseline share so the change shows.
 *
 * Layout: labels sit left of the bars when the longest one fits in 40 % of the width;
 * otherwise (phones) each label sits above its bar, so nothing overflows at 375 px.
 * Widths are estimated from character classes (Plot's own text metrics are not exported),
 * generously, because the SVG is drawn before any font is measured.
 *
 * The number formatters here are shared with the equity panel and the ranking table.
 *
 * During a threshold drag, {@link updateEquityBars} moves a drawing to the new numbers in place
 * (the bars, intervals and labels only), as Plot would draw them, instead of drawing it again.
 */
import * as Plot from '@observablehq/plot';
import { FAMILY_LABELS, GROUP_COPY } from '$lib/copy/groups';
import { formatCount, formatInteger, formatPercent, formatRatio } from '$lib/copy/format';
import { GROUPS, type EquityResult, type Family, type GroupId, type GroupResult } from '$lib/metrics/equity';
import { formatThreshold, type TravelUnit } from '$lib/metrics/travel-methods';

/** The representative set shown by default. */
export const DEFAULT_EQUITY_GROUPS: readonly GroupId[] = [
	'all',
	'nh_white',
	'nh_black',
	'hispanic',
	'nh_asian',
	'nh_aian',
	'nh_nhpi',
	'nh_other_multi',
	'pov150',
	'uninsured',
	'age65',
	'no_vehicle_hh',
	'rural',
	'svi_q4',
	'svi_q1',
	'income_q1',
	'income_q5',
	'medicaid_not_expanded',
	'medicaid_expanded'
];

/** Short names of the reference groups, for "1.8× White" labels. */
export const REFERENCE_SHORT: Partial<Record<GroupId, string>> = {
	nh_white: 'White',
	not_pov150: 'others',
	not_uninsured: 'others',
	under65: 'under 65',
	vehicle_hh: 'with vehicle',
	metro: 'metro',
	svi_q1: 'SVI Q1',
	income_q5: 'income Q5',
	medicaid_expanded: 'expansion'
};

/** Okabe & Ito (2008) colour-blind-safe blue and vermillion, with two greys. */
export const EQUITY_COLORS = {
	Everyone: '#444444',
	'Reference group': '#a6a6a6',
	'Compared group': '#0072b2',
	'Selected group': '#d55e00'
} as const;
export type BarKind = keyof typeof EQUITY_COLORS;

export interface EquityBarsInput {
	result: EquityResult;
	/** unit of the threshold (for the axis label and tips) */
	unit: TravelUnit;
	/** groups to draw, any order (drawn by family, in `GROUPS` order); default `DEFAULT_EQUITY_GROUPS` */
	groups?: readonly GroupId[];
	width: number;
	/** the group named in the headline: drawn in orange, added (with its reference) if missing */
	highlight?: GroupId;
	/** the result before a what-if change: its shares are drawn as ticks */
	baseline?: EquityResult;
}

/** One row of the chart: a family heading or a group. */
export interface BarRow {
	key: string;
	heading: boolean;
	kind: BarKind | null;
	id: GroupId | null;
	label: string;
	share: number | null;
	low: number | null;
	high: number | null;
	baseline: number | null;
	/** disparity ratio against `reference` (null without one) */
	ratio: number | null;
	reference: GroupId | null;
	/** "31.4 % · 1.8× White" */
	text: string;
	/** multi-line tip */
	title: string;
}

const FONT_SIZE = 12;
/** Below this width the labels go above the bars. */
export const WIDE_MIN = 560;

/** Rough text width in px at `size` (sans-serif), on the generous side. */
export function estimateTextWidth(text: string, size = FONT_SIZE): number {
	let ems = 0;
	for (const ch of text) {
		if (ch === ' ') ems += 0.3;
		else if (/[iIl.,:;'|!()[\]·]/.test(ch)) ems += 0.32;
		else if (/[mwMW%]/.test(ch)) ems += 0.9;
		else if (/[A-Z]/.test(ch)) ems += 0.7;
		else if (/[0-9]/.test(ch)) ems += 0.6;
		else ems += 0.56;
	}
	return Math.ceil(ems * size);
}

/** 1.2 million, 45,881, 658 (households or people; rounded). */
export { formatCount, formatPercent, formatRatio } from '$lib/copy/format';

/** 95 min, 1,234 mi; – for null. */
export function formatTravel(value: number | null | undefined, unit: TravelUnit): string {
	if (value == null || !Number.isFinite(value)) return '–';
	return `${formatInteger(value)} ${unit === 'minutes' ? 'min' : 'mi'}`;
}

/** "31.4 % · 1.8× White", "81.7 %", "no data". */
export function barText(g: GroupResult): string {
	if (g.share == null) return 'no data';
	const ratio = g.reference && g.ratio != null ? ` · ${formatRatio(g.ratio)} ${REFERENCE_SHORT[g.reference] ?? GROUP_COPY[g.reference].label}` : '';
	return `${formatPercent(g.share)}${ratio}`;
}

function familyOrder(): Family[] {
	const out: Family[] = [];
	for (const g of GROUPS) if (!out.includes(g.family)) out.push(g.family);
	return out;
}

/** The chart's rows, in display order: family headings (except for "Everyone") then groups. */
export function equityBarRows({
	result,
	unit,
	groups = DEFAULT_EQUITY_GROUPS,
	highlight,
	baseline
}: Omit<EquityBarsInput, 'width'>): BarRow[] {
	const wanted = new Set<GroupId>(groups);
	if (highlight) {
		wanted.add(highlight);
		const ref = result.byId[highlight]?.reference;
		if (ref) wanted.add(ref);
	}
	const unitWord = (g: GroupResult) => (g.unit === 'households' ? 'households' : 'people');
	const rows: BarRow[] = [];
	for (const family of familyOrder()) {
		const members = result.groups.filter((g) => g.family === family && wanted.has(g.id));
		if (members.length === 0) continue;
		if (family !== 'total') {
			rows.push({ key: `family:${family}`, heading: true, kind: null, id: null, label: FAMILY_LABELS[family], share: null, low: null, high: null, baseline: null, ratio: null, reference: null, text: '', title: '' });
		}
		for (const g of members) {
			const kind: BarKind = g.id === highlight ? 'Selected group' : g.id === 'all' ? 'Everyone' : g.reference == null ? 'Reference group' : 'Compared group';
			const b = baseline?.byId[g.id]?.share ?? null;
			const label = GROUP_COPY[g.id].label;
			const lines: string[] = [label];
			if (g.share == null) lines.push(`No ${unitWord(g)} with known travel in this region`);
			else {
				lines.push(`${formatPercent(g.share)} beyond ${formatThreshold({ value: result.threshold, unit })}: ${formatCount(g.beyond)} of ${formatCount(g.known)} ${unitWord(g)}`);
				if (g.shareInterval) lines.push(`90 % interval: ${formatPercent(g.shareInterval.low)} to ${formatPercent(g.shareInterval.high)}`);
				else lines.push('No margin of error published for this group');
				if (g.reference) lines.push(`${formatRatio(g.ratio)} the share of ${GROUP_COPY[g.reference].label}`);
				else if (g.id !== 'all') lines.push('Reference group');
				if (baseline) lines.push(`Before the change: ${formatPercent(b)}`);
			}
			if (g.unknown > 0) lines.push(`${formatCount(g.unknown)} ${unitWord(g)} with unknown travel, not counted`);
			rows.push({
				key: g.id,
				heading: false,
				kind,
				id: g.id,
				label,
				share: g.share,
				low: g.shareInterval?.low ?? null,
				high: g.shareInterval?.high ?? null,
				baseline: b,
				ratio: g.ratio,
				reference: g.reference,
				text: barText(g),
				title: lines.join('\n')
			});
		}
	}
	return rows;
}

/** Screen-reader summary: everyone's share, the highest and lowest compared groups, the change. */
export function equityBarsDescription({ rows, threshold, unit, baseline }: { rows: BarRow[]; threshold: number; unit: TravelUnit; baseline: boolean }): string {
	const t = formatThreshold({ value: threshold, unit });
	const bars = rows.filter((r) => !r.heading && r.share != null);
	if (bars.length === 0) return `No group has people with a known travel time or distance in this region.`;
	const parts: string[] = [];
	const all = bars.find((r) => r.id === 'all');
	if (all) parts.push(`Everyone: ${formatPercent(all.share)} live more than ${t} from a CAR-T centre${baseline ? ` (before the change: ${formatPercent(all.baseline)})` : ''}.`);
	const compared = bars.filter((r) => r.reference != null && r.ratio != null);
	const says = (r: BarRow) =>
		`${r.label}, ${formatPercent(r.share)}, ${formatRatio(r.ratio).replace('×', ' times')} the share of ${GROUP_COPY[r.reference as GroupId].label}.`;
	if (compared.length > 0) {
		const sorted = [...compared].sort((a, b) => (b.share as number) - (a.share as number) || a.key.localeCompare(b.key));
		parts.push(`Highest share: ${says(sorted[0])}`);
		if (sorted.length > 1) parts.push(`Lowest share: ${says(sorted[sorted.length - 1])}`);
	}
	const sel = bars.find((r) => r.kind === 'Selected group');
	if (sel) parts.push(`Selected: ${sel.label}, ${formatPercent(sel.share)}.`);
	const none = rows.filter((r) => !r.heading && r.share == null).map((r) => r.label);
	if (none.length) parts.push(`No data for: ${none.join('; ')}.`);
	return parts.join(' ');
}

export function equityBarsOptions({ result, unit, groups, width, highlight, baseline }: EquityBarsInput): Plot.PlotOptions {
	const rows = equityBarRows({ result, unit, groups, highlight, baseline });
	const bars = rows.filter((r) => !r.heading);
	const t = formatThreshold({ value: result.threshold, unit });

	const labelPx = Math.max(0, ...rows.map((r) => estimateTextWidth(r.label) * (r.heading ? 1.08 : 1)));
	const textPx = Math.max(40, ...bars.map((r) => estimateTextWidth(r.text)));
	const marginRight = textPx + 14;
	// wide: labels left of the bars, wrapped onto two lines past 38 % of the width;
	// narrow (phones): each label on its own line above its bar
	const wide = width >= WIDE_MIN;
	const marginLeft = wide ? Math.min(labelPx + 16, Math.round(0.38 * width)) : 8;
	const labelLine = wide ? marginLeft - 16 : width - 16;
	const wraps = wide && labelPx > labelLine;
	const rowHeight = wide ? (wraps ? 30 : 22) : 34;
	const marginTop = 36;
	const marginBottom = 8;
	const height = marginTop + marginBottom + rows.length * rowHeight;
	// in the stacked layout the top of each band holds the label, the bar the rest
	const insetTop = wide ? (wraps ? 6 : 3) : 17;
	const insetBottom = wide ? (wraps ? 6 : 3) : 3;
	const barMid = (insetTop - insetBottom) / 2; // dy from the band centre to the bar centre

	let xmax = 0;
	for (const r of bars) xmax = Math.max(xmax, r.share ?? 0, r.high ?? 0, r.baseline ?? 0);
	xmax = xmax > 0 ? Math.min(1, Math.ceil(xmax * 10 + 1e-9) / 10) : 0.1;

	const withShare = bars.filter((r) => r.share != null);
	const withInterval = bars.filter((r) => r.low != null && r.high != null);
	const withBaseline = baseline ? bars.filter((r) => r.baseline != null) : [];
	const kinds = (Object.keys(EQUITY_COLORS) as BarKind[]).filter((k) => bars.some((r) => r.kind === k));

	const axisLabel = `Share of people beyond ${t} (%)`;
	const labelStyle = { fontSize: FONT_SIZE, fill: 'currentColor' };
	// (built when Plot draws: a step of a drag that only moves the bars (updateEquityBars) never reads them)
	const marks = (): Plot.Markish[] => [
		Plot.gridX({ ticks: 5, strokeOpacity: 0.12 }),
		Plot.axisX({ anchor: 'top', ticks: width < 480 ? 4 : 5, tickFormat: (d: number) => `${Math.round(d * 100)}`, label: axisLabel, labelAnchor: 'left', labelArrow: 'none', fontSize: 11 }),
		Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
		Plot.barX(withShare, {
			x: 'share',
			y: 'key',
			fill: 'kind',
			insetTop,
			insetBottom,
			className: LIVE_CLASS.share,
			ariaLabel: barAriaLabel,
			title: 'title',
			tip: { fontSize: 12, lineWidth: Math.max(16, Math.floor((width - 24) / 7)) }
		}),
		Plot.ruleY(withInterval, {
			x1: 'low',
			x2: 'high',
			y: 'key',
			dy: barMid,
			className: LIVE_CLASS.interval,
			stroke: 'currentColor',
			strokeWidth: 1.5,
			ariaHidden: 'true',
			markerStart: 'tick',
			markerEnd: 'tick'
		}),
		...(baseline
			? [
					Plot.dot(withBaseline, {
						x: 'baseline',
						y: 'key',
						dy: barMid,
						symbol: 'diamond',
						r: 4.5,
						fill: 'white',
						stroke: 'currentColor',
						strokeWidth: 1.5,
						className: LIVE_CLASS.before,
						ariaLabel: beforeAriaLabel
				})
				]
			: []),
		// value labels, right of the bar, interval and baseline tick
		Plot.text(bars, {
			x: valueX,
			y: 'key',
			dy: barMid,
			dx: baseline ? 9 : 5,
			className: LIVE_CLASS.value,
			text: 'text',
			textAnchor: 'start',
			...labelStyle,
			fill: (r: BarRow) => (r.share == null ? '#666' : 'currentColor'),
			ariaHidden: 'true'
		}),
		// group labels: left of the frame (wide) or above the bar (stacked); the selected one bold
		...[false, true].map((bold) =>
			Plot.text(
				bars.filter((r) => (r.kind === 'Selected group') === bold),
				{
					y: 'key',
					text: 'label',
					frameAnchor: 'left',
					textAnchor: wide ? 'end' : 'start',
					dx: wide ? -8 : 0,
					dy: wide ? 0 : -(rowHeight / 2) + 9,
					// wrap (wide) or, below ~330 px, cut (narrow) at the label's room, in ems
					lineWidth: labelLine / FONT_SIZE,
					textOverflow: wide ? null : 'ellipsis-end',
					fontWeight: bold ? 'bold' : 'normal',
					...labelStyle,
					ariaHidden: 'true'
				}
			)
		),
		// family headings, flush with the left edge of the figure
		Plot.text(
			rows.filter((r) => r.heading),
			{
				y: 'key',
				text: 'label',
				frameAnchor: 'left',
				textAnchor: 'start',
				dx: -marginLeft + 2,
				dy: wide ? 2 : 4,
				fontWeight: 'bold',
				...labelStyle,
				ariaHidden: 'true'
			}
		)
	];

	const nMoe = bars.filter((r) => r.share != null && r.low == null).map((r) => r.label);
	const caption = [
		'Lines: 90 % interval from ACS margins of error (sampling error of the counts only).',
		nMoe.length ? `No interval for ${nMoe.join(', ')}: no margin of error is published.` : '',
		baseline ? 'Diamonds: the share before the change.' : ''
	]
		.filter(Boolean)
		.join(' ');

	let built: Plot.Markish[] | undefined;
	const options: Plot.PlotOptions = {
		width,
		height,
		marginLeft,
		marginRight,
		marginTop,
		marginBottom,
		style: { fontSize: `${FONT_SIZE}px`, overflow: 'visible' },
		ariaLabel: `Bar chart: share of each population group living more than ${t} from a CAR-T centre`,
		ariaDescription: equityBarsDescription({ rows, threshold: result.threshold, unit, baseline: !!baseline }),
		caption,
		x: { domain: [0, xmax], axis: null },
		y: { domain: rows.map((r) => r.key), axis: null, padding: 0 },
		color: { domain: kinds, range: kinds.map((k) => EQUITY_COLORS[k]), legend: true },
		get marks() {
			return (built ??= marks());
		}
	};
	const layout = JSON.stringify([
		[width, height, marginLeft, marginTop, marginBottom, caption, !!baseline],
		rows.map((r) => [r.key, r.label, r.kind, r.heading, r.share == null, r.low == null, r.baseline == null])
	]);
	LIVE.set(options, { layout, width, marginLeft, marginRight, xmax, bars, withShare, withInterval, withBaseline, axisLabel });
	return options;
}

/** The bar's, the baseline diamond's and the value label's channels, shared by the drawing and {@link updateEquityBars}. */
const barAriaLabel = (r: BarRow) => `${r.label}: ${r.text}`;
const beforeAriaLabel = (r: BarRow) => `${r.label}, before the change: ${formatPercent(r.baseline)}`;
/** the value label: right of the bar, its interval and its diamond (at 0 without a share) */
const valueX = (r: BarRow) => (r.share == null ? 0 : Math.max(r.share ?? 0, r.high ?? 0, r.baseline ?? 0));

/** Classes of the marks that move with the numbers ({@link updateEquityBars} finds them by these). */
const LIVE_CLASS = { share: 'equity-share', interval: 'equity-interval', before: 'equity-before', value: 'equity-value' } as const;

/** What {@link updateEquityBars} needs of one set of options: its layout, x scale and rows. */
interface LiveBars {
	/** what the drawing's shapes depend on but the numbers and the x scale: size, margins, rows, caption */
	layout: string;
	width: number;
	marginLeft: number;
	/** the right margin and the x domain's end: the x scale */
	marginRight: number;
	xmax: number;
	bars: BarRow[];
	withShare: BarRow[];
	withInterval: BarRow[];
	withBaseline: BarRow[];
	axisLabel: string;
}
const LIVE = new WeakMap<Plot.PlotOptions, LiveBars>();

/** An element's text: its one text node's data changed in place (no node replaced), else its textContent. */
function setText(el: Element, text: string): void {
	const t = el.firstChild;
	// (nodeType 3: a text node; the tests' DOM has no global Node)
	if (t && t === el.lastChild && t.nodeType === 3) {
		if ((t as Text).data !== text) (t as Text).data = text;
	} else if (el.textContent !== text) el.textContent = text;
}

/**
 * Show the numbers of `to` in `figure`, a Plot drawing of `from` (both from {@link equityBarsOptions}),
 * in place: for the steps of a threshold drag, which change the numbers but not the rows. Sets the
 * bars' ends, the intervals, the diamonds, the value labels and their positions, the axis label and
 * the chart's accessible name and description, exactly as Plot draws the options returned (a test
 * holds the two equal); Plot's pointer tips keep the numbers of `from` until the figure is drawn again.
 *
 * Returns the options the figure now shows: `to`, or, with `hold` (a drag going on), `to` on the x
 * scale of `from` (its domain and right margin) when its numbers fit in it: the axis then stays put
 * while the bars move, and the caller draws the figure afresh, fitted, once the drag pauses. Returns
 * null, changing nothing, when the rows, size or caption differ, the x scale differs and cannot be
 * held, or the figure is not such a drawing: draw it.
 */
export function updateEquityBars(figure: Element, from: Plot.PlotOptions, to: Plot.PlotOptions, { hold = false } = {}): Plot.PlotOptions | null {
	const a = LIVE.get(from);
	const b = LIVE.get(to);
	if (!a || !b || a.layout !== b.layout) return null;
	let shows = to;
	let live = b;
	if (a.xmax !== b.xmax || a.marginRight !== b.marginRight) {
		if (!hold || b.xmax > a.xmax || b.marginRight > a.marginRight) return null;
		// (only the scale differs: the marks depend on neither, and are still built only if drawn: the
		// getter is copied, not called)
		const field = (value: unknown) => ({ value, enumerable: true, writable: true, configurable: true });
		shows = Object.defineProperties({}, {
			...Object.getOwnPropertyDescriptors(to),
			marginRight: field(a.marginRight),
			x: field({ ...(to.x as object), domain: [0, a.xmax] })
		}) as Plot.PlotOptions;
		live = { ...b, marginRight: a.marginRight, xmax: a.xmax };
	}
	const marks = (name: keyof typeof LIVE_CLASS) => figure.querySelector(`g.${LIVE_CLASS[name]}`)?.children;
	const share = marks('share');
	const interval = marks('interval');
	const before = marks('before');
	const value = marks('value');
	const svg = figure.querySelector('svg[aria-description]');
	const axis = figure.querySelector('g[aria-label="x-axis label"] text');
	const sized = (els: HTMLCollection | undefined, tag: string, n: number) => (n === 0 ? !els || els.length === 0 : els?.length === n && [...els].every((e) => e.tagName === tag));
	// (markers come first in the interval group: its lines are its last children)
	const lines = interval ? [...interval].filter((e) => e.tagName === 'line') : [];
	if (!svg || !axis || !sized(share, 'rect', b.withShare.length) || lines.length !== b.withInterval.length || !sized(before, 'path', b.withBaseline.length) || !sized(value, 'text', b.bars.length)) {
		return null;
	}
	const x = Plot.scale({ x: { type: 'linear', domain: [0, live.xmax], range: [live.marginLeft, live.width - live.marginRight] } }).apply as (v: number) => number;
	const set = (el: Element, name: string, v: string) => {
		if (el.getAttribute(name) !== v) el.setAttribute(name, v);
	};
	// (a translate's x changed, its y kept: rows do not move)
	const moveX = (el: Element, px: number) => set(el, 'transform', (el.getAttribute('transform') ?? '').replace(/^translate\([^,]*,/, `translate(${px},`));
	const x0 = x(0);
	b.withShare.forEach((r, i) => {
		const el = share![i];
		const x2 = x(r.share as number);
		set(el, 'x', String(Math.min(x0, x2)));
		set(el, 'width', String(Math.max(0, Math.abs(x2 - x0))));
		set(el, 'aria-label', barAriaLabel(r));
	});
	b.withInterval.forEach((r, i) => {
		set(lines[i], 'x1', String(x(r.low as number)));
		set(lines[i], 'x2', String(x(r.high as number)));
	});
	b.withBaseline.forEach((r, i) => {
		moveX(before![i], x(r.baseline as number));
		set(before![i], 'aria-label', beforeAriaLabel(r));
	});
	b.bars.forEach((r, i) => {
		const el = value![i];
		moveX(el, x(valueX(r)));
		setText(el, r.text);
	});
	setText(axis, b.axisLabel);
	set(svg, 'aria-label', String(to.ariaLabel));
	set(svg, 'aria-description', String(to.ariaDescription));
	if (shows !== to) LIVE.set(shows, live);
	return shows;
}
