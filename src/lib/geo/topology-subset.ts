/**
 * One state's part of the map shapes (geo/atlas), as a TopoJSON of its own: its counties, the state,
 * and only the arcs they use, renumbered. The arcs are the shapes file's own, quantized and
 * delta-encoded the same way, so the state's outlines decode to exactly the national file's
 * coordinates (tested). A state map embed draws from it (state/first-state) before the national
 * file (254 kB compressed) has loaded and been decoded.
 */
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { CentroidFile } from './centroids';

/** arc references of a geometry: an index, or its ones' complement for the arc reversed */
type ArcRefs = number | ArcRefs[];

/** The state's counties and outline; `nation` is the state again (the map of a state frames the state). */
export function stateTopology(topo: Topology, state: string): Topology {
	const used = new Map<number, number>();
	const arcs: Topology['arcs'] = [];
	const remap = (refs: ArcRefs): ArcRefs => {
		if (Array.isArray(refs)) return refs.map(remap);
		const i = refs < 0 ? ~refs : refs;
		let j = used.get(i);
		if (j === undefined) {
			j = arcs.length;
			used.set(i, j);
			arcs.push(topo.arcs[i]);
		}
		return refs < 0 ? ~j : j;
	};
	const pick = (name: string): GeometryCollection => {
		const o = topo.objects[name] as GeometryCollection | undefined;
		if (!o || o.type !== 'GeometryCollection') throw new Error(`The map shapes have no "${name}" collection.`);
		const geometries = o.geometries
			.filter((g) => String(g.id).slice(0, 2) === state)
			.map((g) => ('arcs' in g ? ({ ...g, arcs: remap(g.arcs as ArcRefs) } as GeometryObject) : g));
		return { type: 'GeometryCollection', geometries };
	};
	const counties = pick('counties');
	const states = pick('states');
	if (states.geometries.length !== 1) throw new Error(`The map shapes have no state ${state}.`);
	return { type: 'Topology', ...(topo.transform ? { transform: topo.transform } : {}), objects: { counties, states, nation: states }, arcs };
}

/** The centroids of one state's counties, from the national file (the same numbers). */
export function stateCentroids(f: CentroidFile, state: string): CentroidFile {
	const out: CentroidFile = { version: f.version, shapes: f.shapes, ids: [], x: [], y: [] };
	f.ids.forEach((id, i) => {
		if (id.slice(0, 2) !== state) return;
		out.ids.push(id);
		out.x.push(f.x[i]);
		out.y.push(f.y[i]);
	});
	return out;
}
