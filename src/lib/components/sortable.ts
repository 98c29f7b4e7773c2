/**
 * Sorting and searching for the sortable tables (components/SortableTable.svelte): pure, so the
 * rules are tested in Node. Rows keep their given rank; a sort by any column breaks ties by that
 * rank, and missing values go last whichever the direction.
 */

export type SortDir = 'ascending' | 'descending';

/** A column of a sortable table: `text` columns sort A to Z first, the others largest first. */
export interface Column<R> {
	key: string;
	label: string;
	numeric: boolean;
	text?: boolean;
	/** a number, folded text ({@link fold}) or null for missing */
	value: (row: R, rank: number) => number | string | null;
}

/** Lower case without accents, for searching names ("Doña Ana" matches "dona"). */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

export interface Ranked<R> {
	row: R;
	/** 1-based position in the given order */
	rank: number;
}

export function ranked<R>(rows: readonly R[]): Ranked<R>[] {
	return rows.map((row, i) => ({ row, rank: i + 1 }));
}

/** The rows sorted by `value` (a number, folded text, or null for missing). */
export function sortRanked<R>({
	rows,
	value,
	dir
}: {
	rows: readonly Ranked<R>[];
	value: (row: R, rank: number) => number | string | null;
	dir: SortDir;
}): Ranked<R>[] {
	const sign = dir === 'ascending' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = value(a.row, a.rank);
		const y = value(b.row, b.rank);
		if (x == null || y == null) return x == null && y == null ? a.rank - b.rank : x == null ? 1 : -1;
		if (x < y) return -sign;
		if (x > y) return sign;
		return a.rank - b.rank;
	});
}

/**
 * The sort after a click on a column: the same column flips direction; a new column starts
 * ascending for text and rank (read top-down) and descending for figures (largest first).
 */
export function nextSort(current: { key: string; dir: SortDir }, key: string, text: boolean): { key: string; dir: SortDir } {
	if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
	return { key, dir: text ? 'ascending' : 'descending' };
}
