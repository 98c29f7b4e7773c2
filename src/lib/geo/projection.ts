/**
 * Map projection. The shapes are us-atlas's pre-projected Albers USA file (Alaska and Hawaii
 * inset, 975×610 px), so drawing needs no spherical projection of 3,144 county outlines
 * (measured: that was most of the first map's render time). The view is a plain
 * scale-and-translate fitted to the nation or one state; points given as longitude/latitude
 * (centres, tracts) go through the same Albers USA first. Both steps invert, so a click
 * gives back a longitude/latitude for "add a centre here".
 */
import { geoAlbersUsa, geoIdentity, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** The projection us-atlas used for its `*-albers-10m.json` files (see its README). */
export const ATLAS_ALBERS = geoAlbersUsa().scale(1300).translate([487.5, 305]);

/** Longitude/latitude → atlas Albers coordinates; null outside the 50 states + DC insets. */
export function toAtlasXY(lon: number, lat: number): [number, number] | null {
	const p = ATLAS_ALBERS([lon, lat]);
	return p ? [p[0], p[1]] : null;
}

/** Scale-and-translate of atlas coordinates onto a width × height frame, fitted to `focus`. */
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
	return geoIdentity().fitExtent(
		[
			[pad, pad],
			[Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad)]
		],
		focus
	) as unknown as GeoProjection;
}

/** Screen point → [lon, lat], or null outside the mapped area. */
export function invertPoint(projection: GeoProjection, x: number, y: number): [number, number] | null {
	const a = projection.invert?.([x, y]);
	if (!a) return null;
	const p = ATLAS_ALBERS.invert?.(a);
	if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
	// Albers USA inverts any point with its lower-48 part; accept only points that project back.
	const back = ATLAS_ALBERS(p);
	return back && Math.hypot(back[0] - a[0], back[1] - a[1]) < 0.5 ? [p[0], p[1]] : null;
}
