/**
 * Prepared figures kept per (population, travel array) and a key (the region, the grain and
 * group): the dashboard prepares the same baseline more than once (as the view's figures, then
 * as the what-if's comparison, then again when the scenario is reset), and a memo makes the
 * second and third free. Arrays are never mutated once made, so identity stands for content.
 * Entries go with their arrays (weak maps); at most `limit` keys per pair are kept.
 */
export function memoByArrays<T>(limit = 4): (population: object, travel: object, key: string, make: () => T) => T {
	const cache = new WeakMap<object, WeakMap<object, Map<string, T>>>();
	return (population, travel, key, make) => {
		let byTravel = cache.get(population);
		if (!byTravel) cache.set(population, (byTravel = new WeakMap()));
		let byKey = byTravel.get(travel);
		if (!byKey) byTravel.set(travel, (byKey = new Map()));
		const hit = byKey.get(key);
		if (hit !== undefined) {
			// most recently used last
			byKey.delete(key);
			byKey.set(key, hit);
			return hit;
		}
		const made = make();
		byKey.set(key, made);
		if (byKey.size > limit) byKey.delete(byKey.keys().next().value as string);
		return made;
	};
}
