/**
 * Pure builder: the access map. County choropleth of travel to the nearest centre by the
 * chosen method (minutes or miles), centres on top (added what-if centres marked), and in
 * a state view the census tracts as dots on the same colour scale. Returns Plot options;
 * PlotFigure.svelte mounts them. Shapes are in atlas Albers coordinates and points are
 * converted to them; the view projection is passed in (geo/projection.ts) so the page can
 * invert clicks.
 */
import * as Plot from '@observablehq/plot';
import type { GeoProjection } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import type { Atlas, CountyProps } from '$lib/geo/atlas';
import { toAtlasXY } from '$lib/geo/projection';
import { formatInteger } from '$lib/copy/format';
import type { TravelUnit } from '$lib/metrics/travel-methods';

/** Class breaks: 60 and 120 minutes (or miles) are the thresholds most studies report. */
export const BREAKS: Record<TravelUnit, number[]> = {
	minutes: [30, 60, 90, 120, 180],
	miles: [15, 30, 60, 120, 240]
};
/** ColorBrewer YlGnBu (6 classes): sequential, colour-blind safe, prints in greyscale. */
export const DISTANCE_COLORS = ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'];
export const NO_DATA_COLOR = '#d9d9d9';

export interface MapPlace {
	id: string;
	name: string;
	value: number | null;
	pop: number;
	nearest: string | null;
	/** true where the road model had no connection and the calibrated estimate stands in */
	fallback?: boolean;
	/** true where the road estimate is far above the calibrated straight-line one (water, mountains) */
	barrier?: boolean;
}

/** Centre symbols by evidence (`user`: a centre of the user's own set). */
export const CENTRE_SYMBOL: Record<string, string> = { strong: 'circle', moderate: 'triangle', weak: 'square', user: 'diamond' };

/** The words for the centre symbols under a map. */
export function symbolLegend({ userSet, added }: { userSet: boolean; added: boolean }): string {
	const parts = userSet ? ['◆ a centre of your set'] : ['● strong evidence', '▲ moderate', '■ weak'];
	if (added) parts.push('★ added in this scenario');
	return `Symbols: ${parts.join(', ')}.`;
}

export interface MapCentre {
	id: string;
	name: string;
	lat: number;
	lon: number;
	evidence: string;
	added?: boolean;
}

export interface MapTract {
	lat: number;
	lon: number;
	value: number | null;
}

/**
 * A state's tracts as map dots, from the place columns (85,000 row objects are never built for
 * this): coordinates, the value of the view's method (null when unknown) and the county.
 */
export function stateTracts({
	places,
	countyFips,
	values,
	state
}: {
	places: { lat: ArrayLike<number>; lon: ArrayLike<number>; stateFips: readonly string[] };
	countyFips: readonly string[];
	values: ArrayLike<number>;
	state: string;
}): (MapTract & { county_fips: string })[] {
	const out: (MapTract & { county_fips: string })[] = [];
	for (let i = 0; i < places.stateFips.length; i++) {
		if (places.stateFips[i] !== state) continue;
		const v = values[i];
		out.push({ lat: places.lat[i], lon: places.lon[i], value: Number.isFinite(v) ? v : null, county_fips: countyFips[i] });
	}
	return out;
}

export interface AccessMapInput {
	atlas: Atlas;
	places: MapPlace[];
	centres: MapCentre[];
	unit: TravelUnit;
	legendLabel: string;
	width: number;
	height: number;
	projection: GeoProjection;
	/** 2-digit state FIPS for a state view (only its counties drawn, tracts as dots) */
	state?: string | null;
	tracts?: MapTract[];
	ariaLabel?: string;
}

