/**
 * What-if tiles: everything a what-if link that adds centres to the default list needs near its sites,
 * cut into a grid of cells at build time, so a page can answer "who is newly within reach" from a few
 * small files instead of the whole road network (2.7 MB compressed), the data file (1.2 MB) and the
 * build-time travel (0.8 MB).
 *
 * Each cell's file holds
 * - the road vertices in the cell (global id, coordinates, flags, the whole network's road component and
 *   whether a centre of the default list reaches that component) and the edges whose lower end is there;
 * - the counties whose centroid is in the cell, whole: their rows and their tracts' rows in the format of
 *   the dashboard data file (queries/dashboard-data, read back by its own code), so a tract's population
 *   groups, and its county's margins of error, come out as the page's own computation gives them;
 * - those tracts' road travel to the default list (the build-time travel: metrics/travel-file).
 *
 * Why a few cells are enough for a threshold T (metrics/added-travel `within`): an added centre's offer to a
 * place is at least its great-circle distance at the model's fastest speed (with the merge's slack), so only
 * tracts within R = T · vmax / slack can be brought within T; the road search stops at T, so every vertex it
 * labels is within R of the site; a tract snaps to vertices within maxSnapKm of it. The page loads the cells
 * whose vertices may lie within R + maxSnapKm of a site, and those whose tracts may lie within R
 * ({@link cellsFor}). A test compares the result with the full merge over the whole network.
 */
import { decodeTables, encodeTables, type ColumnTable } from '$lib/db/columns-file';
import { fileTables, fromTables, type DashboardData } from '$lib/queries/dashboard-data';
import type * as populationGroups from '$lib/queries/population-groups';
import { buildGraph, type RoadClass, type RoadGraph } from './drive-time/graph';
import { resolveParams, type TravelTimeParams } from './drive-time/params';
import { centreSources, componentsOf, setComponents } from './drive-time/travel-times';
import { coordinateChecksum } from './drive-time/snap-file';
import { greatCircleKm } from './distance';
import { reachKm as addedReachKm } from './added-travel';
import type { CentrePoint } from './nearest';
import type { Places, PlaceTravel } from './travel-engine';

export const TILE_VERSION = 1;
/**
 * Cell size, degrees of latitude and longitude. A site in western South Dakota needs 4 cells of 4° at
 * 2 hours (115 KB gzip), where cells of 2° made 14 files (120 KB): a page loads at most 6 files at a time
 * from one server over HTTP/1.1. Dense places load more (Manhattan at 2 hours: 5 cells, 0.9 MB gzip).
 */
export const CELL_DEG = 4;
/** km added to every reach when choosing cells: rounding of coordinates and of the box test, not a model value */
const CELL_MARGIN_KM = 5;

export interface TileEntry {
	/** `<lat index>_<lon index>` of the cell (index = floor(degrees / cellDeg)) */
	key: string;
	/** the cell's tracts' bounding box [south, west, north, east] (their counties' centroids are in the cell; the tracts may spill over); null: none */
	tracts: [number, number, number, number] | null;
	vertices: number;
	bytes: number;
}

export interface TileIndex {
	version: typeof TILE_VERSION;
	cellDeg: number;
	/** the road network the tiles were cut from, and its classes */
	graph: { vertices: number; checksum: number; classes: RoadClass[] };
	/** the snap parameters the tracts' snapping assumes (the defaults) */
	snapCount: number;
	maxSnapKm: number;
	/** the centre list whose travel the tiles hold (the default list, in the engine's order) */
	centres: CentrePoint[];
	tiles: TileEntry[];
}

const cellOf = (deg: number, cellDeg: number) => Math.floor(deg / cellDeg);
const keyOf = (lat: number, lon: number, cellDeg: number) => `${cellOf(lat, cellDeg)}_${cellOf(lon, cellDeg)}`;
export const tileFile = (key: string) => `t${key}.bin`;

