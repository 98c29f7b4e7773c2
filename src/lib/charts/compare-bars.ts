/**
 * Pure builder: two to four regions side by side, by population group. For each group a
 * block of rows under a bold group heading: one horizontal bar per region (share of the
 * group beyond the threshold), then a grey "United States" bar, all on ONE shared x scale.
 * A dashed dark rule at the national share runs down each block, so every region's bar is
 * read against the nation without looking away. Where the equity result has a 90 % interval
 * (ACS margins of error), a rule with end ticks crosses the bar end; the value is written
 * right of it ("23.1 %", or "no data" where the region holds no people of the group).
 *
 * Colours: Okabe & Ito (2008) blue, vermillion, bluish green and reddish purple, which stay
 * apart for the common colour-vision deficiencies and reach 3:1 against white; the nation
 * in a mid grey (no hue). The colour legend names the regions; the region is also written
 * left of every bar, so colour is never the only cue.
 *
 * Layout at any width: region labels left of the bars in a column capped at 36 % of the
 * width (cut with an ellipsis if longer), group headings across the full width, value
 * labels in the right margin. Widths come from `estimateTextWidth` (equity-bars), generous
 * because the SVG is drawn before any font is measured.
 */
import * as Plot from '@observablehq/plot';
import { GROUP_COPY } from '$lib/copy/groups';
import { GROUPS, type EquityResult, type GroupId, type GroupResult } from '$lib/metrics/equity';
import { formatThreshold, type TravelUnit } from '$lib/metrics/travel-methods';
import { estimateTextWidth, formatCount, formatPercent, formatRatio } from './equity-bars';

