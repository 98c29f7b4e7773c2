import { describe, expect, it } from 'vitest';
import { fold, nextSort, ranked, sortRanked } from '../../src/lib/components/sortable';

const rows = ranked([
	{ id: 'a', v: 3 as number | null, name: 'Doña Ana' },
	{ id: 'b', v: null, name: 'Adams' },
	{ id: 'c', v: 3, name: 'Baca' },
	{ id: 'd', v: 10, name: 'Éire' }
]);
const ids = (xs: { row: { id: string } }[]) => xs.map((x) => x.row.id).join('');

describe('sortable tables', () => {
	it('folds accents and case for search and name sorting', () => {
		expect(fold('Doña Ana')).toBe('dona ana');
		expect(fold('ÉIRE')).toBe('eire');
	});
	it.each([
		['ascending', 'acdb'], // ties by rank; missing last
		['descending', 'dacb'] // missing last in both directions; ties still by rank
	] as const)('sorts numbers %s with ties by rank and missing values last', (dir, want) => {
		expect(ids(sortRanked({ rows, value: (r) => r.v, dir }))).toBe(want);
	});
	it('sorts folded text', () => {
		expect(ids(sortRanked({ rows, value: (r) => fold(r.name), dir: 'ascending' }))).toBe('bcad');
	});
	it('flips the same column; starts text and rank A to Z, figures largest first', () => {
		expect(nextSort({ key: 'share', dir: 'descending' }, 'share', false)).toEqual({ key: 'share', dir: 'ascending' });
		expect(nextSort({ key: 'rank', dir: 'ascending' }, 'name', true)).toEqual({ key: 'name', dir: 'ascending' });
		expect(nextSort({ key: 'name', dir: 'ascending' }, 'share', false)).toEqual({ key: 'share', dir: 'descending' });
	});
});
