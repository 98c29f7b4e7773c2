/**
 * Is a point plausibly in the atlas's universe (50 states + DC + Puerto Rico)?
 *
 * A coarse test by design: one latitude/longitude box per area, not a polygon. It
 * rejects clicks and hand-edited links that are clearly elsewhere (the ocean far
 * offshore, Europe, a swapped lat/lon) without shipping boundaries to the check.
 * Boxes include some water and slivers of Canada and Mexico: a point there is accepted.
 *
 * Box edges (degrees), rounded outwards from the extreme points of each area:
 * - Contiguous US + DC: Key West (24.5 N) to the Northwest Angle (49.4 N),
 *   Cape Alava (124.7 W) to West Quoddy Head (66.9 W).
 * - Alaska: Amatignak Island (51.2 N) to Point Barrow (71.4 N), from 180° to the
 *   panhandle (130.0 W); plus the western Aleutians past the antimeridian
 *   (Attu, 172.4 E) as a second box.
 * - Hawaii: the 8 main islands, Ka Lae (18.9 N) to Niʻihau/Kauaʻi (22.3 N), 160.6 W to 154.8 W.
 *   The uninhabited Northwestern Hawaiian Islands are outside.
 * - Puerto Rico: with Mona, Vieques and Culebra, 17.8 N to 18.6 N, 68.0 W to 65.2 W.
 * Every hospital and centre in the shipped tables lies inside these boxes (tested in
 * tests/queries/hospitals.test.ts).
 */
export type UsArea = 'contiguous' | 'alaska' | 'hawaii' | 'puerto-rico';

export interface Box {
	area: UsArea;
	south: number;
	north: number;
	west: number;
	east: number;
}

export const US_BOXES: readonly Box[] = [
	{ area: 'contiguous', south: 24.3, north: 49.5, west: -125.0, east: -66.8 },
	{ area: 'alaska', south: 51.1, north: 71.6, west: -180.0, east: -129.9 },
	{ area: 'alaska', south: 51.1, north: 53.1, west: 172.3, east: 180.0 },
	{ area: 'hawaii', south: 18.8, north: 22.4, west: -160.6, east: -154.7 },
	{ area: 'puerto-rico', south: 17.8, north: 18.6, west: -68.0, east: -65.2 }
];

/** The area whose box holds the point, or null (also for non-finite input). */
export function usAreaOf(lat: number, lon: number): UsArea | null {
	if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
	for (const b of US_BOXES) {
		if (lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east) return b.area;
	}
	return null;
}

export function isInUsBounds(lat: number, lon: number): boolean {
	return usAreaOf(lat, lon) !== null;
}
