/** Messages between the page and the data worker (data.worker.ts). */
import type { Population } from '$lib/metrics/equity';

/** the build-time data file's bytes (queries/dashboard-data), fetched by the page, which reads its other tables */
export type DataRequest = { bytes: ArrayBuffer };

export type DataResponse = { type: 'population'; population: Population } | { type: 'error'; message: string };
