/**
 * One model per embeddable chart: title, subtitle, Plot options, the numbers behind it
 * (`ChartTable`, for the CSV and the data table), alt text and notes, built from a
 * `Dashboard` (and a `Comparison` for the compare chart) or, for the default national map,
 * from the build-time first view. The embed page draws it; `ChartActions` exports it; the
 * dashboard and the comparison page pass the same function, so an embed, its exports and
 * the full view agree. Plain TypeScript: reads the rune classes, imports no Svelte.
 */
import type * as Plot from '@observablehq/plot';
import { countyMapOptions, stateTracts, type MapCentre, type MapPlace, type MapTract } from '$lib/charts/county-map';
import { DEFAULT_EQUITY_GROUPS, equityBarRows, equityBarsOptions, formatCount, formatPercent, type BarKind } from '$lib/charts/equity-bars';
import { COMPARE_GROUPS, compareBarRows, compareBarsOptions } from '$lib/charts/compare-bars';
import { GROUP_COPY } from '$lib/copy/groups';
import { TRACT_DOTS_NOTE } from '$lib/copy/text';
import { formatPercentPair } from '$lib/copy/format';
import { headline, type GroupId } from '$lib/metrics/equity';
import { formatThreshold, METHOD_INFO } from '$lib/metrics/travel-methods';
import type { Atlas } from '$lib/geo/atlas';
import { firstMapPlaces } from '$lib/charts/first-map';
import { mapProjection } from '$lib/geo/projection';
import type { Dashboard } from '$lib/state/dashboard.svelte';
import type { Comparison } from '$lib/state/compare.svelte';
import { DEFAULT_VIEW } from '$lib/state/url-params';
import { addedId, addedName, isAddedId } from '$lib/state/scenario';
import type { FirstView } from '$lib/state/first-view';
import type { FirstState } from '$lib/state/first-state';
import type { TravelResult } from '$lib/metrics/travel-engine';
import type { Method } from '$lib/metrics/travel-methods';
import { isBarrier } from '$lib/metrics/place-profile';
import type { ChartTable } from './csv';
import { compareTable, equityTable, mapTable, rankingTable, whatifTable, type TableContext } from './chart-data';
import { compareAlt, equityAlt, mapAlt, rankingAlt, whatifAlt } from './alt-text';
import { rankingBarRows, rankingBarsOptions } from './ranking-bars';
import { PALETTES, type Palette } from './theme';
import type { EmbedChart } from './params';

export interface ChartModel {
	chart: EmbedChart;
	title: string;
	subtitle: string;
	options: Plot.PlotOptions;
	table: ChartTable;
	alt: string;
	/** lines under the chart (besides Plot's caption) */
	notes: string[];
	/** file name without extension */
	fileStem: string;
}

/** What the equity, ranking and compare models read of a dashboard (a `Dashboard`, or the build-time first figures). */
export type FiguresDash = Pick<
	Dashboard,
	'view' | 'unit' | 'regionName' | 'equity' | 'baselineEquity' | 'scenario' | 'scenarioSet' | 'centreNames' | 'activeCentres' | 'rankings' | 'rankingGrain' | 'placeNames'
>;
/** What the compare model reads of a comparison. */
export type FiguresComparison = Pick<Comparison, 'national' | 'enough' | 'figures' | 'sentence'>;

export interface ModelInput {
	chart: EmbedChart;
	dash: Dashboard;
	cmp?: Comparison;
	/**
	 * Figures from elsewhere than `dash` and `cmp` (the build-time first figures,
	 * `state/first-figures.ts`), for the equity, ranking and compare charts and the map's headline
	 * share before the engine is ready
	 */
	figures?: { dash: FiguresDash; cmp?: FiguresComparison };
	atlas?: Atlas;
	/** the build-time default view (map only, before or instead of the engine) */
	firstView?: FirstView;
	/** a state's map of the default view, built at build time (map only, before the engine; with `figures`) */
	firstState?: FirstState;
	width: number;
	/** groups drawn (equity, compare, whatif); null/undefined = the chart's default */
	groups?: readonly GroupId[] | null;
	palette?: Palette;
}

/** Largest number of counties a state's ranking draws (all states are drawn nationally). */
export const MAX_RANKED_COUNTIES = 25;

const slug = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

