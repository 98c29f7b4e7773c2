/**
 * A what-if embed's first chart from build-time files: the first figures (state/first-figures) for
 * today's centres, and the what-if tiles near the link's added sites (metrics/whatif-tiles) for the
 * change, so a link such as `/embed/whatif/?add=p:44.0,-103.2` is drawn from ~0.1 MB instead of the
 * road network, the data file and the build-time travel (4.7 MB) and the engine's work on them. The
 * engine then takes over with the same numbers (up to rounding in the last bits: metrics/whatif-figures).
 *
 * Applies to links that add points to the default list by road at one of the first figures' thresholds,
 * for the nation or a state; hospitals (their coordinates are in the SQL engine), removals, other lists,
 * methods and thresholds are drawn by the engine.
 */
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import { sameCentres } from '$lib/metrics/travel-engine';
import { assemble, cellsFor, decodeTile, tileFile, TILE_VERSION, type TileIndex } from '$lib/metrics/whatif-tiles';
import { localTravel, resultAfter } from '$lib/metrics/whatif-figures';
import { METHOD_INFO } from '$lib/metrics/travel-methods';
import type { FiguresDash } from '$lib/embed/chart-model';
import { figuresBase, firstResult, firstTotals, regionOf, type FirstFigures } from './first-figures';
import { resolveScenario, scenarioCentres, type ScenarioLink } from './scenario';
import { usesDefaultCentres, type ViewState } from './url-params';

/** where the tiles are, under the data folder */
export const TILES_DIR = 'whatif';

/** True when a what-if link may be drawn from the tiles (see the module comment); the page fetches them only then. */
export function mayUseTiles({ chart, view, link }: { chart: string; view: ViewState; link: ScenarioLink }): boolean {
	return (
		chart === 'whatif' &&
		view.method === 'road' &&
		METHOD_INFO.road.thresholds.includes(view.threshold) &&
		view.areaSet == null &&
		usesDefaultCentres(view) &&
		link.removed.length === 0 &&
		link.added.length > 0 &&
		link.added.every((a) => a.kind === 'point')
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
	file: FirstFigures;
	view: ViewState;
	link: ScenarioLink;
	calibration: Calibration;
	/** a file of the tiles' folder (`index.json`, a tile), as bytes */
	load: (name: string) => Promise<ArrayBuffer>;
}): Promise<FiguresDash | undefined> {
	if (!mayUseTiles({ chart: 'whatif', view, link })) return undefined;
	const base = figuresBase(file, view);
	const before = firstResult(file, view.region, view.threshold);
	const totals = firstTotals(file, view.region, view.threshold);
	if (!base || !before || !totals) return undefined;
	const index: unknown = JSON.parse(new TextDecoder().decode(await load('index.json')));
	if (!isTileIndex(index) || !sameCentres(index.centres, file.centres)) return undefined;
	// (points only: no hospital to look up)
	const { scenario } = resolveScenario({ link, hospitals: [] });
	const list = scenarioCentres(file.centres, scenario);
	const added = list.slice(file.centres.length);
	const threshold = view.threshold;
	const cells = cellsFor(index, added, threshold);
	const bytes = await Promise.all(cells.map((c) => load(tileFile(c.key))));
	const network = assemble(
		index,
		cells.map((c, k) => decodeTile(c.key, bytes[k]))
	);
	const region = regionOf(view.region);
	const after = added.length ? localTravel({ index, network, added, calibration, threshold }) : network.baseline.roadMinutes;
	const equity = after && resultAfter({ before: totals.totals, network, after, region, threshold, pop2020WithoutCounts: totals.pop2020WithoutCounts });
	if (!equity) return undefined;
	return { ...base, equity, baselineEquity: before, scenario, scenarioSet: list, activeCentres: list, rankings: [], rankingGrain: 'state' };
}