/** Build side: the tiles of the default list's travel (see the module comment). */
export function buildTiles({
	graph,
	data,
	travel,
	centres,
	cellDeg = CELL_DEG,
	params = {}
}: {
	graph: RoadGraph;
	data: Pick<DashboardData, 'tractRows' | 'countyRows'>;
	/** the default list's travel, tracts in `data.tractRows` order */
	travel: Pick<PlaceTravel, 'roadMinutes' | 'roadFallback'>;
	centres: readonly CentrePoint[];
	cellDeg?: number;
	params?: Partial<TravelTimeParams>;
}): { index: TileIndex; files: Map<string, Uint8Array> } {
	const p = resolveParams(params);
	const comp = componentsOf(graph);
	const reached = new Uint8Array(graph.vertexCount);
	for (const srcs of centreSources(graph, centres, p)) for (const s of srcs) reached[comp[s.vertex]] = 1;

	const cells = new Map<string, { vertices: number[]; edges: number[]; counties: number[] }>();
	const cell = (key: string) => {
		let c = cells.get(key);
		if (!c) cells.set(key, (c = { vertices: [], edges: [], counties: [] }));
		return c;
	};
	const vertexKey: string[] = new Array(graph.vertexCount);
	for (let v = 0; v < graph.vertexCount; v++) {
		vertexKey[v] = keyOf(graph.latE6[v] / 1e6, graph.lonE6[v] / 1e6, cellDeg);
		cell(vertexKey[v]).vertices.push(v);
	}
	for (let e = 0; e < graph.edgeCount; e++) cell(vertexKey[graph.edgeU[e]]).edges.push(e);
	const tractsOf = new Map<string, number[]>();
	data.tractRows.forEach((r, i) => {
		const list = tractsOf.get(r.county_fips);
		if (list) list.push(i);
		else tractsOf.set(r.county_fips, [i]);
	});
	data.countyRows.forEach((c, ci) => {
		const first = tractsOf.get(c.county_fips)?.[0];
		const lat = Number.isFinite(c.lat) ? c.lat : first !== undefined ? data.tractRows[first].lat : NaN;
		const lon = Number.isFinite(c.lon) ? c.lon : first !== undefined ? data.tractRows[first].lon : NaN;
		if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`county ${c.county_fips} has no coordinates and no tract with any`);
		cell(keyOf(lat, lon, cellDeg)).counties.push(ci);
	});

	const files = new Map<string, Uint8Array>();
	const tiles: TileEntry[] = [];
	for (const key of [...cells.keys()].sort()) {
		const c = cells.get(key)!;
		const countyRows = c.counties.map((ci) => data.countyRows[ci]);
		const tractIdx = countyRows.flatMap((r) => tractsOf.get(r.county_fips) ?? []);
		const tractRows: populationGroups.Row[] = tractIdx.map((i) => data.tractRows[i]);
		const tables = fileTables({ centres: [], stateRows: [], countyRows, tractRows });
		const bytes = encodeTables({
			...tables,
			travel: tractIdx.map((i) => ({ road_minutes: travel.roadMinutes[i], road_fallback: travel.roadFallback[i] })),
			vertices: c.vertices.map((v) => ({ id: v, lat_e6: graph.latE6[v], lon_e6: graph.lonE6[v], flags: graph.flags[v], comp: comp[v], reached: reached[comp[v]] === 1 })),
			edges: c.edges.map((e) => ({ u: graph.edgeU[e], v: graph.edgeV[e], length_m: graph.edgeLengthM[e], class: graph.edgeClass[e] }))
		});
		files.set(key, bytes);
		let box: TileEntry['tracts'] = null;
		for (const r of tractRows) {
			if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon)) continue;
			box = box ? [Math.min(box[0], r.lat), Math.min(box[1], r.lon), Math.max(box[2], r.lat), Math.max(box[3], r.lon)] : [r.lat, r.lon, r.lat, r.lon];
		}
		tiles.push({ key, tracts: box, vertices: c.vertices.length, bytes: bytes.byteLength });
	}
	return {
		index: {
			version: TILE_VERSION,
			cellDeg,
			graph: { vertices: graph.vertexCount, checksum: coordinateChecksum(graph.latE6, graph.lonE6, 1), classes: graph.classes },
			snapCount: p.snapCount,
			maxSnapKm: p.maxSnapKm,
			centres: centres.map((x) => ({ id: x.id, lat: x.lat, lon: x.lon })),
			tiles
		},
		files
	};
}

