/** Toy-graph helpers for the drive-time tests (not a test file). */
import { buildGraph, FLAG_ACCESSIBLE, type RoadGraph } from '../../../src/lib/metrics/drive-time/graph';
import { resolveParams, type TravelTimeParams } from '../../../src/lib/metrics/drive-time/params';

/** Every class at 60 km/h, so 1 km of edge = 1 minute. */
export const UNIT: TravelTimeParams = resolveParams({
	speedsKmh: { 1: 60, 2: 60, 3: 60, 4: 60, 5: 60 },
	connectorSpeedKmh: 60,
	accessSpeedKmh: 60,
	accessCircuity: 1,
	maxSnapKm: 50,
	snapCount: 1
});

/** Toy graph: `n` vertices on a 0.1° grid row, edges [u, v, km, class?]. All vertices accessible. */
export function toy(n: number, edges: [number, number, number, number?][], coords?: [number, number][]): RoadGraph {
	const lat = new Int32Array(n);
	const lon = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const [la, lo] = coords?.[i] ?? [40, -100 + i * 0.1];
		lat[i] = Math.round(la * 1e6);
		lon[i] = Math.round(lo * 1e6);
	}
	return buildGraph({
		latE6: lat,
		lonE6: lon,
		flags: new Uint8Array(n).fill(FLAG_ACCESSIBLE),
		edgeU: Uint32Array.from(edges.map((e) => e[0])),
		edgeV: Uint32Array.from(edges.map((e) => e[1])),
		edgeLengthM: Uint32Array.from(edges.map((e) => Math.round(e[2] * 1000))),
		edgeClass: Uint8Array.from(edges.map((e) => e[3] ?? 1)),
		classes: [
			{ code: 0, name: 'connector' },
			{ code: 1, name: 'freeway' },
			{ code: 4, name: 'tier4' }
		]
	});
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Random connected-ish simple graph with integer km weights 1..maxW. */
export function randomToy(seed: number, n: number, extra: number, maxW = 5): { graph: RoadGraph; edges: [number, number, number][] } {
	const r = rng(seed);
	const seen = new Set<string>();
	const edges: [number, number, number][] = [];
	const add = (a: number, b: number): void => {
		if (a === b) return;
		const k = a < b ? `${a},${b}` : `${b},${a}`;
		if (seen.has(k)) return;
		seen.add(k);
		edges.push([a, b, 1 + Math.floor(r() * maxW)]);
	};
	// a random forest plus extra chords; leave the last vertex isolated sometimes
	for (let v = 1; v < n - 1; v++) if (r() < 0.9) add(v, Math.floor(r() * v));
	for (let i = 0; i < extra; i++) add(Math.floor(r() * (n - 1)), Math.floor(r() * (n - 1)));
	return { graph: toy(n, edges), edges };
}
