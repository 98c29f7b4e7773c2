import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, greatCircleKm } from '../../src/lib/metrics/distance';
import {
	addCentre,
	changeCentres,
	nearestAt,
	nearestCentres,
	nearestKmArray,
	removeCentre,
	secondAt,
	type CentrePoint,
	type NearestResult
} from '../../src/lib/metrics/nearest';
import { mulberry32 } from './seeded';

const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

// Three centres on the equator, 0°, 1° and 3° east: distances along the equator are
// |Δlon| · π/180 · R, so every answer below is worked by hand.
const EQUATOR: CentrePoint[] = [
	{ id: 'A', lat: 0, lon: 0 },
	{ id: 'B', lat: 0, lon: 1 },
	{ id: 'C', lat: 0, lon: 3 }
];

describe('nearestCentres: hand-worked cases', () => {
	it.each([
		{ name: 'between A and B, nearer A', origin: { lat: 0, lon: 0.4 }, nearest: ['A', 0.4], second: ['B', 0.6] },
		{ name: 'between B and C, nearer B', origin: { lat: 0, lon: 1.9 }, nearest: ['B', 0.9], second: ['C', 1.1] },
		{ name: 'west of everything', origin: { lat: 0, lon: -2 }, nearest: ['A', 2], second: ['B', 3] },
		{ name: 'centre on the point', origin: { lat: 0, lon: 3 }, nearest: ['C', 0], second: ['B', 2] }
	] as const)('$name', ({ origin, nearest, second }) => {
		const r = nearestCentres({ origins: [origin], centres: EQUATOR });
		expect(nearestAt(r, 0)?.id).toBe(nearest[0]);
		expect(nearestAt(r, 0)?.km).toBeCloseTo(nearest[1] * KM_PER_DEGREE, 6);
		expect(secondAt(r, 0)?.id).toBe(second[0]);
		expect(secondAt(r, 0)?.km).toBeCloseTo(second[1] * KM_PER_DEGREE, 6);
	});

	it('pole: every equatorial centre is 90° away', () => {
		const r = nearestCentres({ origins: [{ lat: 90, lon: 0 }], centres: EQUATOR });
		expect(nearestAt(r, 0)?.km).toBeCloseTo(90 * KM_PER_DEGREE, 6);
		expect(secondAt(r, 0)?.km).toBeCloseTo(90 * KM_PER_DEGREE, 6);
	});

	it('empty centre list gives nulls', () => {
		const r = nearestCentres({ origins: [{ lat: 40, lon: -100 }], centres: [] });
		expect(nearestAt(r, 0)).toBeNull();
		expect(secondAt(r, 0)).toBeNull();
		expect(nearestKmArray(r)).toEqual([null]);
	});

	it('one centre: a nearest, no second', () => {
		const r = nearestCentres({ origins: [{ lat: 0, lon: 2 }], centres: [EQUATOR[0]] });
		expect(nearestAt(r, 0)?.id).toBe('A');
		expect(secondAt(r, 0)).toBeNull();
	});

	it('invalid origin coordinates give nulls, valid neighbours are unaffected', () => {
		const r = nearestCentres({ origins: { lat: Float64Array.of(NaN, 0, 95), lon: Float64Array.of(0, 0.4, 0) }, centres: EQUATOR });
		expect(nearestAt(r, 0)).toBeNull();
		expect(nearestAt(r, 1)?.id).toBe('A');
		expect(nearestAt(r, 2)).toBeNull();
	});

	it('two centres at the same place: the earlier in the list is nearest, the other second', () => {
		const centres = [
			{ id: 'far', lat: 10, lon: 10 },
			{ id: 'x', lat: 1, lon: 1 },
			{ id: 'y', lat: 1, lon: 1 }
		];
		const r = nearestCentres({ origins: [{ lat: 1.5, lon: 1.5 }], centres });
		expect([nearestAt(r, 0)?.id, secondAt(r, 0)?.id]).toEqual(['x', 'y']);
		expect(nearestAt(r, 0)?.km).toBe(secondAt(r, 0)?.km);
	});

	it('typed-array and object origins give the same result', () => {
		const objs = [
			{ lat: 61.2, lon: -149.9 },
			{ lat: 21.3, lon: -157.8 },
			{ lat: 40.7, lon: -74 }
		];
		const a = nearestCentres({ origins: objs, centres: US_CENTRES });
		const b = nearestCentres({
			origins: { lat: Float64Array.from(objs, (o) => o.lat), lon: Float64Array.from(objs, (o) => o.lon) },
			centres: US_CENTRES
		});
		expect(Array.from(a.nearestIndex)).toEqual(Array.from(b.nearestIndex));
		expect(Array.from(a.nearestKm)).toEqual(Array.from(b.nearestKm));
	});

	it('errors say what to do', () => {
		expect(() => nearestCentres({ origins: [], centres: [EQUATOR[0], EQUATOR[0]] })).toThrow(/unique id/);
		expect(() => nearestCentres({ origins: [], centres: [{ id: 'z', lat: 100, lon: 0 }] })).toThrow(/invalid coordinates/);
		expect(() => nearestCentres({ origins: { lat: [1, 2], lon: [1] }, centres: [] })).toThrow(/equal length/);
	});
});

