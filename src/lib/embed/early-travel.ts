/**
 * Workers started by the embed page's inline script (early-travel-script.js) before the app's scripts
 * ran, for a link whose first chart needs the road network (a what-if scenario by road): the road
 * network's download and decoding, and the data file's download and population groups, start with
 * the page's own scripts instead of once the page has mounted. The session takes them over: the
 * travel client (workers/travel-client) and the data work (workers/data-client).
 */
import EARLY_SCRIPT_JS from './early-travel-script.js?raw';
import type { TravelResponse } from '$lib/workers/travel-protocol';
import type { DataResponse } from '$lib/workers/data-protocol';
import { escapeHtml } from './snippet';

/** A worker the inline script started: its messages so far (the taker replays them), its error if it failed before. */
export interface EarlyWorker<Reply> {
	worker: Worker;
	replies: Reply[];
	error: string | null;
}

/** The travel worker, asked to load the road network (the request has id {@link EARLY_ROADS_ID}). */
export interface EarlyTravel extends EarlyWorker<TravelResponse> {
	roads: { url: string; snapUrl: string | null };
}

/** The data worker, asked to fetch the data file at `url` (it sends the bytes, then the population groups). */
export interface EarlyData extends EarlyWorker<DataResponse> {
	url: string;
}

/** What the inline script leaves on `window`. */
export interface EarlyWorkers {
	travel?: EarlyTravel;
	data?: EarlyData;
}

/** id of the inline script's load-roads request (the travel client numbers its own from 1) */
export const EARLY_ROADS_ID = 0;

const KEY = '__atlasEarly';

/** The inline script's element, with the workers' scripts and the files they load, relative to the page. */
export function earlyWorkersScript(
	urls: { travelWorker: string; graph: string; snap: string; dataWorker: string; data: string },
	/**
	 * the what-if embed's: its links drawn from the what-if tiles (state/whatif-first) need no workers, and
	 * the script fetches their files: the tiles' folder; the first figures and their thresholds (the others'
	 * sums are in the tiles' folder); the thresholds the tiles serve (every `step` from `min` to `max`); the
	 * km around a site whose cells are needed, `perMinute` × threshold + `plus` (metrics/whatif-tiles
	 * cellReachKm); the threshold of a link without one
	 */
	tiles?: {
		dir: string;
		figures: string;
		figureThresholds: readonly number[];
		grid: { min: number; max: number; step: number };
		reach: { perMinute: number; plus: number };
		defaultThreshold: number;
	}
): string {
	const a = (k: string, v: string) => ` data-${k}="${escapeHtml(v)}"`;
	const t = tiles
		? a('tiles', tiles.dir) +
			a('figures', tiles.figures) +
			a('figure-thresholds', tiles.figureThresholds.join(',')) +
			a('tile-grid', `${tiles.grid.min},${tiles.grid.max},${tiles.grid.step}`) +
			a('tile-reach', `${tiles.reach.perMinute},${tiles.reach.plus}`) +
			a('tile-default', String(tiles.defaultThreshold))
		: '';
	return `<script${a('worker', urls.travelWorker)}${a('graph', urls.graph)}${a('snap', urls.snap)}${a('data-worker', urls.dataWorker)}${a('data', urls.data)}${t}>${EARLY_SCRIPT_JS}</script>`;
}

/** The files the inline script began to fetch for a what-if link drawn from the tiles, by name in the tiles' folder, and the first figures. */
export interface EarlyTiles {
	figures?: Promise<ArrayBuffer>;
	files: Record<string, Promise<ArrayBuffer>>;
}

const TILES_KEY = '__atlasTiles';

/** The what-if tiles' downloads the inline script began, taken (once; none if it began none). */
export function takeEarlyTiles(scope: object = globalThis): EarlyTiles {
	const w = scope as Record<string, unknown>;
	const early = w[TILES_KEY] as EarlyTiles | undefined;
	delete w[TILES_KEY];
	if (!early || typeof early !== 'object' || typeof early.files !== 'object') return { files: {} };
	return { figures: early.figures, files: early.files };
}

/** The workers the inline script started, taken (once; empty if it started none). */
export function takeEarlyWorkers(scope: object = globalThis): EarlyWorkers {
	const w = scope as Record<string, unknown>;
	const early = w[KEY] as EarlyWorkers | undefined;
	delete w[KEY];
	if (!early || typeof early !== 'object') return {};
	return { travel: early.travel?.worker ? early.travel : undefined, data: early.data?.worker ? early.data : undefined };
}

/** Two URLs of the same file, as the page resolves them (none is the same as none). */
export function sameUrl(a: string | null | undefined, b: string | null | undefined): boolean {
	if (!a || !b) return !a && !b;
	const base = globalThis.location?.href ?? 'http://localhost/';
	return new URL(a, base).href === new URL(b, base).href;
}
