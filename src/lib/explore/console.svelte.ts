/**
 * The SQL console's state: the script, the run in flight, its result or its located error.
 * One run at a time: a new run cancels the one in flight, and a superseded run's answer is
 * dropped. Each statement of the script runs in turn on the console's own connection; the
 * last one's result is shown. The engine is injected (`SqlConsole`), so this class never
 * imports DuckDB.
 */
import { QueryCancelled, type ConsoleResult, type RunningQuery, type SqlConsole } from '$lib/db/types';
import { locateError, type LocatedError } from './sql-error';
import { prepareScript } from './sql-script';

export type ConsoleStatus = 'idle' | 'running' | 'ready' | 'empty' | 'error' | 'cancelled';

export interface ConsoleError extends LocatedError {
	/** where to highlight in the editor when DuckDB gave no position: the statement at fault */
	statementOffset: number;
	statementLength: number;
	/** true when the console refused the statement before it reached the engine */
	refused: boolean;
}

/** Rows kept from one result: enough for any shipped table (tracts: 85,395). */
export const MAX_RESULT_ROWS = 500_000;

export class SqlConsoleState {
	status = $state<ConsoleStatus>('idle');
	result = $state.raw<ConsoleResult | undefined>(undefined);
	error = $state.raw<ConsoleError | undefined>(undefined);
	elapsedMs = $state<number | undefined>(undefined);
	/** the script that produced `result` / `error` */
	ranScript = $state('');
	#engine: SqlConsole | undefined;
	#running: RunningQuery | undefined;
	#request = 0;

	attach(engine: SqlConsole) {
		this.#engine = engine;
	}

	get ready() {
		return this.#engine != null;
	}

	async run(script: string): Promise<void> {
		const id = ++this.#request;
		await this.cancel(false);
		this.ranScript = script;
		this.error = undefined;
		const { statements, problem } = prepareScript(script);
		if (problem) {
			this.result = undefined;
			this.error = { kind: 'Not run', message: problem.message, statementOffset: problem.offset, statementLength: problem.length, refused: true };
			this.status = 'error';
			return;
		}
		if (!this.#engine) throw new Error('The SQL engine is not ready yet.');
		this.status = 'running';
		const t0 = performance.now();
		let result: ConsoleResult | undefined;
		for (const s of statements) {
			const q = this.#engine.run(s.text, { maxRows: MAX_RESULT_ROWS });
			this.#running = q;
			try {
				result = await q.result;
			} catch (e) {
				if (id !== this.#request) return;
				this.#running = undefined;
				if (e instanceof QueryCancelled) {
					this.status = 'cancelled';
					return;
				}
				const message = e instanceof Error ? e.message : String(e);
				this.result = undefined;
				this.error = {
					...locateError({ message, statement: s.text, statementStart: s.start, script }),
					statementOffset: s.start,
					statementLength: s.text.length,
					refused: false
				};
				this.status = 'error';
				return;
			}
			if (id !== this.#request) return;
		}
		this.#running = undefined;
		this.elapsedMs = performance.now() - t0;
		this.result = result;
		this.status = result && result.rows.length > 0 ? 'ready' : 'empty';
	}

	/** Cancel the run in flight (the status becomes `cancelled` when the engine stops). */
	async cancel(userAsked = true): Promise<void> {
		const q = this.#running;
		this.#running = undefined;
		if (!q) return;
		if (userAsked) this.status = 'cancelled';
		await q.cancel();
	}
}
