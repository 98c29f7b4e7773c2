/**
 * County centroids in the atlas's Albers coordinates (planar, as d3's geoPath().centroid), for the
 * map's tooltip anchors. They depend on the shapes alone, so the build writes them once
 * (`static/data/county-centroids.json`) and the page projects each through the view's
 * scale-and-translate instead of tracing 3,222 outlines again for every projection.
 */
import { geoPath } from 'd3-geo';
import type { Atlas } from './atlas';

export interface CentroidFile {
	version: 1;
	/** the shapes file they were computed from */
	shapes: string;
	ids: string[];
	/** atlas coordinates, 0.01 px */
	x: number[];
	y: number[];
}

export const CENTROID_SHAPES = 'us-atlas-2023 counties-albers-10m';

export function countyCentroidFile(atlas: Atlas): CentroidFile {
	const path = geoPath();
	const out: CentroidFile = { version: 1, shapes: CENTROID_SHAPES, ids: [], x: [], y: [] };
	for (const f of atlas.counties.features) {
		const [x, y] = path.centroid(f);
		out.ids.push(String(f.id));
		out.x.push(Math.round(x * 100) / 100);
		out.y.push(Math.round(y * 100) / 100);
	}
	return out;
}

/** The file's centroids by county FIPS, or null when it is not one for these shapes. */
export function readCentroids(x: unknown, atlas: Atlas): Map<string, [number, number]> | null {
	const f = x as CentroidFile;
	if (!f || f.version !== 1 || f.shapes !== CENTROID_SHAPES || !Array.isArray(f.ids) || f.ids.length !== atlas.counties.features.length) return null;
	const m = new Map<string, [number, number]>();
	f.ids.forEach((id, i) => {
		if (Number.isFinite(f.x[i]) && Number.isFinite(f.y[i])) m.set(id, [f.x[i], f.y[i]]);
	});
	return m;
}
