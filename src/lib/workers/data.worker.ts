/// <reference lib="webworker" />
/**
 * The data worker: builds the population groups from the build-time data file's tracts off the
 * page's thread (~0.25 s of a cold page's main thread otherwise, spent while the page reads the
 * file's other tables and the build-time travel). One request, one reply (a worker that fetched the
 * file sends its bytes first), then the page terminates it. Protocol in data-protocol.ts.
 */
import { fromFile } from '$lib/queries/dashboard-data';
import { buildPopulation } from '$lib/metrics/equity';
import { transferables } from './transfer';
import { download } from './prefetch';
import { populationMessage, type DataRequest, type DataResponse } from './data-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: DataResponse) => scope.postMessage(msg, transferables(msg));

scope.onmessage = async (e: MessageEvent<DataRequest>) => {
	let bytes: ArrayBuffer;
	if ('url' in e.data) {
		// (fetched here: the page's thread is busy starting; it gets a copy for its own tables)
		try {
			// (begun by the embed page's bootstrap before this script loaded, if it started this worker)
			bytes = await download(e.data.url);
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			post({ type: 'bytes', bytes: null, message });
			post({ type: 'error', message: `The dashboard data file did not load (${message}).` });
			return;
		}
		const copy = bytes.slice(0);
		scope.postMessage({ type: 'bytes', bytes: copy } satisfies DataResponse, [copy]);
	} else bytes = e.data.bytes;
	try {
		const source = fromFile(bytes).tractSource;
		if (!source) throw new Error('The dashboard data file has no tract columns.');
		post({ type: 'population', population: populationMessage(buildPopulation({ source })) });
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
