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
import { countyColorOptions, countyFeatures, countyMapParts, countyOverlayMarks, countyValueOf, OVERLAY_LAYERS, type AccessMapInput, type MapCentre, type TipPlaces } from './county-map';

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

/**
 * Which of the layers over the counties (countyOverlayMarks: a state's tract dots, the centres, the
 * added centres) two inputs draw differently.
 */
function changedLayers(a: AccessMapInput, b: AccessMapInput): { tracts: boolean; centres: boolean; added: boolean } {
	const centres = (x: MapCentre[], added: boolean) => x.filter((c) => !!c.added === added);
	const sameCentres = (x: MapCentre[], y: MapCentre[]) =>
		x.length === y.length &&
		x.every((c, k) => c.id === y[k].id && c.name === y[k].name && c.lat === y[k].lat && c.lon === y[k].lon && c.evidence === y[k].evidence);
	const s = a.tracts ?? [];
	const t = b.tracts ?? [];
	return {
		tracts: s.length !== t.length || s.some((x, k) => x.value !== t[k].value || x.lat !== t[k].lat || x.lon !== t[k].lon),
		centres: !sameCentres(centres(a.centres, false), centres(b.centres, false)),
		added: !sameCentres(centres(a.centres, true), centres(b.centres, true))
	};
}

/** The map's own svg in a Plot figure (the figure also holds the legend's svg). */
function mapSvg(figure: Element): SVGSVGElement | null {
	if (figure.tagName.toLowerCase() === 'svg' && figure.querySelector(':scope > g[aria-label="geo"]')) return figure as SVGSVGElement;
	return (figure.querySelector('g[aria-label="geo"]')?.closest('svg') as SVGSVGElement | null) ?? null;
}

/**
 * Close a county's tip shown on the map (it holds the text of the numbers it was opened with): as the
 * pointer leaving the map does, or, when the tip was pinned by a click (Plot's sticky tips: a map
 * click that proposes a centre pins one), as a click elsewhere on the map does. The next pointer move
 * opens a tip with the numbers on screen. Plot marks a pinned tip by the absence of
 * pointer-events="none" on its group.
 */
function dismissTip(svg: SVGSVGElement): void {
	const tip = svg.querySelector(':scope > g[aria-label="tip"]');
	const view = svg.ownerDocument.defaultView as (Window & typeof globalThis) | null;
	if (!tip?.childElementCount || !view?.PointerEvent) return;
	const pinned = tip.getAttribute('pointer-events') !== 'none';
	svg.dispatchEvent(new view.PointerEvent(pinned ? 'pointerdown' : 'pointerleave', { pointerType: 'mouse' }));
}

export class LiveCountyMap {
	#drawn: Drawn | null = null;

	/** Draw `input`: on the figure already on screen when only the numbers changed (`fresh` false), else a new figure. */
	draw(input: AccessMapInput, document: Document = globalThis.document): { figure: Element; fresh: boolean } {
		const d = this.#drawn;
		if (d && sameFrame(d.input, input)) {
			this.#update(d, input, document);
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

	/** Apply new numbers to the map on screen. */
	#update(d: Drawn, input: AccessMapInput, document: Document): void {
		const { svg } = d;
		dismissTip(svg);
		// only the layers that changed are drawn again (a what-if: its star)
		const changed = changedLayers(d.input, input);
		const redo = OVERLAY_LAYERS.filter((_, k) => [changed.tracts, changed.centres, changed.added][k]);
		const layer = redo.length
			? Plot.plot({
					width: input.width,
					height: input.height,
					margin: 0,
					projection: input.projection,
					color: { ...countyColorOptions(input.unit, input.legendLabel), legend: false },
					marks: countyOverlayMarks(input, redo),
					document
				})
			: null;
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
		if (layer) {
			for (const cls of redo) {
				const now = svg.querySelector(`:scope > g.${cls}`);
				const next = layer.querySelector(`:scope > g.${cls}`);
				if (now && next) now.replaceWith(next);
				else if (now) now.remove();
				else if (next) {
					// (a layer that had nothing to draw has no group: it goes after the layers before it, above the counties)
					const earlier = OVERLAY_LAYERS.slice(0, OVERLAY_LAYERS.indexOf(cls)).map((c) => `:scope > g.${c}`);
					[...svg.querySelectorAll([':scope > g[aria-label="geo"]', ...earlier].join(', '))].at(-1)!.after(next);
				}
			}
		}
	}
}
