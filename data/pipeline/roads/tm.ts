/**
 * Travel Mapping (TM) highway data → contracted road graph (Node-only: reads files).
 *
 * Input: ../shared/data/raw/roads/travelmapping-highwaydata (see its PROVENANCE.md). Steps:
 * 1. active US systems from systems.csv (System starts with `usa`, Level `active`; the preview systems
 *    usanht, usatr, usaush, usasib are excluded — they are not `active` in any case, and named for clarity);
 * 2. every route file listed in hwy_data/_systems/<system>.csv, all US regions;
 * 3. vertices = unique lat/lon at 6 decimals; edges = consecutive waypoints, great-circle metres; a chord
 *    shared by concurrent routes is kept once with the best (lowest) road class;
 * 4. accessible vertices (see `isAccessibleLabel`);
 * 5. connectors from unjoined freeway exits to the nearest accessible vertex of another route within 1 km;
 * 6. prune non-accessible dead ends, contract chains of degree-2 non-accessible vertices with one class.
 */
import fs from 'node:fs';
import path from 'node:path';
import { greatCircleKm } from '../../../src/lib/metrics/distance';
import { createGridIndex } from '../../../src/lib/metrics/drive-time/snap';
import { FLAG_ACCESSIBLE, type GraphInput, type RoadClass } from '../../../src/lib/metrics/drive-time/graph';

export const TM_DIR = 'roads/travelmapping-highwaydata';
export const EXCLUDED_SYSTEMS = new Set(['usanht', 'usatr', 'usaush', 'usasib']);

/**
 * Limited-access systems: only exit/junction waypoints are accessible, and unjoined exits get connectors.
 * - usai (Interstates), usaif (future Interstates, built sections are freeways), usasf ("select named
 *   freeways"): freeways by TM's definition.
 * - usakyp: the Kentucky parkways are all controlled-access (former toll) freeways.
 * - usanyp: the New York parkways are mostly controlled-access (Belt, Northern/Southern State, Sprain Brook…);
 *   on the few with at-grade crossings TM's visible points are the crossings themselves, so the rule is harmless.
 * The devel turnpike systems (usanjtp, usanyst, usaoktpk, usapatp, usatp) are not `active` and are left out;
 * PROVENANCE found they run together with Interstates.
 */
export const LIMITED_ACCESS_SYSTEMS = new Set(['usai', 'usaif', 'usasf', 'usakyp', 'usanyp']);
/** Systems routed at freeway speed (class 1). usanyp stays at its TM tier (parkway speed limits are lower). */
export const FREEWAY_CLASS_SYSTEMS = new Set(['usai', 'usaif', 'usasf', 'usakyp']);

export const ROAD_CLASSES: RoadClass[] = [
	{ code: 0, name: 'connector' },
	{ code: 1, name: 'freeway' },
	{ code: 2, name: 'tier2' },
	{ code: 3, name: 'tier3' },
	{ code: 4, name: 'tier4' },
	{ code: 5, name: 'tier5' }
];