/** km from a point to a lat/lon box (0 inside): to the box's nearest point in latitude and longitude. */
function kmToBox(lat: number, lon: number, [s, w, n, e]: readonly number[]): number {
	return greatCircleKm(lat, lon, Math.min(n, Math.max(s, lat)), Math.min(e, Math.max(w, lon)));
}

/** How far from a site an added centre can bring a tract within `threshold` minutes (see the module comment). */
export function reachKm(threshold: number, params: Partial<TravelTimeParams> = {}): number {
	return addedReachKm(threshold, resolveParams(params));
}

/** km from a site within which the cells' tracts are needed at `threshold` minutes (with the cells' margin; their roads: `maxSnapKm` further) */
export const cellReachKm = (threshold: number) => reachKm(threshold) + CELL_MARGIN_KM;

/** The cells a what-if with these added sites needs for figures at `threshold` minutes (see the module comment). */
export function cellsFor(index: TileIndex, sites: readonly { lat: number; lon: number }[], threshold: number): TileEntry[] {
	const r = cellReachKm(threshold);
	const d = index.cellDeg;
	return index.tiles.filter((t) => {
		const [i, j] = t.key.split('_').map(Number);
		const cellBox = [i * d, j * d, (i + 1) * d, (j + 1) * d];
		return sites.some((x) => kmToBox(x.lat, x.lon, cellBox) <= r + index.maxSnapKm || (t.tracts && kmToBox(x.lat, x.lon, t.tracts) <= r));
	});
}

/** One cell's file, read back. */
export interface Tile {
	key: string;
	/** null: a cell with roads and no county */
	data: DashboardData | null;
	/** the default list's road travel of `data`'s tracts */
	travel: { roadMinutes: Float64Array; roadFallback: Uint8Array };
	tables: Record<string, ColumnTable>;
}

function numbers(t: ColumnTable, name: string): Float64Array {
	// (an empty table has no columns)
	if (t.rows === 0) return new Float64Array(0);
	const c = t.numeric(name);
	if (!c) throw new Error(`A what-if tile has no column "${name}".`);
	return c;
}

export function decodeTile(key: string, bytes: ArrayBuffer | Uint8Array): Tile {
	const tables = decodeTables(bytes);
	for (const name of ['travel', 'vertices', 'edges']) if (!tables[name]) throw new Error(`The what-if tile ${key} has no table "${name}".`);
	const tr = tables.travel;
	if (!tables.tracts?.rows) return { key, data: null, travel: { roadMinutes: new Float64Array(0), roadFallback: new Uint8Array(0) }, tables };
	const data = fromTables(tables);
	if (tr.rows !== data.tractPlaces!.lat.length) throw new Error(`The what-if tile ${key} has ${tr.rows} travel rows for ${data.tractPlaces!.lat.length} tracts.`);
	return { key, data, travel: { roadMinutes: numbers(tr, 'road_minutes'), roadFallback: Uint8Array.from(numbers(tr, 'road_fallback')) }, tables };
}

/** The tiles of a what-if put together: the road network near its sites, and their tracts in one list. */
export interface LocalNetwork {
	graph: RoadGraph;
	/** the whole network's road components of `graph`'s vertices, and which the default list reaches (by component) */
	components: { comp: Int32Array; reached: Uint8Array };
	/** the tiles' tracts, tile after tile */
	tracts: Places;
	baseline: Pick<PlaceTravel, 'roadMinutes' | 'roadNearest' | 'roadFallback'>;
	/** where each tile's tracts start in `tracts` */
	offsets: number[];
	tiles: Tile[];
}

