/**
 * Seeded pseudo-random numbers for tests: deterministic, so a failing case can be replayed.
 * Both return a function giving numbers in [0, 1).
 */

/** mulberry32 (Tommy Ettinger's 32-bit generator). */
export function mulberry32(seed: number): () => number {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A linear congruential generator (the C library's constants, modulo 2³¹, in floating point). */
export function lcg(seed: number): () => number {
	return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}
