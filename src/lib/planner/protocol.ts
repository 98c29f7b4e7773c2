/** Messages between the planner page and the planner worker. */
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { CentrePoint } from '$lib/metrics/nearest';
import type { Places } from '$lib/metrics/travel-engine';
import type { PlanInput, PlanResult } from './plan';

export type PlannerRequest =
	/** graphUrl: fetch the road graph for the road method (null: calibrated shortlist only) */
	| { type: 'plan'; id: number; input: PlanInput; graphUrl: string | null }
	/** load the road graph and build its snap index and components ahead of a road run */
	| { type: 'warm'; id: number; graphUrl: string }
	/** minutes from each county to the nearest centre of each set (road, calibrated fallback) */
	| { type: 'county-travel'; id: number; counties: Places; centreSets: CentrePoint[][]; calibration: Calibration; graphUrl: string | null };

export type PlannerResponse =
	| { type: 'progress'; id: number; fraction: number; message: string }
	| { type: 'plan-result'; id: number; result: PlanResult }
	| { type: 'warm-done'; id: number }
	| { type: 'county-result'; id: number; minutes: Float64Array[]; road: boolean }
	| { type: 'error'; id: number; message: string };
