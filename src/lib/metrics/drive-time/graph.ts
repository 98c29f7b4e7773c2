/**
 * Compact binary road graph: encoder (used by the pipeline) and decoder (browser worker and Node).
 * Pure TypeScript over ArrayBuffer/DataView; no Node or DOM APIs.
 *
 * File layout, little-endian, every section starts on a 4-byte boundary:
 *
 * | offset | type | field |
 * | --- | --- | --- |
 * | 0 | 4 ASCII bytes | magic `CTRG` (CAR-T road graph) |
 * | 4 | uint32 | format version (= 1) |
 * | 8 | uint32 | vertex count n |
 * | 12 | uint32 | undirected edge count m |
 * | 16 | uint32 | road-class count c |
 * | 20 | uint32 | byte offset of the first data section (header size) |
 * | 24 | c × (uint8 code, uint8 name length, name bytes) | road-class table, padded to 4 bytes |
 * | … | int32[n] | vertex latitude, micro-degrees |
 * | … | int32[n] | vertex longitude, micro-degrees |
 * | … | uint32[n+1] | upper-triangle CSR offsets: edges of vertex u are offsets[u]..offsets[u+1]-1 |
 * | … | uint32[m] | edge far end v (always v > u) |
 * | … | uint32[m] | edge length, metres (great-circle sum of the TM chords) |
 * | … | uint8[m] | edge road-class code |
 * | … | uint8[n] | vertex flags (bit 0 = accessible: an origin or centre may snap here) |
 *
 * Each undirected edge is stored once (from its lower to its higher vertex index); the decoder expands
 * that into a full symmetric CSR for routing. Parallel edges (different classes) are allowed.
 */

export const GRAPH_MAGIC = 'CTRG';
export const GRAPH_VERSION = 1;
export const FLAG_ACCESSIBLE = 1;

export interface RoadClass {
	/** byte stored per edge */
	code: number;
	/** short key, e.g. `freeway`, `tier4`, `connector` */
	name: string;
}

/** What the encoder needs. Edges may be in any order; the encoder sorts them (deterministic bytes). */
export interface GraphInput {
	latE6: Int32Array;
	lonE6: Int32Array;
	flags: Uint8Array;
	edgeU: Uint32Array;
	edgeV: Uint32Array;
	edgeLengthM: Uint32Array;
	edgeClass: Uint8Array;
	classes: RoadClass[];
}

export interface RoadGraph {
	version: number;
	vertexCount: number;
	edgeCount: number;
	classes: RoadClass[];
	latE6: Int32Array;
	lonE6: Int32Array;
	flags: Uint8Array;
	/** edge e joins edgeU[e] < edgeV[e] */
	edgeU: Uint32Array;
	edgeV: Uint32Array;
	edgeLengthM: Uint32Array;
	edgeClass: Uint8Array;
	/** full symmetric CSR: arcs of vertex u are adjOffsets[u]..adjOffsets[u+1]-1 */
	adjOffsets: Uint32Array;
	adjTargets: Uint32Array;
	/** edge index of each arc */
	adjEdges: Uint32Array;
}

const pad4 = (x: number): number => (x + 3) & ~3;

export function encodeGraph(g: GraphInput): Uint8Array {
	const n = g.latE6.length;
	const m = g.edgeU.length;
	if (g.lonE6.length !== n || g.flags.length !== n) throw new Error('encodeGraph: latE6, lonE6 and flags must have the same length');
	if (g.edgeV.length !== m || g.edgeLengthM.length !== m || g.edgeClass.length !== m)
		throw new Error('encodeGraph: edge arrays must have the same length');
	// normalise edges to u < v and sort by (u, v, class, length)
	const order = new Uint32Array(m);
	const lo = new Uint32Array(m);
	const hi = new Uint32Array(m);
	for (let e = 0; e < m; e++) {
		const a = g.edgeU[e];
		const b = g.edgeV[e];
		if (a === b) throw new Error(`encodeGraph: self-loop at vertex ${a}; remove it before encoding`);
		if (a >= n || b >= n) throw new Error(`encodeGraph: edge ${e} refers to a vertex ≥ ${n}`);
		lo[e] = a < b ? a : b;
		hi[e] = a < b ? b : a;
		order[e] = e;
	}
	order.sort((x, y) => lo[x] - lo[y] || hi[x] - hi[y] || g.edgeClass[x] - g.edgeClass[y] || g.edgeLengthM[x] - g.edgeLengthM[y]);

	const enc = new TextEncoder();
	const names = g.classes.map((c) => enc.encode(c.name));
	let classBytes = 0;
	for (const nm of names) {
		if (nm.length > 255) throw new Error('encodeGraph: class name longer than 255 bytes');
		classBytes += 2 + nm.length;
	}
	const header = pad4(24 + classBytes);
	const total = header + 4 * n + 4 * n + 4 * (n + 1) + 4 * m + 4 * m + pad4(m) + pad4(n);
	const buf = new ArrayBuffer(total);
	const dv = new DataView(buf);
	const u8 = new Uint8Array(buf);
	for (let i = 0; i < 4; i++) u8[i] = GRAPH_MAGIC.charCodeAt(i);
	dv.setUint32(4, GRAPH_VERSION, true);
	dv.setUint32(8, n, true);
	dv.setUint32(12, m, true);
	dv.setUint32(16, g.classes.length, true);
	dv.setUint32(20, header, true);
	let p = 24;
	g.classes.forEach((c, i) => {
		u8[p++] = c.code;
		u8[p++] = names[i].length;
		u8.set(names[i], p);
		p += names[i].length;
	});
	p = header;
	for (let i = 0; i < n; i++, p += 4) dv.setInt32(p, g.latE6[i], true);
	for (let i = 0; i < n; i++, p += 4) dv.setInt32(p, g.lonE6[i], true);
	// offsets
	const counts = new Uint32Array(n + 1);
	for (let k = 0; k < m; k++) counts[lo[order[k]] + 1]++;
	for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
	for (let i = 0; i <= n; i++, p += 4) dv.setUint32(p, counts[i], true);
	for (let k = 0; k < m; k++, p += 4) dv.setUint32(p, hi[order[k]], true);
	for (let k = 0; k < m; k++, p += 4) dv.setUint32(p, g.edgeLengthM[order[k]], true);
	for (let k = 0; k < m; k++) u8[p + k] = g.edgeClass[order[k]];
	p += pad4(m);
	u8.set(g.flags, p);
	return u8;
}

