/**
 * Places snapped to the road graph, written at build time so the page skips the snapping
 * (85,395 tracts × 32 nearest vertices: over a second on this project's test machine).
 * `prepareOrigins` depends only on the graph, the places and snapCount / maxSnapKm, so its
 * result can be stored: per place the vertices it snapped to. The straight-line km to each are
 * recomputed on reading with `greatCircleKm`, the same arithmetic the snap index uses (a test
 * checks the read-back equals `prepareOrigins` exactly on the real data).
 *
 * Layout: `CTA-SNAP1\n`, 4-byte header length, header JSON, then per origin set the number of
 * vertices of each place (Uint8) and the vertex ids, each stored as the difference from the
 * previous one (Int32). A set is used only when the graph (vertex count, coordinate checksum),
 * the places (count and coordinate checksum) and the snap parameters all match; otherwise the
 * reader returns nothing for it and the caller snaps as before.
 */
import { greatCircleKm } from '../distance';
import type { RoadGraph } from './graph';
import { preparedFrom, type PreparedOrigins } from './travel-times';

const MAGIC = 'CTA-SNAP1\n';

export interface SnapPlaces {
	lat: ArrayLike<number>;
	lon: ArrayLike<number>;
}

interface SetHeader {
	count: number;
	checksum: number;
	entries: number;
	/** byte offsets (after the header) of the per-place counts and of the vertex ids */
	countsAt: number;
	verticesAt: number;
}

interface Header {
	version: 1;
	graph: { vertices: number; checksum: number };
	snapCount: number;
	maxSnapKm: number;
	sets: Record<string, SetHeader>;
}

/** FNV-1a over coordinates as whole millionths (a change of any place or vertex changes it). */
export function coordinateChecksum(lat: ArrayLike<number>, lon: ArrayLike<number>, scale = 1e6): number {
	let h = 0x811c9dc5;
	const mix = (v: number) => {
		const x = Number.isFinite(v) ? Math.round(v * scale) | 0 : 0x7fffffff;
		for (let k = 0; k < 4; k++) {
			h ^= (x >>> (8 * k)) & 0xff;
			h = Math.imul(h, 0x01000193);
		}
	};
	for (let i = 0; i < lat.length; i++) {
		mix(lat[i]);
		mix(lon[i]);
	}
	return h >>> 0;
}

const graphChecksum = (g: RoadGraph) => coordinateChecksum(g.latE6, g.lonE6, 1);

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function encodeSnap(graph: RoadGraph, sets: Record<string, PreparedOrigins>): Uint8Array {
	const first = Object.values(sets)[0];
	const header: Header = {
		version: 1,
		graph: { vertices: graph.vertexCount, checksum: graphChecksum(graph) },
		snapCount: first?.snapCount ?? 0,
		maxSnapKm: first?.maxSnapKm ?? 0,
		sets: {}
	};
	const parts: Uint8Array[] = [];
	let at = 0;
	for (const [name, p] of Object.entries(sets)) {
		if (p.graph !== graph) throw new Error(`encodeSnap: set "${name}" was prepared for another graph`);
		if (p.snapCount !== header.snapCount || p.maxSnapKm !== header.maxSnapKm) throw new Error('encodeSnap: every set needs the same snap parameters');
		const counts = new Uint8Array(p.count);
		for (let i = 0; i < p.count; i++) {
			const c = p.offsets[i + 1] - p.offsets[i];
			if (c > 255) throw new Error(`encodeSnap: place ${i} of "${name}" has ${c} vertices (at most 255)`);
			counts[i] = c;
		}
		const ids = new Int32Array(p.vertex.length);
		for (let j = 0; j < ids.length; j++) ids[j] = p.vertex[j] - (j ? p.vertex[j - 1] : 0);
		header.sets[name] = { count: p.count, checksum: coordinateChecksum(p.lat, p.lon), entries: ids.length, countsAt: at, verticesAt: align8(at + counts.length) };
		parts.push(counts);
		at = align8(at + counts.length);
		parts.push(new Uint8Array(ids.buffer));
		at = align8(at + ids.byteLength);
	}
	const head = new TextEncoder().encode(JSON.stringify(header));
	const start = align8(MAGIC.length + 4 + head.length);
	const out = new Uint8Array(start + at);
	out.set(new TextEncoder().encode(MAGIC), 0);
	new DataView(out.buffer).setUint32(MAGIC.length, head.length, true);
	out.set(head, MAGIC.length + 4);
	let pos = start;
	for (const part of parts) {
		out.set(part, pos);
		pos = align8(pos + part.length);
	}
	return out;
}

/**
 * The stored snap of each named set whose places match, as `PreparedOrigins` for `graph`;
 * sets that do not match (or a file that is not one) are left out.
 */
export function decodeSnap(
	bytes: ArrayBuffer | Uint8Array,
	graph: RoadGraph,
	places: Record<string, SnapPlaces>,
	params: { snapCount: number; maxSnapKm: number }
): Record<string, PreparedOrigins> {
	const u8 = bytes instanceof Uint8Array ? (bytes.byteOffset % 8 === 0 ? bytes : bytes.slice()) : new Uint8Array(bytes);
	if (u8.length < MAGIC.length + 4 || new TextDecoder().decode(u8.subarray(0, MAGIC.length)) !== MAGIC) return {};
	const len = new DataView(u8.buffer, u8.byteOffset).getUint32(MAGIC.length, true);
	const header = JSON.parse(new TextDecoder().decode(u8.subarray(MAGIC.length + 4, MAGIC.length + 4 + len))) as Header;
	if (header.version !== 1 || header.snapCount !== params.snapCount || header.maxSnapKm !== params.maxSnapKm) return {};
	if (header.graph.vertices !== graph.vertexCount || header.graph.checksum !== graphChecksum(graph)) return {};
	const start = u8.byteOffset + align8(MAGIC.length + 4 + len);
	const out: Record<string, PreparedOrigins> = {};
	for (const [name, pl] of Object.entries(places)) {
		const h = header.sets[name];
		if (!h || h.count !== pl.lat.length || h.checksum !== coordinateChecksum(pl.lat, pl.lon)) continue;
		const counts = new Uint8Array(u8.buffer, start + h.countsAt, h.count);
		const deltas = new Int32Array(u8.buffer, start + h.verticesAt, h.entries);
		const offsets = new Uint32Array(h.count + 1);
		const vertex = new Int32Array(h.entries);
		const km = new Float64Array(h.entries);
		const lat = new Float64Array(h.count);
		const lon = new Float64Array(h.count);
		let v = 0;
		let j = 0;
		for (let i = 0; i < h.count; i++) {
			const la = pl.lat[i];
			const lo = pl.lon[i];
			const ok = Number.isFinite(la) && Number.isFinite(lo);
			lat[i] = ok ? la : NaN;
			lon[i] = ok ? lo : NaN;
			for (let c = 0; c < counts[i]; c++, j++) {
				v += deltas[j];
				vertex[j] = v;
				km[j] = greatCircleKm(la, lo, graph.latE6[v] / 1e6, graph.lonE6[v] / 1e6);
			}
			offsets[i + 1] = j;
		}
		if (j !== h.entries) continue;
		out[name] = preparedFrom({ graph, snapCount: header.snapCount, maxSnapKm: header.maxSnapKm, offsets, vertex, km, lat, lon });
	}
	return out;
}
