/**
 * Page-side handle on the data worker (data.worker.ts): started at once, it is handed a copy of
 * the data file's bytes when they have arrived (the page reads the file's other tables itself)
 * and gives the population groups back. The worker ends once they have arrived (or on
 * `terminate`).
 */
import DataWorker from './data.worker?worker';
import { deferred } from '$lib/state/deferred';
import type { DataRequest, DataResponse, PopulationMessage } from './data-protocol';

export interface DataWork {
	/** the groups' columns (the page completes them: `data-protocol.populationFrom`) */
	population: Promise<PopulationMessage>;
	terminate(): void;
}

/** `bytes`: the data file; null (or a failed download) fails the work. */
export function startDataWorker(bytes: Promise<ArrayBuffer | null>): DataWork {
	const worker = new DataWorker();
	const population = deferred<PopulationMessage>();
	const end = (e: Error | null, p?: PopulationMessage) => {
		worker.terminate();
		if (e) population.reject(e);
		else population.resolve(p!);
	};
	worker.onmessage = (e: MessageEvent<DataResponse>) => {
		const m = e.data;
		if (m.type === 'error') return end(new Error(m.message));
		end(null, m.population);
	};
	worker.onerror = (e) => end(new Error(`The data worker failed: ${e.message}`));
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
