/**
 * Pure builder: the ranking as bars, one per state (or per county of a state, the first
 * `max`), ordered by the share of residents beyond the threshold, with the value written at
 * the bar end. Labels left of the bars in a column capped at 40 % of the width (cut with an
 * ellipsis), so the chart fits at 375 px. The same rows feed the CSV (`chart-data.rankingTable`).
 */
import * as Plot from '@observablehq/plot';
import { estimateTextWidth, formatPercent } from '$lib/charts/equity-bars';
import type { RankingRow } from '$lib/metrics/rankings';
import { formatThreshold, type TravelUnit } from '$lib/metrics/travel-methods';

export const RANKING_COLOR = '#0072b2';
const FONT_SIZE = 12;

export interface RankingBarsInput {
	rows: readonly RankingRow[];
	names: Record<string, string>;
	threshold: number;
	unit: TravelUnit;
	width: number;
	/** what is ranked, for the labels: "States", "Counties of Colorado" */
	what: string;
	color?: string;
}

/** The rows drawn: places with a share, in rank order, the first `max`. */
export function rankingBarRows(rows: readonly RankingRow[], max = 60): RankingRow[] {
	return rows.filter((r) => r.share != null).slice(0, max);
}

export function rankingBarsDescription({ rows, names, threshold, unit, what }: Omit<RankingBarsInput, 'width'>): string {
	const t = formatThreshold({ value: threshold, unit });
	if (rows.length === 0) return `No place has residents with a known travel time or distance.`;
	const say = (r: RankingRow) => `${names[r.id] ?? r.id} ${formatPercent(r.share)}`;
	const top = rows.slice(0, 3).map(say).join(', ');
	const last = rows[rows.length - 1];
	return `${what} ranked by the share of residents living more than ${t} from a CAR-T centre. Highest: ${top}. Lowest: ${say(last)}.`;
}

export function rankingBarsOptions({ rows, names, threshold, unit, width, what, color = RANKING_COLOR }: RankingBarsInput): Plot.PlotOptions {
	const t = formatThreshold({ value: threshold, unit });
	const data = rows.map((r, i) => ({ key: r.id, rank: i + 1, label: `${i + 1}. ${names[r.id] ?? r.id}`, share: r.share ?? 0, text: formatPercent(r.share) }));
	const labelPx = Math.max(40, ...data.map((d) => estimateTextWidth(d.label)));
	const marginLeft = Math.min(labelPx + 12, Math.round(0.4 * width));
	const marginRight = 52;
	const rowHeight = 18;
	const marginTop = 30;
	const height = marginTop + 6 + data.length * rowHeight;
	let xmax = Math.max(0, ...data.map((d) => d.share));
	xmax = xmax > 0 ? Math.min(1, Math.ceil(xmax * 10 + 1e-9) / 10) : 0.1;
	return {
		width,
		height,
		marginLeft,
		marginRight,
		marginTop,
		marginBottom: 6,
		style: { fontSize: `${FONT_SIZE}px`, overflow: 'visible' },
		ariaLabel: `Bar chart: ${what.toLowerCase()} ranked by the share of residents living more than ${t} from a CAR-T centre`,
		ariaDescription: rankingBarsDescription({ rows, names, threshold, unit, what }),
		x: { domain: [0, xmax], axis: null },
		y: { domain: data.map((d) => d.key), axis: null, padding: 0 },
		marks: [
			Plot.gridX({ ticks: 5, strokeOpacity: 0.12 }),
			Plot.axisX({ anchor: 'top', ticks: width < 480 ? 4 : 5, tickFormat: (d: number) => `${Math.round(d * 100)}`, label: `Share of residents beyond ${t} (%)`, labelAnchor: 'left', labelArrow: 'none', fontSize: 11 }),
			Plot.barX(data, { x: 'share', y: 'key', fill: color, insetTop: 3, insetBottom: 3, ariaLabel: (d) => `${d.label}: ${d.text}`, title: (d) => `${d.label}\n${d.text} beyond ${t}` }),
			Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
			Plot.text(data, { x: 'share', y: 'key', dx: 5, text: 'text', textAnchor: 'start', fontSize: FONT_SIZE, fill: 'currentColor', ariaHidden: 'true' }),
			Plot.text(data, {
				y: 'key',
				text: 'label',
				frameAnchor: 'left',
				textAnchor: 'end',
				dx: -8,
				lineWidth: (marginLeft - 12) / FONT_SIZE,
				textOverflow: 'ellipsis-end',
				fontSize: FONT_SIZE,
				fill: 'currentColor',
				ariaHidden: 'true'
			})
		]
	};
}
