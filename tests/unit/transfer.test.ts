/** workers/transfer: the buffers a message transfers, and copies of the arrays a sender keeps. */
import { describe, expect, it } from 'vitest';
import { transferables, withCopies } from '../../src/lib/workers/transfer';

describe('transferables', () => {
	it('lists each typed array’s buffer once, through objects and arrays', () => {
		const a = new Float64Array([1, 2]);
		const b = new Int32Array(new ArrayBuffer(16), 4, 2);
		const list = transferables({ a, nested: { b, again: a }, list: [b, 'x', 3, null] });
		expect(list).toHaveLength(2);
		expect(list).toContain(a.buffer);
		expect(list).toContain(b.buffer);
		expect(transferables('text')).toEqual([]);
	});
});

describe('withCopies', () => {
	it('copies every typed array and keeps every other value; the copies are the only owners of their buffers', () => {
		const lat = Float64Array.from([39.7, 42.9]);
		const stateOf = Uint16Array.from([0, 1]);
		const view = new Int32Array(new ArrayBuffer(32), 8, 2).fill(7);
		const msg = { tracts: { lat, stateOf, states: ['08', '56'] }, list: [view, 'x'], n: 2, none: null };
		const copy = withCopies(msg);
		expect(copy).toEqual(msg);
		expect(copy.tracts.lat).not.toBe(lat);
		expect(copy.tracts.stateOf).not.toBe(stateOf);
		expect(copy.list[0]).not.toBe(view);
		// a view's copy holds only its own elements (a transfer would otherwise hand over the whole buffer)
		expect((copy.list[0] as Int32Array).buffer.byteLength).toBe(8);
		expect(copy.tracts.states).toEqual(['08', '56']);
		// transferring the copies leaves the sender's arrays as they were
		const { port1 } = new MessageChannel();
		port1.postMessage(copy, transferables(copy));
		port1.close();
		expect(copy.tracts.lat.length).toBe(0);
		expect(Array.from(lat)).toEqual([39.7, 42.9]);
		expect(Array.from(view)).toEqual([7, 7]);
	});
});