export function mapLegendLabel(method: keyof typeof METHOD_INFO): string {
	const m = METHOD_INFO[method];
	return m.unit === 'miles' ? 'Straight-line miles to the nearest CAR-T centre' : `Minutes to the nearest CAR-T centre (${m.label.toLowerCase()})`;
}

function scenarioWords(dash: FiguresDash): string | undefined {
	const a = dash.scenario.added.length;
	const r = dash.scenario.removed.length;
	if (!a && !r) return undefined;
	const parts = [a ? `${a} centre${a > 1 ? 's' : ''} added` : '', r ? `${r} centre${r > 1 ? 's' : ''} removed` : ''].filter(Boolean);
	return parts.join(', ');
}

function context(dash: FiguresDash): TableContext {
	return {
		method: dash.view.method,
		threshold: dash.view.threshold,
		unit: dash.unit,
		filter: dash.view.filter,
		centreCount: dash.activeCentres.length,
		regionName: dash.regionName,
		scenario: scenarioWords(dash) ? `scenario: ${scenarioWords(dash)}` : undefined,
		userSet: dash.view.centreSet
	};
}

function withColours(options: Plot.PlotOptions, domain: readonly string[], range: readonly string[]): Plot.PlotOptions {
	return { ...options, color: { ...(options.color as Plot.ScaleOptions), domain: [...domain], range: [...range] } };
}

function equityColours(options: Plot.PlotOptions, palette: Palette): Plot.PlotOptions {
	const domain = ((options.color as Plot.ScaleOptions).domain ?? []) as BarKind[];
	return withColours(options, domain, domain.map((k) => palette.equity[k]));
}

export function chartModel(input: ModelInput): ChartModel | undefined {
	const { chart, width } = input;
	if (!(width > 0)) return undefined;
	switch (chart) {
		case 'map':
			return mapModel(input);
		case 'equity':
			return equityModel(input, input.figures?.dash ?? input.dash, false);
		case 'whatif':
			return equityModel(input, input.figures?.dash ?? input.dash, true);
		case 'ranking':
			return rankingModel(input, input.figures?.dash ?? input.dash);
		case 'compare':
			return input.figures ? compareModel(input, input.figures.dash, input.figures.cmp) : compareModel(input, input.dash, input.cmp);
	}
}

/**
 * The map's counties, centres and (in a state view) tracts from a travel result: the dashboard's
 * map and its embeds from the engine, and at build time from the decoded build-time files
 * (state/first-state). `barriers`: flag the counties where roads take far longer than the straight
 * line suggests (the dashboard's tips say so).
 */
export function mapParts({
	travel: t,
	countyRows,
	countyValues: values,
	tractValues,
	tractPlaces,
	tractCountyFips,
	centreRows,
	centreNames,
	method,
	roadReady,
	state,
	barriers = false
}: {
	travel: TravelResult;
	countyRows: readonly { county_fips: string; county_name: string; pop_2020: number }[];
	countyValues: ArrayLike<number>;
	tractValues: ArrayLike<number>;
	tractPlaces: { lat: ArrayLike<number>; lon: ArrayLike<number>; stateFips: readonly string[] };
	tractCountyFips: readonly string[];
	centreRows: readonly { centre_id: string; evidence_strength: string }[];
	centreNames: Record<string, string>;
	method: Method;
	roadReady: boolean;
	state: string | null;
	barriers?: boolean;
}): { places: MapPlace[]; centres: MapCentre[]; tracts: (MapTract & { county_fips: string })[] | undefined } {
	const onRoads = method === 'road' && roadReady;
	const { roadNearest, straightNearest, roadFallback, roadMinutes, calibratedMinutes } = t.counties;
	const nearest = onRoads ? roadNearest : straightNearest;
	const places = countyRows.map((r, i) => {
		const p: MapPlace = {
			id: r.county_fips,
			name: r.county_name,
			value: Number.isFinite(values[i]) ? values[i] : null,
			pop: r.pop_2020,
			nearest: nearest[i] >= 0 ? (centreNames[t.centres[nearest[i]].id] ?? t.centres[nearest[i]].id) : null,
			fallback: onRoads && roadFallback[i] === 1
		};
		if (barriers) p.barrier = roadReady && roadFallback[i] === 0 && isBarrier(roadMinutes[i], calibratedMinutes[i]);
		return p;
	});
	const evidence = new Map(centreRows.map((r) => [r.centre_id, r.evidence_strength]));
	const centres = t.centres.map((c) => ({ id: c.id, name: centreNames[c.id] ?? c.id, lat: c.lat, lon: c.lon, evidence: evidence.get(c.id) ?? 'added', added: isAddedId(c.id) }));
	const tracts = state ? stateTracts({ places: tractPlaces, countyFips: tractCountyFips, values: tractValues, state }) : undefined;
	return { places, centres, tracts };
}

