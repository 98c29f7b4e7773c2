/**
 * Greedy maximal covering location: pick the candidate that covers the most weight not yet
 * covered, then the next given the first, and so on (Church & ReVelle 1974 define the
 * problem; the greedy is within 1 − 1/e of the optimum for coverage, Nemhauser, Wolsey &
 * Fisher 1978). The k-th pick accounts for the first k − 1: its gain is only what it adds.
 *
 * Lazy evaluation (Minoux 1978): a candidate's gain can only shrink as sites are picked, so a
 * max-heap of stale gains is an upper bound; the top is re-evaluated, and picked when its
 * fresh gain still beats the next bound. The result equals the plain greedy exactly,
 * including ties (highest gain, then lowest candidate index).
 */
import { coverageOf, type Coverage } from './coverage';

export interface Pick {
	/** candidate index */
	candidate: number;
	/** objective weight newly covered by this pick, given the earlier picks */
	gain: number;
	/** places newly covered by this pick */
	places: Int32Array;
}

export interface GreedyInput {
	coverage: Coverage;
	/** objective weight per place (index as in the coverage sets) */
	weight: ArrayLike<number>;
	k: number;
	/** candidates allowed (absent = all) */
	allowed?: ArrayLike<number>;
	/** checked between picks; return true to stop early */
	shouldStop?: () => boolean;
	onPick?: (pick: Pick, index: number) => void;
}

/** Max-heap of (gain, candidate): higher gain first, then lower candidate index. */
class Heap {
	gain: number[] = [];
	cand: number[] = [];
	get size() {
		return this.gain.length;
	}
	#before(i: number, j: number) {
		return this.gain[i] > this.gain[j] || (this.gain[i] === this.gain[j] && this.cand[i] < this.cand[j]);
	}
	#swap(i: number, j: number) {
		[this.gain[i], this.gain[j]] = [this.gain[j], this.gain[i]];
		[this.cand[i], this.cand[j]] = [this.cand[j], this.cand[i]];
	}
	push(g: number, c: number) {
		this.gain.push(g);
		this.cand.push(c);
		let i = this.gain.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!this.#before(i, p)) break;
			this.#swap(i, p);
			i = p;
		}
	}
	pop(): [number, number] {
		const top: [number, number] = [this.gain[0], this.cand[0]];
		const g = this.gain.pop()!;
		const c = this.cand.pop()!;
		if (this.gain.length) {
			this.gain[0] = g;
			this.cand[0] = c;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < this.gain.length && this.#before(l, m)) m = l;
				if (r < this.gain.length && this.#before(r, m)) m = r;
				if (m === i) break;
				this.#swap(i, m);
				i = m;
			}
		}
		return top;
	}
}

function gainOf(cov: Coverage, c: number, weight: ArrayLike<number>, covered: Uint8Array): number {
	let g = 0;
	for (const i of coverageOf(cov, c)) if (!covered[i]) g += weight[i];
	return g;
}

/** Lazy greedy; stops early when no candidate adds anything (fewer than k picks then). */
export function greedy({ coverage, weight, k, allowed, shouldStop, onPick }: GreedyInput): Pick[] {
	const nCand = coverage.start.length - 1;
	let maxPlace = -1;
	for (const i of coverage.items) if (i > maxPlace) maxPlace = i;
	const covered = new Uint8Array(Math.max(maxPlace + 1, weight.length));
	const heap = new Heap();
	for (let c = 0; c < nCand; c++) {
		if (allowed && !allowed[c]) continue;
		const g = gainOf(coverage, c, weight, covered);
		if (g > 0) heap.push(g, c);
	}
	const picks: Pick[] = [];
	while (picks.length < k && heap.size > 0) {
		if (shouldStop?.()) break;
		const [, c] = heap.pop();
		const fresh = gainOf(coverage, c, weight, covered);
		if (fresh <= 0) continue;
		if (heap.size > 0) {
			const g2 = heap.gain[0];
			const c2 = heap.cand[0];
			if (fresh < g2 || (fresh === g2 && c > c2)) {
				heap.push(fresh, c);
				continue;
			}
		}
		const places = Int32Array.from(Array.from(coverageOf(coverage, c)).filter((i) => !covered[i]));
		for (const i of places) covered[i] = 1;
		const pick = { candidate: c, gain: fresh, places };
		picks.push(pick);
		onPick?.(pick, picks.length - 1);
	}
	return picks;
}

/** Plain (non-lazy) greedy: re-evaluates every candidate each round. The reference for tests. */
export function plainGreedy({ coverage, weight, k }: { coverage: Coverage; weight: ArrayLike<number>; k: number }): Pick[] {
	const nCand = coverage.start.length - 1;
	const covered = new Uint8Array(weight.length);
	const picks: Pick[] = [];
	const taken = new Set<number>();
	while (picks.length < k) {
		let best = -1;
		let bestGain = 0;
		for (let c = 0; c < nCand; c++) {
			if (taken.has(c)) continue;
			const g = gainOf(coverage, c, weight, covered);
			if (g > bestGain) {
				bestGain = g;
				best = c;
			}
		}
		if (best < 0) break;
		const places = Int32Array.from(Array.from(coverageOf(coverage, best)).filter((i) => !covered[i]));
		for (const i of places) covered[i] = 1;
		taken.add(best);
		picks.push({ candidate: best, gain: bestGain, places });
	}
	return picks;
}

/**
 * Exact optimum by trying every set of k candidates (feasible only for small instances:
 * C(n, k) sets). Ties: the lexicographically first set. Throws above `maxSets`.
 */
export function bruteForce({
	coverage,
	weight,
	k,
	maxSets = 2_000_000
}: {
	coverage: Coverage;
	weight: ArrayLike<number>;
	k: number;
	maxSets?: number;
}): { candidates: number[]; total: number } {
	const n = coverage.start.length - 1;
	const kk = Math.min(k, n);
	let sets = 1;
	for (let i = 0; i < kk; i++) sets = (sets * (n - i)) / (i + 1);
	if (sets > maxSets) throw new RangeError(`brute force over C(${n}, ${kk}) = ${Math.round(sets)} sets is too many; use fewer candidates`);
	const covered = new Int32Array(weight.length);
	let best: number[] = [];
	let bestTotal = -1;
	const chosen: number[] = [];
	const rec = (from: number, total: number) => {
		if (chosen.length === kk) {
			if (total > bestTotal) {
				bestTotal = total;
				best = [...chosen];
			}
			return;
		}
		for (let c = from; c <= n - (kk - chosen.length); c++) {
			let add = 0;
			const items = coverageOf(coverage, c);
			for (const i of items) if (covered[i]++ === 0) add += weight[i];
			chosen.push(c);
			rec(c + 1, total + add);
			chosen.pop();
			for (const i of items) covered[i]--;
		}
	};
	rec(0, 0);
	return { candidates: best, total: Math.max(0, bestTotal) };
}
