import { describe, expect, it } from 'vitest';
import { connectedComponents, decodeGraph, encodeGraph, type GraphInput } from '../../../src/lib/metrics/drive-time/graph';

const input = (): GraphInput => ({
	latE6: Int32Array.from([40_000_000, 40_100_000, -14_250_000, 64_837_778]),
	lonE6: Int32Array.from([-100_000_000, -100_100_000, -170_700_000, -147_716_389]),
	flags: Uint8Array.from([1, 0, 1, 1]),
	// includes a parallel pair 0–1 of different classes, given with u > v
	edgeU: Uint32Array.from([1, 0, 1]),
	edgeV: Uint32Array.from([0, 1, 2]),
	edgeLengthM: Uint32Array.from([12_345, 11_000, 4_000_000_000]),
	edgeClass: Uint8Array.from([4, 1, 0]),
	classes: [
		{ code: 0, name: 'connector' },
		{ code: 1, name: 'freeway' },
		{ code: 4, name: 'tier4' }
	]
});

describe('encodeGraph / decodeGraph', () => {
	it('round-trips coordinates, flags, edges and the class table', () => {
		const g = decodeGraph(encodeGraph(input()));
		expect(g.vertexCount).toBe(4);
		expect(g.edgeCount).toBe(3);
		expect(Array.from(g.latE6)).toEqual([40_000_000, 40_100_000, -14_250_000, 64_837_778]);
		expect(Array.from(g.lonE6)).toEqual([-100_000_000, -100_100_000, -170_700_000, -147_716_389]);
		expect(Array.from(g.flags)).toEqual([1, 0, 1, 1]);
		expect(g.classes).toEqual(input().classes);
		// edges sorted by (u, v, class, length), u < v
		expect(Array.from(g.edgeU)).toEqual([0, 0, 1]);
		expect(Array.from(g.edgeV)).toEqual([1, 1, 2]);
		expect(Array.from(g.edgeClass)).toEqual([1, 4, 0]);
		expect(Array.from(g.edgeLengthM)).toEqual([11_000, 12_345, 4_000_000_000]);
	});

	it('builds a symmetric CSR', () => {
		const g = decodeGraph(encodeGraph(input()));
		const arcs = (u: number) =>
			Array.from({ length: g.adjOffsets[u + 1] - g.adjOffsets[u] }, (_, i) => [g.adjTargets[g.adjOffsets[u] + i], g.adjEdges[g.adjOffsets[u] + i]]);
		expect(arcs(0)).toEqual([[1, 0], [1, 1]]);
		expect(arcs(1)).toEqual([[0, 0], [0, 1], [2, 2]]);
		expect(arcs(2)).toEqual([[1, 2]]);
		expect(arcs(3)).toEqual([]);
		expect(connectedComponents(g).sizes).toEqual([3, 1]);
	});

	it('is deterministic: edge order in the input does not change the bytes', () => {
		const a = encodeGraph(input());
		const shuffled = input();
		shuffled.edgeU = Uint32Array.from([1, 0, 1]).reverse();
		shuffled.edgeV = Uint32Array.from([0, 1, 2]).reverse();
		shuffled.edgeLengthM = Uint32Array.from([12_345, 11_000, 4_000_000_000]).reverse();
		shuffled.edgeClass = Uint8Array.from([4, 1, 0]).reverse();
		expect(Buffer.from(encodeGraph(shuffled)).equals(Buffer.from(a))).toBe(true);
	});

	it('writes the header: magic, version, counts', () => {
		const b = encodeGraph(input());
		const dv = new DataView(b.buffer, b.byteOffset);
		expect(String.fromCharCode(...b.subarray(0, 4))).toBe('CTRG');
		expect([dv.getUint32(4, true), dv.getUint32(8, true), dv.getUint32(12, true), dv.getUint32(16, true)]).toEqual([1, 4, 3, 3]);
		expect(dv.getUint32(20, true) % 4).toBe(0);
	});

	it('decodes from an unaligned view (e.g. a Node Buffer slice)', () => {
		const b = encodeGraph(input());
		const padded = new Uint8Array(b.length + 1);
		padded.set(b, 1);
		expect(decodeGraph(padded.subarray(1)).edgeCount).toBe(3);
	});

	it.each([
		['bad magic', (b: Uint8Array) => ((b[0] = 88), b), /bad magic/],
		['wrong version', (b: Uint8Array) => (new DataView(b.buffer).setUint32(4, 9, true), b), /version 9/],
		['truncated', (b: Uint8Array) => b.slice(0, b.length - 4), /truncated/],
		['too short', () => new Uint8Array(8), /too short/]
	])('rejects a %s buffer', (_name, mutate, msg) => {
		expect(() => decodeGraph(mutate(encodeGraph(input()).slice()))).toThrow(msg);
	});

	it('refuses self-loops and out-of-range vertices', () => {
		const s = input();
		s.edgeV[2] = 1;
		expect(() => encodeGraph(s)).toThrow(/self-loop/);
		const o = input();
		o.edgeV[2] = 9;
		expect(() => encodeGraph(o)).toThrow(/vertex/);
	});
});
