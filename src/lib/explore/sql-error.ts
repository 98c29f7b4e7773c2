/**
 * DuckDB's error messages, made readable and located: the message is shown as DuckDB wrote
 * it (type, text, candidates), and when it carries a `LINE n:` excerpt with a caret, the
 * position is mapped back to an offset in the editor's script.
 *
 * DuckDB prints `LINE n: <excerpt>` then spaces and `^` under the failing character. Long
 * lines are cut to a window around the error with `...` at either end, so the excerpt is
 * looked up in the real line rather than trusted as a column. Parser errors repeat the
 * block; only the first is kept.
 */

export interface LocatedError {
	/** e.g. "Binder Error", "Parser Error", "Catalog Error"; "" when DuckDB gave none */
	kind: string;
	/** the message without the LINE/caret block */
	message: string;
	/** 1-based line and column in the whole script, when DuckDB gave a position */
	line?: number;
	column?: number;
	/** 0-based offset in the whole script */
	offset?: number;
}

const LINE_BLOCK = /\n*LINE (\d+): ([^\n]*)\n( *)\^/;

/**
 * @param message DuckDB's error text
 * @param statement the statement that ran (as sent to the engine)
 * @param statementStart offset of that statement in the editor's script
 * @param script the editor's whole script (for line/column)
 */
export function locateError({
	message,
	statement,
	statementStart = 0,
	script = statement
}: {
	message: string;
	statement: string;
	statementStart?: number;
	script?: string;
}): LocatedError {
	const structured = parseStructured(message);
	if (structured) {
		const inner = locateError({ message: `${structured.kind}: ${structured.message}`, statement, statementStart, script });
		if (inner.offset != null || structured.position == null) return inner;
		// no LINE block but a character position: use it
		return { ...inner, ...position(statementStart + Math.min(structured.position, statement.length), script) };
	}
	const kindMatch = /^([A-Z][A-Za-z ]*? Error): /.exec(message);
	const kind = kindMatch ? kindMatch[1] : '';
	const m = LINE_BLOCK.exec(message);
	let text = message.replace(new RegExp(LINE_BLOCK.source, 'g'), '').trim();
	if (kindMatch) text = text.slice(kindMatch[0].length).trim();
	if (!m) return { kind, message: text };

	const lineNo = Number(m[1]);
	const prefix = `LINE ${m[1]}: `.length;
	const caret = m[3].length - prefix;
	const lines = statement.split('\n');
	const real = lines[lineNo - 1];
	if (real == null || caret < 0) return { kind, message: text };
	let excerpt = m[2];
	let caretInExcerpt = caret;
	if (excerpt.startsWith('...')) {
		excerpt = excerpt.slice(3);
		caretInExcerpt -= 3;
	}
	if (excerpt.endsWith('...')) excerpt = excerpt.slice(0, -3);
	let at = real.indexOf(excerpt);
	if (at < 0) at = real.indexOf(excerpt.trim());
	if (at < 0) at = 0;
	const colInStatement = Math.max(0, Math.min(real.length, at + caretInExcerpt));
	let offsetInStatement = 0;
	for (let i = 0; i < lineNo - 1; i++) offsetInStatement += lines[i].length + 1;
	offsetInStatement += colInStatement;
	return { kind, message: text, ...position(statementStart + offsetInStatement, script) };
}

function position(offset: number, script: string) {
	const before = script.slice(0, offset);
	return { offset, line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * DuckDB-WASM's pending-query path reports errors as JSON:
 * `{"exception_type":"Parser","exception_message":"…LINE 1: …","position":"13"}`.
 */
function parseStructured(message: string): { kind: string; message: string; position?: number } | null {
	if (!message.trimStart().startsWith('{')) return null;
	try {
		const o = JSON.parse(message) as Record<string, unknown>;
		if (typeof o.exception_message !== 'string') return null;
		const type = typeof o.exception_type === 'string' ? o.exception_type : '';
		const pos = Number(o.position);
		return { kind: type ? `${type} Error` : 'Error', message: o.exception_message, position: Number.isFinite(pos) ? pos : undefined };
	} catch {
		return null;
	}
}
