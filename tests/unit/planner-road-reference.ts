/**
 * The planner's road re-scoring before the fast path (kept as the reference for
 * tests/unit/planner-road.test.ts and as the baseline row of `npm run bench`): for each
 * candidate, add it to the full road search over today's centres (CentreSearch.add), query every
 * place beyond reach, and remove it again. Slow (about 1 s national) but plainly the engine's answer.
 */
import type { RoadGraph } from '../../src/lib/metrics/drive-time/graph';
import type { TravelTimeParams } from '../../src/lib/metrics/drive-time/params';
import { CentreSearch, STATUS_OK, type PreparedOrigins, type TravelTimeArrays } from '../../src/lib/metrics/drive-time/travel-times';
import type { CentrePoint } from '../../src/lib/metrics/nearest';
import type { Coverage } from '../../src/lib/planner/coverage';

export function roadCoverageReference(input: {
	graph: RoadGraph;
	params?: Partial<TravelTimeParams>;
	centres: readonly CentrePoint[];
	beyond: Int32Array;
	prepared: PreparedOrigins;
	candidates: readonly { lat: number; lon: number }[];
	threshold: number;
	/** a search over `centres` to reuse (left as it was found) */
	search?: CentreSearch<string>;
}): Coverage {
	const { beyond, candidates, threshold, prepared } = input;
	let search = input.search;
	if (!search) {
		search = new CentreSearch<string>(input.graph, input.params);
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
		for (let j = 0; j < beyond.length; j++) if (r.status[j] === STATUS_OK && r.minutes[j] <= threshold) items.push(beyond[j]);
		search.remove(id);
	}
	start[candidates.length] = items.length;
	return { start, items: Int32Array.from(items), beyond };
}
