/**
 * Uniform lat/lon grid over a set of points (by default the accessible vertices of a road graph), answering
 * "k nearest points within maxKm" with exact great-circle distances.
 *
 * Layout: points sorted by cell in typed arrays (CSR over the rows that hold points × all columns), with the
 * cosine of each point's latitude precomputed. A query keeps the k best in a bounded insertion buffer ordered by
 * (km, id), skips points and cells whose latitude gap alone exceeds the current k-th best (or maxKm), and stops
 * the ring walk once the k-th best is closer than anything in the next ring. Distances are bit-identical to
 * `greatCircleKm(lat, lon, pointLat, pointLon)`.
 */
import { EARTH_RADIUS_KM } from '../distance';
import { FLAG_ACCESSIBLE, type RoadGraph } from './graph';

export interface SnapHit {
	/** point id (vertex index for a graph index) */
	vertex: number;
	/** straight-line distance, km */
	km: number;
}

export interface GridIndex {
	readonly cellDeg: number;
	readonly size: number;
	/** up to k nearest points within maxKm, nearest first (ties by id) */
	nearest(lat: number, lon: number, k: number, maxKm?: number): SnapHit[];
	/**
	 * Allocation-free form of {@link nearest}: writes up to k hits, nearest first (ties by id), into
	 * `outIds[0..n)` / `outKm[0..n)` (each of length ≥ k) and returns n.
	 */
	nearestInto(lat: number, lon: number, k: number, maxKm: number, outIds: Int32Array, outKm: Float64Array): number;
}

const RAD = Math.PI / 180;
/** km per degree of latitude difference, shaded down so the bound stays below the computed haversine */
const KM_PER_DEG_LB = EARTH_RADIUS_KM * RAD * (1 - 1e-9);

/**
 * Positions 0..n-1 ordered by (row, column), ties by position: a stable counting sort by column, then by
 * row (linear time; a comparison sort of a road graph's 185,000 vertices took ~100–200 ms in the browser's
 * travel worker, on the road network's critical path).
 */
export function cellOrder(row: Int32Array, col: Int32Array, rows: number, cols: number): Int32Array {
	const n = row.length;
	const byCol = new Int32Array(n);
	const count = new Int32Array(Math.max(rows, cols) + 1);
	for (let i = 0; i < n; i++) count[col[i] + 1]++;
	for (let c = 0; c < cols; c++) count[c + 1] += count[c];
	for (let i = 0; i < n; i++) byCol[count[col[i]]++] = i;
	count.fill(0);
	for (let i = 0; i < n; i++) count[row[i] + 1]++;
	for (let r = 0; r < rows; r++) count[r + 1] += count[r];
	const order = new Int32Array(n);
	for (let j = 0; j < n; j++) {
		const i = byCol[j];
		order[count[row[i]]++] = i;
	}
	return order;
}

