/**
 * Run the roads step alone and print a report (graph sizes, timings, fit errors, national shares):
 *   npx tsx data/pipeline/roads/cli.ts --out data [--raw ../shared/data/raw] [--no-report]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beyondThreshold } from '../../../src/lib/metrics/shares';
import {
	addSource,
	censusRegionOfState,
	centreSources,
	createState,
	decodeGraph,
	multiSourceDijkstra,
	nearestCalibrated,
	resolveParams,
	travelTimes,
	type Calibration
} from '../../../src/lib/metrics/drive-time/index';
import { parseArgs } from '../lib/args';
import { buildRoadsDetailed, CALIBRATION_FILE, GRAPH_FILE } from './index';
import { readCentres, readCountyOrigins } from './inputs';

const argv = process.argv.slice(2);
const noReport = argv.includes('--no-report');
const { rawDir, outDir } = parseArgs(argv.filter((a) => a !== '--no-report'));

const res = await buildRoadsDetailed({ rawDir, outDir, log: (s) => console.log(s) });
const bytes = fs.readFileSync(path.join(outDir, GRAPH_FILE));
const gz = zlib.gzipSync(bytes, { level: 9 }).byteLength;
const s = res.stats;
console.log('\n== road graph');
console.log(`raw TM graph: ${s.raw.vertices} vertices (${s.raw.accessible} accessible), ${s.raw.edges} edges, ${s.raw.lengthKm.toFixed(0)} km`);
console.log(`connectors: ${s.connectors.added} added for ${s.connectors.candidates} unjoined freeway exits`);
console.log(`contracted: ${s.contracted.vertices} vertices (${s.contracted.accessible} accessible), ${s.contracted.edges} edges`);
console.log(
	`components: ${s.components.count}; largest ${s.components.largest}; lower 48 + DC vertices in largest ${s.components.conusInLargest}/${s.components.conusVertices} (${((100 * s.components.conusInLargest) / s.components.conusVertices).toFixed(2)} %)`
);
console.log(`${GRAPH_FILE}: ${bytes.byteLength} bytes raw, ${gz} bytes gzip -9; sha256 ${res.outputs[0].sha256}`);
console.log(`pipeline wall time: ${(res.wallMs / 1000).toFixed(1)} s`);

if (!noReport) {
	const graph = decodeGraph(new Uint8Array(bytes).buffer);
	const params = resolveParams();
	const centres = readCentres(rawDir);
	const counties = readCountyOrigins(rawDir);
	// timings
	const sources = centreSources(graph, centres, params);
	const times: number[] = [];
	for (let i = 0; i < 7; i++) {
		const t = performance.now();
		multiSourceDijkstra(graph, sources.flat(), params);
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const inc: number[] = [];
	for (let i = 0; i < centres.length; i += 17) {
		const st = createState(graph, params);
		addSource(st, sources.filter((_, j) => j !== i).flat());
		const t = performance.now();
		addSource(st, sources[i]);
		inc.push(performance.now() - t);
	}
	inc.sort((a, b) => a - b);
	console.log('\n== timings (Node, this machine)');
	console.log(`full 2-label multi-source Dijkstra, ${centres.length} centres: median ${times[3].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[6].toFixed(0)})`);
	console.log(`incremental add of one centre to ${centres.length - 1}: median ${inc[inc.length >> 1].toFixed(1)} ms (max ${inc[inc.length - 1].toFixed(1)}, n=${inc.length})`);

	const t1 = performance.now();
	const rows = travelTimes(graph, counties, centres, params);
	const tt = performance.now() - t1;
	const cal = JSON.parse(fs.readFileSync(path.join(outDir, CALIBRATION_FILE), 'utf8')) as Calibration;
	const calMin = counties.map((o) => nearestCalibrated(cal, o, centres, censusRegionOfState(o.stateFips))!.minutes);
	const noRoad = counties.filter((_, i) => rows[i].status === 'no_road');
	const pop = (xs: typeof counties): number => xs.reduce((a, o) => a + o.population, 0);
	console.log(`travelTimes for ${counties.length} counties × ${centres.length} centres: ${tt.toFixed(0)} ms`);
	console.log('\n== share of population (2020 county centres of population, 50 states + DC) beyond the threshold');
	const fmt = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(2)} %`);
	for (const th of [60, 120]) {
		const road = beyondThreshold(counties.map((o, i) => ({ weight: o.population, value: rows[i].minutes })), th);
		const roadFb = beyondThreshold(counties.map((o, i) => ({ weight: o.population, value: rows[i].minutes ?? calMin[i] })), th);
		const calib = beyondThreshold(counties.map((o, i) => ({ weight: o.population, value: calMin[i] })), th);
		console.log(
			`> ${th} min: road ${fmt(road.share)} (connected origins only) | road with calibrated fallback ${fmt(roadFb.share)} | calibrated ${fmt(calib.share)}`
		);
	}
	console.log(
		`no_road counties: ${noRoad.length} (population ${pop(noRoad)}): ${noRoad.map((o) => o.fips).slice(0, 40).join(' ')}${noRoad.length > 40 ? ' …' : ''}`
	);
	// disagreement between models
	let big = 0;
	for (let i = 0; i < counties.length; i++) {
		const r = rows[i].minutes;
		if (r !== null && Math.abs(calMin[i] - r) / r > 0.25) big++;
	}
	console.log(`counties where calibrated and road minutes differ by > 25 %: ${big}`);
}
