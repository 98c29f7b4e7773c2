import { describe, expect, it } from 'vitest';
import { addSource, createState, edgeMinutesOf, minutesWithin, multiSourceDijkstra, searchWithin, type Source } from '../../../src/lib/metrics/drive-time/dijkstra';
import { resolveParams } from '../../../src/lib/metrics/drive-time/params';
import { MinutesHeap } from '../../../src/lib/metrics/drive-time/minutes-heap';
import { randomToy, rng, toy, UNIT } from './toy';

const labels = (st: ReturnType<typeof createState>, v: number) => [st.bestMinutes[v], st.bestId[v], st.secondMinutes[v], st.secondId[v]];

describe('multiSourceDijkstra on hand-worked toy graphs (1 km = 1 min)', () => {
	// 0 —2— 1 —3— 2 —1— 3        4 isolated
	//  \__________9_________/
	const line = toy(5, [
		[0, 1, 2],
		[1, 2, 3],
		[2, 3, 1],
		[0, 3, 9]
	]);
	const cases: { name: string; sources: Source[]; expect: Record<number, (number)[]> }[] = [
		{
			name: 'one source: shortest path beats the long direct edge',
			sources: [{ id: 0, vertex: 0, startMinutes: 0 }],
			expect: { 0: [0, 0, Infinity, -1], 1: [2, 0, Infinity, -1], 2: [5, 0, Infinity, -1], 3: [6, 0, Infinity, -1] }
		},
		{
			name: 'two sources at the ends: best and second-best per vertex',
			sources: [
				{ id: 7, vertex: 0, startMinutes: 0 },
				{ id: 3, vertex: 3, startMinutes: 0 }
			],
			expect: { 0: [0, 7, 6, 3], 1: [2, 7, 4, 3], 2: [1, 3, 5, 7], 3: [0, 3, 6, 7] }
		},
		{
			name: 'start minutes (access legs) count',
			sources: [
				{ id: 1, vertex: 0, startMinutes: 10 },
				{ id: 2, vertex: 3, startMinutes: 0 }
			],
			expect: { 0: [6, 2, 10, 1], 1: [4, 2, 12, 1] }
		},
		{
			name: 'tie in minutes: the lower id is best, the other is second',
			sources: [
				{ id: 5, vertex: 1, startMinutes: 1 },
				{ id: 4, vertex: 1, startMinutes: 1 }
			],
			expect: { 1: [1, 4, 1, 5], 0: [3, 4, 3, 5] }
		},
		{
			name: 'one id at two vertices is one source (no second label from itself)',
			sources: [
				{ id: 0, vertex: 0, startMinutes: 0 },
				{ id: 0, vertex: 3, startMinutes: 0 }
			],
			expect: { 1: [2, 0, Infinity, -1], 2: [1, 0, Infinity, -1] }
		},
		{
			name: 'unreachable vertex keeps no label',
			sources: [{ id: 0, vertex: 2, startMinutes: 0 }],
			expect: { 4: [Infinity, -1, Infinity, -1] }
		},
		{
			name: 'source on an isolated vertex reaches only itself',
			sources: [
				{ id: 9, vertex: 4, startMinutes: 0 },
				{ id: 1, vertex: 0, startMinutes: 0 }
			],
			expect: { 4: [0, 9, Infinity, -1], 3: [6, 1, Infinity, -1] }
		}
	];
	it.each(cases)('$name', ({ sources, expect: exp }) => {
		const st = multiSourceDijkstra(line, sources, UNIT);
		for (const [v, want] of Object.entries(exp)) expect(labels(st, Number(v))).toEqual(want);
	});

	it('tracks road km along the fastest path (not the shortest)', () => {
		// 0 —freeway 10 km— 1 ; 0 —tier4 6 km— 1 : freeway at 90 vs tier4 at 30 km/h
		const g = toy(2, [
			[0, 1, 10, 1],
			[0, 1, 6, 4]
		]);
		const st = multiSourceDijkstra(g, [{ id: 0, vertex: 0, startMinutes: 0 }], { ...UNIT, speedsKmh: { 1: 90, 4: 30 } });
		expect(st.bestMinutes[1]).toBeCloseTo((10 / 90) * 60, 12);
		expect(st.bestKm[1]).toBeCloseTo(10, 12);
	});

	it('breaks a tie in minutes by fewer km', () => {
		// two routes of 6 minutes: 0-1 (6 km at 60) or 0-2-1 (3 + 3 km at 60) — same km; make one longer at higher speed
		const g = toy(3, [
			[0, 1, 12, 1],
			[0, 2, 3, 4],
			[2, 1, 3, 4]
		]);
		const st = multiSourceDijkstra(g, [{ id: 0, vertex: 0, startMinutes: 0 }], { ...UNIT, speedsKmh: { 1: 120, 4: 60 } });
		expect(st.bestMinutes[1]).toBe(6);
		expect(st.bestKm[1]).toBe(6);
	});

	it('rejects bad sources with a message naming the problem', () => {
		expect(() => multiSourceDijkstra(line, [{ id: -1, vertex: 0, startMinutes: 0 }], UNIT)).toThrow(/non-negative integer/);
		expect(() => multiSourceDijkstra(line, [{ id: 0, vertex: 99, startMinutes: 0 }], UNIT)).toThrow(/not in the graph/);
		expect(() => multiSourceDijkstra(line, [{ id: 0, vertex: 0, startMinutes: NaN }], UNIT)).toThrow(/startMinutes/);
	});
});

