/**
 * Generated alt text: one or two sentences with each chart's main finding, for the embed's
 * screen-reader summary, the `<figure>` description, and the Embed dialog (to paste into a CMS).
 * Pure and deterministic; wording shared with the dashboard's sentences where one exists.
 */
import { formatCount, formatPercent } from '$lib/charts/equity-bars';
import { formatPercentPair } from '$lib/copy/format';
import { formatValue, type MapPlace } from '$lib/charts/county-map';
import { GROUP_COPY } from '$lib/copy/groups';
import { headline, type EquityResult, type GroupId } from '$lib/metrics/equity';
import type { RankingRow } from '$lib/metrics/rankings';
import { formatThreshold, type TravelUnit } from '$lib/metrics/travel-methods';
import type { CompareRow } from '$lib/charts/compare-bars';

export function mapAlt({
	regionName,
	places,
	share,
	beyond,
	threshold,
	unit,
	centreCount
}: {
	regionName: string;
	places: readonly MapPlace[];
	share: number | null;
	beyond: number | null;
	threshold: number;
	unit: TravelUnit;
	centreCount: number;
}): string {
	const t = formatThreshold({ value: threshold, unit });
	const known = places.filter((p) => p.value != null);
	const far = [...known].sort((a, b) => (b.value as number) - (a.value as number) || a.id.localeCompare(b.id)).slice(0, 3);
	const over = known.filter((p) => (p.value as number) > threshold).length;
	const parts = [
		`Map of ${regionName} by county, coloured by ${unit === 'miles' ? 'straight-line distance' : 'travel time'} to the nearest of ${centreCount} CAR-T centres.`
	];
	if (share != null) parts.push(`${formatPercent(share)} of residents${beyond != null ? ` (${formatCount(beyond)})` : ''} live more than ${t} away.`);
	// (a county without a road link to any centre has the calibrated straight-line estimate: said so, as its tooltip does)
	const farWords = (p: MapPlace) => `${p.name} (${formatValue(p.value, unit)}${p.fallback ? ', estimated: no road link' : ''})`;
	parts.push(`${over} of ${known.length} counties are more than ${t} away on average${far.length ? `; the farthest: ${far.map(farWords).join(', ')}` : ''}.`);
	return parts.join(' ');
}

export function equityAlt({ result, regionName, group, unit }: { result: EquityResult; regionName: string; group: GroupId; unit: TravelUnit }): string {
	const t = formatThreshold({ value: result.threshold, unit });
	const all = result.byId.all;
	const chosen = result.byId[group];
	const ref = chosen?.reference ? result.byId[chosen.reference] : undefined;
	const first = `Bar chart of the share of each population group in ${regionName} living more than ${t} from a CAR-T centre.`;
	const main = chosen && ref ? headline({ regionName, group: chosen, reference: ref, threshold: result.threshold, unit }) : all ? `In ${regionName}, ${formatPercent(all.share)} of residents live more than ${t} away.` : '';
	const compared = result.groups.filter((g) => g.reference && g.ratio != null && g.share != null);
	const top = [...compared].sort((a, b) => (b.ratio as number) - (a.ratio as number) || a.id.localeCompare(b.id))[0];
	const gap = top ? ` The largest gap: ${GROUP_COPY[top.id].label}, ${formatPercent(top.share)}, ${(top.ratio as number).toFixed(1)} times the share of ${GROUP_COPY[top.reference!].label}.` : '';
	return `${first} ${main}${gap}`.trim();
}

export function rankingAlt({ rows, names, threshold, unit, what }: { rows: readonly RankingRow[]; names: Record<string, string>; threshold: number; unit: TravelUnit; what: string }): string {
	const t = formatThreshold({ value: threshold, unit });
	const shown = rows.filter((r) => r.share != null);
	if (!shown.length) return `${what}: no place has residents with a known travel time or distance.`;
	const say = (r: RankingRow) => `${names[r.id] ?? r.id} (${formatPercent(r.share)})`;
	const zero = shown.filter((r) => r.share === 0).length;
	return `Bar chart ranking ${what.toLowerCase()} by the share of residents living more than ${t} from a CAR-T centre. Highest: ${shown
		.slice(0, 3)
		.map(say)
		.join(', ')}; lowest: ${say(shown[shown.length - 1])}.${zero ? ` ${zero} have no resident beyond ${t}.` : ''}`;
}

export function compareAlt({ rows, names, threshold, unit }: { rows: readonly CompareRow[]; names: readonly string[]; threshold: number; unit: TravelUnit }): string {
	const t = formatThreshold({ value: threshold, unit });
	const everyone = rows.filter((r) => r.group === 'all' && r.kind !== 'heading');
	const said = everyone.map((r) => `${r.label} ${r.text}`).join(', ');
	return `Bar chart comparing ${names.join(', ')} with the United States: the share of each population group living more than ${t} from a CAR-T centre.${said ? ` Everyone: ${said}.` : ''}`;
}

export function whatifAlt({
	result,
	baseline,
	regionName,
	unit,
	change
}: {
	result: EquityResult;
	baseline: EquityResult;
	regionName: string;
	unit: TravelUnit;
	/** "1 centre added" */
	change: string;
}): string {
	const t = formatThreshold({ value: result.threshold, unit });
	const a = baseline.byId.all;
	const b = result.byId.all;
	if (!a || !b) return `Bar chart of the share of each group in ${regionName} beyond ${t}, before and after: ${change}.`;
	const gained = a.beyond - b.beyond;
	const moved = gained >= 0 ? `${formatCount(gained)} people newly within reach` : `${formatCount(-gained)} more people beyond reach`;
	const deltas = result.groups
		.filter((g) => g.id !== 'all' && g.share != null && baseline.byId[g.id]?.share != null)
		.map((g) => ({ g, d: (baseline.byId[g.id]!.share as number) - (g.share as number) }))
		.sort((x, y) => Math.abs(y.d) - Math.abs(x.d) || x.g.id.localeCompare(y.g.id));
	const most = deltas[0];
	const mostWords = most && most.d !== 0 ? ` The largest change: ${GROUP_COPY[most.g.id].label}, from ${formatPercentPair(baseline.byId[most.g.id]!.share, most.g.share).join(' to ')}.` : '';
	return `Bar chart, before and after (${change}), of the share of each group in ${regionName} living more than ${t} from a CAR-T centre. Everyone: from ${formatPercentPair(a.share, b.share).join(' to ')}, ${moved}.${mostWords}`;
}
