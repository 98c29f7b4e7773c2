import { describe, expect, it } from 'vitest';
import { memoByArrays } from '../../src/lib/metrics/memo';

describe('memoByArrays', () => {
	it('makes a value once per (population, travel, key), and again for another array or key', () => {
		const memo = memoByArrays<{ n: number }>();
		const pop = {};
		const a = new Float64Array(3);
		const b = new Float64Array(3);
		let made = 0;
		const make = () => ({ n: ++made });
		const first = memo(pop, a, 'US', make);
		expect(memo(pop, a, 'US', make)).toBe(first);
		expect(made).toBe(1);
		expect(memo(pop, b, 'US', make)).not.toBe(first); // same content, another array: made again
		expect(memo(pop, a, '08', make).n).toBe(3);
		expect(memo({}, a, 'US', make).n).toBe(4); // another population
	});

	it('keeps at most `limit` keys per pair, dropping the least recently used', () => {
		const memo = memoByArrays<number>(2);
		const pop = {};
		const a = new Float64Array(1);
		let made = 0;
		const make = () => ++made;
		memo(pop, a, 'x', make); // 1
		memo(pop, a, 'y', make); // 2
		memo(pop, a, 'x', make); // hit: x is now the most recent
		memo(pop, a, 'z', make); // 3, drops y
		expect(memo(pop, a, 'x', make)).toBe(1);
		expect(memo(pop, a, 'y', make)).toBe(4);
		expect(made).toBe(4);
	});

	it('hands `make` the value last returned for the same population, whatever its travel and key', () => {
		const memo = memoByArrays<string>();
		const pop = {};
		const a = new Float64Array(1);
		const b = new Float64Array(1);
		const seen: (string | undefined)[] = [];
		const make = (name: string) => (last: string | undefined) => (seen.push(last), name);
		memo(pop, a, 'US', make('a-US'));
		memo(pop, b, 'US', make('b-US'));
		memo(pop, a, 'US', make('unused')); // a hit: not made, but now the last returned
		memo(pop, b, '08', make('b-08'));
		memo({}, b, '08', make('other population'));
		expect(seen).toEqual([undefined, 'a-US', 'a-US', undefined]);
	});
});
