/**
 * Multi-source Dijkstra keeping the two nearest *distinct* sources per vertex (a 2-label search), and an
 * incremental update when sources are added.
 *
 * Order of labels: a label (minutes, id) beats another when its minutes are smaller, or equal with a smaller
 * source id; that total order makes the "two nearest sources" unique, so a full recompute and any sequence of
 * incremental additions give identical results. For one source at one vertex the search also keeps the
 * road km of the fastest path (ties in minutes broken by fewer km).
 *
 * Why it is exact: if source s is among the two best at vertex w, then s is among the two best at every
 * vertex on its fastest path to w (two sources beating s at such a vertex would also beat s at w). So a
 * label only needs to propagate from vertices where it is one of the two best, and an added source only needs
 * to be propagated where it enters the top two.
 */
import type { RoadGraph } from './graph';
import { edgeMinutes, resolveParams, type TravelTimeParams } from './params';
import { MinutesHeap } from './minutes-heap';

export interface Source {
	/** non-negative integer id; several entries may share an id (one centre snapped to several vertices) */
	id: number;
	vertex: number;
	/** minutes already spent when the search leaves this vertex (e.g. the centre's access leg) */
	startMinutes: number;
	/** km already travelled (optional, default 0) */
	startKm?: number;
}

export interface DriveTimeState {
	readonly graph: RoadGraph;
	readonly params: TravelTimeParams;
	/** minutes per edge under params */
	readonly edgeMin: Float64Array;
	/** km per edge */
	readonly edgeKm: Float64Array;
	/** best label per vertex: minutes (Infinity when unreached), source id (-1), road km */
	readonly bestMinutes: Float64Array;
	readonly bestId: Int32Array;
	readonly bestKm: Float64Array;
	/** second-best label with a different source id */
	readonly secondMinutes: Float64Array;
	readonly secondId: Int32Array;
	readonly secondKm: Float64Array;
	/** when set, every vertex whose labels change is noted here (CentreSearch: which origins to query again) */
	changed?: ChangeLog;
}

/** Vertices whose labels changed since the log was last cleared (each once). */
export interface ChangeLog {
	/** 1 for a vertex already in `list` */
	readonly flag: Uint8Array;
	readonly list: number[];
}

export function changeLog(vertexCount: number): ChangeLog {
	return { flag: new Uint8Array(vertexCount), list: [] };
}

/** The logged vertices, and the log emptied. */
export function takeChanged(log: ChangeLog): Int32Array {
	const out = Int32Array.from(log.list);
	for (const v of log.list) log.flag[v] = 0;
	log.list.length = 0;
	return out;
}

function note(st: DriveTimeState, v: number): void {
	const c = st.changed;
	if (c && !c.flag[v]) {
		c.flag[v] = 1;
		c.list.push(v);
	}
}

export interface RunStats {
	/** heap pops that expanded a label */
	settled: number;
	/** labels written */
	updates: number;
}

/** Binary min-heap over (minutes, km) with payload (vertex, id), in growable typed arrays. */
class LabelHeap {
	d = new Float64Array(1024);
	k = new Float64Array(1024);
	v = new Int32Array(1024);
	s = new Int32Array(1024);
	size = 0;
	private less(i: number, j: number): boolean {
		return this.d[i] < this.d[j] || (this.d[i] === this.d[j] && (this.k[i] < this.k[j] || (this.k[i] === this.k[j] && this.s[i] < this.s[j])));
	}
	private swap(i: number, j: number): void {
		let t = this.d[i];
		this.d[i] = this.d[j];
		this.d[j] = t;
		t = this.k[i];
		this.k[i] = this.k[j];
		this.k[j] = t;
		let u = this.v[i];
		this.v[i] = this.v[j];
		this.v[j] = u;
		u = this.s[i];
		this.s[i] = this.s[j];
		this.s[j] = u;
	}
	push(d: number, k: number, v: number, s: number): void {
		if (this.size === this.d.length) {
			const grow = <T extends Float64Array | Int32Array>(a: T): T => {
				const b = new (a.constructor as { new (n: number): T })(a.length * 2);
				b.set(a);
				return b;
			};
			this.d = grow(this.d);
			this.k = grow(this.k);
			this.v = grow(this.v);
			this.s = grow(this.s);
		}
		let i = this.size++;
		this.d[i] = d;
		this.k[i] = k;
		this.v[i] = v;
		this.s[i] = s;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!this.less(i, p)) break;
			this.swap(i, p);
			i = p;
		}
	}
	/** removes the top; read d[0], k[0], v[0], s[0] before calling */
	pop(): void {
		const last = --this.size;
		if (last === 0) return;
		this.d[0] = this.d[last];
		this.k[0] = this.k[last];
		this.v[0] = this.v[last];
		this.s[0] = this.s[last];
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= last) break;
			const r = l + 1;
			const c = r < last && this.less(r, l) ? r : l;
			if (!this.less(c, i)) break;
			this.swap(c, i);
			i = c;
		}
	}
}

