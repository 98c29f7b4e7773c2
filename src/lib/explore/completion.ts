/**
 * Column completion for the console: CodeMirror's SQL mode completes table names, and
 * columns only after `table.`; analysts type bare column names, so this offers the columns
 * of every shipped table the script mentions, each labelled with its table(s).
 */
export interface ColumnOption {
	label: string;
	type: 'property';
	detail: string;
}

export function columnOptions({ script, schema }: { script: string; schema: Record<string, string[]> }): ColumnOption[] {
	const text = script.toLowerCase();
	const byColumn = new Map<string, string[]>();
	for (const [table, columns] of Object.entries(schema)) {
		if (!new RegExp(`(^|[^\\w])${table.toLowerCase()}($|[^\\w])`).test(text)) continue;
		for (const c of columns) {
			const t = byColumn.get(c);
			if (t) t.push(table);
			else byColumn.set(c, [table]);
		}
	}
	return [...byColumn].map(([label, tables]) => ({ label, type: 'property', detail: tables.join(', ') }));
}
