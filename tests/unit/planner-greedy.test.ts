import { describe, expect, it } from 'vitest';
import { coverageFromSets } from '$lib/planner/coverage';
import { bruteForce, greedy, plainGreedy } from '$lib/planner/greedy';
import { mulberry32 as rng } from './seeded';


describe('greedy maximal covering, hand-worked', () => {
	// places 0..5 with weights 5 4 3 3 2 1; A={0,1}, B={1,2,3}, C={3,4}, D={0,5}
	const cov = coverageFromSets([[0, 1], [1, 2, 3], [3, 4], [0, 5]]);
	const w = [5, 4, 3, 3, 2, 1];
	it.each([
		// k, picks (A=0 B=1 C=2 D=3), gains: B alone 10; then D adds 5+1; then C adds 2 (3 is taken)
		[1, [1], [10]],
		[2, [1, 3], [10, 6]],
		[3, [1, 3, 2], [10, 6, 2]],
		// nothing left to add after 4 picks' worth: A adds 0 and is not picked
		[4, [1, 3, 2], [10, 6, 2]]
	])('k = %i picks %j with gains %j', (k, picks, gains) => {
		const r = greedy({ coverage: cov, weight: w, k });
		expect(r.map((p) => p.candidate)).toEqual(picks);
		expect(r.map((p) => p.gain)).toEqual(gains);
	});
	it('the k-th pick accounts for the first k − 1: D adds only 0 (weight 5) and 5 (weight 1) after B', () => {
		const [, d] = greedy({ coverage: cov, weight: w, k: 2 });
		expect(Array.from(d.places).sort()).toEqual([0, 5]);
	});
	it('equals the brute-force optimum here (B + D = 16)', () => {
		expect(bruteForce({ coverage: cov, weight: w, k: 2 })).toEqual({ candidates: [1, 3], total: 16 });
	});
	it('is not always optimal: A={0,1,2,3}, B={0,2,4}, C={1,3,5}, unit weights: greedy 5, optimum 6 (B + C)', () => {
		const c2 = coverageFromSets([[0, 1, 2, 3], [0, 2, 4], [1, 3, 5]]);
		const w2 = [1, 1, 1, 1, 1, 1];
		const g = greedy({ coverage: c2, weight: w2, k: 2 });
		expect(g.map((p) => p.candidate)).toEqual([0, 1]);
		expect(g.reduce((s, p) => s + p.gain, 0)).toBe(5);
		expect(bruteForce({ coverage: c2, weight: w2, k: 2 })).toEqual({ candidates: [1, 2], total: 6 });
	});
	it('ties go to the lower candidate index; zero weights and empty sets are never picked', () => {
		const c3 = coverageFromSets([[], [0], [1], [2]]);
		expect(greedy({ coverage: c3, weight: [0, 2, 2], k: 3 }).map((p) => p.candidate)).toEqual([2, 3]);
	});
	it('k = 0 candidates and an empty instance give no picks', () => {
		expect(greedy({ coverage: coverageFromSets([]), weight: [], k: 3 })).toEqual([]);
	});
});

describe('greedy against brute force on random instances', () => {
	for (let seed = 1; seed <= 40; seed++) {
		it(`seed ${seed}`, () => {
			const r = rng(seed);
			const nPlaces = 6 + Math.floor(r() * 20);
			const nCand = 3 + Math.floor(r() * 9);
			const w = Array.from({ length: nPlaces }, () => Math.floor(r() * 10));
			const sets = Array.from({ length: nCand }, () => Array.from({ length: nPlaces }, (_, i) => i).filter(() => r() < 0.25));
			const cov = coverageFromSets(sets);
			for (const k of [1, 2, 3]) {
				const lazy = greedy({ coverage: cov, weight: w, k });
				const plain = plainGreedy({ coverage: cov, weight: w, k });
				// lazy evaluation gives exactly the plain greedy, picks and gains
				expect(lazy.map((p) => [p.candidate, p.gain])).toEqual(plain.map((p) => [p.candidate, p.gain]));
				const total = lazy.reduce((s, p) => s + p.gain, 0);
				const opt = bruteForce({ coverage: cov, weight: w, k }).total;
				if (k === 1) expect(total).toBe(opt); // one site: the greedy is exact
				expect(total).toBeLessThanOrEqual(opt);
				expect(total).toBeGreaterThanOrEqual((1 - 1 / Math.E) * opt - 1e-9); // Nemhauser et al. 1978
			}
		});
	}
});
