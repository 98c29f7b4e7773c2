/**
 * Nearest and second-nearest centre for many origins (tracts, counties), exact.
 *
 * Method: each point becomes a unit vector on the sphere; the squared 3-D chord
 * |o − c|² orders centres exactly as great-circle distance does (chord = 2·sin(θ/2) is
 * monotone in the central angle θ ∈ [0, π]), so the search compares chords and converts
 * only the two winners to km: d = 2R·asin(chord / 2), R = EARTH_RADIUS_KM (IUGG mean radius,
 * Moritz 2000; see `distance.ts`). This is the same arithmetic as `queries/county-distance.ts`.
 *
 * Pruning: a k-d tree over the centres' unit vectors (leaf size LEAF_SIZE). A subtree on
 * the far side of a splitting plane is skipped only when the squared distance to the plane
 * is strictly greater than the current second-best squared chord; every centre in it is
 * then strictly farther (floating subtraction and squaring are monotone), so the result
 * equals a brute-force scan, ties included.
 *
 * Ties: two centres at the same chord are ordered by their position in the centre list
 * (earlier wins). So `addCentre` (which appends) gives exactly the full recompute over
 * `[...centres, centre]`, and `removeCentre` exactly the full recompute over the list
 * without it.
 *
 * Result arrays use NaN / -1 for "no centre" (typed arrays cannot hold null); the
 * accessors `nearestAt` / `secondAt` and `nearestKmArray` turn these into nulls.
 */
import { EARTH_RADIUS_KM } from './distance';

export interface CentrePoint {
	id: string;
	lat: number;
	lon: number;
}

/** Origins as parallel typed arrays (fast path) or as objects. */
export type Origins = { lat: ArrayLike<number>; lon: ArrayLike<number> } | readonly { lat: number; lon: number }[];

export interface NearestResult {
	/** the centre list the result was computed for, in order (indices below refer to it) */
	readonly centres: readonly CentrePoint[];
	/** origin unit vectors, kept so centres can be added or removed without the origins */
	readonly ox: Float64Array;
	readonly oy: Float64Array;
	readonly oz: Float64Array;
	/** index into `centres` of the nearest centre; -1 when there is none (or the origin is invalid) */
	readonly nearestIndex: Int32Array;
	/** index of the second-nearest centre; -1 when fewer than two centres */
	readonly secondIndex: Int32Array;
	/** squared unit-sphere chords to the nearest / second-nearest; Infinity when none */
	readonly nearestChord2: Float64Array;
	readonly secondChord2: Float64Array;
	/** great-circle km to the nearest / second-nearest; NaN when none */
	readonly nearestKm: Float64Array;
	readonly secondKm: Float64Array;
}

/** Leaf size of the k-d tree (a common choice for small trees; not tuned). */
const LEAF_SIZE = 8;
const RAD = Math.PI / 180;