/** Fresh state with no sources. */
export function createState(graph: RoadGraph, params: Partial<TravelTimeParams> = {}): DriveTimeState {
	const p = resolveParams(params);
	const n = graph.vertexCount;
	return {
		graph,
		params: p,
		edgeMin: edgeMinutesOf(graph, p),
		edgeKm: edgeKmOf(graph),
		bestMinutes: new Float64Array(n).fill(Infinity),
		bestId: new Int32Array(n).fill(-1),
		bestKm: new Float64Array(n).fill(Infinity),
		secondMinutes: new Float64Array(n).fill(Infinity),
		secondId: new Int32Array(n).fill(-1),
		secondKm: new Float64Array(n).fill(Infinity)
	};
}

/** speed settings kept per graph (the method range varies them) */
const EDGE_CACHE_SIZE = 3;
const edgeMinCache = new WeakMap<RoadGraph, Map<string, Float64Array>>();
const edgeKmCache = new WeakMap<RoadGraph, Float64Array>();

/**
 * Minutes per edge of a graph under params' speeds, computed once per graph and speeds and shared by
 * every search (read only): 8 bytes per edge of fresh memory a search does not allocate again (memory
 * touched for the first time is much of a cold search's cost in a browser).
 */
export function edgeMinutesOf(graph: RoadGraph, p: TravelTimeParams): Float64Array {
	let byParams = edgeMinCache.get(graph);
	if (!byParams) edgeMinCache.set(graph, (byParams = new Map()));
	const key = JSON.stringify([p.connectorSpeedKmh, p.speedsKmh]);
	let a = byParams.get(key);
	if (a) {
		// (most recently used last)
		byParams.delete(key);
		byParams.set(key, a);
		return a;
	}
	a = edgeMinutes(graph, p);
	byParams.set(key, a);
	if (byParams.size > EDGE_CACHE_SIZE) byParams.delete(byParams.keys().next().value!);
	return a;
}

/** Km per edge of a graph, computed once per graph (the two-label searches' tie-break; no speed involved). */
export function edgeKmOf(graph: RoadGraph): Float64Array {
	let km = edgeKmCache.get(graph);
	if (!km) {
		km = new Float64Array(graph.edgeCount);
		for (let e = 0; e < graph.edgeCount; e++) km[e] = graph.edgeLengthM[e] / 1000;
		edgeKmCache.set(graph, km);
	}
	return km;
}

/**
 * Offer label (d, km, s) to vertex v. Returns true when it became (or improved) one of v's two labels.
 */
function offer(st: DriveTimeState, v: number, d: number, km: number, s: number): boolean {
	const bm = st.bestMinutes as Float64Array;
	const bi = st.bestId as Int32Array;
	const bk = st.bestKm as Float64Array;
	const sm = st.secondMinutes as Float64Array;
	const si = st.secondId as Int32Array;
	const sk = st.secondKm as Float64Array;
	if (bi[v] === s) {
		if (d < bm[v] || (d === bm[v] && km < bk[v])) {
			bm[v] = d;
			bk[v] = km;
			return true;
		}
		return false;
	}
	if (si[v] === s) {
		if (d < sm[v] || (d === sm[v] && km < sk[v])) {
			if (d < bm[v] || (d === bm[v] && s < bi[v])) {
				// promote: old best becomes second
				sm[v] = bm[v];
				sk[v] = bk[v];
				si[v] = bi[v];
				bm[v] = d;
				bk[v] = km;
				bi[v] = s;
			} else {
				sm[v] = d;
				sk[v] = km;
			}
			return true;
		}
		return false;
	}
	if (d < bm[v] || (d === bm[v] && s < bi[v])) {
		sm[v] = bm[v];
		sk[v] = bk[v];
		si[v] = bi[v];
		bm[v] = d;
		bk[v] = km;
		bi[v] = s;
		return true;
	}
	if (d < sm[v] || (d === sm[v] && s < si[v])) {
		sm[v] = d;
		sk[v] = km;
		si[v] = s;
		return true;
	}
	return false;
}