/**
 * `mapParts` of a dashboard's travel and county values, with its view's method, road state, places and
 * centres; `centreNames` default to the dashboard's.
 */
export function dashboardMapParts(
	dash: Dashboard,
	travel: TravelResult,
	countyValues: ArrayLike<number>,
	{ state, centreNames = dash.centreNames, barriers = false }: { state: string | null; centreNames?: Record<string, string>; barriers?: boolean }
): ReturnType<typeof mapParts> {
	return mapParts({
		travel,
		countyRows: dash.countyRows,
		countyValues,
		tractValues: dash.tractValues!,
		tractPlaces: dash.tractPlaces,
		tractCountyFips: dash.tractCountyFips,
		centreRows: dash.centres,
		centreNames,
		method: dash.view.method,
		roadReady: dash.roadReady,
		state,
		barriers
	});
}

function mapModel({ dash, atlas, firstView, firstState, figures, width }: ModelInput): ChartModel | undefined {
	if (!atlas) return undefined;
	const region = dash.view.region;
	const focus = region === 'US' ? atlas.nation : (atlas.states.features.find((f) => f.id === region) ?? atlas.nation);
	const height = Math.round(width * (region === 'US' ? 0.62 : 0.72));
	const projection = mapProjection({ width, height, focus });
	const legendLabel = mapLegendLabel(dash.view.method);
	const state = region === 'US' ? null : region;
	let places: MapPlace[];
	let centres: MapCentre[];
	let tracts: (MapTract & { county_fips: string })[] | undefined;
	let ctx: TableContext;
	let share: number | null;
	let beyond: number | null;
	const t = dash.travel;
	const values = dash.countyValues;
	if (t && values) {
		({ places, centres, tracts } = dashboardMapParts(dash, t, values, { state }));
		ctx = context(dash);
		// (before the engine has its population groups: the same figures from the build-time file)
		const all = (dash.equity ?? figures?.dash.equity)?.byId.all;
		share = all?.share ?? null;
		beyond = all?.beyond ?? null;
	} else if (firstState && state === firstState.state && figures) {
		// a state's map of the default view, from its build-time file (the engine's own numbers)
		({ places, centres, tracts } = firstState);
		ctx = { ...context(dash), centreCount: firstState.centres.length, regionName: figures.dash.regionName };
		share = figures.dash.equity?.byId.all?.share ?? null;
		beyond = figures.dash.equity?.byId.all?.beyond ?? null;
	} else if (firstView && region === 'US') {
		places = firstMapPlaces(firstView);
		centres = firstView.centres;
		ctx = firstViewContext(firstView);
		share = firstView.figures.share;
		beyond = firstView.figures.beyond;
	} else return undefined;

	const drawn = drawnPlaces(atlas, places, state);
	const regionName = ctx.regionName;
	const options = countyMapOptions({
		atlas,
		places,
		centres,
		unit: ctx.unit,
		legendLabel,
		width,
		height,
		projection,
		state,
		tracts,
		ariaLabel: `Map of ${regionName} by county${state ? ' and census tract' : ''}: ${legendLabel.toLowerCase()}`
	});
	const words = mapWords({ ctx, share, beyond, drawn, state });
	return {
		chart: 'map',
		...words,
		options,
		table: mapTable({ places: drawn, tracts, ctx, title: words.title }),
		fileStem: `car-t-atlas-map-${slug(regionName)}`
	};
}

/** The default national map's context, from the build-time first view. */
function firstViewContext(v: FirstView): TableContext {
	return { method: 'road', threshold: v.threshold, unit: 'minutes', filter: DEFAULT_VIEW.filter, centreCount: v.centres.length, regionName: 'the United States' };
}

/** The places a map draws: those with shapes (the shapes hold no Puerto Rico), in its state. Exactly these go in its table. */
function drawnPlaces(atlas: Atlas, places: MapPlace[], state: string | null): MapPlace[] {
	const shapes = new Set(atlas.counties.features.map((f) => String(f.id)));
	return places.filter((p) => shapes.has(p.id) && (!state || p.id.slice(0, 2) === state));
}

