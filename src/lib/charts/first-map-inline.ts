/**
 * The build-time first map and legend (charts/first-map, written by `npm run build` to
 * static/data/) as SVG text, and the map embed's first chart made of them, for the prerendered
 * HTML only: inline, they are painted with the page's first paint, before any script or image
 * has loaded.
 *
 * Left out of the client bundle (`import.meta.env.SSR` is false there): a component shows this
 * text with `{@html}`, which hydration leaves as the server drew it, and shows the image files
 * instead when it renders in the browser (a client-side navigation). Empty on the server before
 * the build has written the files (a dev server on a fresh clone).
 */
import type { MapWords } from '$lib/embed/chart-model';
import { firstEmbedHtml } from '$lib/embed/first-embed';

const files: Record<string, string> = import.meta.env.SSR
	? import.meta.glob<string>('/static/data/{first-map.svg,first-legend.svg,first-map-words.json}', { query: '?raw', import: 'default', eager: true })
	: {};

/** in the browser, a space: hydration keeps the server's nodes for any value but an empty one (a mismatch) */
const text = (name: string) => (import.meta.env.SSR ? (files[`/static/data/${name}`] ?? '') : ' ');

export const FIRST_MAP_SVG = text('first-map.svg');
export const FIRST_LEGEND_SVG = text('first-legend.svg');

/**
 * Whether a component shows this prerendered text: on the server, when the build has written it; in the
 * browser, when the page it hydrates holds it where `selector` finds it (not after a client-side navigation).
 */
export function showsPrerendered(text: string, selector: string): boolean {
	return import.meta.env.SSR ? text !== '' : document.querySelector(selector) !== null;
}

/** the map embed's prerendered first chart (embed/first-embed): the map, its legend and its model's words */
export const FIRST_EMBED_HTML = import.meta.env.SSR
	? FIRST_MAP_SVG && FIRST_LEGEND_SVG && files['/static/data/first-map-words.json']
		? firstEmbedHtml(JSON.parse(files['/static/data/first-map-words.json']) as MapWords, FIRST_LEGEND_SVG, FIRST_MAP_SVG)
		: ''
	: ' ';
