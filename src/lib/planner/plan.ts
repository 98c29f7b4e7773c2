/**
 * One planner run: coverage sets for every candidate under a method, then the lazy greedy.
 * Pure TS (runs in the planner worker and in Node for tests and the benchmark).
 *
 * Methods:
 * - straight_30mph, straight_miles: exact radius coverage;
 * - calibrated: exact coverage under the calibrated model, as the travel engine computes it;
 * - road: places beyond reach today come from road minutes; candidates are shortlisted with
 *   the calibrated model (the greedy's picks plus the best single sites, ROAD_SHORTLIST in
 *   all) and re-scored exactly on the road graph when one is given (`road.ts`); without a
 *   graph the calibrated ranking is returned and flagged `roadScored: false`.
 */
import { KM_PER_MILE } from '$lib/metrics/distance';
import { DEFAULT_SPEED_MPH, type Method } from '$lib/metrics/travel-methods';
import type { Calibration } from '$lib/metrics/drive-time/calibrated';
import type { RoadGraph } from '$lib/metrics/drive-time/graph';
import type { CentrePoint } from '$lib/metrics/nearest';
import { buildCoverage, coverageOf, type Coverage, type PlannerPlaces, type TravelModel } from './coverage';
import { greedy, type Pick as SitePick } from './greedy';
import { roadCoverage, type RoadRescoreInput } from './road';

/** Candidates re-scored on roads: enough to hold the greedy's 10 picks and their nearest rivals. */
export const ROAD_SHORTLIST = 30;
/** Most sites a run returns. */
export const MAX_K = 25;

export interface PlanInput {
	places: PlannerPlaces;
	/** today's value per place under the method (NaN = no centre) */
	current: ArrayLike<number>;
	/** today's straight-line km to the nearest centre */
	currentKm: ArrayLike<number>;
	/** 1 = place in the region with people; absent = all */
	include?: ArrayLike<number>;
	/** objective weight per place */
	weight: ArrayLike<number>;
	candidates: readonly { lat: number; lon: number }[];
	threshold: number;
	method: Method;
	calibration: Calibration;
	k: number;
	/** today's centres (road re-scoring) */
	centres?: readonly CentrePoint[];
}

export interface PlanResult {
	picks: SitePick[];
	/** candidates with any gain at all under the method (before the greedy) */
	candidatesWithGain: number;
	/** places beyond reach today that were considered */
	beyondCount: number;
	/** road method only: true when picks were re-scored on the road graph */
	roadScored: boolean | null;
	/** road method only: the shortlist (candidate indices) that was re-scored */
	shortlist: number[] | null;
	timings: Record<string, number>;
}

export function travelModel(method: Method, calibration: Calibration): TravelModel {
	if (method === 'straight_30mph') return { kind: 'straight', factor: 60 / (KM_PER_MILE * DEFAULT_SPEED_MPH) };
	if (method === 'straight_miles') return { kind: 'straight', factor: 1 / KM_PER_MILE };
	return { kind: 'calibrated', calibration };
}

export interface PlanHooks {
	onProgress?: (fraction: number, message: string) => void;
	/** road graph for the road method (absent: calibrated shortlist only) */
	road?: Pick<RoadRescoreInput, 'graph' | 'params'> | null;
}

export function plan(input: PlanInput, hooks: PlanHooks = {}): PlanResult {
	const timings: Record<string, number> = {};
	const k = Math.max(1, Math.min(MAX_K, Math.floor(input.k)));
	const progress = hooks.onProgress ?? (() => {});
	let t = performance.now();
	const road = input.method === 'road';
	progress(0, 'Finding the places each candidate would bring within reach');
	const coverage = buildCoverage({
		places: input.places,
		current: input.current,
		currentKm: input.currentKm,
		include: input.include,
		candidates: input.candidates,
		threshold: input.threshold,
		model: travelModel(input.method, input.calibration),
		closerThanCurrent: input.method === 'calibrated',
		onProgress: (f) => progress(f * (road ? 0.4 : 0.9), 'Finding the places each candidate would bring within reach')
	});
	timings.coverage = performance.now() - t;
	let candidatesWithGain = 0;
	for (let c = 0; c < input.candidates.length; c++) {
		const items = coverageOf(coverage, c);
		for (const i of items) {
			if (input.weight[i] > 0) {
				candidatesWithGain++;
				break;
			}
		}
	}
	t = performance.now();
	let picks = greedy({ coverage, weight: input.weight, k });
	timings.greedy = performance.now() - t;
	if (!road) {
		progress(1, 'Done');
		return { picks, candidatesWithGain, beyondCount: coverage.beyond.length, roadScored: null, shortlist: null, timings };
	}
	const shortlist = roadShortlist(coverage, input.weight, picks, ROAD_SHORTLIST);
	if (!hooks.road) {
		progress(1, 'Done');
		return { picks, candidatesWithGain, beyondCount: coverage.beyond.length, roadScored: false, shortlist, timings };
	}
	t = performance.now();
	progress(0.45, `Re-scoring ${shortlist.length} shortlisted sites on the road network`);
	const rc = roadCoverage({
		...hooks.road,
		centres: input.centres ?? [],
		places: input.places,
		beyond: coverage.beyond,
		candidates: shortlist.map((c) => input.candidates[c]),
		threshold: input.threshold,
		onProgress: (f) => progress(0.45 + 0.55 * f, `Re-scoring ${shortlist.length} shortlisted sites on the road network`)
	});
	timings.road = performance.now() - t;
	picks = greedy({ coverage: rc.coverage, weight: input.weight, k }).map((p) => ({ ...p, candidate: shortlist[p.candidate] }));
	progress(1, 'Done');
	return { picks, candidatesWithGain, beyondCount: coverage.beyond.length, roadScored: true, shortlist, timings };
}

/** The greedy's picks first, then the best single sites by their own gain, up to `size`. */
export function roadShortlist(coverage: Coverage, weight: ArrayLike<number>, picks: readonly SitePick[], size: number): number[] {
	const out = picks.map((p) => p.candidate);
	const seen = new Set(out);
	const n = coverage.start.length - 1;
	const single: { c: number; g: number }[] = [];
	for (let c = 0; c < n; c++) {
		if (seen.has(c)) continue;
		let g = 0;
		for (const i of coverageOf(coverage, c)) g += weight[i];
		if (g > 0) single.push({ c, g });
	}
	single.sort((a, b) => b.g - a.g || a.c - b.c);
	for (const s of single) {
		if (out.length >= size) break;
		out.push(s.c);
	}
	return out;
}
