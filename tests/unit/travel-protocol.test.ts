import { describe, expect, it } from 'vitest';
import { packPlaces, unpackPlaces } from '../../src/lib/workers/travel-protocol';

describe('places sent to the travel worker', () => {
	const places = {
		lat: Float64Array.of(39.7, 40.0, 61.2, 39.8),
		lon: Float64Array.of(-104.9, -105.2, -149.9, -105.0),
		stateFips: ['08', '08', '02', '08']
	};

	it('carry each place’s state as an index into the distinct states, and read back the same places', () => {
		const wire = packPlaces(places);
		expect(wire.states).toEqual(['08', '02']);
		expect([...wire.stateOf]).toEqual([0, 0, 1, 0]);
		// (what the worker is sent survives a structured clone: typed arrays and a short list)
		const back = unpackPlaces(structuredClone(wire));
		expect(back.stateFips).toEqual(places.stateFips);
		expect([...back.lat]).toEqual([...places.lat]);
		expect([...back.lon]).toEqual([...places.lon]);
	});

	it('handle no places', () => {
		const back = unpackPlaces(packPlaces({ lat: new Float64Array(0), lon: new Float64Array(0), stateFips: [] }));
		expect(back.stateFips).toEqual([]);
		expect(back.lat.length).toBe(0);
	});

	it('refuse arrays of different lengths and an index with no state', () => {
		expect(() => packPlaces({ ...places, stateFips: ['08'] })).toThrow(/4 latitudes, 4 longitudes and 1 states/);
		const wire = packPlaces(places);
		expect(() => unpackPlaces({ ...wire, stateOf: Uint16Array.of(0, 5, 1, 0) })).toThrow(/place 1 with state index 5 of 2/);
	});
});