/** Decode a buffer written by {@link encodeGraph}. Accepts an ArrayBuffer or any byte view. */
export function decodeGraph(input: ArrayBuffer | ArrayBufferView): RoadGraph {
	const bytes =
		input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
	if (bytes.byteLength < 24) throw new Error('decodeGraph: buffer too short to be a road graph (need at least 24 bytes)');
	// copy to a fresh, 4-byte-aligned buffer so typed views are always legal
	const buf = bytes.byteOffset % 4 === 0 && input instanceof ArrayBuffer ? input : bytes.slice().buffer;
	const dv = new DataView(buf);
	const u8 = new Uint8Array(buf);
	const magic = String.fromCharCode(u8[0], u8[1], u8[2], u8[3]);
	if (magic !== GRAPH_MAGIC)
		throw new Error(`decodeGraph: bad magic "${magic}"; expected "${GRAPH_MAGIC}" (is this data/road_graph.bin?)`);
	const version = dv.getUint32(4, true);
	if (version !== GRAPH_VERSION)
		throw new Error(`decodeGraph: format version ${version} is not supported (this decoder reads ${GRAPH_VERSION}); rebuild with the roads pipeline`);
	const n = dv.getUint32(8, true);
	const m = dv.getUint32(12, true);
	const c = dv.getUint32(16, true);
	const header = dv.getUint32(20, true);
	const dec = new TextDecoder();
	const classes: RoadClass[] = [];
	let p = 24;
	for (let i = 0; i < c; i++) {
		const code = u8[p++];
		const len = u8[p++];
		classes.push({ code, name: dec.decode(u8.subarray(p, p + len)) });
		p += len;
	}
	const expected = header + 8 * n + 4 * (n + 1) + 8 * m + pad4(m) + pad4(n);
	if (buf.byteLength !== expected)
		throw new Error(`decodeGraph: buffer is ${buf.byteLength} bytes, header implies ${expected}; the file is truncated or corrupt`);
	p = header;
	const latE6 = new Int32Array(buf, p, n);
	p += 4 * n;
	const lonE6 = new Int32Array(buf, p, n);
	p += 4 * n;
	const upOffsets = new Uint32Array(buf, p, n + 1);
	p += 4 * (n + 1);
	const edgeV = new Uint32Array(buf, p, m);
	p += 4 * m;
	const edgeLengthM = new Uint32Array(buf, p, m);
	p += 4 * m;
	const edgeClass = new Uint8Array(buf, p, m);
	p += pad4(m);
	const flags = new Uint8Array(buf, p, n);

	const edgeU = new Uint32Array(m);
	const deg = new Uint32Array(n + 1);
	for (let u = 0; u < n; u++) {
		for (let e = upOffsets[u]; e < upOffsets[u + 1]; e++) {
			edgeU[e] = u;
			deg[u + 1]++;
			deg[edgeV[e] + 1]++;
		}
	}
	for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
	const adjOffsets = deg;
	const fill = adjOffsets.slice(0, n);
	const adjTargets = new Uint32Array(2 * m);
	const adjEdges = new Uint32Array(2 * m);
	for (let e = 0; e < m; e++) {
		const a = edgeU[e];
		const b = edgeV[e];
		adjTargets[fill[a]] = b;
		adjEdges[fill[a]++] = e;
		adjTargets[fill[b]] = a;
		adjEdges[fill[b]++] = e;
	}
	return {
		version,
		vertexCount: n,
		edgeCount: m,
		classes,
		latE6,
		lonE6,
		flags,
		edgeU,
		edgeV,
		edgeLengthM,
		edgeClass,
		adjOffsets,
		adjTargets,
		adjEdges
	};
}

/** Build a RoadGraph in memory (tests, toy graphs) by encoding and decoding, so both paths stay identical. */
export function buildGraph(g: GraphInput): RoadGraph {
	return decodeGraph(encodeGraph(g));
}

/** Connected component label of every vertex (0..k-1, numbered by lowest vertex index) and component sizes. */
export function connectedComponents(graph: RoadGraph): { component: Int32Array; sizes: number[] } {
	const n = graph.vertexCount;
	const component = new Int32Array(n).fill(-1);
	const sizes: number[] = [];
	const stack = new Uint32Array(n);
	for (let s = 0; s < n; s++) {
		if (component[s] !== -1) continue;
		const id = sizes.length;
		let top = 0;
		let size = 0;
		stack[top++] = s;
		component[s] = id;
		while (top > 0) {
			const u = stack[--top];
			size++;
			for (let a = graph.adjOffsets[u]; a < graph.adjOffsets[u + 1]; a++) {
				const v = graph.adjTargets[a];
				if (component[v] === -1) {
					component[v] = id;
					stack[top++] = v;
				}
			}
		}
		sizes.push(size);
	}
	return { component, sizes };
}
