import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestSearch, moveActive, resultsAnnouncement } from '../../src/lib/components/combobox';

describe('moveActive', () => {
	it.each([
		{ key: 'ArrowDown', active: -1, count: 3, want: 0 },
		{ key: 'ArrowDown', active: 0, count: 3, want: 1 },
		{ key: 'ArrowDown', active: 2, count: 3, want: 0 }, // wraps
		{ key: 'ArrowUp', active: -1, count: 3, want: 2 },
		{ key: 'ArrowUp', active: 0, count: 3, want: 2 }, // wraps
		{ key: 'ArrowUp', active: 2, count: 3, want: 1 },
		{ key: 'Home', active: 2, count: 3, want: 0 },
		{ key: 'End', active: 0, count: 3, want: 2 },
		{ key: 'ArrowDown', active: -1, count: 0, want: null }, // nothing to move through
		{ key: 'Enter', active: 1, count: 3, want: null }
	])('$key from $active of $count → $want', ({ key, active, count, want }) => {
		expect(moveActive({ key, active, count })).toBe(want);
	});
});

describe('resultsAnnouncement', () => {
	it.each([
		{ count: 0, want: '' },
		{ count: 1, want: '1 place found; use the up and down arrows to choose.' },
		{ count: 12, want: '12 places found; use the up and down arrows to choose.' }
	])('$count', ({ count, want }) => expect(resultsAnnouncement({ count, one: 'place', many: 'places' })).toBe(want));
});

describe('latestSearch', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('debounces: only the last text within the wait is searched', async () => {
		const search = vi.fn(async (t: string) => t.toUpperCase());
		const got: string[] = [];
		const s = latestSearch({ search, debounceMs: 200, onresult: (r) => got.push(r), onerror: () => {} });
		s.schedule('d');
		await vi.advanceTimersByTimeAsync(100);
		s.schedule('de');
		await vi.advanceTimersByTimeAsync(199);
		expect(search).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(search.mock.calls).toEqual([['de']]);
		expect(got).toEqual(['DE']);
	});

	it('drops a slow answer to older text', async () => {
		const resolvers: Record<string, (v: string) => void> = {};
		const search = (t: string) => new Promise<string>((res) => (resolvers[t] = res));
		const got: string[] = [];
		const s = latestSearch({ search, debounceMs: 0, onresult: (r) => got.push(r), onerror: () => {} });
		s.schedule('den');
		await vi.advanceTimersByTimeAsync(0);
		s.schedule('denv');
		await vi.advanceTimersByTimeAsync(0);
		resolvers.denv('new');
		resolvers.den('old');
		await vi.advanceTimersByTimeAsync(0);
		expect(got).toEqual(['new']);
	});

	it('reports errors of the latest search only; cancel drops everything', async () => {
		const errors: string[] = [];
		const s = latestSearch({
			search: async (t: string) => {
				throw new Error(`no ${t}`);
			},
			debounceMs: 10,
			onresult: () => {},
			onerror: (e) => errors.push((e as Error).message)
		});
		await s.now('a');
		expect(errors).toEqual(['no a']);
		s.schedule('b');
		s.cancel();
		await vi.advanceTimersByTimeAsync(50);
		expect(errors).toEqual(['no a']);
	});
});
