/**
 * Road re-scoring for the planner. A bounded road search from each of 5,000 candidates does
 * not fit the 1 s budget, so the road method works in two steps (see README.md):
 * 1. shortlist with the calibrated model (its minutes are fitted to the road model);
 * 2. for each shortlisted candidate, add it to a road search over today's centres
 *    (incremental, metrics/drive-time `CentreSearch.add`), read the road minutes of the
 *    places beyond reach, and remove it again (`remove` repairs to the identical state).
 * The sets from step 2 are exact road coverage; the greedy then runs on them.
 */
import type { RoadGraph } from '$lib/metrics/drive-time/graph';
import type { TravelTimeParams } from '$lib/metrics/drive-time/params';
import { CentreSearch, prepareOrigins, STATUS_OK, type PreparedOrigins, type TravelTimeArrays } from '$lib/metrics/drive-time/travel-times';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Coverage } from './coverage';

export interface RoadRescoreInput {
	graph: RoadGraph;
	params?: Partial<TravelTimeParams>;
	/** today's centres */
	centres: readonly CentrePoint[];
	/** coordinates of every place; only `beyond` ones are searched */
	places: { lat: ArrayLike<number>; lon: ArrayLike<number> };
	/** places beyond the threshold today on roads */
	beyond: Int32Array;
	candidates: readonly { lat: number; lon: number }[];
	threshold: number;
	/** reuse a search over the same centres and params (it is left as it was found) */
	search?: CentreSearch<string>;
	prepared?: PreparedOrigins;
	onProgress?: (fraction: number) => void;
}

/** Exact road coverage sets of the given candidates (index as in `candidates`). */
export function roadCoverage(input: RoadRescoreInput): { coverage: Coverage; search: CentreSearch<string>; prepared: PreparedOrigins } {
	const { graph, beyond, candidates, threshold } = input;
	const prepared =
		input.prepared ?? prepareOrigins(graph, Array.from(beyond, (i) => ({ lat: input.places.lat[i], lon: input.places.lon[i] })), input.params);
	let search = input.search;
	if (!search) {
		search = new CentreSearch<string>(graph, input.params);
		if (input.centres.length) search.add(...input.centres.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon })));
	}
	const start = new Int32Array(candidates.length + 1);
	const items: number[] = [];
	let r: TravelTimeArrays | undefined;
	for (let c = 0; c < candidates.length; c++) {
		start[c] = items.length;
		const id = `planner-candidate-${c}`;
		search.add({ id, lat: candidates[c].lat, lon: candidates[c].lon });
		r = search.queryPrepared(prepared, r);
		for (let j = 0; j < beyond.length; j++) {
			if (r.status[j] === STATUS_OK && r.minutes[j] <= threshold) items.push(beyond[j]);
		}
		search.remove(id);
		input.onProgress?.((c + 1) / candidates.length);
	}
	start[candidates.length] = items.length;
	return { coverage: { start, items: Int32Array.from(items), beyond }, search, prepared };
}