function checkSource(g: RoadGraph, src: Source): void {
	if (!Number.isInteger(src.id) || src.id < 0) throw new Error(`Source id must be a non-negative integer, got ${src.id}`);
	if (!Number.isInteger(src.vertex) || src.vertex < 0 || src.vertex >= g.vertexCount)
		throw new Error(`Source ${src.id}: vertex ${src.vertex} is not in the graph (0..${g.vertexCount - 1})`);
	if (!(src.startMinutes >= 0) || !Number.isFinite(src.startMinutes))
		throw new Error(`Source ${src.id}: startMinutes must be a finite number ≥ 0, got ${src.startMinutes}`);
}

/** Offer a source's start label at its vertex; queued when it enters the vertex's top two. Returns the labels written (0 or 1). */
function start(st: DriveTimeState, heap: LabelHeap, src: Source): number {
	const km = src.startKm ?? 0;
	if (!offer(st, src.vertex, src.startMinutes, km, src.id)) return 0;
	note(st, src.vertex);
	heap.push(src.startMinutes, km, src.vertex, src.id);
	return 1;
}

function run(st: DriveTimeState, sources: readonly Source[], limit = Infinity): RunStats {
	const g = st.graph;
	const heap = new LabelHeap();
	let updates = 0;
	for (const src of sources) {
		checkSource(g, src);
		updates += start(st, heap, src);
	}
	const stats = drain(st, heap, limit);
	return { settled: stats.settled, updates: updates + stats.updates };
}

/**
 * Settle everything in the heap (labels already written to the state), or, with `limit`, every label
 * of at most `limit` minutes: those are then exact, and every other label is greater than `limit`.
 */
function drain(st: DriveTimeState, heap: LabelHeap, limit = Infinity): RunStats {
	const g = st.graph;
	let updates = 0;
	let settled = 0;
	const { adjOffsets, adjTargets, adjEdges } = g;
	const { edgeMin, edgeKm, bestMinutes: bm, bestId: bi, bestKm: bk, secondMinutes: sm, secondId: si, secondKm: sk } = st;
	const log = st.changed !== undefined;
	while (heap.size > 0) {
		const d = heap.d[0];
		const km = heap.k[0];
		const u = heap.v[0];
		const s = heap.s[0];
		if (d > limit) break;
		heap.pop();
		// stale entry? (label replaced or improved since it was pushed)
		if (!((bi[u] === s && bm[u] === d && bk[u] === km) || (si[u] === s && sm[u] === d && sk[u] === km))) continue;
		settled++;
		for (let a = adjOffsets[u], end = adjOffsets[u + 1]; a < end; a++) {
			const e = adjEdges[a];
			const v = adjTargets[a];
			const nd = d + edgeMin[e];
			// quick reject: worse than both labels of v and not the same source
			if (nd > sm[v] && bi[v] !== s && si[v] !== s) continue;
			const nk = km + edgeKm[e];
			if (offer(st, v, nd, nk, s)) {
				updates++;
				if (log) note(st, v);
				heap.push(nd, nk, v, s);
			}
		}
	}
	return { settled, updates };
}

/**
 * A search from scratch that stops once every label of at most `limit` minutes is settled: those
 * labels are exact (equal to a full search's), every other label is greater than `limit`.
 */
export function searchWithin(
	graph: RoadGraph,
	sources: readonly Source[],
	limit: number,
	params: Partial<TravelTimeParams> = {}
): DriveTimeState & { stats: RunStats } {
	const st = createState(graph, params);
	const stats = run(st, sources, limit);
	return Object.assign(st, { stats });
}

/**
 * Minutes from one centre's sources (its snapped vertices, each with its access minutes) to every
 * vertex, settled up to `limit`: those of at most `limit` are exact, every other is greater than
 * `limit` (Infinity: not reached). The same minutes as the best label of a {@link searchWithin} from
 * these sources alone (a vertex's final minutes are the least of the same sums, whatever the order of
 * settling), with one label per vertex and no km: a fifth of its memory.
 * `into`: an array of this graph's vertex count to write into (it is reset), else a fresh one.
 */
