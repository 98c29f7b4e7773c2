/**
 * The first map as two static SVG files, drawn at build time from the first view (see
 * state/first-view) with the same map builder as the page: the legend at its own size and the
 * map at `FIRST_MAP_WIDTH`, which the page scales to its column. The page shows them as images
 * in its prerendered HTML, so the map is on screen at first paint, before any script has run;
 * the interactive map (same builder, same numbers, same size) then takes their place.
 *
 * Tooltip titles are left out (the images cannot show them), coordinates are rounded and the
 * counties of one colour are one path (see `standaloneSvg`), which keeps the file small and quick
 * to draw. The prerendered pages also hold the same SVG inline (charts/first-map-inline).
 * Pure: the caller passes a DOM document (JSDOM at build time).
 */
import * as Plot from '@observablehq/plot';
import type { Atlas } from '$lib/geo/atlas';
import { mapProjection } from '$lib/geo/projection';
import { countyMapOptions, type MapPlace } from './county-map';
import type { FirstView } from '$lib/state/first-view';

export const FIRST_MAP_WIDTH = 960;
/** the national map's aspect, as the page draws it (height = width × 0.62) */
export const FIRST_MAP_ASPECT = 0.62;

/**
 * The legend image's size: Plot's colour legend is 240 × 50 and lets its title overflow to the
 * right (an image would clip it), so the image is widened to hold the title.
 */
export const FIRST_LEGEND = { width: 480, height: 50 } as const;

export interface FirstMapFiles {
	map: string;
	legend: string;
	/** natural sizes, for the img width/height attributes (no layout shift) */
	mapSize: { width: number; height: number };
	legendSize: { width: number; height: number };
}

export function firstMapPlaces(v: FirstView): MapPlace[] {
	const c = v.counties;
	return c.fips.map((id, i) => ({
		id,
		name: c.name[i],
		value: c.value[i],
		pop: c.pop[i],
		nearest: c.nearest[i] >= 0 ? v.centres[c.nearest[i]].name : null,
		fallback: c.fallback[i] === 1
	}));
}

/**
 * Standalone SVG text of an element: namespace, no titles; path coordinates rounded to whole
 * pixels at the build width (−40 % gzip; under half a pixel where the page draws the map
 * smaller), a point repeated by the rounding dropped, other numbers to 0.1; a group of paths
 * that differ only in their fill merged into one path per fill (`mergeFills`); the centre symbols
 * each in a group that places it (`symbolsInPlace`).
 */
export function standaloneSvg(svg: Element): string {
	for (const t of [...svg.querySelectorAll('title')]) t.remove();
	for (const p of [...svg.querySelectorAll('path[d]')]) if (!p.closest(SYMBOLS)) p.setAttribute('d', roundPath(p.getAttribute('d')!));
	for (const g of [...svg.querySelectorAll(SYMBOLS)]) symbolsInPlace(g);
	for (const g of [...svg.querySelectorAll('g')]) mergeFills(g);
	scaleSymbolsAsImage(svg);
	svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	return svg.outerHTML.replace(/(\d+\.\d)\d+/g, '$1');
}

/** The group of the centre symbols (Plot's dot mark: one path per symbol, placed by its transform). */
const SYMBOLS = 'g[aria-label="dot"]';

/**
 * Each symbol of a dot group in a group of its own that places it (`<g transform="translate(x,y)"><path d>`),
 * its shape drawn about its own origin: a page that shows the map smaller or larger than it was drawn can
 * then scale the shapes back to their drawn size in CSS px (`scale` on `g[aria-label="dot"] > g > path`),
 * as the drawn map has them, with the symbols where they were. Their shapes are not rounded either.
 */
export function symbolsInPlace(g: Element): void {
	for (const p of [...g.children]) {
		const place = p.getAttribute('transform');
		if (p.tagName.toLowerCase() !== 'path' || !place) continue;
		const wrap = g.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'g');
		wrap.setAttribute('transform', place);
		p.removeAttribute('transform');
		g.replaceChild(wrap, p);
		wrap.appendChild(p);
	}
}

/**
 * The file's own rule for when it is an image (an `<img>`: the dashboard after a client-side navigation):
 * the centre symbols scaled back to their drawn size, as the pages' rule does for the inline copy (see
 * `symbolsInPlace`). In an image the SVG is the root element and `vw` is the width the image is shown
 * at; inline in a page, `svg:root` matches nothing and the page's own rule applies.
 */
function scaleSymbolsAsImage(svg: Element): void {
	const width = Number(svg.getAttribute('width'));
	if (!(width > 0) || !svg.querySelector(SYMBOLS)) return;
	const style = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'style');
	style.textContent = `svg:root > ${SYMBOLS} > g > path { scale: calc(${width}px / min(${width}px, 100vw)); }`;
	svg.insertBefore(style, svg.firstChild);
}

/** A path's coordinates rounded to whole pixels, with a line to the point it is already at dropped. */
export function roundPath(d: string): string {
	return d.replace(/-?\d*\.\d+/g, (x) => String(Math.round(Number(x)))).replace(/([ML])(-?\d+,-?\d+)(?:L\2(?!\d))+/g, '$1$2');
}

/**
 * Merges the paths of a group whose children are all paths with only a `d` and a `fill` into one
 * path per fill, in the order each fill first appears. The shapes (counties) do not overlap and
 * share the group's one outline colour, so the map draws the same; its 3,312 elements become one
 * per colour class, which the browser parses and paints faster.
 */
export function mergeFills(g: Element): void {
	const paths = [...g.children];
	if (paths.length < 2 || !paths.every((p) => p.tagName.toLowerCase() === 'path' && p.attributes.length === 2 && p.hasAttribute('d') && p.hasAttribute('fill'))) return;
	const byFill = new Map<string, string[]>();
	for (const p of paths) {
		const fill = p.getAttribute('fill')!;
		let list = byFill.get(fill);
		if (!list) byFill.set(fill, (list = []));
		list.push(p.getAttribute('d')!);
		p.remove();
	}
	for (const [fill, ds] of byFill) {
		const p = g.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
		p.setAttribute('d', ds.join(''));
		p.setAttribute('fill', fill);
		g.appendChild(p);
	}
}

export function renderFirstMap({ view, atlas, legendLabel, document }: { view: FirstView; atlas: Atlas; legendLabel: string; document: Document }): FirstMapFiles {
	const width = FIRST_MAP_WIDTH;
	const height = Math.round(width * FIRST_MAP_ASPECT);
	const options = countyMapOptions({
		atlas,
		places: firstMapPlaces(view),
		centres: view.centres,
		unit: 'minutes',
		legendLabel,
		width,
		height,
		projection: mapProjection({ width, height, focus: atlas.nation })
	});
	const figure = Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as Element;
	const svgs = [...figure.querySelectorAll('svg')];
	const mapSvg = svgs.find((s) => s.querySelector('g[aria-label="geo"]'));
	const legendSvg = svgs.find((s) => s !== mapSvg);
	if (!mapSvg || !legendSvg) throw new Error('The first map has no map or no legend: the map builder changed.');
	const size = (s: Element) => ({ width: Number(s.getAttribute('width')), height: Number(s.getAttribute('height')) });
	const drawn = size(legendSvg);
	legendSvg.setAttribute('width', String(FIRST_LEGEND.width));
	legendSvg.setAttribute('viewBox', `0 0 ${FIRST_LEGEND.width} ${drawn.height}`);
	return { mapSize: size(mapSvg), legendSize: size(legendSvg), map: standaloneSvg(mapSvg), legend: standaloneSvg(legendSvg) };
}