/** A map's words: title, subtitle, alt text and notes. */
export type MapWords = Pick<ChartModel, 'title' | 'subtitle' | 'alt' | 'notes'>;

function mapWords({ ctx, share, beyond, drawn, state }: { ctx: TableContext; share: number | null; beyond: number | null; drawn: MapPlace[]; state: string | null }): MapWords {
	const regionName = ctx.regionName;
	const tWords = formatThreshold({ value: ctx.threshold, unit: ctx.unit });
	return {
		title: `How far is the nearest CAR-T centre? ${regionName === 'the United States' ? 'The United States' : regionName}, by county`,
		subtitle:
			share != null
				? `${formatPercent(share)} of residents (${formatCount(beyond)}) live more than ${tWords}${ctx.unit === 'miles' ? ' in a straight line' : ''} from the nearest of ${ctx.centreCount} centres${ctx.scenario ? ` (${ctx.scenario})` : ''}. ${METHOD_INFO[ctx.method].label}.`
				: `${METHOD_INFO[ctx.method].label} to the nearest of ${ctx.centreCount} centres.`,
		alt: mapAlt({ regionName, places: drawn, share, beyond, threshold: ctx.threshold, unit: ctx.unit, centreCount: ctx.centreCount }),
		notes: [`Symbols: ● strong evidence, ▲ moderate, ■ weak${ctx.scenario ? ', ★ added in this scenario' : ''}. Grey: no data.${state ? ` ${TRACT_DOTS_NOTE}` : ''}`]
	};
}

/**
 * The default national map's words from the build-time first view: the same as its model's (the
 * embed's prerendered first map shows them before the model is built).
 */
export function firstViewMapWords(v: FirstView, atlas: Atlas): MapWords {
	return mapWords({ ctx: firstViewContext(v), share: v.figures.share, beyond: v.figures.beyond, drawn: drawnPlaces(atlas, firstMapPlaces(v), null), state: null });
}

function equityModel({ width, groups, palette = PALETTES.light }: ModelInput, dash: FiguresDash, whatif: boolean): ChartModel | undefined {
	const result = dash.equity;
	if (!result) return undefined;
	const baseline = whatif ? dash.baselineEquity : undefined;
	if (whatif && dash.scenarioSet && !baseline) return undefined;
	const unit = dash.unit;
	const t = formatThreshold({ value: result.threshold, unit });
	const wanted = groups && groups.length ? groups : DEFAULT_EQUITY_GROUPS;
	const highlight = dash.view.group;
	const rows = equityBarRows({ result, unit, groups: wanted, highlight, baseline });
	const options = equityColours(equityBarsOptions({ result, unit, groups: wanted, width, highlight, baseline }), palette);
	const ctx = context(dash);
	const regionName = dash.regionName;
	const chosen = result.byId[highlight];
	const ref = chosen?.reference ? result.byId[chosen.reference] : undefined;
	const sentence = chosen && ref ? headline({ regionName, group: chosen, reference: ref, threshold: result.threshold, unit }) : '';
	if (whatif && baseline) {
		const change = scenarioWords(dash) ?? 'no change';
		const a = baseline.byId.all;
		const b = result.byId.all;
		const gained = a && b ? a.beyond - b.beyond : 0;
		const names = [
			...dash.scenario.added.map((x) => `with ${dash.centreNames[addedId(x)] ?? addedName(x)}`),
			...dash.scenario.removed.map((id) => `without ${dash.centreNames[id] ?? id}`)
		];
		const title = `With ${change}: who lives more than ${t} from a CAR-T centre in ${regionName}`;
		const [before, after] = formatPercentPair(a?.share, b?.share);
		const subtitle = `${names.slice(0, 3).join('; ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}. Everyone: ${before} before, ${after} after (${gained >= 0 ? `${formatCount(gained)} people newly within reach` : `${formatCount(-gained)} more people beyond reach`}).`;
		return {
			chart: 'whatif',
			title,
			subtitle,
			options,
			table: whatifTable({ rows, result, baseline, ctx, title }),
			alt: whatifAlt({ result, baseline, regionName, unit, change }),
			notes: [`Bars: with the change; diamonds: today's centres. ${METHOD_INFO[ctx.method].label}; ${ctx.centreCount} centres in the scenario.`],
			fileStem: `car-t-atlas-whatif-${slug(regionName)}`
		};
	}
	const title = `Who lives more than ${t} from a CAR-T centre in ${regionName}`;
	return {
		chart: whatif ? 'whatif' : 'equity',
		title,
		subtitle: sentence || `Share of each population group beyond ${t}.`,
		options,
		table: equityTable({ rows, result, ctx, title }),
		alt: equityAlt({ result, regionName, group: highlight, unit }),
		notes: [`${METHOD_INFO[ctx.method].label}; ${ctx.centreCount} centres${ctx.scenario ? ` (${ctx.scenario})` : ''}.`],
		fileStem: `car-t-atlas-${whatif ? 'whatif' : 'equity'}-${slug(regionName)}`
	};
}

