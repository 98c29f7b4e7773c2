/**
 * A what-if embed's first chart from build-time files: the first figures (state/first-figures) for
 * today's centres, and the what-if tiles near the link's added sites (metrics/whatif-tiles) for the
 * change, so a link such as `/embed/whatif/?add=p:44.0,-103.2` is drawn from ~0.1 MB instead of the
 * road network, the data file and the build-time travel (4.7 MB) and the engine's work on them. The figures
 * are the engine's up to rounding in the last bits (metrics/whatif-figures); the embed, whose link cannot
 * change, does not start the engine.
 *
 * Applies to links that add centres (points, or hospitals: their names and coordinates in small files of
 * the tiles' folder, {@link hospitalFile}) to the default list by road at a threshold of the dashboard's
 * slider (the first figures hold 1 and 2 hours; the tiles' folder the others, {@link thresholdFile}), for the
 * nation or a state; removals, other lists and methods are drawn by the engine.
 */
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import { sameCentres } from '$lib/metrics/travel-engine';
import { assemble, cellsFor, decodeTile, tileFile, TILE_VERSION, type TileIndex } from '$lib/metrics/whatif-tiles';
import { localTravel, resultAfter } from '$lib/metrics/whatif-figures';
import type { FiguresDash } from '$lib/embed/chart-model';
import { figuresBase, firstResult, firstTotals, isFirstFigures, regionOf, type FirstFigures } from './first-figures';
import { resolveScenario, scenarioCentres, type ScenarioLink } from './scenario';
import { THRESHOLD_RANGE, usesDefaultCentres, type ViewState } from './url-params';
import type * as hospitals from '$lib/queries/hospitals';

/** where the tiles are, under the data folder */
export const TILES_DIR = 'whatif';

/** What a what-if link needs of a hospital it names (as `queries/hospitals` gives it). */
export type HospitalRef = Pick<hospitals.Row, 'hospital_id' | 'name' | 'lat' | 'lon'>;

/**
 * The file of the tiles' folder that holds a hospital's id, name and coordinates: hospitals in 100
 * files by the last two digits of their id (~55 each, ~3 kB), so a link naming one loads one small file
 * and not the SQL engine.
 */
export const hospitalFile = (id: string) => `h${id.slice(-2)}.json`;

/** Build side: the hospitals' files (name → JSON), each hospital once, by id. */
export function hospitalFiles(rows: readonly HospitalRef[]): Map<string, string> {
	const by = new Map<string, HospitalRef[]>();
	for (const r of [...rows].sort((a, b) => (a.hospital_id < b.hospital_id ? -1 : 1))) {
		const f = hospitalFile(r.hospital_id);
		const list = by.get(f) ?? [];
		list.push({ hospital_id: r.hospital_id, name: r.name, lat: r.lat, lon: r.lon });
		by.set(f, list);
	}
	return new Map([...by].map(([f, list]) => [f, JSON.stringify(list)]));
}

const isHospitalRef = (x: unknown): x is HospitalRef => {
	const h = x as HospitalRef;
	return !!h && typeof h.hospital_id === 'string' && typeof h.name === 'string' && Number.isFinite(h.lat) && Number.isFinite(h.lon);
};

/** The thresholds (minutes) the tiles serve: every step of the dashboard's slider. */
export function tileThresholds(): number[] {
	const { min, max, step } = THRESHOLD_RANGE.minutes;
	const out: number[] = [];
	for (let t = min; t <= max; t += step) out.push(t);
	return out;
}

/**
 * The default list's sums beyond a threshold the first figures do not hold, for the nation and each state
 * (`f<minutes>.json` in the tiles' folder): what {@link withThreshold} adds to the first figures.
 */
export interface ThresholdFigures {
	version: 1;
	threshold: number;
	/** per region of the first figures, in their order: per group, as the first figures' `beyond` and `beyondMoe` */
	regions: { code: string; beyond: number[]; beyondMoe: (number | null)[] }[];
}

export const thresholdFile = (threshold: number) => `f${threshold}.json`;

/** Build side: a threshold's sums from the first figures made for it (`firstFigures` with that one threshold). */
export function thresholdFigures(file: FirstFigures): ThresholdFigures {
	if (file.thresholds.length !== 1) throw new Error('thresholdFigures: first figures for one threshold expected');
	return { version: 1, threshold: file.thresholds[0], regions: file.regions.map((r) => ({ code: r.code, beyond: r.beyond[0], beyondMoe: r.beyondMoe[0] })) };
}

