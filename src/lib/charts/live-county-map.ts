/**
 * The dashboard's access map kept on screen between drawings. A drawing that keeps the frame (the
 * same atlas, projection, size, region, unit and legend) and changes only numbers (a what-if, a
 * centre filter, the road times arriving) is applied to the map already on screen: the counties
 * whose class changed get their new fill, the tips read the new places, and the layer of centres
 * (and a state's tract dots) is drawn again alone. Anything else is drawn afresh by Plot. Either
 * way the map is the one `countyMapOptions` draws for the same input (tests/charts check it node
 * for node).
 *
 * Why: drawing the whole map again replaced 3,222 county paths, and the browser then restyled and
 * repainted every one of them (~25 ms of script and ~20 ms of style in a profile of a what-if).
 */
import * as Plot from '@observablehq/plot';
import { countyColorOptions, countyFeatures, countyMapParts, countyOverlayMarks, countyValueOf, type AccessMapInput, type TipPlaces } from './county-map';

interface Drawn {
	input: AccessMapInput;
	figure: Element;
	svg: SVGSVGElement;
	tip: TipPlaces;
	/** the county paths, one per feature of the frame, in feature order */
	paths: Element[];
	fills: (string | null)[];
	colour: (v: number | null) => string;
}

/** The inputs that, when they change, need the map drawn afresh (everything but the numbers). */
function sameFrame(a: AccessMapInput, b: AccessMapInput): boolean {
	return (
		a.atlas === b.atlas &&
		a.projection === b.projection &&
		a.width === b.width &&
		a.height === b.height &&
		(a.state ?? null) === (b.state ?? null) &&
		a.unit === b.unit &&
		a.legendLabel === b.legendLabel &&
		a.ariaLabel === b.ariaLabel &&
		!!a.tracts === !!b.tracts
	);
}

/** The map's own svg in a Plot figure (the figure also holds the legend's svg). */
function mapSvg(figure: Element): SVGSVGElement | null {
	if (figure.tagName.toLowerCase() === 'svg' && figure.querySelector(':scope > g[aria-label="geo"]')) return figure as SVGSVGElement;
	return (figure.querySelector('g[aria-label="geo"]')?.closest('svg') as SVGSVGElement | null) ?? null;
}

export class LiveCountyMap {
	#drawn: Drawn | null = null;

	/** Draw `input`: on the figure already on screen when only the numbers changed (`fresh` false), else a new figure. */
	draw(input: AccessMapInput, document: Document = globalThis.document): { figure: Element; fresh: boolean } {
		const d = this.#drawn;
		if (d && sameFrame(d.input, input) && this.#update(d, input, document)) {
			d.input = input;
			return { figure: d.figure, fresh: false };
		}
		const { options, tip } = countyMapParts(input);
		const figure = Plot.plot({ ...options, document });
		this.#drawn = null;
		const svg = mapSvg(figure);
		const features = countyFeatures(input.atlas, input.state);
		const paths = svg ? [...svg.querySelector(':scope > g[aria-label="geo"]')!.children] : [];
		// every county has its path (no value: grey); if Plot ever drew fewer, each drawing stays a fresh one
		if (svg && paths.length === features.length) {
			const scale = Plot.scale({ color: { ...countyColorOptions(input.unit, input.legendLabel), legend: false } });
			this.#drawn = {
				input,
				figure,
				svg,
				tip,
				paths,
				fills: paths.map((p) => p.getAttribute('fill')),
				// Plot reads a missing value as NaN, which the scale maps to the no-data colour
				colour: (v) => scale.apply(v ?? NaN) as string
			};
		}
		return { figure, fresh: true };
	}

	/** Apply new numbers to the map on screen; false when the drawing cannot be updated in place. */
	#update(d: Drawn, input: AccessMapInput, document: Document): boolean {
		const { svg } = d;
		const old = [...svg.querySelectorAll(':scope > g[aria-label="dot"]')];
		if (!old.length) return false;
		const layer = Plot.plot({
			width: input.width,
			height: input.height,
			margin: 0,
			projection: input.projection,
			color: { ...countyColorOptions(input.unit, input.legendLabel), legend: false },
			marks: countyOverlayMarks(input),
			document
		});
		const fresh = [...layer.querySelectorAll(':scope > g[aria-label="dot"]')];
		// the tips read the new places from now on
		const byId = (d.tip.byId = new Map(input.places.map((p) => [p.id, p])));
		const features = countyFeatures(input.atlas, input.state);
		for (let k = 0; k < features.length; k++) {
			const fill = d.colour(countyValueOf(byId, String(features[k].id)));
			if (fill !== d.fills[k]) {
				d.paths[k].setAttribute('fill', fill);
				d.fills[k] = fill;
			}
		}
		for (const g of fresh) svg.insertBefore(g, old[0]);
		for (const g of old) g.remove();
		return true;
	}
}