/** Groups compared by default: everyone, race and ethnicity, poverty, age, rurality, social vulnerability. */
export const COMPARE_GROUPS: readonly GroupId[] = ['all', 'nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'pov150', 'age65', 'rural', 'svi_q4'];

/** Okabe-Ito, in the order regions are added. */
export const REGION_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7'] as const;
export const NATION_COLOR = '#8c8c8c';
export const NATION_LABEL = 'United States';

export interface CompareRegion {
	/** FIPS code (state or county) */
	code: string;
	/** display name, unique among the regions ("Colorado", "Sublette County, WY") */
	name: string;
	result: EquityResult;
}

export interface CompareBarsInput {
	regions: readonly CompareRegion[];
	/** the same threshold and method for the 50 states + DC */
	national: EquityResult;
	unit: TravelUnit;
	/** groups to draw (in `GROUPS` order); default `COMPARE_GROUPS` */
	groups?: readonly GroupId[];
	/** the group named in the cards' sentences: added if missing */
	highlight?: GroupId;
	width: number;
}

export interface CompareRow {
	key: string;
	kind: 'heading' | 'region' | 'nation';
	group: GroupId;
	/** region name, "United States", or the group label for headings */
	label: string;
	/** colour-scale value: region name or "United States" (null for headings) */
	series: string | null;
	share: number | null;
	low: number | null;
	high: number | null;
	/** the nation's share for this group (region and nation rows) */
	national: number | null;
	/** "23.1 %" or "no data" */
	text: string;
	title: string;
}

const FONT_SIZE = 12;

/** Region colour by position (regions keep their colour in the cards and maps too). */
export function regionColor(index: number): string {
	return REGION_COLORS[index % REGION_COLORS.length];
}

function wantedGroups(groups: readonly GroupId[], highlight?: GroupId): GroupId[] {
	const set = new Set<GroupId>(groups);
	if (highlight) set.add(highlight);
	return GROUPS.map((g) => g.id).filter((id) => set.has(id));
}

function tipLines(g: GroupResult | undefined, who: string, label: string, threshold: string, nat: GroupResult | undefined, isNation: boolean): string {
	const unitWord = g?.unit === 'households' ? 'households' : 'people';
	const lines = [`${who}: ${label}`];
	if (!g || g.share == null) {
		lines.push(`No ${unitWord} of this group with known travel here`);
		return lines.join('\n');
	}
	lines.push(`${formatPercent(g.share)} beyond ${threshold}: ${formatCount(g.beyond)} of ${formatCount(g.known)} ${unitWord}`);
	lines.push(g.shareInterval ? `90 % interval: ${formatPercent(g.shareInterval.low)} to ${formatPercent(g.shareInterval.high)}` : 'No margin of error published for this group');
	if (!isNation && nat?.share != null && nat.share > 0) lines.push(`${formatRatio(g.share / nat.share)} the national share (${formatPercent(nat.share)})`);
	return lines.join('\n');
}

/** The chart's rows, in display order: per group a heading, the regions, the nation. */
export function compareBarRows({ regions, national, unit, groups = COMPARE_GROUPS, highlight }: Omit<CompareBarsInput, 'width'>): CompareRow[] {
	const t = formatThreshold({ value: national.threshold, unit });
	const rows: CompareRow[] = [];
	for (const id of wantedGroups(groups, highlight)) {
		const label = GROUP_COPY[id].label;
		const nat = national.byId[id];
		const natShare = nat?.share ?? null;
		rows.push({ key: `h:${id}`, kind: 'heading', group: id, label, series: null, share: null, low: null, high: null, national: null, text: '', title: '' });
		for (const r of regions) {
			const g = r.result.byId[id];
			const share = g?.share ?? null;
			rows.push({
				key: `${id}|${r.code}`,
				kind: 'region',
				group: id,
				label: r.name,
				series: r.name,
				share,
				low: g?.shareInterval?.low ?? null,
				high: g?.shareInterval?.high ?? null,
				national: natShare,
				text: share == null ? 'no data' : formatPercent(share),
				title: tipLines(g, r.name, label, t, nat, false)
			});
		}
		rows.push({
			key: `${id}|US`,
			kind: 'nation',
			group: id,
			label: NATION_LABEL,
			series: NATION_LABEL,
			share: natShare,
			low: nat?.shareInterval?.low ?? null,
			high: nat?.shareInterval?.high ?? null,
			national: natShare,
			text: natShare == null ? 'no data' : formatPercent(natShare),
			title: tipLines(nat, NATION_LABEL, label, t, nat, true)
		});
	}
	return rows;
}

/** Screen-reader summary: per group, each region's share and the nation's. */
export function compareBarsDescription({ rows, threshold, unit }: { rows: CompareRow[]; threshold: number; unit: TravelUnit }): string {
	const t = formatThreshold({ value: threshold, unit });
	const parts: string[] = [`Share of each group living more than ${t} from a CAR-T centre.`];
	let current: string[] = [];
	let heading = '';
	const flush = () => {
		if (heading) parts.push(`${heading}: ${current.join(', ')}.`);
	};
	for (const r of rows) {
		if (r.kind === 'heading') {
			flush();
			heading = r.label;
			current = [];
		} else current.push(`${r.label} ${r.text}`);
	}
	flush();
	return parts.join(' ');
}

export function compareBarsOptions({ regions, national, unit, groups, highlight, width }: CompareBarsInput): Plot.PlotOptions {
	const rows = compareBarRows({ regions, national, unit, groups, highlight });
	const bars = rows.filter((r) => r.kind !== 'heading');
	const t = formatThreshold({ value: national.threshold, unit });

	const labelPx = Math.max(0, ...bars.map((r) => estimateTextWidth(r.label)));
	const marginLeft = Math.min(labelPx + 14, Math.round(0.36 * width));
	const labelRoom = marginLeft - 12;
	const textPx = Math.max(40, ...bars.map((r) => estimateTextWidth(r.text)));
	const marginRight = textPx + 12;
	const rowHeight = width >= 560 ? 18 : 19;
	const marginTop = 34;
	const marginBottom = 6;
	const height = marginTop + marginBottom + rows.length * rowHeight;

	let xmax = 0;
	for (const r of bars) xmax = Math.max(xmax, r.share ?? 0, r.high ?? 0);
	xmax = xmax > 0 ? Math.min(1, Math.ceil(xmax * 10 + 1e-9) / 10) : 0.1;

	const series = [...regions.map((r) => r.name), NATION_LABEL];
	const colors = [...regions.map((_, i) => regionColor(i)), NATION_COLOR];
	const withShare = bars.filter((r) => r.share != null);
	const withInterval = bars.filter((r) => r.low != null && r.high != null);
	const regionRows = bars.filter((r) => r.kind === 'region' && r.national != null);
	const labelStyle = { fontSize: FONT_SIZE, fill: 'currentColor' };

	const marks: Plot.Markish[] = [
		Plot.gridX({ ticks: 5, strokeOpacity: 0.12 }),
		Plot.axisX({
			anchor: 'top',
			ticks: width < 480 ? 4 : 5,
			tickFormat: (d: number) => `${Math.round(d * 100)}`,
			label: `Share beyond ${t} (%)`,
			labelAnchor: 'left',
			labelArrow: 'none',
			fontSize: 11
		}),
		Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
		Plot.barX(withShare, {
			x: 'share',
			y: 'key',
			fill: 'series',
			insetTop: 3,
			insetBottom: 3,
			ariaLabel: (r: CompareRow) => `${r.label}, ${GROUP_COPY[r.group].label}: ${r.text}`,
			title: 'title',
			tip: { fontSize: 12, lineWidth: Math.max(16, Math.floor((width - 24) / 7)) }
		}),
		// the national share, dashed through every region row of the block
		Plot.tickX(regionRows, {
			x: 'national',
			y: 'key',
			stroke: '#222',
			strokeWidth: 1.5,
			strokeDasharray: '3,2',
			ariaLabel: (r: CompareRow) => `${NATION_LABEL}, ${GROUP_COPY[r.group].label}: ${formatPercent(r.national)}`
		}),
		Plot.ruleY(withInterval, {
			x1: 'low',
			x2: 'high',
			y: 'key',
			stroke: 'currentColor',
			strokeWidth: 1.25,
			markerStart: 'tick',
			markerEnd: 'tick',
			ariaHidden: 'true'
		}),
		// values, right of the bar, its interval and the national tick (never crossed by it)
		Plot.text(bars, {
			x: (r: CompareRow) => Math.max(r.share ?? 0, r.high ?? 0, r.national ?? 0),
			y: 'key',
			dx: 5,
			text: 'text',
			textAnchor: 'start',
			...labelStyle,
			fill: (r: CompareRow) => (r.share == null ? '#595959' : 'currentColor'),
			ariaHidden: 'true'
		}),
		// region names left of the bars, cut with an ellipsis when the column is too narrow
		Plot.text(bars, {
			y: 'key',
			text: 'label',
			frameAnchor: 'left',
			textAnchor: 'end',
			dx: -8,
			lineWidth: labelRoom / FONT_SIZE,
			textOverflow: 'ellipsis-end',
			...labelStyle,
			fill: (r: CompareRow) => (r.kind === 'nation' ? '#4d4d4d' : 'currentColor'),
			ariaHidden: 'true'
		}),
		// group headings across the full width, flush left
		Plot.text(
			rows.filter((r) => r.kind === 'heading'),
			{
				y: 'key',
				text: 'label',
				frameAnchor: 'left',
				textAnchor: 'start',
				dx: -marginLeft + 2,
				dy: 3,
				lineWidth: (width - 8) / FONT_SIZE,
				textOverflow: 'ellipsis-end',
				fontWeight: 'bold',
				...labelStyle,
				ariaHidden: 'true'
			}
		)
	];

	const noMoe = [...new Set(bars.filter((r) => r.share != null && r.low == null).map((r) => GROUP_COPY[r.group].label))];
	const caption = [
		`Dashed line: the ${NATION_LABEL} (50 states and DC) at the same settings. Lines with end ticks: 90 % interval from ACS margins of error (sampling error of the counts only).`,
		noMoe.length ? `No interval for ${noMoe.join(', ')}: no margin of error is published.` : ''
	]
		.filter(Boolean)
		.join(' ');

	return {
		width,
		height,
		marginLeft,
		marginRight,
		marginTop,
		marginBottom,
		style: { fontSize: `${FONT_SIZE}px`, overflow: 'visible' },
		ariaLabel: `Bar chart: share of each population group living more than ${t} from a CAR-T centre, ${regions.map((r) => r.name).join(', ')} and the ${NATION_LABEL}`,
		ariaDescription: compareBarsDescription({ rows, threshold: national.threshold, unit }),
		caption,
		x: { domain: [0, xmax], axis: null },
		y: { domain: rows.map((r) => r.key), axis: null, padding: 0 },
		color: { domain: series, range: colors, legend: true },
		marks
	};
}