/** The first figures with a threshold's sums added (their other figures do not depend on it); undefined when they do not fit. */
export function withThreshold(file: FirstFigures, extra: unknown): FirstFigures | undefined {
	const x = extra as ThresholdFigures;
	if (!x || x.version !== 1 || !Number.isFinite(x.threshold) || !Array.isArray(x.regions) || x.regions.length !== file.regions.length) return undefined;
	const G = file.groups.length;
	const ok = x.regions.every((r, i) => r?.code === file.regions[i].code && Array.isArray(r.beyond) && r.beyond.length === G && Array.isArray(r.beyondMoe) && r.beyondMoe.length === G);
	if (!ok) return undefined;
	const merged: FirstFigures = {
		...file,
		thresholds: [...file.thresholds, x.threshold],
		regions: file.regions.map((r, i) => ({ ...r, beyond: [...r.beyond, x.regions[i].beyond], beyondMoe: [...r.beyondMoe, x.regions[i].beyondMoe] }))
	};
	return isFirstFigures(merged) ? merged : undefined;
}

/** True when a what-if link may be drawn from the tiles (see the module comment); the page fetches them only then. */
export function mayUseTiles({ chart, view, link }: { chart: string; view: ViewState; link: ScenarioLink }): boolean {
	return (
		chart === 'whatif' &&
		view.method === 'road' &&
		tileThresholds().includes(view.threshold) &&
		view.areaSet == null &&
		usesDefaultCentres(view) &&
		link.removed.length === 0 &&
		link.added.length > 0
	);
}

export function isTileIndex(x: unknown): x is TileIndex {
	const t = x as TileIndex;
	return !!t && t.version === TILE_VERSION && t.cellDeg > 0 && Array.isArray(t.tiles) && Array.isArray(t.centres) && Array.isArray(t.graph?.classes);
}

/**
 * The what-if chart's figures from the tiles, or undefined when they do not apply (the engine draws it):
 * a link they do not serve, tiles for another centre list, a site whose roads no centre reaches. A file
 * that does not load rejects.
 */
export async function whatIfFromTiles({
	file,
	view,
	link,
	calibration,
	load
}: {
	/** the first figures (at their own thresholds: a link at another one reads its sums from the tiles' folder) */
	file: FirstFigures;
	view: ViewState;
	link: ScenarioLink;
	calibration: Calibration;
	/** a file of the tiles' folder (`index.json`, a tile, a hospital's file, a threshold's sums), as bytes */
	load: (name: string) => Promise<ArrayBuffer>;
}): Promise<FiguresDash | undefined> {
	if (!mayUseTiles({ chart: 'whatif', view, link }) || !file.regions.some((r) => r.code === view.region)) return undefined;
	const json = async (name: string): Promise<unknown> => JSON.parse(new TextDecoder().decode(await load(name)));
	const ids = link.added.flatMap((a) => (a.kind === 'hospital' ? [a.hospitalId] : []));
	const threshold = view.threshold;
	// (a threshold the first figures do not hold: its sums, with the index and the hospitals' files)
	const own = file.thresholds.includes(threshold);
	const [index, sums, ...lists] = await Promise.all([json('index.json'), own ? null : json(thresholdFile(threshold)), ...[...new Set(ids.map(hospitalFile))].map(json)]);
	const figures = own ? file : withThreshold(file, sums);
	if (!figures || !isTileIndex(index) || !sameCentres(index.centres, figures.centres)) return undefined;
	const base = figuresBase(figures, view);
	const before = firstResult(figures, view.region, threshold);
	const totals = firstTotals(figures, view.region, threshold);
	if (!base || !before || !totals) return undefined;
	const named = lists.flatMap((l) => (Array.isArray(l) ? l.filter(isHospitalRef) : []));
	// (an id the files do not hold: the engine says so in its notices)
	if (ids.some((id) => !named.some((h) => h.hospital_id === id))) return undefined;
	const { scenario } = resolveScenario({ link, hospitals: named });
	const list = scenarioCentres(figures.centres, scenario);
	const added = list.slice(figures.centres.length);
	const cells = cellsFor(index, added, threshold);
	const bytes = await Promise.all(cells.map((c) => load(tileFile(c.key))));
	const network = assemble(
		index,
		cells.map((c, k) => decodeTile(c.key, bytes[k]))
	);
	const region = regionOf(view.region);
	// (no site added, every one already a centre: no cell, nothing moves)
	const after = localTravel({ index, network, added, calibration, threshold });
	const equity = after && resultAfter({ before: totals.totals, network, after, region, threshold, pop2020WithoutCounts: totals.pop2020WithoutCounts });
	if (!equity) return undefined;
	return { ...base, equity, baselineEquity: before, scenario, scenarioSet: list, activeCentres: list, rankings: [], rankingGrain: 'state' };
}
