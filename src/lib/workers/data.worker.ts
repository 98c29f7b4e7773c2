/// <reference lib="webworker" />
/**
 * The data worker: builds the population groups from the build-time data file's tracts off the
 * page's thread (~0.25 s of a cold page's main thread otherwise, spent while the page reads the
 * file's other tables and the build-time travel). One request, one reply, then the page
 * terminates it. Protocol in data-protocol.ts.
 */
import { fromFile } from '$lib/queries/dashboard-data';
import { buildPopulation } from '$lib/metrics/equity';
import { transferables } from './transfer';
import { populationMessage, type DataRequest, type DataResponse } from './data-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: DataResponse) => scope.postMessage(msg, transferables(msg));

scope.onmessage = (e: MessageEvent<DataRequest>) => {
	try {
		const source = fromFile(e.data.bytes).tractSource;
		if (!source) throw new Error('The dashboard data file has no tract columns.');
		post({ type: 'population', population: populationMessage(buildPopulation({ source })) });
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
