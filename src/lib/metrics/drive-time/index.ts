/** Road-network drive-time engine (pure TS: runs in a Web Worker and in Node). See README.md. */
export * from './graph';
export * from './params';
export * from './snap';
export * from './dijkstra';
export * from './travel-times';
export * from './calibrated';
