/**
 * A what-if's equity figures at one threshold, from the default list's figures (the build-time first
 * figures: state/first-figures) and the what-if tiles near its added sites (metrics/whatif-tiles): no
 * population groups built for the whole country, no road search over the whole network.
 *
 * - Travel: the tiles' tracts merged with the added centres, bounded at the threshold
 *   (metrics/added-travel, `within`): exact for "within the threshold or not".
 * - Beyond: a tract that moved from beyond the threshold to within it leaves the region's sum beyond, with
 *   its weights (its tile's population groups, built by the page's own code from whole counties).
 * - Margins of error: the region's squared margin corrected by the moved tracts, as a what-if's delta
 *   preparation does (metrics/equity `moeMoved`): own-count tracts' squared MOEs leave, and each county
 *   whose apportioned share beyond changed has its (share · county MOE)² term replaced.
 * - Medians and 90th percentiles are not known from this (null): the what-if chart does not draw them.
 * Equal to the engine's figures up to rounding in the last bits (the same terms summed in another order);
 * a test compares them on real data.
 */
import { buildPopulation, GROUPS, isKnown, regionMask, resultFromTotals, type EquityResult, type EquityTotals, type Region } from './equity';
import { travelWithAdded } from './added-travel';
import { greatCircleKm } from './distance';
import type { Calibration } from './drive-time/calibrated';
import type { CentrePoint } from './nearest';
import { reachKm, type LocalNetwork, type TileIndex } from './whatif-tiles';

/** The tiles' tracts' road minutes with the added centres (exact for within `threshold` or not); null when the merge does not apply. */
export function localTravel({
	index,
	network,
	added,
	calibration,
	threshold
}: {
	index: TileIndex;
	network: LocalNetwork;
	added: readonly CentrePoint[];
	calibration: Calibration;
	threshold: number;
}): Float64Array | null {
	// nothing an added centre could bring within the threshold (a dense place, where every tract near the
	// sites is within already): no change, and the cells' road network is not even put together
	if (!mayMove(network, added, threshold)) return network.baseline.roadMinutes;
	const empty = { lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] };
	const none = { roadMinutes: new Float64Array(0), roadNearest: new Int32Array(0), roadSecondMinutes: new Float64Array(0), roadSecond: new Int32Array(0), roadFallback: new Uint8Array(0) };
	const r = travelWithAdded({
		graph: network.graph,
		baseline: { centres: index.centres, tracts: network.baseline, counties: none },
		added,
		tracts: network.tracts,
		counties: empty,
		calibration,
		lazyTracts: true,
		within: threshold,
		components: network.components
	});
	return r ? r.tracts.roadMinutes : null;
}

/**
 * Whether a tract of the cells may be brought within the threshold: beyond it now, and either without a road
 * link (its calibrated minutes are recomputed over the new list) or within the merge's reach of a site (the
 * candidates `travelWithAdded` looks at with `within` are among these).
 */
function mayMove(network: LocalNetwork, added: readonly CentrePoint[], threshold: number): boolean {
	const reach = reachKm(threshold);
	const { lat, lon } = network.tracts;
	const { roadMinutes, roadFallback } = network.baseline;
	for (let i = 0; i < roadMinutes.length; i++) {
		if (!(roadMinutes[i] > threshold)) continue;
		if (roadFallback[i]) return true;
		for (const x of added) if (greatCircleKm(lat[i], lon[i], x.lat, x.lon) <= reach) return true;
	}
	return false;
}

/**
 * The region's totals at `threshold` with the tracts' travel `after` (in `network.tracts` order), from its
 * totals with the default list (`before`, at the same threshold); null when a tract's travel became known or
 * unknown (the known totals would change: not handled here).
 */
export function totalsAfter({
	before,
	network,
	after,
	region,
	threshold
}: {
	before: EquityTotals;
	network: LocalNetwork;
	after: Float64Array;
	region: Region;
	threshold: number;
}): EquityTotals | null {
	const G = GROUPS.length;
	const beyond = Float64Array.from(before.beyond);
	const squares = Float64Array.from(before.beyondMoe, (m) => m * m);
	for (let k = 0; k < network.tiles.length; k++) {
		const tile = network.tiles[k];
		const offset = network.offsets[k];
		const was = tile.travel.roadMinutes;
		let moved: number[] | null = null;
		for (let i = 0; i < was.length; i++) {
			const a = was[i];
			const b = after[offset + i];
			if (isKnown(a) !== isKnown(b)) return null;
			if (isKnown(a) && a > threshold !== b > threshold) (moved ??= []).push(i);
		}
		if (!moved) continue;
		// (the tile's population groups: only for a tile with a tract that moved)
		const pop = buildPopulation({ source: tile.data!.tractSource!, keepMoe: true });
		const mask = regionMask(pop, region);
		/** per county: its apportioned share beyond before, and its change */
		const counties = new Map<number, { f0: number; df: number }>();
		for (const i of moved) {
			if (!mask[i]) continue;
			const sign = after[offset + i] > threshold ? 1 : -1;
			for (let g = 0; g < G; g++) beyond[g] += sign * pop.weightRows[i * G + g];
			if (pop.apportioned[i]) {
				const c = pop.county[i];
				let e = counties.get(c);
				if (!e) counties.set(c, (e = { f0: 0, df: 0 }));
				e.df += sign * pop.countyShare[i];
			} else {
				for (let g = 0; g < G; g++) {
					const m = pop.moe[g];
					if (m) squares[g] += sign * m[i] * m[i];
				}
			}
		}
		if (!counties.size) continue;
		// each touched county's apportioned share beyond the threshold before (its tracts are all in the tile)
		for (let i = 0; i < was.length; i++) {
			if (!mask[i] || !pop.apportioned[i] || !isKnown(was[i]) || !(was[i] > threshold)) continue;
			const e = counties.get(pop.county[i]);
			if (e) e.f0 += pop.countyShare[i];
		}
		for (const [c, { f0, df }] of counties) {
			for (let g = 0; g < G; g++) {
				const cm = pop.countyMoe[g];
				if (cm) squares[g] += ((f0 + df) * cm[c]) ** 2 - (f0 * cm[c]) ** 2;
			}
		}
	}
	return {
		known: before.known,
		unknown: before.unknown,
		beyond,
		beyondMoe: Float64Array.from(before.beyondMoe, (m, g) => (Number.isFinite(m) ? Math.sqrt(Math.max(0, squares[g])) : NaN)),
		knownMoe: before.knownMoe,
		median: before.median.map(() => null),
		p90: before.p90.map(() => null)
	};
}

/** {@link totalsAfter} as figures (see the module comment). */
export function resultAfter(args: Parameters<typeof totalsAfter>[0] & { pop2020WithoutCounts: number }): EquityResult | null {
	const totals = totalsAfter(args);
	return totals ? resultFromTotals({ groups: GROUPS, region: args.region, threshold: args.threshold, totals, pop2020WithoutCounts: args.pop2020WithoutCounts }) : null;
}
