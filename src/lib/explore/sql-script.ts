/**
 * The SQL console's script handling, before anything reaches the engine: split a script
 * into statements (keeping their offsets, so errors map back to the editor), and check each
 * statement against the console's rules.
 *
 * The rules: the shipped tables are attached READ_ONLY, so the engine itself refuses any
 * write to `atlas.*` (CREATE/INSERT/UPDATE/DELETE/DROP/ALTER there fail with DuckDB's
 * "attached in read-only mode" message). On top of that, statements that would change the
 * shared engine for the rest of the app, or reach outside it, are refused here with a message
 * that says what to do instead: ATTACH/DETACH/USE, SET/RESET/PRAGMA (settings, e.g. turning
 * extension autoload back on), INSTALL/LOAD (extensions come from the network), COPY/EXPORT/
 * IMPORT (files; use the download buttons), CHECKPOINT/VACUUM, transactions, and any string
 * that is a URL. Temporary tables and views (`CREATE TEMP TABLE …`) are allowed: they live in
 * the console's own session and vanish on reload.
 */

export interface Statement {
	/** the statement's text, without the trailing `;` */
	text: string;
	/** offset of `text` in the script */
	start: number;
}

/**
 * Split a script on `;` outside strings, quoted identifiers, dollar-quoted strings and
 * comments. Statements that hold only whitespace and comments are dropped.
 */
export function splitStatements(script: string): Statement[] {
	const out: Statement[] = [];
	let start = 0;
	let i = 0;
	let meaningful = false;
	const n = script.length;
	const push = (end: number) => {
		if (meaningful) {
			const raw = script.slice(start, end);
			const lead = raw.length - raw.trimStart().length;
			out.push({ text: raw.trim(), start: start + lead });
		}
		meaningful = false;
	};
	while (i < n) {
		const c = script[i];
		const next = script[i + 1];
		if (c === '-' && next === '-') {
			const e = script.indexOf('\n', i);
			i = e < 0 ? n : e + 1;
		} else if (c === '/' && next === '*') {
			const e = script.indexOf('*/', i + 2);
			i = e < 0 ? n : e + 2;
		} else if (c === "'" || c === '"') {
			meaningful = true;
			i = endOfQuoted(script, i, c);
		} else if (c === '$') {
			const m = /^\$([A-Za-z_]\w*)?\$/.exec(script.slice(i, i + 64));
			meaningful = true;
			if (m) {
				const e = script.indexOf(m[0], i + m[0].length);
				i = e < 0 ? n : e + m[0].length;
			} else i++;
		} else if (c === ';') {
			push(i);
			i++;
			start = i;
		} else {
			if (!/\s/.test(c)) meaningful = true;
			i++;
		}
	}
	push(n);
	return out;
}

/** Index just past a quoted run starting at `i` (a doubled quote escapes itself). */
function endOfQuoted(s: string, i: number, q: string): number {
	let j = i + 1;
	while (j < s.length) {
		if (s[j] === q) {
			if (s[j + 1] === q) j += 2;
			else return j + 1;
		} else j++;
	}
	return s.length;
}

/** The statement's words outside strings and comments, upper-cased (for the checks). */
export function leadingWords(text: string, count = 4): string[] {
	const words: string[] = [];
	let i = 0;
	while (i < text.length && words.length < count) {
		const c = text[i];
		if (c === '-' && text[i + 1] === '-') {
			const e = text.indexOf('\n', i);
			i = e < 0 ? text.length : e + 1;
		} else if (c === '/' && text[i + 1] === '*') {
			const e = text.indexOf('*/', i + 2);
			i = e < 0 ? text.length : e + 2;
		} else if (c === "'" || c === '"') {
			i = endOfQuoted(text, i, c);
			words.push(c === "'" ? "'" : 'IDENT');
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_]\w*/.exec(text.slice(i))!;
			words.push(m[0].toUpperCase());
			i += m[0].length;
		} else if (/\s/.test(c)) i++;
		else {
			words.push(c);
			i++;
		}
	}
	return words;
}

