/**
 * The map projection, owned here (not inside Plot) so the page can invert a click to
 * longitude/latitude for "add a centre here". Albers USA (Alaska and Hawaii inset),
 * fitted to the nation or to one state.
 */
import { geoAlbersUsa, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export function mapProjection({
	width,
	height,
	focus,
	pad = 8
}: {
	width: number;
	height: number;
	focus: Feature<Geometry> | FeatureCollection<Geometry>;
	pad?: number;
}): GeoProjection {
	return geoAlbersUsa().fitExtent(
		[
			[pad, pad],
			[Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad)]
		],
		focus
	) as unknown as GeoProjection;
}

/** Screen point → [lon, lat], or null outside the projected area. */
export function invertPoint(projection: GeoProjection, x: number, y: number): [number, number] | null {
	const p = projection.invert?.([x, y]);
	if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
	// Albers USA inverts any point with its lower-48 part; accept only points that project back.
	const back = projection(p);
	return back && Math.hypot(back[0] - x, back[1] - y) < 1 ? [p[0], p[1]] : null;
}
