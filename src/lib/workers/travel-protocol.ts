/** Messages between the page and the travel worker. */
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { TravelTimeParams } from '$lib/metrics/drive-time/params';
import type { Places, TravelResult } from '$lib/metrics/travel-engine';
import type { BaselineTravel } from '$lib/metrics/added-travel';

export type TravelRequest =
	| { type: 'init'; id: number; tracts: Places; counties: Places; calibration: Calibration }
	| { type: 'load-roads'; id: number; url: string; /** the build-time snap of the places (optional) */ snapUrl?: string | null }
	/** the baseline's travel place by place (the build-time file's): a fresh engine's first centre set that adds to it is merged from it (metrics/added-travel) */
	| { type: 'baseline'; id: number; baseline: BaselineTravel }
	| { type: 'compute'; id: number; engine: EngineKey; centres: CentrePoint[]; params: Partial<TravelTimeParams> }
	/** compute a centre set and keep the result in the engine only; with `probe`, also add it and remove it again (the incremental path then runs warm) */
	| { type: 'warm'; id: number; engine: EngineKey; centres: CentrePoint[]; probe: CentrePoint | null };

export type TravelResponse =
	| { type: 'ready'; id: number }
	| { type: 'roads-loaded'; id: number; ms: number; /** ms from the request: bytes fetched, graph decoded, snap index built */ steps: Record<string, number> }
	| { type: 'result'; id: number; result: TravelResult }
	| { type: 'warmed'; id: number; ms: number }
	| { type: 'error'; id: number; message: string };

/** Which centre set a computation is for: each keeps its own incremental state
 * ('sensitivity': the evidence-filter sets of the method range, in their own worker; Session.variantTravel). */
export type EngineKey = 'baseline' | 'scenario' | 'sensitivity';