export function formatValue(v: number | null | undefined, unit: TravelUnit): string {
	if (v == null || !Number.isFinite(v)) return 'no data';
	if (unit === 'miles') return `${formatInteger(v)} mi`;
	const m = Math.round(v);
	return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

type CountyFeature = Feature<Geometry, CountyProps>;

/** A county's tooltip: travel to the nearest centre, the nearest centre and the population (a place without figures: its name and "no data"). */
export function countyTipText(p: MapPlace | { name: string }, unit: TravelUnit): string {
	if (!('value' in p)) return `${p.name}: no data`;
	return `${p.name}\n${formatValue(p.value, unit)} to the nearest centre${p.fallback ? ' (calibrated estimate: no road link)' : ''}${
		p.barrier ? '\nRoads take far longer than the straight line suggests (barrier)' : ''
	}\nNearest: ${p.nearest ?? 'none'}\nPopulation 2020: ${formatInteger(p.pop)}`;
}

/**
 * The counties a map of `state` (or the nation) draws, in drawing order, per atlas and state (the
 * same array each time, so the caches below recognise it).
 */
const stateFeatures = new WeakMap<Atlas, Map<string, CountyFeature[]>>();
export function countyFeatures(atlas: Atlas, state: string | null | undefined): CountyFeature[] {
	if (!state) return atlas.counties.features;
	let m = stateFeatures.get(atlas);
	if (!m) stateFeatures.set(atlas, (m = new Map()));
	let f = m.get(state);
	if (!f) m.set(state, (f = atlas.counties.features.filter((x) => String(x.id).slice(0, 2) === state)));
	return f;
}

/**
 * Redrawing the map when only its numbers change (threshold, what-if, centre filter, method)
 * must not trace 3,222 county outlines again: those depend on the projection alone. Per
 * projection object (the page keeps one per size and region) the first render's county paths
 * are kept; later renders clone them and set each path's fill. The tip positions (the
 * projected centroids Plot.centroid computes) are kept the same way.
 */
const drawnPaths = new WeakMap<object, { features: readonly CountyFeature[]; index: readonly number[]; g: SVGElement }>();
const centroids = new WeakMap<object, Map<CountyFeature, [number, number]>>();

function sameIndex(a: readonly number[], b: ArrayLike<number>): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * Plot.centroid's tip anchors, memoised per projection and feature; from the atlas's precomputed
 * centroids (geo/centroids) through the view's scale-and-translate when it has them.
 */
function centroidOnce(projection: GeoProjection, atlas: Atlas, options: Record<string, unknown>) {
	return Plot.initializer({ ...options, x: null, y: null }, (data, facets, _channels, _scales, _dimensions, context) => {
		const G = data as unknown as CountyFeature[];
		let memo = centroids.get(projection);
		if (!memo) centroids.set(projection, (memo = new Map()));
		const X = new Float64Array(G.length);
		const Y = new Float64Array(G.length);
		let centroid: ((g: CountyFeature) => [number, number]) | undefined;
		for (let i = 0; i < G.length; i++) {
			let c = memo.get(G[i]);
			if (!c) {
				const known = atlas.centroids?.get(String(G[i].id));
				const p = known ? projection(known) : null;
				centroid ??= context.path().centroid as (g: CountyFeature) => [number, number];
				memo.set(G[i], (c = p ? [p[0], p[1]] : centroid(G[i])));
			}
			[X[i], Y[i]] = c;
		}
		return { data, facets, channels: { x: { value: X, scale: null, source: null }, y: { value: Y, scale: null, source: null } } };
	});
}

/** The geo mark's render: the kept paths recoloured when the projection and counties are the same. */
function pathsOnce(projection: object, features: readonly CountyFeature[]): Plot.RenderFunction {
	return function (index, scales, values, dimensions, context, next) {
		const kept = drawnPaths.get(projection);
		const fill = values.fill as ArrayLike<string> | undefined;
		if (kept && kept.features === features && fill && sameIndex(kept.index, index)) {
			const g = kept.g.cloneNode(true) as SVGElement;
			const paths = g.children;
			for (let k = 0; k < paths.length; k++) paths[k].setAttribute('fill', fill[index[k]]);
			return g;
		}
		const g = next!(index, scales, values, dimensions, context)!;
		drawnPaths.set(projection, { features, index: Array.from(index), g: g.cloneNode(true) as SVGElement });
		return g;
	};
}

/** The map's colour scale: threshold classes of the unit's breaks, grey for no data. */
export function countyColorOptions(unit: TravelUnit, legendLabel: string): Plot.ScaleOptions {
	return {
		type: 'threshold',
		domain: BREAKS[unit],
		range: DISTANCE_COLORS,
		legend: true,
		label: legendLabel,
		tickFormat: (d: number) => `${d}`,
		unknown: NO_DATA_COLOR
	};
}

/** What a county's tip reads when it is pointed at: the places of the drawing on screen (live/county-map keeps it current). */
export interface TipPlaces {
	byId: Map<string, MapPlace>;
}

/**
 * A tract dot's outline: white on the two darkest classes, else dark grey. A dot takes its county's
 * colour wherever the two are in the same class, and the dark grey outline was lost on the dark
 * classes: Alaska's dots, all in the darkest, could not be seen at all. The class is the colour
 * scale's (`countyColorOptions`: a value at a break is in the class above it).
 */
export function tractStroke(value: number | null | undefined, unit: TravelUnit): string {
	if (value == null || !Number.isFinite(value)) return '#333';
	const k = BREAKS[unit].filter((b) => value >= b).length;
	return k >= DISTANCE_COLORS.length - 2 ? 'white' : '#333';
}

/** The class of each layer's group over the counties, in drawing order (a layer with nothing to draw has no group). */
export const OVERLAY_LAYERS = ['map-tracts', 'map-centres', 'map-added'] as const;
export type OverlayLayer = (typeof OVERLAY_LAYERS)[number];

/**
 * The marks drawn over the counties from the numbers: a state's tracts as dots coloured by value,
 * the centres by evidence, the added ones as stars.
 */
export function countyOverlayMarks(
	input: Pick<AccessMapInput, 'centres' | 'tracts' | 'state' | 'projection' | 'width' | 'height' | 'unit'>,
	/** only these layers (the live map draws again only the layers that changed) */
	layers: readonly OverlayLayer[] = OVERLAY_LAYERS
): Plot.Markish[] {
	const { centres, tracts, state, projection, width, height, unit } = input;
	const placed = <T extends { lon: number; lat: number }>(xs: T[]) =>
		xs.flatMap((d) => {
			const a = toAtlasXY(d.lon, d.lat);
			return a ? [{ ...d, x: a[0], y: a[1] }] : [];
		});
	const inView = (c: { x: number; y: number }) => {
		const xy = projection([c.x, c.y]);
		return !!xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height;
	};
	const shownCentres = layers.some((l) => l !== 'map-tracts') ? placed(centres).filter((c) => !state || inView(c)) : [];
	const marks: Record<OverlayLayer, () => Plot.Markish | null> = {
		'map-tracts': () => {
			const shown = tracts ? placed(tracts) : [];
			return shown.length
				? Plot.dot(shown, { x: 'x', y: 'y', r: 1.6, fill: (t: MapTract) => t.value, stroke: (t: MapTract) => tractStroke(t.value, unit), strokeWidth: 0.3, className: 'map-tracts' })
				: null;
		},
		'map-centres': () =>
			Plot.dot(
				shownCentres.filter((c) => !c.added),
				{
					x: 'x',
					y: 'y',
					symbol: (c: MapCentre) => CENTRE_SYMBOL[c.evidence] ?? 'square',
					r: 3.2,
					fill: '#d7301f',
					stroke: 'white',
					strokeWidth: 0.8,
					className: 'map-centres',
					title: (c: MapCentre) => (c.evidence === 'user' ? `${c.name}\nFrom your centre set` : `${c.name}\nEvidence: ${c.evidence}`)
				}
			),
		'map-added': () =>
			Plot.dot(
				shownCentres.filter((c) => c.added),
				{
					x: 'x',
					y: 'y',
					symbol: 'star',
					r: 6,
					fill: '#762a83',
					stroke: 'white',
					strokeWidth: 1,
					className: 'map-added',
					title: (c: MapCentre) => `${c.name}\nAdded in this scenario`
				}
			)
	};
	return OVERLAY_LAYERS.filter((l) => layers.includes(l)).flatMap((l) => marks[l]() ?? []);
}

/** A county's value on the map: null when it has none (drawn grey). */
export function countyValueOf(byId: Map<string, MapPlace>, fips: string): number | null {
	const v = byId.get(fips)?.value;
	return v == null || !Number.isFinite(v) ? null : v;
}

/** The map's Plot options and the places its tips read (`tip.byId` may be replaced to show other numbers). */
export function countyMapParts(input: AccessMapInput): { options: Plot.PlotOptions; tip: TipPlaces } {
	const { atlas, places, unit, legendLabel, width, height, projection, state, ariaLabel } = input;
	const tip: TipPlaces = { byId: new Map(places.map((p) => [p.id, p])) };
	const features = countyFeatures(atlas, state);
	const byId = tip.byId;
	// the tip's text is written when a county is pointed at, not for all 3,222 on every drawing: the
	// title channel holds the county's code, the tip's format turns it into the text
	const tipText = (id: string) =>
		countyTipText(tip.byId.get(id) ?? { name: features.find((f) => String(f.id) === id)?.properties.name ?? id }, unit);
	const options: Plot.PlotOptions = {
		width,
		height,
		margin: 0,
		projection,
		ariaLabel: ariaLabel ?? `Map of travel to the nearest CAR-T centre (${legendLabel})`,
		color: countyColorOptions(unit, legendLabel),
		marks: [
			Plot.geo(
				features,
				centroidOnce(projection, atlas, {
					fill: (d: CountyFeature) => countyValueOf(byId, String(d.id)),
					stroke: 'white',
					strokeWidth: state ? 0.6 : 0.15,
					title: (d: CountyFeature) => String(d.id),
					tip: { format: { title: tipText } },
					render: pathsOnce(projection, features)
				})
			),
			state
				? Plot.geo(features, { stroke: '#555', strokeWidth: 0.3, fill: 'none' })
				: Plot.geo(atlas.stateMesh, { stroke: 'white', strokeWidth: 0.8 }),
			...countyOverlayMarks(input)
		]
	};
	return { options, tip };
}

export function countyMapOptions(input: AccessMapInput): Plot.PlotOptions {
	return countyMapParts(input).options;
}

/**
 * Trace the county outlines and tip anchors for a projection ahead of the numbers (an empty
 * map drawn and dropped), so the first real drawing only sets colours. The page calls it while
 * the travel engine works.
 */
export function prepareCountyMap({
	atlas,
	projection,
	width,
	height,
	state,
	document
}: Pick<AccessMapInput, 'atlas' | 'projection' | 'width' | 'height' | 'state'> & { document?: Document }): void {
	if (drawnPaths.has(projection) && drawnPaths.get(projection)!.features === countyFeatures(atlas, state)) return;
	const options = countyMapOptions({ atlas, places: [], centres: [], unit: 'minutes', legendLabel: '', width, height, projection, state });
	Plot.plot({ ...options, document });
}