/** Brute force: Bellman–Ford per source id, then top two by (minutes, id). */
function bruteForce(n: number, edges: [number, number, number][], sources: Source[]) {
	const ids = [...new Set(sources.map((s) => s.id))];
	const dist = new Map<number, Float64Array>();
	for (const id of ids) {
		const d = new Float64Array(n).fill(Infinity);
		for (const s of sources) if (s.id === id) d[s.vertex] = Math.min(d[s.vertex], s.startMinutes);
		for (let it = 0; it < n; it++)
			for (const [a, b, w] of edges) {
				if (d[a] + w < d[b]) d[b] = d[a] + w;
				if (d[b] + w < d[a]) d[a] = d[b] + w;
			}
		dist.set(id, d);
	}
	return Array.from({ length: n }, (_, v) => {
		const c = ids
			.map((id) => ({ id, d: dist.get(id)![v] }))
			.filter((x) => x.d < Infinity)
			.sort((x, y) => x.d - y.d || x.id - y.id);
		return [c[0]?.d ?? Infinity, c[0]?.id ?? -1, c[1]?.d ?? Infinity, c[1]?.id ?? -1];
	});
}

describe('two-label correctness against brute force on random graphs', () => {
	it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i', (seed) => {
		const r = rng(seed * 7919);
		const n = 6 + Math.floor(r() * 30);
		const { graph, edges } = randomToy(seed, n, Math.floor(n * 0.8), 6);
		const k = 1 + Math.floor(r() * 6);
		// integer starts so that ties happen and the (minutes, id) order is exercised
		const sources: Source[] = Array.from({ length: k }, () => ({
			id: Math.floor(r() * 5),
			vertex: Math.floor(r() * n),
			startMinutes: Math.floor(r() * 4)
		}));
		const st = multiSourceDijkstra(graph, sources, UNIT);
		const want = bruteForce(n, edges, sources);
		for (let v = 0; v < n; v++) expect(labels(st, v), `vertex ${v}`).toEqual(want[v]);
	});
});

describe('addSource == full recompute (toy graphs, ties included)', () => {
	it.each(Array.from({ length: 30 }, (_, i) => i + 1))('seed %i', (seed) => {
		const r = rng(seed * 104729);
		const n = 5 + Math.floor(r() * 40);
		const { graph } = randomToy(seed + 1000, n, n, 3);
		const sources: Source[] = Array.from({ length: 2 + Math.floor(r() * 8) }, (_, i) => ({
			id: i,
			vertex: Math.floor(r() * n),
			startMinutes: Math.floor(r() * 3)
		}));
		const full = multiSourceDijkstra(graph, sources, UNIT);
		// add in a shuffled order, one at a time
		const order = sources.map((s, i) => [r(), i] as const).sort((a, b) => a[0] - b[0]);
		const inc = createState(graph, UNIT);
		for (const [, i] of order) addSource(inc, sources[i]);
		for (const key of ['bestMinutes', 'bestId', 'bestKm', 'secondMinutes', 'secondId', 'secondKm'] as const)
			expect(Array.from(inc[key]), key).toEqual(Array.from(full[key]));
	});

	it('an added source that improves nothing touches nothing', () => {
		const g = toy(3, [
			[0, 1, 1],
			[1, 2, 1]
		]);
		const st = multiSourceDijkstra(
			g,
			[
				{ id: 0, vertex: 0, startMinutes: 0 },
				{ id: 1, vertex: 2, startMinutes: 0 }
			],
			UNIT
		);
		const stats = addSource(st, { id: 2, vertex: 1, startMinutes: 100 });
		expect(stats).toEqual({ settled: 0, updates: 0 });
	});
});

