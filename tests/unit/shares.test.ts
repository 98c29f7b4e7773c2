import { describe, expect, it } from 'vitest';
import { beyondThreshold, oneIn, weightedQuantile } from '../../src/lib/metrics/shares';

describe('beyondThreshold', () => {
	it.each([
		{ name: 'empty', rows: [], t: 60, want: { beyond: 0, total: 0, share: null, unknown: 0 } },
		{ name: 'strictly greater', rows: [{ weight: 10, value: 60 }, { weight: 30, value: 61 }], t: 60, want: { beyond: 30, total: 40, share: 0.75, unknown: 0 } },
		{ name: 'unknown excluded', rows: [{ weight: 10, value: null }, { weight: 10, value: 100 }], t: 60, want: { beyond: 10, total: 10, share: 1, unknown: 10 } },
		{ name: 'zero population', rows: [{ weight: 0, value: 500 }], t: 60, want: { beyond: 0, total: 0, share: null, unknown: 0 } },
		{ name: 'negative weight ignored', rows: [{ weight: -5, value: 500 }, { weight: 5, value: 1 }], t: 60, want: { beyond: 0, total: 5, share: 0, unknown: 0 } }
	])('$name', ({ rows, t, want }) => {
		expect(beyondThreshold(rows, t)).toEqual(want);
	});
});

describe('weightedQuantile', () => {
	const rows = [
		{ weight: 1, value: 10 },
		{ weight: 1, value: 20 },
		{ weight: 2, value: 30 }
	];
	it.each([
		[0, 10],
		[0.25, 10],
		[0.26, 20],
		[0.5, 20],
		[0.51, 30],
		[0.9, 30],
		[1, 30]
	])('q=%s -> %s', (q, want) => {
		expect(weightedQuantile(rows, q)).toBe(want);
	});
	it('null without weight', () => {
		expect(weightedQuantile([{ weight: 0, value: 1 }], 0.5)).toBeNull();
	});
	it('rejects q outside [0,1]', () => {
		expect(() => weightedQuantile(rows, 1.5)).toThrow(RangeError);
	});
});

describe('oneIn', () => {
	it.each([
		[0.5, 2],
		[0.29, 3],
		[1, 1],
		[0, null],
		[null, null]
	])('%s -> %s', (s, want) => expect(oneIn(s)).toBe(want));
});