export function minutesWithin(
	graph: RoadGraph,
	sources: readonly Pick<Source, 'vertex' | 'startMinutes'>[],
	limit: number,
	params: Partial<TravelTimeParams> = {},
	into?: Float64Array
): Float64Array {
	const n = graph.vertexCount;
	const bm = into && into.length === n ? into.fill(Infinity) : new Float64Array(n).fill(Infinity);
	const edgeMin = edgeMinutesOf(graph, resolveParams(params));
	const heap = new MinutesHeap();
	for (const src of sources) {
		checkSource(graph, { ...src, id: 0 });
		if (src.startMinutes < bm[src.vertex]) {
			bm[src.vertex] = src.startMinutes;
			heap.push(src.startMinutes, src.vertex);
		}
	}
	const { adjOffsets, adjTargets, adjEdges } = graph;
	while (heap.size > 0) {
		const d = heap.d[0];
		const u = heap.v[0];
		if (d > limit) break;
		heap.pop();
		if (d !== bm[u]) continue; // (stale: improved since it was pushed)
		for (let a = adjOffsets[u], end = adjOffsets[u + 1]; a < end; a++) {
			const v = adjTargets[a];
			const nd = d + edgeMin[adjEdges[a]];
			if (nd < bm[v]) {
				bm[v] = nd;
				heap.push(nd, v);
			}
		}
	}
	return bm;
}

/** Full multi-source search from scratch. */
export function multiSourceDijkstra(
	graph: RoadGraph,
	sources: readonly Source[],
	params: Partial<TravelTimeParams> = {}
): DriveTimeState & { stats: RunStats } {
	const st = createState(graph, params);
	const stats = run(st, sources);
	return Object.assign(st, { stats });
}

/**
 * Add one source (or several entries of sources) to an existing state, updating only the vertices where the
 * new labels enter the top two. The result equals a full recompute with all sources.
 */
export function addSource(state: DriveTimeState, source: Source | readonly Source[]): RunStats {
	return run(state, Array.isArray(source) ? (source as Source[]) : [source as Source]);
}

/**
 * Remove every source with `id` from a state, leaving it identical to a full run over `remaining` (the sources
 * still present, which must be exactly the ones added so far minus `id`).
 *
 * Only the region where `id` held one of the two labels changes (elsewhere the top two did not include it).
 * There the other label is exact and kept; the vacated slot is refilled by a search seeded with the kept labels,
 * the labels of the vertices bordering the region, and the remaining sources that start inside it.
 */
export function removeSource(state: DriveTimeState, id: number, remaining: readonly Source[]): RunStats {
	const g = state.graph;
	const n = g.vertexCount;
	const { bestMinutes: bm, bestId: bi, bestKm: bk, secondMinutes: sm, secondId: si, secondKm: sk } = state;
	for (const src of remaining) {
		checkSource(g, src);
		if (src.id === id) throw new Error(`removeSource: source ${id} is still listed in remaining`);
	}
	// 0 = untouched, 1 = in the region, 2 = border vertex already seeded
	const mark = new Uint8Array(n);
	let regionSize = 0;
	for (let v = 0; v < n; v++) {
		if (bi[v] === id) {
			bm[v] = sm[v];
			bi[v] = si[v];
			bk[v] = sk[v];
		} else if (si[v] !== id) continue;
		sm[v] = Infinity;
		si[v] = -1;
		sk[v] = Infinity;
		mark[v] = 1;
		note(state, v);
		regionSize++;
	}
	if (regionSize === 0) return { settled: 0, updates: 0 };
	const heap = new LabelHeap();
	const { adjOffsets, adjTargets } = g;
	const seed = (v: number): void => {
		if (bi[v] >= 0) heap.push(bm[v], bk[v], v, bi[v]);
		if (si[v] >= 0) heap.push(sm[v], sk[v], v, si[v]);
	};
	for (let v = 0; v < n; v++) {
		if (mark[v] !== 1) continue;
		if (bi[v] >= 0) heap.push(bm[v], bk[v], v, bi[v]);
		for (let a = adjOffsets[v], end = adjOffsets[v + 1]; a < end; a++) {
			const x = adjTargets[a];
			if (mark[x] === 0) {
				mark[x] = 2;
				seed(x);
			}
		}
	}
	let updates = 0;
	for (const src of remaining) if (mark[src.vertex] === 1) updates += start(state, heap, src);
	const stats = drain(state, heap);
	return { settled: stats.settled, updates: updates + stats.updates };
}
