/** A state's build-time map (src/lib/state/first-state.ts): columns out, the engine's parts back. */
import { describe, expect, it } from 'vitest';
import { decodeFirstState, encodeFirstState, firstStatePath, type FirstState } from '../../src/lib/state/first-state';

const parts: FirstState = {
	state: '08',
	places: [{ id: '08001', name: 'Adams County', value: 21.123456789012345, pop: 519572, nearest: 'A (Denver, CO)', fallback: false }],
	centres: [{ id: 'A', name: 'A (Denver, CO)', lat: 39.74, lon: -104.99, evidence: 'strong', added: false }],
	tracts: [
		{ lat: 39.8, lon: -104.9, value: 12.000000000000002, county_fips: '08001' },
		{ lat: 39.9, lon: -104.8, value: null, county_fips: '08001' }
	]
};

describe('first state map file', () => {
	it('reads back as the parts it was written from, through JSON, to the bit', () => {
		const back = decodeFirstState(JSON.parse(JSON.stringify(encodeFirstState(parts))), '08');
		expect(back).toStrictEqual(parts);
	});
	it('refuses another state’s file, another version and ragged columns', () => {
		const file = JSON.parse(JSON.stringify(encodeFirstState(parts)));
		expect(decodeFirstState(file, '30')).toBeUndefined();
		expect(decodeFirstState({ ...file, version: 2 }, '08')).toBeUndefined();
		expect(decodeFirstState({ ...file, tracts: { ...file.tracts, lat: [1] } }, '08')).toBeUndefined();
		expect(decodeFirstState(null, '08')).toBeUndefined();
	});
	it('lives under /data/first-state/', () => {
		expect(firstStatePath('08')).toBe('/data/first-state/08.json');
	});
});
