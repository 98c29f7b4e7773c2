/**
 * Pure builder: county choropleth of straight-line miles to the nearest centre,
 * with the centres drawn on top. Returns Plot options; PlotFigure.svelte mounts them.
 */
import * as Plot from '@observablehq/plot';
import type { Atlas } from '$lib/geo/atlas';
import type { Row as DistanceRow } from '$lib/queries/county-distance';
import type { Row as CentreRow } from '$lib/queries/centres';

/** Miles; 60 and 120 mark about one and two hours at highway speed. */
export const DISTANCE_BREAKS_MILES = [15, 30, 60, 120, 240];
export const DISTANCE_COLORS = ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'];
export const NO_DATA_COLOR = '#d9d9d9';

export const EVIDENCE_SYMBOLS: Record<string, string> = { strong: 'circle', moderate: 'triangle', weak: 'square' };

export interface CountyMapInput {
	atlas: Atlas;
	rows: DistanceRow[];
	centres: CentreRow[];
	width: number;
	/** screen-reader summary; also used as the figure's aria-label */
	ariaLabel?: string;
}

export function countyMapOptions({ atlas, rows, centres, width, ariaLabel }: CountyMapInput): Plot.PlotOptions {
	const byFips = new Map(rows.map((r) => [r.county_fips, r]));
	const fmt = (v: number | null | undefined) => (v == null ? 'no data' : `${Math.round(v).toLocaleString('en-US')} mi`);
	return {
		width,
		height: Math.round(width * 0.62),
		projection: { type: 'albers-usa' },
		ariaLabel: ariaLabel ?? 'Map of US counties coloured by straight-line distance to the nearest CAR-T centre',
		color: {
			type: 'threshold',
			domain: DISTANCE_BREAKS_MILES,
			range: DISTANCE_COLORS,
			legend: true,
			label: 'Straight-line miles to the nearest CAR-T centre',
			tickFormat: (d: number) => `${d}`,
			unknown: NO_DATA_COLOR
		},
		symbol: { domain: ['strong', 'moderate', 'weak'], range: ['circle', 'triangle', 'square'], legend: false },
		marks: [
			Plot.geo(
				atlas.counties,
				Plot.centroid({
					fill: (d: { id: string }) => byFips.get(d.id)?.miles ?? null,
					stroke: 'white',
					strokeWidth: 0.15,
					title: (d: { id: string; properties: { name: string } }) => {
						const r = byFips.get(d.id);
						if (!r) return `${d.properties.name}: no data`;
						return `${r.county_name}, ${r.state}\n${fmt(r.miles)} to nearest centre (${r.nearest_centre_id ?? 'none'})\nPopulation 2020: ${r.pop_2020.toLocaleString('en-US')}`;
					},
					tip: true
				})
			),
			Plot.geo(atlas.stateMesh, { stroke: 'white', strokeWidth: 0.8 }),
			Plot.dot(centres, {
				x: 'lon',
				y: 'lat',
				symbol: 'evidence_strength',
				r: 3,
				fill: '#d7301f',
				stroke: 'white',
				strokeWidth: 0.8,
				title: (c: CentreRow) => `${c.name} (${c.city}, ${c.state}); evidence: ${c.evidence_strength}`
			})
		]
	};
}