describe('minutesWithin: one centre’s minutes, one label per vertex', () => {
	// speeds that make sums inexact in binary, so the order of additions would show
	const ODD = resolveParams({ ...UNIT, speedsKmh: { 1: 97, 2: 61, 3: 53, 4: 47, 5: 31 }, connectorSpeedKmh: 37 });
	it.each(Array.from({ length: 30 }, (_, i) => i + 1))('equals the best label of a two-label search, seed %i', (seed) => {
		const r = rng(seed * 2_654_435);
		const n = 5 + Math.floor(r() * 60);
		const { graph } = randomToy(seed + 500, n, n, 6);
		const sources = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({ id: 0, vertex: Math.floor(r() * n), startMinutes: r() * 3 }));
		for (const limit of [Infinity, r() * 8]) {
			const want = searchWithin(graph, sources, limit, ODD).bestMinutes;
			const got = minutesWithin(graph, sources, limit, ODD);
			for (let v = 0; v < n; v++) {
				if (want[v] <= limit) expect(got[v], `vertex ${v}, limit ${limit}`).toBe(want[v]);
				else expect(got[v] > limit, `vertex ${v}: ${got[v]} beyond ${limit}`).toBe(true);
			}
		}
	});

	it('writes into the array it is given, whatever it held', () => {
		const { graph } = randomToy(7, 40, 40, 5);
		const into = new Float64Array(40).fill(-1);
		const a = minutesWithin(graph, [{ vertex: 3, startMinutes: 0.5 }], Infinity, ODD, into);
		expect(a).toBe(into);
		expect(Array.from(a)).toEqual(Array.from(minutesWithin(graph, [{ vertex: 3, startMinutes: 0.5 }], Infinity, ODD)));
		// (an array of another length is not used)
		expect(minutesWithin(graph, [{ vertex: 3, startMinutes: 0.5 }], Infinity, ODD, new Float64Array(3))).toHaveLength(40);
	});

	it('refuses a source off the graph', () => {
		const { graph } = randomToy(3, 10, 10, 5);
		expect(() => minutesWithin(graph, [{ vertex: 10, startMinutes: 0 }], Infinity, ODD)).toThrow(/not in the graph/);
	});
});

describe('edge minutes and km: computed once per graph and speeds', () => {
	it('are shared by states of the same speeds, and differ for other speeds', () => {
		const { graph } = randomToy(11, 30, 30, 5);
		const a = createState(graph, UNIT);
		const b = createState(graph, UNIT);
		expect(b.edgeMin).toBe(a.edgeMin);
		expect(b.edgeKm).toBe(a.edgeKm);
		const c = createState(graph, { ...UNIT, speedsKmh: { ...UNIT.speedsKmh, 1: 120 } });
		expect(c.edgeMin).not.toBe(a.edgeMin);
		// (km do not depend on the speeds)
		expect(c.edgeKm).toBe(a.edgeKm);
		// the minutes follow the speeds: an edge of class 1 takes half as long at 120 km/h
		for (let e = 0; e < graph.edgeCount; e++) {
			expect(a.edgeKm[e]).toBe(graph.edgeLengthM[e] / 1000);
			if (graph.edgeClass[e] === 1) expect(c.edgeMin[e]).toBeCloseTo(a.edgeMin[e] / 2, 12);
		}
		// the last speeds used stay (a few are kept per graph)
		expect(edgeMinutesOf(graph, resolveParams(UNIT))).toBe(a.edgeMin);
	});
});

describe('MinutesHeap', () => {
	it('pops in order of minutes, growing past its first capacity', () => {
		const r = rng(99);
		const heap = new MinutesHeap(4);
		const pushed = Array.from({ length: 300 }, (_, i) => ({ d: Math.floor(r() * 50) / 2, v: i }));
		for (const x of pushed) heap.push(x.d, x.v);
		const out: { d: number; v: number }[] = [];
		while (heap.size > 0) {
			out.push({ d: heap.d[0], v: heap.v[0] });
			heap.pop();
		}
		expect(out.map((x) => x.d)).toEqual(pushed.map((x) => x.d).sort((a, b) => a - b));
		// every entry comes out once, with its own vertex
		expect(out.map((x) => x.v).sort((a, b) => a - b)).toEqual(pushed.map((x) => x.v));
		for (const x of out) expect(pushed[x.v].d).toBe(x.d);
	});
});