function rankingModel({ width, palette = PALETTES.light }: ModelInput, dash: FiguresDash): ChartModel | undefined {
	if (!dash.rankings.length) return undefined;
	const grain = dash.rankingGrain;
	const rows = rankingBarRows(dash.rankings, grain === 'state' ? 60 : MAX_RANKED_COUNTIES);
	const what = grain === 'state' ? 'States' : `Counties of ${dash.regionName}`;
	const t = formatThreshold({ value: dash.view.threshold, unit: dash.unit });
	const ctx = context(dash);
	const total = dash.rankings.filter((r) => r.share != null).length;
	const groupLabel = dash.view.group === 'all' ? null : GROUP_COPY[dash.view.group].label;
	const title = `${what} ranked by the share of residents more than ${t} from a CAR-T centre`;
	const top = rows[0];
	const subtitle = `${top ? `Highest: ${dash.placeNames[top.id] ?? top.id}, ${formatPercent(top.share)}. ` : ''}${METHOD_INFO[ctx.method].label}; ${ctx.centreCount} centres.${
		rows.length < total ? ` The ${rows.length} highest of ${total} counties.` : ''
	}`;
	return {
		chart: 'ranking',
		title,
		subtitle,
		options: rankingBarsOptions({ rows, names: dash.placeNames, threshold: dash.view.threshold, unit: dash.unit, width, what, color: palette.ranking }),
		table: rankingTable({ rows, names: dash.placeNames, ctx, title, groupLabel }),
		alt: rankingAlt({ rows, names: dash.placeNames, threshold: dash.view.threshold, unit: dash.unit, what }),
		notes: grain === 'state' ? ['50 states and DC; Puerto Rico has no population-group counts.'] : [],
		fileStem: `car-t-atlas-ranking-${slug(grain === 'state' ? 'states' : dash.regionName)}`
	};
}

function compareModel({ width, groups, palette = PALETTES.light }: ModelInput, dash: FiguresDash, cmp: FiguresComparison | undefined): ChartModel | undefined {
	const national = cmp?.national;
	const figures = cmp?.enough ? cmp.figures : undefined;
	if (!cmp || !national || !figures) return undefined;
	const wanted = groups && groups.length ? groups : COMPARE_GROUPS;
	const regions = figures.map((f) => ({ code: f.code, name: f.name, result: f.result }));
	const rows = compareBarRows({ regions, national, unit: dash.unit, groups: wanted, highlight: dash.view.group });
	const base = compareBarsOptions({ regions, national, unit: dash.unit, groups: wanted, highlight: dash.view.group, width });
	const series = ((base.color as Plot.ScaleOptions).domain ?? []) as string[];
	const options = withColours(base, series, [...regions.map((_, i) => palette.regions[i % palette.regions.length]), palette.nation]);
	const t = formatThreshold({ value: dash.view.threshold, unit: dash.unit });
	const names = regions.map((r) => r.name);
	const ctx = { ...context(dash), regionName: `${names.join(', ')} and the United States` };
	const title = `${names.join(', ')}: who lives more than ${t} from a CAR-T centre`;
	const first = figures[0];
	return {
		chart: 'compare',
		title,
		subtitle: `${first ? cmp.sentence(first, dash.view.group) : ''} ${METHOD_INFO[ctx.method].label}; ${ctx.centreCount} centres; dashed line: the United States.`.trim(),
		options,
		table: compareTable({ rows, ctx, title }),
		alt: compareAlt({ rows, names, threshold: dash.view.threshold, unit: dash.unit }),
		notes: [],
		fileStem: `car-t-atlas-compare-${slug(regions.map((r) => r.code).join('-'))}`
	};
}
