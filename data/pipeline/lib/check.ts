/** Validation helpers: throw loudly, and collect documented exceptions and counts for the summary. */

export class PipelineError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PipelineError';
	}
}

export function assert(cond: unknown, message: string): asserts cond {
	if (!cond) throw new PipelineError(message);
}

export interface CountLine {
	table: string;
	rows_in: number;
	rows_out: number;
	excluded: { reason: string; rows: number }[];
}

export class Report {
	readonly exceptions: { table: string; what: string; items: string[] }[] = [];
	readonly counts: CountLine[] = [];
	readonly notes: string[] = [];

	exception(table: string, what: string, items: string[]): void {
		this.exceptions.push({ table, what, items });
	}

	count(line: CountLine): void {
		const excluded = line.excluded.reduce((s, e) => s + e.rows, 0);
		assert(
			line.rows_in === line.rows_out + excluded,
			`${line.table}: ${line.rows_in} rows in, ${line.rows_out} out and ${excluded} excluded (${line.excluded
				.map((e) => `${e.reason}: ${e.rows}`)
				.join('; ')}): rows were dropped silently`
		);
		this.counts.push(line);
	}

	note(s: string): void {
		this.notes.push(s);
	}
}

/** Assert codes are zero-padded to `len` digits and unique. */
export function assertFips(table: string, column: string, codes: string[], len: number): void {
	const bad = codes.filter((c) => typeof c !== 'string' || !new RegExp(`^\\d{${len}}$`).test(c));
	assert(bad.length === 0, `${table}.${column}: ${bad.length} codes are not ${len}-digit zero-padded text, e.g. ${bad.slice(0, 5).join(', ')}`);
}

export function assertUnique(table: string, column: string, codes: string[]): void {
	const seen = new Set<string>();
	const dup = new Set<string>();
	for (const c of codes) (seen.has(c) ? dup : seen).add(c);
	assert(dup.size === 0, `${table}.${column}: duplicate values ${[...dup].slice(0, 10).join(', ')}`);
}