/** Squared chord → great-circle km (clamped so rounding cannot exceed the antipode). */
export function chord2ToKm(chord2: number): number {
	if (!Number.isFinite(chord2)) return NaN;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

function originCount(o: Origins): number {
	return Array.isArray(o) ? o.length : (o as { lat: ArrayLike<number> }).lat.length;
}

function unitVectors(o: Origins): { x: Float64Array; y: Float64Array; z: Float64Array } {
	const n = originCount(o);
	const x = new Float64Array(n);
	const y = new Float64Array(n);
	const z = new Float64Array(n);
	const arr = Array.isArray(o) ? (o as readonly { lat: number; lon: number }[]) : null;
	const la = arr ? null : (o as { lat: ArrayLike<number> }).lat;
	const lo = arr ? null : (o as { lon: ArrayLike<number> }).lon;
	if (!arr && la!.length !== lo!.length) {
		throw new RangeError(`origins: lat has ${la!.length} values but lon has ${lo!.length}; pass arrays of equal length`);
	}
	for (let i = 0; i < n; i++) {
		const lat = arr ? arr[i].lat : la![i];
		const lon = arr ? arr[i].lon : lo![i];
		if (!validLatLon(lat, lon)) {
			x[i] = y[i] = z[i] = NaN;
			continue;
		}
		const c = Math.cos(lat * RAD);
		x[i] = c * Math.cos(lon * RAD);
		y[i] = c * Math.sin(lon * RAD);
		z[i] = Math.sin(lat * RAD);
	}
	return { x, y, z };
}

function validLatLon(lat: number, lon: number): boolean {
	return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

function checkCentres(centres: readonly CentrePoint[]): void {
	const seen = new Set<string>();
	for (const c of centres) {
		if (!validLatLon(c.lat, c.lon)) {
			throw new RangeError(`centre "${c.id}" has invalid coordinates (${c.lat}, ${c.lon}); lat must be in [-90, 90] and lon in [-180, 180]`);
		}
		if (seen.has(c.id)) throw new Error(`centre id "${c.id}" appears twice; give each centre (including added points) a unique id`);
		seen.add(c.id);
	}
}

/** k-d tree over centre unit vectors, stored in flat arrays. */
interface Tree {
	/** centre unit vectors by centre index */
	cx: Float64Array;
	cy: Float64Array;
	cz: Float64Array;
	/** centre indices, permuted so every node covers a contiguous range */
	perm: Int32Array;
	/** per node: range [lo, hi) in perm, split axis (-1 = leaf), split value, children */
	lo: Int32Array;
	hi: Int32Array;
	axis: Int8Array;
	split: Float64Array;
	left: Int32Array;
	right: Int32Array;
}

function buildTree(centres: readonly CentrePoint[]): Tree {
	const m = centres.length;
	const cx = new Float64Array(m);
	const cy = new Float64Array(m);
	const cz = new Float64Array(m);
	for (let j = 0; j < m; j++) {
		const c = Math.cos(centres[j].lat * RAD);
		cx[j] = c * Math.cos(centres[j].lon * RAD);
		cy[j] = c * Math.sin(centres[j].lon * RAD);
		cz[j] = Math.sin(centres[j].lat * RAD);
	}
	const perm = Int32Array.from({ length: m }, (_, j) => j);
	const maxNodes = 2 * m + 1; // a binary tree with at most m leaves
	const lo = new Int32Array(maxNodes);
	const hi = new Int32Array(maxNodes);
	const axis = new Int8Array(maxNodes);
	const split = new Float64Array(maxNodes);
	const left = new Int32Array(maxNodes);
	const right = new Int32Array(maxNodes);
	const coords = [cx, cy, cz];
	let nodes = 0;
	const build = (a: number, b: number): number => {
		const node = nodes++;
		lo[node] = a;
		hi[node] = b;
		if (b - a <= LEAF_SIZE) {
			axis[node] = -1;
			return node;
		}
		// split on the axis of largest spread, at the median
		let best = 0;
		let bestSpread = -1;
		for (let k = 0; k < 3; k++) {
			let mn = Infinity;
			let mx = -Infinity;
			for (let p = a; p < b; p++) {
				const v = coords[k][perm[p]];
				if (v < mn) mn = v;
				if (v > mx) mx = v;
			}
			if (mx - mn > bestSpread) {
				bestSpread = mx - mn;
				best = k;
			}
		}
		const coord = coords[best];
		const slice = Array.from(perm.subarray(a, b)).sort((i, j) => coord[i] - coord[j] || i - j);
		perm.set(slice, a);
		const mid = (a + b) >> 1;
		axis[node] = best;
		// left holds coordinates <= split, right >= split
		split[node] = coord[perm[mid]];
		left[node] = build(a, mid);
		right[node] = build(mid, b);
		return node;
	};
	if (m > 0) build(0, m);
	return { cx, cy, cz, perm, lo, hi, axis, split, left, right };
}

/**
 * Search the origins listed in `which` (all when null) and write their two nearest centres
 * into `r`. The previous origin's answer is tried first (neighbouring rows are usually
 * neighbouring places), which tightens the pruning bound from the start; it changes the speed,
 * never the answer. One function with local state and an explicit stack: measured about 1.5 times
 * as fast as a recursive search over module-level state (85k tracts × 167 centres, Node 20).
 */
function searchOrigins(r: NearestResult, t: Tree, which: Int32Array | null): void {
	const { ox, oy, oz } = r;
	const ni = r.nearestIndex as Int32Array;
	const si = r.secondIndex as Int32Array;
	const { cx, cy, cz, perm, lo, hi, axis, split, left, right } = t;
	// leaf coordinates in tree order, for sequential reads
	const m = perm.length;
	const px = new Float64Array(m);
	const py = new Float64Array(m);
	const pz = new Float64Array(m);
	for (let p = 0; p < m; p++) {
		px[p] = cx[perm[p]];
		py[p] = cy[perm[p]];
		pz[p] = cz[perm[p]];
	}
	const stackNode = new Int32Array(64);
	const stackD2 = new Float64Array(64);
	let h1 = -1;
	let h2 = -1;
	const count = which ? which.length : ox.length;
	for (let w = 0; w < count; w++) {
		const i = which ? which[w] : w;
		const qx = ox[i];
		const qy = oy[i];
		const qz = oz[i];
		if (Number.isNaN(qx)) continue;
		let b1 = Infinity;
		let i1 = -1;
		let b2 = Infinity;
		let i2 = -1;
		// seeds: the previous origin's two centres
		for (let s = 0; s < 2; s++) {
			const j = s === 0 ? h1 : h2;
			if (j < 0) continue;
			const dx = qx - cx[j];
			const dy = qy - cy[j];
			const dz = qz - cz[j];
			const d2 = dx * dx + dy * dy + dz * dz;
			if (d2 < b1 || (d2 === b1 && j < i1)) {
				b2 = b1;
				i2 = i1;
				b1 = d2;
				i1 = j;
			} else if (d2 < b2 || (d2 === b2 && j < i2)) {
				b2 = d2;
				i2 = j;
			}
		}
		const seed1 = i1;
		const seed2 = i2;
		let sp = 0;
		stackNode[sp] = 0;
		stackD2[sp++] = 0;
		while (sp > 0) {
			sp--;
			// strictly greater: centres at exactly the plane distance may tie and must be seen
			if (stackD2[sp] > b2) continue;
			let node = stackNode[sp];
			// descend to the leaf on the origin's side, pushing far children
			while (axis[node] >= 0) {
				const ax = axis[node];
				const diff = (ax === 0 ? qx : ax === 1 ? qy : qz) - split[node];
				const d2 = diff * diff;
				if (diff <= 0) {
					if (!(d2 > b2)) {
						stackNode[sp] = right[node];
						stackD2[sp++] = d2;
					}
					node = left[node];
				} else {
					if (!(d2 > b2)) {
						stackNode[sp] = left[node];
						stackD2[sp++] = d2;
					}
					node = right[node];
				}
			}
			for (let p = lo[node], e = hi[node]; p < e; p++) {
				const dx = qx - px[p];
				const dy = qy - py[p];
				const dz = qz - pz[p];
				const d2 = dx * dx + dy * dy + dz * dz;
				if (d2 > b2) continue;
				const j = perm[p];
				if (j === seed1 || j === seed2) continue; // already counted as a seed
				if (d2 < b1 || (d2 === b1 && j < i1)) {
					b2 = b1;
					i2 = i1;
					b1 = d2;
					i1 = j;
				} else if (d2 < b2 || (d2 === b2 && j < i2)) {
					b2 = d2;
					i2 = j;
				}
			}
		}
		ni[i] = i1;
		si[i] = i2;
		r.nearestChord2[i] = b1;
		r.secondChord2[i] = b2;
		r.nearestKm[i] = chord2ToKm(b1);
		r.secondKm[i] = chord2ToKm(b2);
		h1 = i1;
		h2 = i2;
	}
}

function emptyResult(centres: readonly CentrePoint[], v: { x: Float64Array; y: Float64Array; z: Float64Array }): NearestResult {
	const n = v.x.length;
	return {
		centres,
		ox: v.x,
		oy: v.y,
		oz: v.z,
		nearestIndex: new Int32Array(n).fill(-1),
		secondIndex: new Int32Array(n).fill(-1),
		nearestChord2: new Float64Array(n).fill(Infinity),
		secondChord2: new Float64Array(n).fill(Infinity),
		nearestKm: new Float64Array(n).fill(NaN),
		secondKm: new Float64Array(n).fill(NaN)
	};
}

/**
 * Nearest and second-nearest centre of every origin. Origins with invalid coordinates and
 * an empty centre list give no centre (index -1, km NaN, accessors null).
 */
export function nearestCentres({ origins, centres }: { origins: Origins; centres: readonly CentrePoint[] }): NearestResult {
	checkCentres(centres);
	const list = centres.slice();
	const r = emptyResult(list, unitVectors(origins));
	if (list.length === 0) return r;
	const t = buildTree(list);
	searchOrigins(r, t, null);
	return r;
}

/** A result whose arrays are this function's own copies (its centre list is replaced by the steps below). */
type Working = { -readonly [K in keyof NearestResult]: NearestResult[K] };

/** Copies of a result's arrays: into `into`'s arrays when it has them for as many origins (and is another result), else fresh. */
function copyResult(r: NearestResult, into?: NearestResult): Working {
	const reuse = !!into && into.nearestIndex !== r.nearestIndex && into.nearestIndex.length === r.nearestIndex.length;
	const copy = <T extends Int32Array | Float64Array>(a: T, b: T | undefined): T => {
		if (!reuse || !b) return a.slice() as T;
		b.set(a);
		return b;
	};
	return {
		centres: r.centres,
		ox: r.ox,
		oy: r.oy,
		oz: r.oz,
		nearestIndex: copy(r.nearestIndex, into?.nearestIndex),
		secondIndex: copy(r.secondIndex, into?.secondIndex),
		nearestChord2: copy(r.nearestChord2, into?.nearestChord2),
		secondChord2: copy(r.secondChord2, into?.secondChord2),
		nearestKm: copy(r.nearestKm, into?.nearestKm),
		secondKm: copy(r.secondKm, into?.secondKm)
	};
}

/**
 * Add one centre (e.g. a user's proposed site) without recomputing: O(origins). Returns a new
 * result equal to `nearestCentres` over `[...result.centres, centre]`; the input is not changed.
 */
export function addCentre(result: NearestResult, centre: CentrePoint): NearestResult {
	return changeCentres(result, [], [centre]);
}

/**
 * Remove the centre with this id. Only origins whose nearest or second-nearest was that
 * centre are searched again; the others keep their answer (indices shifted). Returns a new
 * result equal to `nearestCentres` over the list without it. Unknown id → error.
 */
export function removeCentre(result: NearestResult, id: string): NearestResult {
	return changeCentres(result, [id], []);
}

/**
 * Remove the centres with these ids, then add these centres at the end of the list, as
 * {@link removeCentre} and {@link addCentre} one after another, on one copy of the arrays. Returns a
 * new result equal to `nearestCentres` over the list that makes; the input is not changed.
 *
 * `into`: an earlier result for the same origins that nothing reads any more, whose arrays the copy
 * is written into (the result then shares them). A browser maps every fresh large typed array anew
 * (~3 ms for 85,000 doubles, measured in the project's Chromium), so a what-if engine that keeps
 * changing its centres recycles them.
 */
export function changeCentres(result: NearestResult, removed: readonly string[], added: readonly CentrePoint[], into?: NearestResult): NearestResult {
	const out = copyResult(result, into);
	for (const id of removed) removeInto(out, id);
	for (const c of added) addInto(out, c);
	return out;
}

function addInto(out: Working, centre: CentrePoint): void {
	const list = [...out.centres, centre];
	checkCentres(list);
	out.centres = list;
	const j = list.length - 1;
	const c = Math.cos(centre.lat * RAD);
	const cx = c * Math.cos(centre.lon * RAD);
	const cy = c * Math.sin(centre.lon * RAD);
	const cz = Math.sin(centre.lat * RAD);
	const { ox, oy, oz, nearestIndex: ni, secondIndex: si, nearestChord2: n2, secondChord2: s2 } = out;
	for (let i = 0; i < ox.length; i++) {
		if (Number.isNaN(ox[i])) continue;
		const dx = ox[i] - cx;
		const dy = oy[i] - cy;
		const dz = oz[i] - cz;
		const d2 = dx * dx + dy * dy + dz * dz;
		// j is the largest index, so it wins no tie
		if (d2 < n2[i]) {
			s2[i] = n2[i];
			si[i] = ni[i];
			out.secondKm[i] = out.nearestKm[i];
			n2[i] = d2;
			ni[i] = j;
			out.nearestKm[i] = chord2ToKm(d2);
		} else if (d2 < s2[i]) {
			s2[i] = d2;
			si[i] = j;
			out.secondKm[i] = chord2ToKm(d2);
		}
	}
}

function removeInto(out: Working, id: string): void {
	const k = out.centres.findIndex((c) => c.id === id);
	if (k < 0) throw new Error(`removeCentre: no centre with id "${id}" in this result; ids are ${out.centres.length} strings such as "${out.centres[0]?.id ?? ''}"`);
	const list = out.centres.filter((_, j) => j !== k);
	out.centres = list;
	const { nearestIndex: ni, secondIndex: si } = out;
	const again: number[] = [];
	for (let i = 0; i < ni.length; i++) {
		if (ni[i] === k || si[i] === k) {
			ni[i] = si[i] = -1;
			out.nearestChord2[i] = out.secondChord2[i] = Infinity;
			out.nearestKm[i] = out.secondKm[i] = NaN;
			again.push(i);
		} else {
			if (ni[i] > k) ni[i]--;
			if (si[i] > k) si[i]--;
		}
	}
	if (list.length > 0 && again.length > 0) searchOrigins(out, buildTree(list), Int32Array.from(again));
}

export interface NearestAt {
	id: string;
	km: number;
}

/** Nearest centre of origin i, or null when there is none. */
export function nearestAt(result: NearestResult, i: number): NearestAt | null {
	const j = result.nearestIndex[i];
	return j < 0 ? null : { id: result.centres[j].id, km: result.nearestKm[i] };
}

/** Second-nearest centre of origin i, or null when there is none. */
export function secondAt(result: NearestResult, i: number): NearestAt | null {
	const j = result.secondIndex[i];
	return j < 0 ? null : { id: result.centres[j].id, km: result.secondKm[i] };
}

/** Per-origin km to the nearest centre with null where there is none (for JSON or tables). */
export function nearestKmArray(result: NearestResult): (number | null)[] {
	return Array.from(result.nearestKm, (v) => (Number.isNaN(v) ? null : v));
}
