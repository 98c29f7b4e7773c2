/**
 * Embed URLs: which chart, the display options of the embed itself (theme, title, groups,
 * frame id, reader downloads), and the view settings, read by the dashboard's own parsers
 * (`url-params.parseView`, `scenario.parseScenario`, `compare-params.parseCompare`) so an
 * embed and the full view read the same link the same way. Pure: params in, state and
 * notices out; library code never reads `location`.
 *
 *   /embed/map/?region=08&t=60&theme=dark&id=atlas-1
 *   /embed/equity/?groups=all,nh_black,rural&title=Who+lives+far
 *   /embed/compare/?regions=08,30,56035
 *   /embed/whatif/?add=h:0000372903
 */
import { GROUP_COPY } from '$lib/copy/groups';
import type { GroupId } from '$lib/metrics/equity';
import { parseView, serialiseView, type ViewState } from '$lib/state/url-params';
import { parseScenario, serialiseScenario, type ParsedScenario } from '$lib/state/scenario';
import { parseCompare, serialiseCompare } from '$lib/state/compare-params';

export const EMBED_CHARTS = ['map', 'equity', 'ranking', 'compare', 'whatif'] as const;
export type EmbedChart = (typeof EMBED_CHARTS)[number];

export const CHART_NAMES: Record<EmbedChart, string> = {
	map: 'Map',
	equity: 'Who is beyond reach, by group',
	ranking: 'Ranking',
	compare: 'Region comparison',
	whatif: 'What-if: before and after'
};

export function isEmbedChart(x: unknown): x is EmbedChart {
	return typeof x === 'string' && (EMBED_CHARTS as readonly string[]).includes(x);
}

/** The parameters that belong to the embed, not to the view. */
export const DISPLAY_PARAMS = ['theme', 'title', 'groups', 'id', 'downloads'] as const;

export type Theme = 'light' | 'dark';

export interface EmbedDisplay {
	theme: Theme;
	/** null: the chart's own title; '' : no visible title (still named for screen readers) */
	title: string | null;
	/** groups drawn (equity, compare, whatif); null: the chart's default set */
	groups: GroupId[] | null;
	/** the iframe's id, echoed in every height message so a host page with several embeds can tell them apart */
	id: string | null;
	/** show PNG/SVG/CSV download buttons to readers */
	downloads: boolean;
}

export const DEFAULT_DISPLAY: EmbedDisplay = { theme: 'light', title: null, groups: null, id: null, downloads: false };

export interface ParsedEmbed {
	chart: EmbedChart;
	display: EmbedDisplay;
	view: ViewState;
	/** map, equity, ranking, whatif: the what-if link (empty for the others) */
	scenario: ParsedScenario;
	/** compare: the region codes, well-formed, not yet checked against the data */
	regions: string[];
	notices: string[];
}

const ID = /^[A-Za-z][\w-]{0,63}$/;
/** Longest custom title kept (characters). */
export const MAX_TITLE = 160;

export function parseDisplay(params: URLSearchParams): { display: EmbedDisplay; notices: string[] } {
	const notices: string[] = [];
	const display: EmbedDisplay = { ...DEFAULT_DISPLAY };
	const theme = params.get('theme');
	if (theme != null) {
		if (theme === 'light' || theme === 'dark') display.theme = theme;
		else notices.push(`Ignored theme="${theme}"; use light or dark.`);
	}
	const title = params.get('title');
	if (title != null) {
		const t = title.replace(/\s+/g, ' ').trim();
		if (t.length > MAX_TITLE) notices.push(`The title was cut to ${MAX_TITLE} characters.`);
		display.title = t === 'none' ? '' : t.slice(0, MAX_TITLE);
	}
	const groups = params.get('groups');
	if (groups != null) {
		const parts = groups.split(',').map((g) => g.trim()).filter(Boolean);
		const good = parts.filter((g): g is GroupId => g in GROUP_COPY);
		const bad = parts.filter((g) => !(g in GROUP_COPY));
		if (bad.length) notices.push(`Ignored unknown group(s) ${bad.map((b) => `"${b}"`).join(', ')} in groups=.`);
		if (good.length) display.groups = [...new Set(good)];
		else notices.push('No known group in groups=: showing the default groups.');
	}
	const id = params.get('id');
	if (id != null) {
		if (ID.test(id)) display.id = id;
		else notices.push(`Ignored id="${id.slice(0, 40)}": use letters, digits, - and _, starting with a letter.`);
	}
	const dl = params.get('downloads');
	if (dl != null) display.downloads = dl === '1' || dl === 'true';
	return { display, notices };
}

/** Split the embed's own params from the view's, then read both. */
export function parseEmbed(chart: EmbedChart, params: URLSearchParams): ParsedEmbed {
	const { display, notices } = parseDisplay(params);
	const rest = new URLSearchParams(params);
	for (const k of DISPLAY_PARAMS) rest.delete(k);
	if (chart === 'compare') {
		const c = parseCompare(rest);
		return { chart, display, view: c.view, scenario: parseScenario(new URLSearchParams()), regions: c.codes, notices: [...notices, ...c.notices] };
	}
	if (rest.has('regions')) {
		notices.push(`Ignored regions=: only the comparison embed compares regions; use region= for one state.`);
		rest.delete('regions');
	}
	const v = parseView(rest);
	const scenario = parseScenario(rest);
	if (chart === 'whatif' && scenario.link.added.length === 0 && scenario.link.removed.length === 0 && scenario.notices.length === 0) {
		notices.push('This what-if embed has no change: add add=h:<hospital id> or remove=<centre id> to the link. Showing today\'s centres.');
	}
	return { chart, display, view: v.state, scenario, regions: [], notices: [...notices, ...v.notices, ...scenario.notices] };
}

/** The view part of a state as URL params (what the full view's link holds). */
export function viewParams({ chart, view, scenario, regions }: { chart: EmbedChart; view: ViewState; scenario?: ParsedScenario['link']; regions?: string[] }): URLSearchParams {
	if (chart === 'compare') return serialiseCompare({ view, regions: regions ?? [] });
	const p = serialiseView(view);
	if (scenario) for (const [k, v] of Object.entries(serialiseScenario(scenario))) p.set(k, v);
	return p;
}

/** The display options as URL params; defaults are omitted. */
export function displayParams(d: Partial<EmbedDisplay>): URLSearchParams {
	const p = new URLSearchParams();
	if (d.theme && d.theme !== 'light') p.set('theme', d.theme);
	if (d.title != null) p.set('title', d.title === '' ? 'none' : d.title);
	if (d.groups && d.groups.length) p.set('groups', d.groups.join(','));
	if (d.id) p.set('id', d.id);
	if (d.downloads) p.set('downloads', '1');
	return p;
}

/** Readable query string ('' for none): commas and tildes left as they are. */
export function queryString(p: URLSearchParams): string {
	const q = p.toString().replaceAll('%2C', ',').replaceAll('%7E', '~').replaceAll('%3A', ':');
	return q ? `?${q}` : '';
}

/** Path (under the app's base) of the full view a chart comes from. */
export function fullViewPath(chart: EmbedChart): string {
	return chart === 'compare' ? '/compare/' : '/';
}