// A deterministic spread of points over the US including Alaska and Hawaii (PRNG: mulberry32).
function usPoints(n: number, seed: number) {
	const rnd = mulberry32(seed);
	return Array.from({ length: n }, (_, i) => {
		const k = i % 10;
		if (k === 0) return { lat: 55 + rnd() * 15, lon: -170 + rnd() * 40 }; // Alaska
		if (k === 1) return { lat: 19 + rnd() * 3, lon: -160 + rnd() * 5 }; // Hawaii
		return { lat: 25 + rnd() * 24, lon: -124 + rnd() * 57 };
	});
}
const US_CENTRES: CentrePoint[] = usPoints(60, 7).map((p, i) => ({ id: `c${i}`, ...p }));

function bruteForce(origins: { lat: number; lon: number }[], centres: CentrePoint[]) {
	return origins.map((o) => {
		const d = centres.map((c, j) => ({ j, km: greatCircleKm(o.lat, o.lon, c.lat, c.lon) })).sort((a, b) => a.km - b.km || a.j - b.j);
		return { first: d[0], second: d[1] };
	});
}

function expectSame(a: NearestResult, b: NearestResult) {
	expect(a.centres.map((c) => c.id)).toEqual(b.centres.map((c) => c.id));
	expect(Array.from(a.nearestIndex)).toEqual(Array.from(b.nearestIndex));
	expect(Array.from(a.secondIndex)).toEqual(Array.from(b.secondIndex));
	expect(Array.from(a.nearestKm)).toEqual(Array.from(b.nearestKm));
	expect(Array.from(a.secondKm)).toEqual(Array.from(b.secondKm));
}

describe('nearestCentres agrees with a brute-force haversine scan', () => {
	const origins = usPoints(3000, 11);
	it('nearest and second-nearest, 3,000 origins × 60 centres', () => {
		const r = nearestCentres({ origins, centres: US_CENTRES });
		const want = bruteForce(origins, US_CENTRES);
		let mismatched = 0;
		for (let i = 0; i < origins.length; i++) {
			// haversine and chord agree to ~1e-9 km; only exact ties could swap, none here
			if (r.nearestIndex[i] !== want[i].first.j || r.secondIndex[i] !== want[i].second.j) mismatched++;
			expect(Math.abs(r.nearestKm[i] - want[i].first.km)).toBeLessThan(1e-6);
			expect(Math.abs(r.secondKm[i] - want[i].second.km)).toBeLessThan(1e-6);
		}
		expect(mismatched).toBe(0);
	});
});

describe('addCentre and removeCentre equal the full recompute', () => {
	const origins = usPoints(2000, 5);
	const base = nearestCentres({ origins, centres: US_CENTRES });
	it.each([
		{ name: 'a new site in Montana', c: { id: 'new-mt', lat: 47, lon: -109 } },
		{ name: 'a site on top of an existing centre (ties go to the existing one)', c: { id: 'dup', lat: US_CENTRES[3].lat, lon: US_CENTRES[3].lon } },
		{ name: 'a site in Alaska', c: { id: 'ak', lat: 64.8, lon: -147.7 } }
	])('add: $name', ({ c }) => {
		expectSame(addCentre(base, c), nearestCentres({ origins, centres: [...US_CENTRES, c] }));
	});

	it('add to an empty list, then a second centre', () => {
		const empty = nearestCentres({ origins, centres: [] });
		const one = addCentre(empty, EQUATOR[0]);
		expectSame(one, nearestCentres({ origins, centres: [EQUATOR[0]] }));
		expectSame(addCentre(one, US_CENTRES[0]), nearestCentres({ origins, centres: [EQUATOR[0], US_CENTRES[0]] }));
	});

	it.each([0, 17, 59])('remove centre c%i', (k) => {
		const id = US_CENTRES[k].id;
		expectSame(removeCentre(base, id), nearestCentres({ origins, centres: US_CENTRES.filter((c) => c.id !== id) }));
	});

	it('remove the duplicate of a tie, and down to nothing', () => {
		const dup = { id: 'dup', lat: US_CENTRES[3].lat, lon: US_CENTRES[3].lon };
		const withDup = addCentre(base, dup);
		expectSame(removeCentre(withDup, US_CENTRES[3].id), nearestCentres({ origins, centres: [...US_CENTRES.filter((_, j) => j !== 3), dup] }));
		let r = nearestCentres({ origins, centres: EQUATOR.slice(0, 2) });
		r = removeCentre(removeCentre(r, 'A'), 'B');
		expect(nearestAt(r, 0)).toBeNull();
	});

	it('changeCentres: removals then additions on one copy equal the full recompute, and change no input', () => {
		const before = Array.from(base.nearestIndex);
		const mt = { id: 'new-mt', lat: 47, lon: -109 };
		const moved = { ...US_CENTRES[5], lat: US_CENTRES[5].lat + 1 };
		const r = changeCentres(base, [US_CENTRES[5].id, US_CENTRES[40].id], [mt, moved]);
		const want = [...US_CENTRES.filter((_, j) => j !== 5 && j !== 40), mt, moved];
		expectSame(r, nearestCentres({ origins, centres: want }));
		expect(r.centres).toEqual(want);
		expect(Array.from(base.nearestIndex)).toEqual(before);
		expect(base.centres.length).toBe(US_CENTRES.length);
	});

	it('does not change its input', () => {
		const before = Array.from(base.nearestIndex);
		addCentre(base, { id: 'z', lat: 40, lon: -100 });
		removeCentre(base, 'c0');
		expect(Array.from(base.nearestIndex)).toEqual(before);
		expect(base.centres.length).toBe(US_CENTRES.length);
	});

	it('unknown id and duplicate id are errors', () => {
		expect(() => removeCentre(base, 'nope')).toThrow(/no centre with id "nope"/);
		expect(() => addCentre(base, { id: 'c0', lat: 1, lon: 1 })).toThrow(/unique id/);
	});
});
