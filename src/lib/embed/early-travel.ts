/**
 * A travel worker started by the embed page's inline script (early-travel-script.js) before the app's
 * scripts ran, for a link whose first chart needs the road network (a what-if scenario by road): its
 * download and decoding start with the page's own scripts instead of once the page has mounted.
 * The session's travel client takes it over (workers/travel-client).
 */
import EARLY_TRAVEL_JS from './early-travel-script.js?raw';
import type { TravelResponse } from '$lib/workers/travel-protocol';
import { escapeHtml } from './snippet';

/** What the inline script leaves on `window` (its load-roads request has id 0). */
export interface EarlyTravel {
	worker: Worker;
	/** the request it sent */
	roads: { url: string; snapUrl: string | null };
	/** the worker's replies so far (the client replays them) */
	replies: TravelResponse[];
	/** the worker's error, if it failed before the client took it over */
	error: string | null;
}

/** id of the inline script's load-roads request (the client numbers its own from 1) */
export const EARLY_ROADS_ID = 0;

const KEY = '__atlasEarlyTravel';

/** The inline script's element: the worker's script and the road network's files, relative to the page. */
export function earlyTravelScript(urls: { worker: string; graph: string; snap: string }): string {
	const a = (k: string, v: string) => ` data-${k}="${escapeHtml(v)}"`;
	return `<script${a('worker', urls.worker)}${a('graph', urls.graph)}${a('snap', urls.snap)}>${EARLY_TRAVEL_JS}</script>`;
}

/** The worker the inline script started, taken (once; undefined if it started none). */
export function takeEarlyTravel(scope: object = globalThis): EarlyTravel | undefined {
	const w = scope as Record<string, unknown>;
	const early = w[KEY] as EarlyTravel | undefined;
	delete w[KEY];
	return early && typeof early === 'object' && early.worker ? early : undefined;
}
