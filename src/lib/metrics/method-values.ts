/**
 * Per-place values of a travel method from the engine's result (NaN = unknown). Shared by
 * the dashboard state and the build-time first view, so both show the same numbers.
 */
import type { PlaceTravel } from './travel-engine';
import { straightLineValues, type Method } from './travel-methods';

/** straight-line values per km array and method, made once (the same array each time, so figures prepared from it are reused) */
const straightMemo = new WeakMap<Float64Array, Map<Method, Float64Array>>();

/**
 * Road minutes when the road graph is in use; until then the calibrated estimate stands in. The same
 * travel gives the same array on every call.
 */
export function methodValues(p: PlaceTravel, method: Method, roadReady: boolean): Float64Array {
	if (method === 'road') return roadReady ? p.roadMinutes : p.calibratedMinutes;
	if (method === 'calibrated') return p.calibratedMinutes;
	let byMethod = straightMemo.get(p.straightKm);
	if (!byMethod) straightMemo.set(p.straightKm, (byMethod = new Map()));
	let v = byMethod.get(method);
	if (!v) byMethod.set(method, (v = straightLineValues({ method, km: p.straightKm })));
	return v;
}

/** Index of the nearest centre per place under a method (road nearest only when road minutes are used). */
export function methodNearest(p: PlaceTravel, method: Method, roadReady: boolean): Int32Array {
	return method === 'road' && roadReady ? p.roadNearest : p.straightNearest;
}