const READ_STARTS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE', 'EXPLAIN', 'PIVOT', 'UNPIVOT', 'PIVOT_WIDER', 'PIVOT_LONGER', '(']);
/** Writes the engine checks itself: on `atlas.*` they fail (read-only); on temporary tables they work. */
const WRITE_STARTS = new Set(['INSERT', 'UPDATE', 'DELETE', 'DROP', 'ALTER', 'TRUNCATE']);

const REFUSED: Record<string, string> = {
	ATTACH: 'The console works on the shipped tables only: ATTACH and DETACH are not available.',
	DETACH: 'The console works on the shipped tables only: ATTACH and DETACH are not available.',
	USE: 'USE is not available: the shipped tables are the default (write atlas.counties or just counties).',
	SET: 'Settings cannot be changed from the console (they are shared with the rest of the app).',
	RESET: 'Settings cannot be changed from the console (they are shared with the rest of the app).',
	PRAGMA: 'PRAGMA is not available. To see a table\'s columns, run DESCRIBE counties (or look at the schema list).',
	INSTALL: 'Extensions are not available: they would be downloaded from the network, and this app works offline.',
	LOAD: 'Extensions are not available: they would be downloaded from the network, and this app works offline.',
	FORCE: 'Extensions are not available: they would be downloaded from the network, and this app works offline.',
	UPDATE_EXTENSIONS: 'Extensions are not available in this app.',
	COPY: 'COPY is not available: use the "Download CSV" and "Download JSON" buttons under the result.',
	EXPORT: 'EXPORT is not available: use the download buttons (results) or the table downloads below.',
	IMPORT: 'IMPORT is not available: the console reads the shipped tables only.',
	CHECKPOINT: 'CHECKPOINT is not available: the shipped tables are read-only.',
	VACUUM: 'VACUUM is not available: the shipped tables are read-only.',
	BEGIN: 'Transactions are not available in the console: run one statement at a time.',
	START: 'Transactions are not available in the console: run one statement at a time.',
	COMMIT: 'Transactions are not available in the console: run one statement at a time.',
	ROLLBACK: 'Transactions are not available in the console: run one statement at a time.',
	ABORT: 'Transactions are not available in the console: run one statement at a time.',
	END: 'Transactions are not available in the console: run one statement at a time.',
	CALL: 'CALL is not available: use SELECT * FROM function() instead.',
	PREPARE: 'PREPARE is not available in the console.',
	EXECUTE: 'EXECUTE is not available in the console.',
	DEALLOCATE: 'DEALLOCATE is not available in the console.'
};

/**
 * Null when the statement may run; otherwise a message saying why not and what to do.
 * CREATE is allowed only as CREATE [OR REPLACE] TEMP|TEMPORARY TABLE|VIEW|MACRO|SEQUENCE;
 * a plain CREATE TABLE is refused here with the same reason the engine would give.
 */
export function checkStatement(text: string): string | null {
	const w = leadingWords(text, 6);
	const first = w[0] ?? '';
	if (/'\s*(https?|s3|gcs|gs|r2|hf|az|azure|abfss?):\/\//i.test(text) || /'\s*\w+:\/\//.test(text))
		return 'The console cannot read files or URLs: it works on the shipped tables only, offline.';
	if (READ_STARTS.has(first) || WRITE_STARTS.has(first)) return null;
	if (first === 'CREATE') {
		let k = 1;
		if (w[k] === 'OR' && w[k + 1] === 'REPLACE') k += 2;
		if (w[k] === 'TEMP' || w[k] === 'TEMPORARY') {
			if (['TABLE', 'VIEW', 'MACRO', 'FUNCTION', 'SEQUENCE'].includes(w[k + 1] ?? '')) return null;
		}
		if (w[k] === 'SECRET' || w[k + 1] === 'SECRET') return 'Secrets are not available: the console works offline on the shipped tables.';
		return 'The shipped tables are read-only. To keep a result for later queries, create a temporary table: CREATE TEMP TABLE mine AS SELECT …';
	}
	if (first in REFUSED) return REFUSED[first];
	return `Statements starting with ${first || 'this'} are not available in the console. Start with SELECT, WITH, FROM, DESCRIBE, SUMMARIZE or EXPLAIN.`;
}

export interface ScriptProblem {
	message: string;
	/** offset in the script of the statement at fault */
	offset: number;
	length: number;
}

/** Split and check a whole script: the statements to run, or the first refused one. */
export function prepareScript(script: string): { statements: Statement[]; problem: ScriptProblem | null } {
	const statements = splitStatements(script);
	if (statements.length === 0) return { statements, problem: { message: 'Write a query first, e.g. SELECT * FROM counties LIMIT 10.', offset: 0, length: 0 } };
	for (const s of statements) {
		const m = checkStatement(s.text);
		if (m) return { statements, problem: { message: m, offset: s.start, length: s.text.length } };
	}
	return { statements, problem: null };
}