export function createGridIndex(opts: {
	latE6: Int32Array;
	lonE6: Int32Array;
	ids: Uint32Array | Int32Array | number[];
	cellDeg?: number;
}): GridIndex {
	const cellDeg = opts.cellDeg ?? 0.25;
	const cols = Math.ceil(360 / cellDeg);
	const rows = Math.ceil(180 / cellDeg);
	const n = opts.ids.length;
	const ids = Int32Array.from(opts.ids as ArrayLike<number>);
	const rowOf = (la: number): number => Math.min(rows - 1, Math.max(0, Math.floor((la + 90) / cellDeg)));
	const colOf = (lo: number): number => Math.min(cols - 1, Math.max(0, Math.floor((lo + 180) / cellDeg)));
	// points sorted by cell key (row * cols + col), then by input position
	const row = new Int32Array(n);
	const col = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		row[i] = rowOf(opts.latE6[ids[i]] / 1e6);
		col[i] = colOf(opts.lonE6[ids[i]] / 1e6);
	}
	const key = new Float64Array(n);
	for (let i = 0; i < n; i++) key[i] = row[i] * cols + col[i];
	const order = cellOrder(row, col, rows, cols);
	const sIds = new Int32Array(n);
	const sLat = new Float64Array(n);
	const sLon = new Float64Array(n);
	const sCos = new Float64Array(n);
	let cellCount = 0;
	for (let j = 0; j < n; j++) {
		const i = order[j];
		sIds[j] = ids[i];
		sLat[j] = opts.latE6[ids[i]] / 1e6;
		sLon[j] = opts.lonE6[ids[i]] / 1e6;
		sCos[j] = Math.cos(sLat[j] * RAD);
		if (j === 0 || key[i] !== key[order[j - 1]]) cellCount++;
	}
	// open-addressing hash: non-empty cell key → [start, end) in the sorted arrays
	let bits = 4;
	while (1 << bits < 2 * cellCount) bits++;
	const mask = (1 << bits) - 1;
	const shift = 32 - bits;
	const hKey = new Int32Array(1 << bits).fill(-1);
	const hStart = new Uint32Array(1 << bits);
	const hEnd = new Uint32Array(1 << bits);
	for (let j = 0; j < n; ) {
		const kk = key[order[j]];
		let e = j + 1;
		while (e < n && key[order[e]] === kk) e++;
		let h = Math.imul(kk, 0x9e3779b1) >>> shift;
		while (hKey[h] !== -1) h = (h + 1) & mask;
		hKey[h] = kk;
		hStart[h] = j;
		hEnd[h] = e;
		j = e;
	}
	// cos of the poleward edge of each row: cos(lat) of every point in the row is at least this
	const rowCosMin = new Float64Array(rows);
	for (let r = 0; r < rows; r++) {
		const a = Math.max(Math.abs(r * cellDeg - 90), Math.abs((r + 1) * cellDeg - 90));
		rowCosMin[r] = Math.max(0, Math.cos(Math.min(90, a) * RAD) - 1e-12);
	}
	const twoR = 2 * EARTH_RADIUS_KM;
	const halfRad = RAD / 2;
	/** scratch: cells of the current ring */
	let ringR = new Int32Array(64);
	let ringC = new Int32Array(64);

	function nearestInto(la: number, lo: number, k: number, maxKm: number, outIds: Int32Array, outKm: Float64Array): number {
		if (!Number.isFinite(la) || !Number.isFinite(lo) || !(k >= 1) || n === 0) return 0;
		if (Number.isNaN(maxKm)) return 0;
		// grid position uses the longitude wrapped into [-180, 180); distances use the input as given
		const loW = lo >= -180 && lo < 180 ? lo : ((((lo + 180) % 360) + 360) % 360) - 180;
		const laC = Math.max(-90, Math.min(90, la));
		const r0 = rowOf(laC);
		const c0 = colOf(loW);
		const cosQ = Math.cos(la * RAD);
		let count = 0;
		/** points in the cells scanned so far (the walk ends once every point was seen) */
		let visited = 0;
		/** distance a point must beat once the buffer is full (ties by id); maxKm before */
		let limit = maxKm;
		/** haversine `a` of `limit`, shaded up: a cell whose lower bound on `a` exceeds it holds no candidate */
		let aLimit = Infinity;
		if (limit < Math.PI * EARTH_RADIUS_KM) {
			const x = Math.sin(limit / twoR);
			aLimit = x * x * (1 + 1e-9) + 1e-300;
		}

		// distances from the query to the edges of its own cell, degrees
		const gS = laC - (r0 * cellDeg - 90);
		const gN = (r0 + 1) * cellDeg - 90 - laC;
		const gW = loW - (c0 * cellDeg - 180);
		const gE = (c0 + 1) * cellDeg - 180 - loW;
		const maxRing = Math.max(rows, cols);
		for (let ring = 0; ring <= maxRing; ring++) {
			if (ring > 0) {
				// every cell of this ring lies beyond the (ring - 1) square around the query's cell
				const extra = (ring - 1) * cellDeg;
				const latKm = Math.max(0, Math.min(gS, gN) + extra) * KM_PER_DEG_LB;
				const lonDeg = Math.max(0, Math.min(gW, gE) + extra);
				const poleLat = Math.min(90, Math.abs(laC) + (ring + 1) * cellDeg);
				const cosP = Math.max(0, Math.cos(poleLat * RAD) - 1e-12);
				const lonKm = (ring + 1) * cellDeg > 180 ? 0 : twoR * Math.asin(Math.min(1, cosP * Math.sin(lonDeg * halfRad))) * (1 - 1e-9);
				const lowerBound = Math.min(latKm, lonKm);
				if (lowerBound > maxKm) break;
				if (count >= k && outKm[k - 1] < lowerBound) break;
			}
			// cells of this ring
			const nCells = ring === 0 ? 1 : 8 * ring;
			if (ringR.length < nCells) {
				ringR = new Int32Array(nCells * 2);
				ringC = new Int32Array(nCells * 2);
			}
			if (ring === 0) {
				ringR[0] = r0;
				ringC[0] = c0;
			} else {
				let t = 0;
				for (let c = c0 - ring; c <= c0 + ring; c++) {
					ringR[t] = r0 - ring;
					ringC[t++] = c;
					ringR[t] = r0 + ring;
					ringC[t++] = c;
				}
				for (let r = r0 - ring + 1; r <= r0 + ring - 1; r++) {
					ringR[t] = r;
					ringC[t++] = c0 - ring;
					ringR[t] = r;
					ringC[t++] = c0 + ring;
				}
			}
			for (let t = 0; t < nCells; t++) {
				const r = ringR[t];
				if (r < 0 || r >= rows) continue;
				const c = ringC[t];
				// lower bound on haversine `a` over the cell: latitude gap term + longitude gap term
				const cellS = r * cellDeg - 90;
				const latGap = laC < cellS ? cellS - laC : laC - (cellS + cellDeg);
				const cellW = c * cellDeg - 180;
				const lonGap = loW < cellW ? cellW - loW : loW - (cellW + cellDeg);
				let aLB = 0;
				if (latGap > 0) {
					if (latGap * KM_PER_DEG_LB > limit) continue;
					const x = Math.sin(latGap * halfRad);
					aLB = x * x;
				}
				if (lonGap > 0 && lonGap + cellDeg <= 180) {
					const y = Math.sin(lonGap * halfRad);
					aLB += cosQ * rowCosMin[r] * y * y;
				}
				if (aLB * (1 - 1e-9) > aLimit) continue;
				const kk = r * cols + (((c % cols) + cols) % cols);
				let h = Math.imul(kk, 0x9e3779b1) >>> shift;
				let hk: number;
				while ((hk = hKey[h]) !== kk && hk !== -1) h = (h + 1) & mask;
				if (hk === -1) continue;
				visited += hEnd[h] - hStart[h];
				for (let j = hStart[h], end = hEnd[h]; j < end; j++) {
					const pLat = sLat[j];
					if (Math.abs(pLat - la) * KM_PER_DEG_LB > limit) continue;
					// greatCircleKm(la, lo, pLat, pLon), same operations and order
					const dLat = (pLat - la) * RAD;
					const dLon = (sLon[j] - lo) * RAD;
					const a = Math.sin(dLat / 2) ** 2 + cosQ * sCos[j] * Math.sin(dLon / 2) ** 2;
					if (a > aLimit) continue;
					const d = twoR * Math.asin(Math.min(1, Math.sqrt(a)));
					if (!(d <= maxKm)) continue;
					const id = sIds[j];
					if (count === k) {
						const lk = outKm[k - 1];
						if (d > lk || (d === lk && id > outIds[k - 1])) continue;
					}
					// bounded insertion by (km, id)
					let i = count < k ? count++ : k - 1;
					while (i > 0 && (outKm[i - 1] > d || (outKm[i - 1] === d && outIds[i - 1] > id))) {
						outKm[i] = outKm[i - 1];
						outIds[i] = outIds[i - 1];
						i--;
					}
					outKm[i] = d;
					outIds[i] = id;
					if (count === k && outKm[k - 1] < limit) {
						limit = outKm[k - 1];
						const x = Math.sin(limit / twoR);
						aLimit = x * x * (1 + 1e-9) + 1e-300;
					}
				}
			}
			if (visited === n || (2 * ring + 1 >= cols && ring >= rows)) break;
		}
		return count;
	}

	let bufIds = new Int32Array(0);
	let bufKm = new Float64Array(0);
	function nearest(la: number, lo: number, k: number, maxKm = Infinity): SnapHit[] {
		if (!(k >= 1)) return [];
		const kk = Math.min(Math.floor(k), n);
		if (kk < 1) return [];
		if (bufIds.length < kk) {
			bufIds = new Int32Array(kk);
			bufKm = new Float64Array(kk);
		}
		const m = nearestInto(la, lo, kk, maxKm, bufIds, bufKm);
		const out: SnapHit[] = new Array(m);
		for (let i = 0; i < m; i++) out[i] = { vertex: bufIds[i], km: bufKm[i] };
		return out;
	}

	return { cellDeg, size: n, nearest, nearestInto };
}

/** Grid index over the accessible vertices of a graph. */
export function createSnapIndex(graph: RoadGraph, cellDeg = 0.1): GridIndex {
	let m = 0;
	for (let v = 0; v < graph.vertexCount; v++) if (graph.flags[v] & FLAG_ACCESSIBLE) m++;
	const ids = new Int32Array(m);
	m = 0;
	for (let v = 0; v < graph.vertexCount; v++) if (graph.flags[v] & FLAG_ACCESSIBLE) ids[m++] = v;
	return createGridIndex({ latE6: graph.latE6, lonE6: graph.lonE6, ids, cellDeg });
}
