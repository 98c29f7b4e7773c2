/**
 * The map embed's first chart, prerendered: the default national map (charts/first-map) with the
 * words its model gives it (`firstViewMapWords`), as HTML for the embed page's prerendered file.
 * Painted with the page, before any other script has run; the drawn chart then takes its place.
 * The page shows it for a link that draws the default map only: first-map-link.js, inline in the
 * page's head, marks the page so before it is painted.
 */
import type { MapWords } from './chart-model';
import { escapeHtml } from './snippet';
import FIRST_MAP_LINK_JS from './first-map-link.js?raw';

/** Class set on the root element by first-map-link.js when the page's link draws the prerendered map. */
export const FIRST_MAP_LINK_CLASS = 'first-map-link';

/**
 * Parameters that leave the map embed's first chart as prerendered (first-map-link.js's data-keeps):
 * the embed's id (height messages), its download buttons and the groups (not drawn on a map). The
 * theme and the title change it, and every view parameter changes the map.
 */
export const FIRST_MAP_KEEPS = ['id', 'downloads', 'groups'] as const;

/** The inline script's element (first-map-link.js), with the parameters that keep the page's prerendered map. */
export function firstMapLinkScript(keeps: readonly string[]): string {
	return `<script data-keeps="${keeps.join(',')}">${FIRST_MAP_LINK_JS}</script>`;
}

/** The prerendered chart: title, subtitle, legend and map, notes (the embed page's classes style them). */
export function firstEmbedHtml(words: MapWords, legendSvg: string, mapSvg: string): string {
	return (
		`<h1>${escapeHtml(words.title)}</h1>` +
		`<p class="subtitle">${escapeHtml(words.subtitle)}</p>` +
		`<figure class="chart" role="img" aria-label="${escapeHtml(words.alt)}">` +
		`<div class="first-legend">${legendSvg}</div><div class="first-map-svg">${mapSvg}</div></figure>` +
		words.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')
	);
}
