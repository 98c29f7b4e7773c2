/**
 * Prepared figures kept per (population, travel array) and a key (the region, the grain and
 * group): the dashboard prepares the same baseline more than once (as the view's figures, then
 * as the what-if's comparison, then again when the scenario is reset), and a memo makes the
 * second and third free. Arrays are never mutated once made, so identity stands for content.
 * Entries go with their arrays (weak maps); at most `limit` keys per pair are kept.
 *
 * `make` is handed the value last returned for the same population (whatever its travel and key),
 * for a preparation that can start from an earlier one (a what-if's figures from the baseline's).
 */
export function memoByArrays<T>(limit = 4): (population: object, travel: object, key: string, make: (last: T | undefined) => T) => T {
	const cache = new WeakMap<object, WeakMap<object, Map<string, T>>>();
	const lastOf = new WeakMap<object, T>();
	return (population, travel, key, make) => {
		let byTravel = cache.get(population);
		if (!byTravel) cache.set(population, (byTravel = new WeakMap()));
		let byKey = byTravel.get(travel);
		if (!byKey) byTravel.set(travel, (byKey = new Map()));
		let value = byKey.get(key);
		if (value !== undefined) byKey.delete(key); // (most recently used last)
		else value = make(lastOf.get(population));
		byKey.set(key, value);
		if (byKey.size > limit) byKey.delete(byKey.keys().next().value as string);
		lastOf.set(population, value);
		return value;
	};
}
