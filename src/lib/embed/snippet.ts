/**
 * The copy-and-paste embed code: a responsive iframe (full width of the article column,
 * height set by the height protocol) and the small host script `embed.js` served by the app.
 */
import { CHART_NAMES, displayParams, queryString, viewParams, type EmbedChart, type EmbedDisplay } from './params';

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Absolute embed URL: `${origin}${base}/embed/<chart>/?<view>&<display>`. */
export function embedUrl({
	origin,
	base = '',
	chart,
	view,
	display = {}
}: {
	origin: string;
	base?: string;
	chart: EmbedChart;
	/** the view's params (see `params.viewParams`) */
	view: URLSearchParams;
	display?: Partial<EmbedDisplay>;
}): string {
	const p = new URLSearchParams(view);
	for (const [k, v] of displayParams(display)) p.set(k, v);
	return `${origin}${base}/embed/${chart}/${queryString(p)}`;
}

/** A frame id that is stable for the same chart and settings (no clock, no randomness). */
export function frameId(chart: EmbedChart, url: string): string {
	let h = 2166136261;
	for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 16777619);
	return `car-t-atlas-${chart}-${(h >>> 0).toString(36)}`;
}

/** Initial height before the first message (px): roughly each chart's height at 600 px wide. */
export const INITIAL_HEIGHT: Record<EmbedChart, number> = { map: 560, equity: 760, ranking: 900, compare: 900, whatif: 760 };

export interface SnippetInput {
	origin: string;
	base?: string;
	chart: EmbedChart;
	view: URLSearchParams;
	display?: Partial<EmbedDisplay>;
	/** the iframe's accessible name (defaults to the chart's name) */
	title?: string;
}

export function embedSnippet({ origin, base = '', chart, view, display = {}, title }: SnippetInput): { html: string; url: string; id: string } {
	const withoutId = embedUrl({ origin, base, chart, view, display: { ...display, id: null } });
	const id = display.id ?? frameId(chart, withoutId);
	const url = embedUrl({ origin, base, chart, view, display: { ...display, id } });
	const name = title || display.title || `${CHART_NAMES[chart]}, CAR-T Access Atlas`;
	const html =
		`<iframe id="${escapeHtml(id)}" src="${escapeHtml(url)}" title="${escapeHtml(name)}" ` +
		`style="width:100%;max-width:100%;border:0;display:block" height="${INITIAL_HEIGHT[chart]}" loading="lazy" data-car-t-atlas></iframe>\n` +
		`<script src="${escapeHtml(`${origin}${base}/embed.js`)}" async></script>`;
	return { html, url, id };
}

export { viewParams };
