/**
 * Which shape is under a point, in the atlas's pre-projected (planar) coordinates: even-odd
 * ray casting over each polygon's rings (holes included). d3's geoContains is spherical and
 * does not apply to pre-projected shapes.
 */
import type { Feature, Geometry, Position } from 'geojson';

function inRing(ring: Position[], x: number, y: number): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function inPolygon(rings: Position[][], x: number, y: number): boolean {
	let n = 0;
	for (const r of rings) if (inRing(r, x, y)) n++;
	return n % 2 === 1;
}

export function containsPoint(g: Geometry | null | undefined, x: number, y: number): boolean {
	if (!g) return false;
	if (g.type === 'Polygon') return inPolygon(g.coordinates, x, y);
	if (g.type === 'MultiPolygon') return g.coordinates.some((p) => inPolygon(p, x, y));
	return false;
}

/** Id of the first feature containing the point, or null. */
export function featureAtPoint(features: readonly Feature<Geometry>[], point: [number, number] | null): string | null {
	if (!point) return null;
	const hit = features.find((f) => containsPoint(f.geometry, point[0], point[1]));
	return hit?.id != null ? String(hit.id) : null;
}
