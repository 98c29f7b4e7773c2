/**
 * Downloads of the shipped tables: what the page lists for each table (from the data
 * manifest), and the licence text written beside the files at build time
 * (`static/data/DATA-LICENCES.txt`, by `scripts/build-db.ts`). No `$lib` imports: the build
 * script runs it under plain tsx.
 */

export interface ManifestLike {
	outputs: {
		file: string;
		table: string;
		description: string;
		rows: number;
		sha256: string;
		bytes?: number;
		sources: { name: string; publisher: string; vintage: string; licence: string }[];
	}[];
}

/** Files the build copies from `data/` into `static/data/` for download. */
export const DOWNLOAD_FILES = { dictionary: 'README.md', roads: 'ROADS.md', licences: 'DATA-LICENCES.txt' } as const;

export interface TableDownload {
	table: string;
	parquet: string;
	rows: number;
	bytes: number | undefined;
	description: string;
	licences: string[];
	sha256: string;
}

/** One entry per Parquet table of the manifest, in manifest order. */
export function tableDownloads(manifest: ManifestLike): TableDownload[] {
	return manifest.outputs
		.filter((f) => f.file.endsWith('.parquet'))
		.map((f) => ({
			table: f.table,
			parquet: f.file,
			rows: f.rows,
			bytes: f.bytes,
			description: f.description,
			licences: [...new Set(f.sources.map((s) => s.licence))],
			sha256: f.sha256
		}));
}

/** Plain-text licence notice: the project's code licence, then every table's sources and their terms. */
export function licenceText(manifest: ManifestLike): string {
	const lines = [
		'CAR-T Access Atlas: data licences',
		'',
		'The derived tables (data/*.parquet) are built by the project pipeline from the public sources below.',
		"Each source keeps its own terms; reuse a table under the terms of every source it lists. The project's",
		'code is MIT-licensed. The centre list is partial: distances built on it are an upper bound on travel burden.',
		''
	];
	for (const f of manifest.outputs) {
		lines.push(`${f.file} (table ${f.table}, ${f.rows} rows, sha256 ${f.sha256})`);
		for (const s of f.sources) lines.push(`  - ${s.name}. ${s.publisher}. ${s.vintage}. Licence: ${s.licence}`);
		lines.push('');
	}
	return lines.join('\n');
}

export function formatBytes(n: number | undefined): string {
	if (n == null) return '';
	if (n < 1e3) return `${n} B`;
	if (n < 1e6) return `${(n / 1e3).toFixed(0)} kB`;
	return `${(n / 1e6).toFixed(1)} MB`;
}
