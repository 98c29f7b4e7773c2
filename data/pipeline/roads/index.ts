/**
 * Roads step: Travel Mapping highway data → data/road_graph.bin, and the calibrated straight-line model fitted
 * against it → data/drive_time_calibration.json. Documented in data/ROADS.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeGraph, encodeGraph } from '../../../src/lib/metrics/drive-time/graph';
import { DEFAULT_PARAMS, resolveParams } from '../../../src/lib/metrics/drive-time/params';
import type { OutputInfo, SourceRef } from '../lib/manifest';
import { S } from '../lib/sources';
import { collectPairs, fitCalibration } from './calibrate';
import { readCentres, readCountyOrigins } from './inputs';
import { buildTmGraph, TM_DIR, type BuildStats } from './tm';

export const GRAPH_FILE = 'road_graph.bin';
export const CALIBRATION_FILE = 'drive_time_calibration.json';
export const ROADS_LICENCE = 'ODbL 1.0, © OpenStreetMap contributors, Travel Mapping';

const TM_SOURCE: SourceRef = {
	name: 'Travel Mapping highway data (HighwayData, commit 3d7993c9cb603f57706bf3bcf705eb25895e8526), active US systems',
	publisher: 'Travel Mapping project (travelmapping.net); coordinates digitised against OpenStreetMap',
	vintage: '2026-08-22',
	licence: `${ROADS_LICENCE} (no licence stated by Travel Mapping; coordinates derive from OpenStreetMap, so treated as ODbL)`,
	path: `../shared/data/raw/${TM_DIR}`
};

export interface RoadsResult {
	outputs: OutputInfo[];
	stats: BuildStats;
	wallMs: number;
}

function sha256(buf: Uint8Array): string {
	return crypto.createHash('sha256').update(buf).digest('hex');
}

export async function buildRoadsDetailed(ctx: { rawDir: string; outDir: string; log?: (s: string) => void }): Promise<RoadsResult> {
	const t0 = performance.now();
	const log = ctx.log ?? (() => {});
	const { input, stats } = buildTmGraph(ctx.rawDir, log);
	const bytes = encodeGraph(input);
	fs.mkdirSync(ctx.outDir, { recursive: true });
	fs.writeFileSync(path.join(ctx.outDir, GRAPH_FILE), bytes);
	const graphInfo: OutputInfo = {
		file: GRAPH_FILE,
		table: 'road_graph',
		description:
			'Contracted US highway graph (Interstates, US and state highways) for in-browser drive times: vertex micro-degree coordinates and accessible flag, CSR adjacency, edge length (m) and road class. Binary, little-endian; format in data/ROADS.md.',
		sources: [TM_SOURCE],
		rows: input.edgeU.length,
		columns: [
			{ name: 'vertex_lat_e6', type: 'INTEGER' },
			{ name: 'vertex_lon_e6', type: 'INTEGER' },
			{ name: 'vertex_flags', type: 'UTINYINT' },
			{ name: 'edge_offsets', type: 'UINTEGER' },
			{ name: 'edge_v', type: 'UINTEGER' },
			{ name: 'edge_length_m', type: 'UINTEGER' },
			{ name: 'edge_class', type: 'UTINYINT' }
		],
		bytes: bytes.byteLength,
		sha256: sha256(bytes)
	};

	// calibration of the straight-line fallback against the road model (default parameters)
	const graph = decodeGraph(bytes);
	const counties = readCountyOrigins(ctx.rawDir);
	const centres = readCentres(ctx.rawDir);
	const params = resolveParams(DEFAULT_PARAMS);
	const pairs = collectPairs(graph, counties, centres, params);
	const cal = fitCalibration(pairs, params);
	const json = new TextEncoder().encode(JSON.stringify(cal, null, '\t') + '\n');
	fs.writeFileSync(path.join(ctx.outDir, CALIBRATION_FILE), json);
	log(
		`  calibration: ${pairs.length} county–centre pairs ≤ ${cal.maxPairKm} km; median APE ${cal.fitError.overall.medianApePct.toFixed(1)} %, p90 ${cal.fitError.overall.p90ApePct.toFixed(1)} %`
	);
	const calInfo: OutputInfo = {
		file: CALIBRATION_FILE,
		table: 'drive_time_calibration',
		description:
			'Calibrated straight-line drive-time model: circuity and speed per distance band × Census region (plus pooled US), fitted to the road model over county population centres × CAR-T centres ≤ 800 km, with fit errors.',
		sources: [TM_SOURCE, S.cenpopCounty, S.centres],
		rows: cal.bandsKm.length * 5,
		columns: [
			{ name: 'region', type: 'VARCHAR' },
			{ name: 'band', type: 'INTEGER' },
			{ name: 'circuity', type: 'DOUBLE' },
			{ name: 'speedKmh', type: 'DOUBLE' },
			{ name: 'n', type: 'INTEGER' }
		],
		bytes: json.byteLength,
		sha256: sha256(json)
	};
	const wallMs = performance.now() - t0;
	log(`  roads step: ${(wallMs / 1000).toFixed(1)} s`);
	return { outputs: [graphInfo, calInfo], stats, wallMs };
}

export async function buildRoads(ctx: { rawDir: string; outDir: string }): Promise<OutputInfo[]> {
	return (await buildRoadsDetailed({ ...ctx, log: (s) => console.log(s) })).outputs;
}
