/**
 * The data dictionary (`data/README.md`) as data: one entry per `## <table>.parquet`
 * section with its grain line and the rows of its column table, so the SQL console's schema
 * list shows the same descriptions as the methodology page. Parsed at build time.
 *
 * The column cell may name several columns:
 * - `` `lat`, `lon` `` → both columns get the row;
 * - `` `nh_black`, `_moe` `` → a name starting with `_` is a suffix of the first name
 *   (`nh_black_moe`);
 * - `` `acs_pop` … `no_vehicle_hh_moe` `` → a range, resolved against the real column order
 *   by `describeColumns`.
 */

export interface ColumnDoc {
	type: string;
	/** "units / values" cell, plain text */
	units: string;
	/** "source and method" cell, plain text */
	source: string;
}

export interface TableDoc {
	table: string;
	/** the **Grain:** paragraph, plain text ("" when absent) */
	grain: string;
	columns: Record<string, ColumnDoc>;
	ranges: { from: string; to: string; doc: ColumnDoc }[];
}

export type Dictionary = Record<string, TableDoc>;

/** Markdown inline → plain text (backticks, bold, italics, links). */
export function plainText(md: string): string {
	return md
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\*\*([^*]+)\*\*/g, '$1')
		.replace(/(^|[^\w*])\*([^*]+)\*(?!\w)/g, '$1$2')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\\\|/g, '|')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Split a Markdown table row on unescaped pipes. */
function cells(line: string): string[] {
	const parts = line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
	return parts.map((c) => c.trim());
}

export function parseDictionary(markdown: string): Dictionary {
	const out: Dictionary = {};
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
	let current: TableDoc | null = null;
	let inColumns = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const h = /^##\s+`?(\w+)\.parquet`?\s*$/.exec(line);
		if (h) {
			current = { table: h[1], grain: '', columns: {}, ranges: [] };
			out[current.table] = current;
			inColumns = false;
			continue;
		}
		if (/^#{1,2}\s/.test(line)) {
			current = null;
			inColumns = false;
			continue;
		}
		if (!current) continue;
		if (line.startsWith('**Grain:**')) {
			let para = line;
			while (i + 1 < lines.length && lines[i + 1].trim() !== '' && !lines[i + 1].startsWith('|')) para += ' ' + lines[++i];
			current.grain = plainText(para.replace('**Grain:**', ''));
			continue;
		}
		if (line.startsWith('|')) {
			const c = cells(line);
			if (c[0].toLowerCase() === 'column' && c[1]?.toLowerCase() === 'type') {
				inColumns = true;
				continue;
			}
			if (!inColumns || /^:?-{3,}/.test(c[0])) continue;
			addRow(current, c);
		} else if (line.trim() === '') {
			// a blank line ends a table; the header of the next one switches it back on
			inColumns = false;
		}
	}
	return out;
}

function addRow(t: TableDoc, c: string[]) {
	const doc: ColumnDoc = { type: plainText(c[1] ?? ''), units: plainText(c[2] ?? ''), source: plainText(c[3] ?? '') };
	const names = [...c[0].matchAll(/`([^`]+)`/g)].map((m) => m[1].trim());
	if (names.length === 0) return;
	if (names.length === 2 && /…|\.\.\./.test(c[0].replace(/`[^`]*`/g, ''))) {
		t.ranges.push({ from: names[0], to: names[1], doc });
		return;
	}
	const first = names[0];
	for (const n of names) {
		const name = n.startsWith('_') ? first + n : n;
		if (/^\w+$/.test(name)) t.columns[name] = doc;
	}
}

/**
 * The description of each column of `columns` (in the table's real order): direct entries
 * first, then ranges (every column from `from` to `to` inclusive). A range documented as
 * "as in <table>" borrows that table's entry for each column and keeps its own note.
 */
export function describeColumns({ dict, table, columns }: { dict: Dictionary; table: string; columns: string[] }): (ColumnDoc | null)[] {
	const doc = dict[table];
	const out: (ColumnDoc | null)[] = columns.map((c) => doc?.columns[c] ?? null);
	for (const r of doc?.ranges ?? []) {
		const a = columns.indexOf(r.from);
		const b = columns.indexOf(r.to);
		if (a < 0 || b < a) continue;
		const other = /as in (\w+)/.exec(r.doc.type)?.[1];
		for (let i = a; i <= b; i++) {
			if (out[i]) continue;
			const borrowed = other ? dict[other]?.columns[columns[i]] : undefined;
			out[i] = borrowed
				? { type: borrowed.type, units: [borrowed.units, r.doc.units].filter(Boolean).join('; '), source: [borrowed.source, r.doc.source].filter(Boolean).join('; ') }
				: r.doc;
		}
	}
	return out;
}

/** One line for a tooltip or a schema row: "units — source". */
export function describe(doc: ColumnDoc | null): string {
	if (!doc) return '';
	return [doc.units, doc.source].filter(Boolean).join(' — ');
}