export const CONNECTOR_MAX_M = 1000;
/** Components smaller than this are dropped as fragments. */
export const MIN_COMPONENT_VERTICES = 10;
/** Regions outside the lower 48 + DC (for the connectivity report). */
const NON_CONUS = new Set(['AK', 'HI', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

export interface TmSystem {
	system: string;
	tier: number;
}

export interface BuildStats {
	systems: number;
	routeFiles: number;
	waypoints: number;
	raw: { vertices: number; edges: number; lengthKm: number; accessible: number };
	connectors: { candidates: number; added: number };
	fragments: { components: number; vertices: number };
	contracted: { vertices: number; edges: number; accessible: number };
	components: { count: number; largest: number; conusVertices: number; conusInLargest: number };
}

/** State border labels such as `IN/OH`, `USA/CAN`: not exits. */
const BORDER = /^[A-Z]{2,3}\/[A-Z]{2,3}$/;

/**
 * Is a waypoint with this primary label an access point? `+` = hidden shaping point (never); `*` = closed
 * point (never); on limited-access systems also not a state-border point.
 */
export function isAccessibleLabel(label: string, limitedAccess: boolean): boolean {
	if (label.startsWith('+') || label.startsWith('*')) return false;
	if (limitedAccess && BORDER.test(label)) return false;
	return true;
}

export function readSystems(tmDir: string): TmSystem[] {
	const lines = fs.readFileSync(path.join(tmDir, 'systems.csv'), 'utf8').split(/\r?\n/);
	const out: TmSystem[] = [];
	for (const line of lines.slice(1)) {
		if (!line.trim() || line.startsWith('#')) continue;
		const [system, , , , tier, level] = line.split(';');
		if (!system.startsWith('usa') || level?.trim() !== 'active' || EXCLUDED_SYSTEMS.has(system)) continue;
		out.push({ system, tier: Number(tier) });
	}
	return out.sort((a, b) => (a.system < b.system ? -1 : a.system > b.system ? 1 : 0));
}

const URL_RE = /lat=(-?[\d.]+)&lon=(-?[\d.]+)/;

export function buildTmGraph(rawDir: string, log: (s: string) => void = () => {}): { input: GraphInput; stats: BuildStats } {
	const tmDir = path.join(rawDir, TM_DIR);
	const systems = readSystems(tmDir);
	// --- vertices
	const keyToId = new Map<string, number>();
	const latE6: number[] = [];
	const lonE6: number[] = [];
	const region: string[] = [];
	const onLA: boolean[] = [];
	const laAccess: boolean[] = [];
	const otherAccess: boolean[] = [];
	const routesAt: number[][] = [];
	// --- edges (key = lo * 2^20 + hi)
	const edgeKey = new Map<number, number>();
	const eU: number[] = [];
	const eV: number[] = [];
	const eLen: number[] = [];
	const eCls: number[] = [];
	let routeId = 0;
	let routeFiles = 0;
	let waypoints = 0;

	for (const sys of systems) {
		const listFile = path.join(tmDir, 'hwy_data/_systems', `${sys.system}.csv`);
		const rows = fs.readFileSync(listFile, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
		const la = LIMITED_ACCESS_SYSTEMS.has(sys.system);
		const cls = FREEWAY_CLASS_SYSTEMS.has(sys.system) ? 1 : sys.tier;
		for (const row of rows) {
			const f = row.split(';');
			const reg = f[1];
			const root = f[6];
			const file = path.join(tmDir, 'hwy_data', reg, sys.system, `${root}.wpt`);
			if (!fs.existsSync(file)) throw new Error(`Route ${root} of ${sys.system} is listed but ${file} is missing`);
			routeFiles++;
			const rid = routeId++;
			let prev = -1;
			for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
				const t = line.trim();
				if (!t) continue;
				const m = URL_RE.exec(t);
				if (!m) throw new Error(`${file}: no lat/lon in line "${t}"`);
				waypoints++;
				const la6 = Math.round(Number(m[1]) * 1e6);
				const lo6 = Math.round(Number(m[2]) * 1e6);
				const key = `${la6},${lo6}`;
				let v = keyToId.get(key);
				if (v === undefined) {
					v = latE6.length;
					keyToId.set(key, v);
					latE6.push(la6);
					lonE6.push(lo6);
					region.push(reg);
					onLA.push(false);
					laAccess.push(false);
					otherAccess.push(false);
					routesAt.push([]);
				}
				const label = t.split(/\s+/)[0];
				if (la) {
					onLA[v] = true;
					if (isAccessibleLabel(label, true)) laAccess[v] = true;
				} else if (isAccessibleLabel(label, false)) otherAccess[v] = true;
				const ra = routesAt[v];
				if (ra[ra.length - 1] !== rid) ra.push(rid);
				if (prev >= 0 && prev !== v) {
					const a = Math.min(prev, v);
					const b = Math.max(prev, v);
					const k = a * 1048576 + b;
					const e = edgeKey.get(k);
					if (e === undefined) {
						edgeKey.set(k, eU.length);
						eU.push(a);
						eV.push(b);
						eLen.push(greatCircleKm(latE6[a] / 1e6, lonE6[a] / 1e6, latE6[b] / 1e6, lonE6[b] / 1e6) * 1000);
						eCls.push(cls);
					} else if (cls < eCls[e]) eCls[e] = cls;
				}
				prev = v;
			}
		}
	}
	const n0 = latE6.length;
	if (n0 >= 1048576) throw new Error(`buildTmGraph: ${n0} vertices exceed the 2^20 edge-key limit; widen the key`);
	const accessible = new Uint8Array(n0);
	for (let v = 0; v < n0; v++) accessible[v] = (onLA[v] ? laAccess[v] : otherAccess[v]) ? 1 : 0;
	let rawLength = 0;
	for (const l of eLen) rawLength += l;
	const rawEdges = eU.length;
	log(`  TM: ${systems.length} systems, ${routeFiles} route files, ${waypoints} waypoints → ${n0} vertices, ${rawEdges} edges, ${(rawLength / 1000).toFixed(0)} km`);

	// --- neighbour sets of the raw graph
	const nbr: number[][] = Array.from({ length: n0 }, () => []);
	for (let e = 0; e < eU.length; e++) {
		nbr[eU[e]].push(eV[e]);
		nbr[eV[e]].push(eU[e]);
	}

	// --- connectors: unjoined accessible freeway exits (degree ≤ 2, i.e. a pass-through on one corridor)
	const accIds: number[] = [];
	for (let v = 0; v < n0; v++) if (accessible[v]) accIds.push(v);
	const grid = createGridIndex({ latE6: Int32Array.from(latE6), lonE6: Int32Array.from(lonE6), ids: accIds, cellDeg: 0.05 });
	let candidates = 0;
	let added = 0;
	for (let v = 0; v < n0; v++) {
		if (!onLA[v] || !accessible[v] || nbr[v].length > 2) continue;
		candidates++;
		const mine = new Set(routesAt[v]);
		const hits = grid.nearest(latE6[v] / 1e6, lonE6[v] / 1e6, 32, CONNECTOR_MAX_M / 1000);
		for (const h of hits) {
			if (h.vertex === v) continue;
			if (routesAt[h.vertex].some((r) => mine.has(r))) continue;
			const a = Math.min(v, h.vertex);
			const b = Math.max(v, h.vertex);
			const k = a * 1048576 + b;
			if (!edgeKey.has(k)) {
				edgeKey.set(k, eU.length);
				eU.push(a);
				eV.push(b);
				eLen.push(h.km * 1000);
				eCls.push(0);
				nbr[a].push(b);
				nbr[b].push(a);
				added++;
			}
			break;
		}
	}
	log(`  connectors: ${candidates} unjoined freeway exits, ${added} connector edges (≤ ${CONNECTOR_MAX_M} m)`);

	// --- incident edge lists
	const inc: number[][] = Array.from({ length: n0 }, () => []);
	for (let e = 0; e < eU.length; e++) {
		inc[eU[e]].push(e);
		inc[eV[e]].push(e);
	}
	// prune non-accessible dead ends (repeat until none)
	const alive = new Uint8Array(eU.length).fill(1);
	const deg = inc.map((l) => l.length);
	const removed = new Uint8Array(n0);
	const stack: number[] = [];
	for (let v = 0; v < n0; v++) if (!accessible[v] && deg[v] <= 1) stack.push(v);
	while (stack.length) {
		const v = stack.pop()!;
		if (removed[v]) continue;
		removed[v] = 1;
		for (const e of inc[v]) {
			if (!alive[e]) continue;
			alive[e] = 0;
			const w = eU[e] === v ? eV[e] : eU[e];
			deg[w]--;
			deg[v]--;
			if (!accessible[w] && deg[w] <= 1 && !removed[w]) stack.push(w);
		}
	}
	const liveInc = (v: number): number[] => inc[v].filter((e) => alive[e]);
	// keep: accessible, degree ≠ 2, or degree 2 with two different classes
	const keep = new Uint8Array(n0);
	for (let v = 0; v < n0; v++) {
		if (removed[v]) continue;
		const es = liveInc(v);
		keep[v] = accessible[v] || es.length !== 2 || eCls[es[0]] !== eCls[es[1]] ? 1 : 0;
	}
	// walk chains
	const visited = new Uint8Array(eU.length);
	const cU: number[] = [];
	const cV: number[] = [];
	const cLen: number[] = [];
	const cCls: number[] = [];
	for (let v = 0; v < n0; v++) {
		if (!keep[v]) continue;
		for (const e0 of liveInc(v)) {
			if (visited[e0]) continue;
			visited[e0] = 1;
			let len = eLen[e0];
			const cls = eCls[e0];
			let prevE = e0;
			let cur = eU[e0] === v ? eV[e0] : eU[e0];
			while (!keep[cur]) {
				const es = liveInc(cur);
				const next = es[0] === prevE ? es[1] : es[0];
				visited[next] = 1;
				len += eLen[next];
				prevE = next;
				cur = eU[next] === cur ? eV[next] : eU[next];
			}
			if (cur === v) continue; // closed loop back to the same vertex
			cU.push(v);
			cV.push(cur);
			cLen.push(len);
			cCls.push(cls);
		}
	}
	// dedupe parallel edges with the same class (keep the shortest)
	const best = new Map<string, number>();
	for (let i = 0; i < cU.length; i++) {
		const a = Math.min(cU[i], cV[i]);
		const b = Math.max(cU[i], cV[i]);
		const k = `${a},${b},${cCls[i]}`;
		const j = best.get(k);
		if (j === undefined || cLen[i] < cLen[j]) best.set(k, i);
	}
	let keptEdges = [...best.values()];
	// vertices that survive: keep vertices (isolated non-accessible ones dropped)
	const used = new Uint8Array(n0);
	for (const i of keptEdges) {
		used[cU[i]] = 1;
		used[cV[i]] = 1;
	}
	let verts: number[] = [];
	for (let v = 0; v < n0; v++) if (keep[v] && (used[v] || accessible[v])) verts.push(v);
	// drop fragments: components with fewer than MIN_COMPONENT_VERTICES vertices are route stubs whose local
	// road link is not in TM (e.g. VA-379, a college entrance); an origin snapped there could reach nothing
	const uf = new Int32Array(n0).map((_, i) => i);
	const root = (x: number): number => {
		while (uf[x] !== x) {
			uf[x] = uf[uf[x]];
			x = uf[x];
		}
		return x;
	};
	for (const i of keptEdges) {
		const a = root(cU[i]);
		const b = root(cV[i]);
		if (a !== b) uf[Math.max(a, b)] = Math.min(a, b);
	}
	const compSize = new Map<number, number>();
	for (const v of verts) compSize.set(root(v), (compSize.get(root(v)) ?? 0) + 1);
	const fragment = (v: number): boolean => (compSize.get(root(v)) ?? 0) < MIN_COMPONENT_VERTICES;
	let fragments = 0;
	let fragmentVertices = 0;
	for (const [, sz] of compSize) if (sz < MIN_COMPONENT_VERTICES) (fragments++, (fragmentVertices += sz));
	verts = verts.filter((v) => !fragment(v));
	keptEdges = keptEdges.filter((i) => !fragment(cU[i]));
	log(`  dropped ${fragments} fragments (< ${MIN_COMPONENT_VERTICES} vertices), ${fragmentVertices} vertices`);
	// spatial order (Morton code on a 2^16 grid), ties by coordinates: deterministic, cache-friendly
	const morton = (v: number): number => {
		const x = Math.floor(((lonE6[v] / 1e6 + 180) / 360) * 65535);
		const y = Math.floor(((latE6[v] / 1e6 + 90) / 180) * 65535);
		let z = 0;
		for (let i = 15; i >= 0; i--) z = z * 4 + ((y >> i) & 1) * 2 + ((x >> i) & 1);
		return z;
	};
	const mz = new Map(verts.map((v) => [v, morton(v)]));
	verts.sort((a, b) => mz.get(a)! - mz.get(b)! || latE6[a] - latE6[b] || lonE6[a] - lonE6[b]);
	const newId = new Int32Array(n0).fill(-1);
	verts.forEach((v, i) => (newId[v] = i));
	const n = verts.length;
	const m = keptEdges.length;
	const input: GraphInput = {
		latE6: Int32Array.from(verts.map((v) => latE6[v])),
		lonE6: Int32Array.from(verts.map((v) => lonE6[v])),
		flags: Uint8Array.from(verts.map((v) => (accessible[v] ? FLAG_ACCESSIBLE : 0))),
		edgeU: Uint32Array.from(keptEdges.map((i) => newId[cU[i]])),
		edgeV: Uint32Array.from(keptEdges.map((i) => newId[cV[i]])),
		edgeLengthM: Uint32Array.from(keptEdges.map((i) => Math.max(1, Math.round(cLen[i])))),
		edgeClass: Uint8Array.from(keptEdges.map((i) => cCls[i])),
		classes: ROAD_CLASSES
	};
	// components (union-find)
	const parent = Int32Array.from({ length: n }, (_, i) => i);
	const find = (x: number): number => {
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]];
			x = parent[x];
		}
		return x;
	};
	for (let e = 0; e < m; e++) {
		const a = find(input.edgeU[e]);
		const b = find(input.edgeV[e]);
		if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
	}
	const size = new Map<number, number>();
	for (let i = 0; i < n; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
	let largestRoot = -1;
	let largest = 0;
	for (const [r, s] of size) if (s > largest || (s === largest && r < largestRoot)) [largestRoot, largest] = [r, s];
	let conus = 0;
	let conusIn = 0;
	for (let i = 0; i < n; i++) {
		if (NON_CONUS.has(region[verts[i]])) continue;
		conus++;
		if (find(i) === largestRoot) conusIn++;
	}
	let accN = 0;
	for (const f of input.flags) accN += f & 1;
	let rawAcc = 0;
	for (const a of accessible) rawAcc += a;
	const stats: BuildStats = {
		systems: systems.length,
		routeFiles,
		waypoints,
		raw: { vertices: n0, edges: rawEdges, lengthKm: rawLength / 1000, accessible: rawAcc },
		connectors: { candidates, added },
		fragments: { components: fragments, vertices: fragmentVertices },
		contracted: { vertices: n, edges: m, accessible: accN },
		components: { count: size.size, largest, conusVertices: conus, conusInLargest: conusIn }
	};
	log(
		`  contracted: ${n} vertices (${accN} accessible), ${m} edges; ${size.size} components, largest ${largest}; lower 48 + DC in largest: ${((100 * conusIn) / conus).toFixed(2)} %`
	);
	return { input, stats };
}
