/**
 * Source lines and dataset descriptions, generated from the data manifest
 * (data/manifest.json) so every figure names its dataset, vintage and licence.
 */
import manifest from '$data/manifest.json';

export interface ManifestSource {
	name: string;
	publisher: string;
	vintage: string;
	licence: string;
	path: string;
}
export interface ManifestFile {
	file: string;
	table: string;
	description: string;
	sources: ManifestSource[];
	rows: number;
	columns: string[];
	bytes: number;
	sha256: string;
}
export interface Manifest {
	generated_by: string;
	outputs: ManifestFile[];
}

export const MANIFEST = manifest as unknown as Manifest;

export function fileFor(table: string): ManifestFile | undefined {
	return MANIFEST.outputs.find((f) => f.table === table);
}

/**
 * "Name (vintage)" for each distinct source of the given tables; `only` keeps the
 * sources whose raw path contains one of the given fragments (the inputs a chart's
 * numbers actually rest on).
 */
export function sourceLine(tables: string[], only?: string[]): string {
	const seen = new Map<string, ManifestSource>();
	for (const t of tables)
		for (const s of fileFor(t)?.sources ?? [])
			if (!only || only.some((o) => s.path.includes(o))) seen.set(`${s.publisher}|${s.name}|${s.vintage}`, s);
	return [...seen.values()].map((s) => `${s.name} (${s.vintage})`).join('; ');
}

/**
 * The source line of a travel figure: the tables and raw inputs it rests on, for the chosen
 * method (road-based methods add the road graph).
 */
export function travelSource(
	method: 'road' | 'calibrated' | 'straight_30mph' | 'straight_miles',
	userSet: string | null = null
): { tables: string[]; only: string[]; centres?: string } {
	const own = userSet != null;
	return {
		tables: ['counties', 'tracts', ...(own ? [] : ['centres']), ...(method === 'road' || method === 'calibrated' ? ['road_graph'] : [])],
		only: ['CenPop2020', ...(own ? [] : ['car_t_centres.csv']), 'SVI_2022', 'travelmapping'],
		...(own ? { centres: `centres from your own list "${userSet}"` } : {})
	};
}