export function assemble(index: TileIndex, tiles: readonly Tile[]): LocalNetwork {
	let network: Pick<LocalNetwork, 'graph' | 'components'> | undefined;
	// (the road network is put together when first read: a what-if in a dense place often needs none)
	const roads = () => (network ??= assembleRoads(index, tiles));
	const offsets: number[] = [];
	let total = 0;
	for (const t of tiles) {
		offsets.push(total);
		total += t.travel.roadMinutes.length;
	}
	const lat = new Float64Array(total);
	const lon = new Float64Array(total);
	const stateFips: string[] = [];
	const roadMinutes = new Float64Array(total);
	const roadFallback = new Uint8Array(total);
	tiles.forEach((t, k) => {
		if (!t.data) return;
		const places = t.data.tractPlaces!;
		lat.set(places.lat, offsets[k]);
		lon.set(places.lon, offsets[k]);
		stateFips.push(...places.stateFips);
		roadMinutes.set(t.travel.roadMinutes, offsets[k]);
		roadFallback.set(t.travel.roadFallback, offsets[k]);
	});
	return {
		get graph() {
			return roads().graph;
		},
		get components() {
			return roads().components;
		},
		tracts: { lat, lon, stateFips },
		// (the merge reads the nearest centre only to carry it over: the tiles do not keep it)
		baseline: { roadMinutes, roadNearest: new Int32Array(total).fill(-1), roadFallback },
		offsets,
		tiles: [...tiles]
	};
}

/** The tiles' road network as one graph, with the whole network's components (see {@link assemble}). */
function assembleRoads(index: TileIndex, tiles: readonly Tile[]): Pick<LocalNetwork, 'graph' | 'components'> {
	const ids: number[] = [];
	const vertex: { lat: number; lon: number; flags: number; comp: number; reached: number }[] = [];
	const byId = new Map<number, number>();
	for (const t of tiles) {
		const v = t.tables.vertices;
		const [id, lat, lon, flags, comp, reached] = ['id', 'lat_e6', 'lon_e6', 'flags', 'comp', 'reached'].map((k) => numbers(v, k));
		for (let k = 0; k < v.rows; k++) {
			ids.push(id[k]);
			vertex.push({ lat: lat[k], lon: lon[k], flags: flags[k], comp: comp[k], reached: reached[k] });
		}
	}
	// local ids in the order of the global ones (snapping breaks ties by vertex id)
	const order = ids.map((_, k) => k).sort((a, b) => ids[a] - ids[b]);
	const n = order.length;
	const latE6 = new Int32Array(n);
	const lonE6 = new Int32Array(n);
	const flags = new Uint8Array(n);
	const comp = new Int32Array(n);
	let maxComp = 0;
	order.forEach((k, local) => {
		byId.set(ids[k], local);
		latE6[local] = vertex[k].lat;
		lonE6[local] = vertex[k].lon;
		flags[local] = vertex[k].flags;
		comp[local] = vertex[k].comp;
		maxComp = Math.max(maxComp, vertex[k].comp);
	});
	const reached = new Uint8Array(maxComp + 1);
	for (const k of order) if (vertex[k].reached) reached[vertex[k].comp] = 1;
	const eu: number[] = [];
	const ev: number[] = [];
	const len: number[] = [];
	const cls: number[] = [];
	for (const t of tiles) {
		const e = t.tables.edges;
		const [u, v, l, c] = ['u', 'v', 'length_m', 'class'].map((k) => numbers(e, k));
		for (let k = 0; k < e.rows; k++) {
			const a = byId.get(u[k]);
			const b = byId.get(v[k]);
			// (an edge to a cell not loaded: its far end is beyond the search's reach)
			if (a === undefined || b === undefined) continue;
			eu.push(a);
			ev.push(b);
			len.push(l[k]);
			cls.push(c[k]);
		}
	}
	const graph = buildGraph({
		latE6,
		lonE6,
		flags,
		edgeU: Uint32Array.from(eu),
		edgeV: Uint32Array.from(ev),
		edgeLengthM: Uint32Array.from(len),
		edgeClass: Uint8Array.from(cls),
		classes: index.graph.classes
	});
	setComponents(graph, comp);
	return { graph, components: { comp, reached } };
}
