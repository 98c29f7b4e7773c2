/**
 * Page-side handle on the data worker (data.worker.ts): started at once, it is handed a copy of
 * the data file's bytes when they have arrived (the page reads the file's other tables itself)
 * and gives the population groups back; or, started by the embed page's inline script, it fetched
 * the file itself and sends the page a copy first (`adoptDataWorker`). The worker ends once they have arrived (or on
 * `terminate`).
 */
import DataWorker from './data.worker?worker';
import { deferred } from '$lib/state/deferred';
import type { DataRequest, DataResponse, PopulationMessage } from './data-protocol';
import type { EarlyData } from '$lib/embed/early-travel';

export interface DataWork {
	/** the groups' columns (the page completes them: `data-protocol.populationFrom`) */
	population: Promise<PopulationMessage>;
	terminate(): void;
}

/** The worker's replies handled: the population ends the work; `onBytes` gets a fetched file's bytes. */
function listen(worker: Worker, onBytes: (b: ArrayBuffer | null, message?: string) => void) {
	const population = deferred<PopulationMessage>();
	const end = (e: Error | null, p?: PopulationMessage) => {
		worker.terminate();
		onBytes(null, e?.message); // (no-op once the bytes came)
		if (e) population.reject(e);
		else population.resolve(p!);
	};
	const receive = (m: DataResponse) => {
		if (m.type === 'bytes') return onBytes(m.bytes, m.message);
		if (m.type === 'error') return end(new Error(m.message));
		end(null, m.population);
	};
	worker.onmessage = (e: MessageEvent<DataResponse>) => receive(e.data);
	worker.onerror = (e) => end(new Error(`The data worker failed: ${e.message}`));
	return { population, end, receive };
}

/** `bytes`: the data file; null (or a failed download) fails the work. */
export function startDataWorker(bytes: Promise<ArrayBuffer | null>): DataWork {
	const worker = new DataWorker();
	const { population, end } = listen(worker, () => {});
	bytes.then(
		(b) => {
			if (!b) return end(new Error('The dashboard data file did not load.'));
			const msg: DataRequest = { bytes: b.slice(0) };
			worker.postMessage(msg, [msg.bytes]);
		},
		(e) => end(e instanceof Error ? e : new Error(String(e)))
	);
	return { population: population.promise, terminate: () => worker.terminate() };
}

/**
 * Take over a data worker the embed page's inline script started (embed/early-travel), which fetches the
 * data file itself: its bytes for the page's own tables (null: it could not fetch them) and its work.
 */
export function adoptDataWorker(early: EarlyData): { bytes: Promise<ArrayBuffer | null>; work: DataWork } {
	const bytes = deferred<ArrayBuffer | null>();
	let settled = false;
	const { population, end, receive } = listen(early.worker, (b, message) => {
		if (settled) return;
		settled = true;
		if (!b && message) console.warn(`The data worker could not fetch the data file (${message}).`);
		bytes.resolve(b);
	});
	for (const m of early.replies) receive(m);
	early.replies.length = 0;
	if (early.error) end(new Error(`The data worker failed: ${early.error}`));
	return { bytes: bytes.promise, work: { population: population.promise, terminate: () => early.worker.terminate() } };
}
