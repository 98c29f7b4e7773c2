import { describe, expect, it } from 'vitest';
import { formatLatLon } from '../../src/lib/copy/format';
import {
	addedId,
	addedName,
	addHospital,
	addPoint,
	canAdd,
	EMPTY_SCENARIO,
	MAX_ADDED,
	parseScenario,
	removeCentre,
	resolveScenario,
	restoreCentre,
	roundCoord,
	scenarioCentres,
	serialiseScenario,
	type Scenario,
	type ScenarioLink
} from '../../src/lib/state/scenario';
import { isInUsBounds, usAreaOf } from '../../src/lib/geo/us-bounds';
import type { CentrePoint } from '../../src/lib/metrics/nearest';

const BASE: CentrePoint[] = [
	{ id: 'AL-01', lat: 33.5, lon: -86.8 },
	{ id: 'CA-01', lat: 34.05, lon: -118.25 },
	{ id: 'TX-01', lat: 29.7, lon: -95.4 }
];
const H1 = { hospitalId: '0000372903', name: 'MERCY HOSPITAL FORT SMITH', lat: 35.35, lon: -94.37 };
const H2 = { hospitalId: '0000000064', name: 'MERCY MEDICAL CENTER WEST LAKES', lat: 41.58, lon: -93.78 };
const q = (s: string) => new URLSearchParams(s);

describe('us-bounds', () => {
	it.each([
		{ name: 'Kansas', lat: 39, lon: -98, area: 'contiguous' },
		{ name: 'DC', lat: 38.9, lon: -77.03, area: 'contiguous' },
		{ name: 'Key West', lat: 24.55, lon: -81.8, area: 'contiguous' },
		{ name: 'Anchorage', lat: 61.2, lon: -149.9, area: 'alaska' },
		{ name: 'Adak (Aleutians, west of 180° W side)', lat: 51.87, lon: -176.64, area: 'alaska' },
		{ name: 'Attu (east of the antimeridian)', lat: 52.9, lon: 173.2, area: 'alaska' },
		{ name: 'Honolulu', lat: 21.3, lon: -157.85, area: 'hawaii' },
		{ name: 'San Juan', lat: 18.47, lon: -66.1, area: 'puerto-rico' },
		{ name: 'London', lat: 51.5, lon: -0.1, area: null },
		{ name: 'Mexico City', lat: 19.4, lon: -99.1, area: null },
		{ name: 'Guam (not in the universe)', lat: 13.4, lon: 144.8, area: null },
		{ name: 'swapped Kansas', lat: -98, lon: 39, area: null },
		{ name: 'NaN', lat: NaN, lon: -98, area: null }
	])('$name → $area', ({ lat, lon, area }) => {
		expect(usAreaOf(lat, lon)).toBe(area);
		expect(isInUsBounds(lat, lon)).toBe(area !== null);
	});
});

describe('ids and rounding', () => {
	it.each([
		{ a: { kind: 'hospital' as const, hospitalId: '0000372903' }, id: 'h:0000372903' },
		{ a: { kind: 'point' as const, lat: 40.1, lon: -100.2 }, id: 'p:40.1,-100.2' },
		{ a: { kind: 'point' as const, lat: 40.123456, lon: -100.00004 }, id: 'p:40.1235,-100' },
		{ a: { kind: 'point' as const, lat: -0.00001, lon: 0 }, id: 'p:0,0' }
	])('$id', ({ a, id }) => {
		expect(addedId(a)).toBe(id);
	});
	it('rounding is idempotent', () => {
		for (const x of [40.12345, -100.23456, 0.00005, 71.99999, 18.46631]) expect(roundCoord(roundCoord(x))).toBe(roundCoord(x));
	});
	it('display names', () => {
		expect(addedName({ kind: 'hospital', hospitalId: '0000000001' })).toBe('Hospital 0000000001');
		expect(addedName({ kind: 'hospital', hospitalId: '1', name: 'X', lat: 0, lon: 0 })).toBe('X');
		expect(addedName({ kind: 'point', lat: 40.1, lon: -100.2 })).toBe('Point at 40.1° N, 100.2° W');
		expect(addedName({ kind: 'point', lat: -33.86784, lon: 151.2 })).toBe('Point at 33.8678° S, 151.2° E');
		expect(addedName({ kind: 'point', lat: 0.00001, lon: -0.00001 })).toBe('Point at 0° N, 0° E');
		expect(addedName({ kind: 'point', lat: 40.1, lon: -100.2, label: 'Here' })).toBe('Here');
	});
	it('places in degrees with their hemisphere (the map-click dialog, three decimals)', () => {
		const three = (x: number) => x.toFixed(3);
		expect(formatLatLon(42.77412, -102.20249, three)).toBe('42.774° N, 102.202° W');
		expect(formatLatLon(-0.0001, 0.0002, three)).toBe('0.000° N, 0.000° E');
		expect(formatLatLon(-12.5, 130.25)).toBe('12.5° S, 130.25° E');
	});
});

describe('scenarioCentres', () => {
	const withH1 = addHospital(EMPTY_SCENARIO, H1);
	it.each<{ name: string; s: Scenario; ids: string[] }>([
		{ name: 'empty scenario = baseline', s: EMPTY_SCENARIO, ids: ['AL-01', 'CA-01', 'TX-01'] },
		{ name: 'remove keeps baseline order', s: removeCentre(EMPTY_SCENARIO, 'CA-01'), ids: ['AL-01', 'TX-01'] },
		{ name: 'removing an unknown id changes nothing', s: removeCentre(EMPTY_SCENARIO, 'ZZ-99'), ids: ['AL-01', 'CA-01', 'TX-01'] },
		{ name: 'additions follow the baseline', s: withH1, ids: ['AL-01', 'CA-01', 'TX-01', 'h:0000372903'] },
		{
			name: 'additions in the order added',
			s: addHospital(addPoint(withH1, { lat: 40.1, lon: -100.2 }), H2),
			ids: ['AL-01', 'CA-01', 'TX-01', 'h:0000372903', 'p:40.1,-100.2', 'h:0000000064']
		},
		{
			name: 'an addition on a baseline centre\u2019s spot is a no-op',
			s: addPoint(EMPTY_SCENARIO, { lat: 33.5, lon: -86.8 }),
			ids: ['AL-01', 'CA-01', 'TX-01']
		},
		{
			name: '…unless that centre is removed',
			s: addPoint(removeCentre(EMPTY_SCENARIO, 'AL-01'), { lat: 33.5, lon: -86.8 }),
			ids: ['CA-01', 'TX-01', 'p:33.5,-86.8']
		},
		{
			name: 'a point at an added hospital\u2019s spot is a no-op',
			s: addPoint(withH1, { lat: 35.35, lon: -94.37 }),
			ids: ['AL-01', 'CA-01', 'TX-01', 'h:0000372903']
		}
	])('$name', ({ s, ids }) => {
		expect(scenarioCentres(BASE, s).map((c) => c.id)).toEqual(ids);
	});
	it('adding one centre appends exactly one (incremental engines)', () => {
		const before = scenarioCentres(BASE, withH1);
		const after = scenarioCentres(BASE, addHospital(withH1, H2));
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after.slice(before.length)).toEqual([{ id: 'h:0000000064', lat: H2.lat, lon: H2.lon }]);
	});
	it('does not mutate the baseline', () => {
		const copy = structuredClone(BASE);
		scenarioCentres(BASE, addPoint(removeCentre(EMPTY_SCENARIO, 'AL-01'), { lat: 40, lon: -100 }));
		expect(BASE).toEqual(copy);
	});
});

describe('updates', () => {
	it('return the same object when nothing changes', () => {
		const s = addHospital(EMPTY_SCENARIO, H1);
		expect(addHospital(s, H1)).toBe(s);
		expect(removeCentre(s, 'h:9999999999')).toBe(s);
		expect(restoreCentre(s, 'AL-01')).toBe(s);
		const r = removeCentre(s, 'AL-01');
		expect(removeCentre(r, 'AL-01')).toBe(r);
	});
	it('never mutate their input (undo keeps old states)', () => {
		const s0 = EMPTY_SCENARIO;
		const s1 = addHospital(s0, H1);
		const s2 = removeCentre(s1, 'CA-01');
		const s3 = removeCentre(s2, 'h:0000372903');
		const s4 = restoreCentre(s3, 'CA-01');
		expect(s0).toEqual({ added: [], removed: [] });
		expect(s1).toEqual({ added: [{ kind: 'hospital', ...H1 }], removed: [] });
		expect(s2.removed).toEqual(['CA-01']);
		expect(s3).toEqual({ added: [], removed: ['CA-01'] });
		expect(s4).toEqual({ added: [], removed: [] });
	});
	it.each([
		{ name: 'outside the US', p: { lat: 51.5, lon: -0.1 } },
		{ name: 'out of range', p: { lat: 95, lon: -100 } },
		{ name: 'not a number', p: { lat: NaN, lon: -100 } }
	])('addPoint ignores a point $name', ({ p }) => {
		expect(addPoint(EMPTY_SCENARIO, p)).toBe(EMPTY_SCENARIO);
	});
	it('addPoint rounds to 4 decimals, so the same spot twice is one addition', () => {
		const s = addPoint(addPoint(EMPTY_SCENARIO, { lat: 40.123449, lon: -100.2 }), { lat: 40.12345, lon: -100.20001 });
		expect(s.added).toEqual([{ kind: 'point', lat: 40.1234, lon: -100.2 }, { kind: 'point', lat: 40.1235, lon: -100.2 }]);
		expect(addPoint(s, { lat: 40.12341, lon: -100.2 })).toBe(s);
	});
	it(`caps additions at ${MAX_ADDED}`, () => {
		let s: Scenario = EMPTY_SCENARIO;
		for (let i = 0; i < MAX_ADDED + 5; i++) s = addPoint(s, { lat: 30 + i * 0.1, lon: -100 });
		expect(s.added).toHaveLength(MAX_ADDED);
		expect(canAdd(s)).toBe(false);
		expect(addHospital(s, H1)).toBe(s);
	});
});

describe('parseScenario', () => {
	it.each<{ name: string; q: string; added: string[]; removed?: string[]; notices?: RegExp[]; hospitalIds?: string[] }>([
		{ name: 'nothing', q: '', added: [] },
		{ name: 'empty values', q: 'add=&remove=', added: [] },
		{ name: 'other params are not ours', q: 'evidence=strong&colour=red', added: [] },
		{
			name: 'hospital and point, in order',
			q: 'add=p:40.1,-100.2~h:0000372903',
			added: ['p:40.1,-100.2', 'h:0000372903'],
			hospitalIds: ['0000372903']
		},
		{ name: 'percent-encoded as URLSearchParams writes it', q: 'add=h%3A0000372903%7Ep%3A40.1%2C-100.2', added: ['h:0000372903', 'p:40.1,-100.2'] },
		{ name: 'repeated add params', q: 'add=h:0000372903&add=p:40.1,-100.2', added: ['h:0000372903', 'p:40.1,-100.2'] },
		{ name: 'stray separators and spaces', q: 'add=~h:0000372903~~ p:40.1, -100.2 ~', added: ['h:0000372903', 'p:40.1,-100.2'] },
		{ name: 'points are rounded', q: 'add=p:40.123456,-100.2', added: ['p:40.1235,-100.2'] },
		{ name: 'Alaska, Hawaii, Puerto Rico', q: 'add=p:64.8,-147.7~p:19.7,-155.1~p:18.2,-66.5', added: ['p:64.8,-147.7', 'p:19.7,-155.1', 'p:18.2,-66.5'] },
		{ name: 'removals', q: 'remove=AL-01~CA-04', added: [], removed: ['AL-01', 'CA-04'] },
		{ name: 'removals with commas', q: 'remove=AL-01,CA-04', added: [], removed: ['AL-01', 'CA-04'] },
		{
			name: 'short hospital id',
			q: 'add=h:372903~p:40.1,-100.2',
			added: ['p:40.1,-100.2'],
			notices: [/"h:372903".*10 digits/]
		},
		{
			name: 'non-numeric coordinate',
			q: 'add=p:forty,-100~h:0000372903',
			added: ['h:0000372903'],
			notices: [/"p:forty,-100".*decimal degrees/]
		},
		{ name: 'exponent is not accepted', q: 'add=p:4e1,-100', added: [], notices: [/decimal degrees/] },
		{ name: 'one coordinate', q: 'add=p:40.1', added: [], notices: [/p:<latitude>,<longitude>/] },
		{ name: 'out of range', q: 'add=p:91,-100~p:40,-181', added: [], notices: [/between -90 and 90/, /between -90 and 90/] },
		{ name: 'outside the US', q: 'add=p:51.5,-0.1~p:40.1,-100.2', added: ['p:40.1,-100.2'], notices: [/outside the 50 states, DC and Puerto Rico\.$/] },
		{ name: 'swapped lat/lon', q: 'add=p:-100.2,40.1', added: [], notices: [/between -90 and 90/] },
		{ name: 'swapped lat/lon in range', q: 'add=p:-66.5,18.2', added: [], notices: [/look swapped/] },
		{ name: 'unknown kind', q: 'add=x:1~h:0000372903', added: ['h:0000372903'], notices: [/"x:1".*h:<hospital id> or p:/] },
		{
			name: 'duplicates (also after rounding)',
			q: 'add=h:0000372903~p:40.1,-100.2~h:0000372903~p:40.10001,-100.2',
			added: ['h:0000372903', 'p:40.1,-100.2'],
			notices: [/repeated.*"h:0000372903", "p:40.1,-100.2"/]
		},
		{ name: 'bad and repeated removals', q: 'remove=AL-01~AL-01~h:0000372903~<x>', added: [], removed: ['AL-01'], notices: [/"h:0000372903", "<x>".*not a centre id.*add=/, /repeated removed/] },
		{
			name: 'one bad part loses nothing else',
			q: 'add=h:0000372903~p:abc~p:40.1,-100.2&remove=CA-04~%%%',
			added: ['h:0000372903', 'p:40.1,-100.2'],
			removed: ['CA-04'],
			notices: [/"p:abc"/, /"%%%"/]
		}
	])('$name', ({ q: query, added, removed = [], notices = [], hospitalIds }) => {
		const r = parseScenario(q(query));
		expect(r.link.added.map(addedId)).toEqual(added);
		expect(r.link.removed).toEqual(removed);
		expect(r.notices).toHaveLength(notices.length);
		notices.forEach((re, i) => expect(r.notices[i]).toMatch(re));
		if (hospitalIds) expect(r.hospitalIds).toEqual(hospitalIds);
	});

	it(`keeps the first ${MAX_ADDED} additions of a longer link and says so`, () => {
		const items = Array.from({ length: MAX_ADDED + 3 }, (_, i) => `p:${30 + i * 0.1},-100`);
		const r = parseScenario(q(`add=${items.join('~')}`));
		expect(r.link.added).toHaveLength(MAX_ADDED);
		expect(addedId(r.link.added[MAX_ADDED - 1])).toBe(`p:${roundCoord(30 + (MAX_ADDED - 1) * 0.1)},-100`);
		expect(r.notices).toEqual([`The link adds ${MAX_ADDED + 3} centres; a scenario holds at most ${MAX_ADDED}, so the first ${MAX_ADDED} are kept.`]);
	});
});

describe('serialise and round-trip', () => {
	it('the empty scenario writes nothing', () => {
		expect(serialiseScenario(EMPTY_SCENARIO)).toEqual({});
	});
	it('the documented format', () => {
		const s = removeCentre(addPoint(addHospital(EMPTY_SCENARIO, H1), { lat: 40.1, lon: -100.2 }), 'AL-01');
		expect(serialiseScenario(s)).toEqual({ add: 'h:0000372903~p:40.1,-100.2', remove: 'AL-01' });
	});
	it.each<{ name: string; s: Scenario }>([
		{ name: 'hospital only', s: addHospital(EMPTY_SCENARIO, H1) },
		{ name: 'removals only', s: removeCentre(removeCentre(EMPTY_SCENARIO, 'TX-01'), 'AL-01') },
		{
			name: 'mixed',
			s: removeCentre(addHospital(addPoint(addHospital(EMPTY_SCENARIO, H2), { lat: 61.2181, lon: -149.9003 }), H1), 'CA-01')
		},
		{ name: 'points near zero and negative', s: addPoint(addPoint(EMPTY_SCENARIO, { lat: 18.0001, lon: -65.2 }), { lat: 52.9, lon: 173.2 }) }
	])('URL → parse → resolve gives back $name', ({ s }) => {
		const url = new URLSearchParams(serialiseScenario(s)).toString();
		const parsed = parseScenario(new URLSearchParams(url));
		expect(parsed.notices).toEqual([]);
		const rows = [H1, H2].map((h) => ({ hospital_id: h.hospitalId, name: h.name, lat: h.lat, lon: h.lon }));
		const { scenario, notices } = resolveScenario({ link: parsed.link, hospitals: rows, centreIds: BASE.map((c) => c.id) });
		expect(notices).toEqual([]);
		expect(scenario).toEqual(s);
		expect(scenarioCentres(BASE, scenario)).toEqual(scenarioCentres(BASE, s));
	});
});

describe('resolveScenario', () => {
	const link: ScenarioLink = {
		added: [
			{ kind: 'hospital', hospitalId: '0000372903' },
			{ kind: 'point', lat: 40.1, lon: -100.2 },
			{ kind: 'hospital', hospitalId: '0000000001' },
			{ kind: 'hospital', hospitalId: '0000000064' }
		],
		removed: ['AL-01', 'ZZ-99']
	};
	const rows = [H2, H1].map((h) => ({ hospital_id: h.hospitalId, name: h.name, lat: h.lat, lon: h.lon }));
	it('drops unknown hospitals and centres with notices, keeps the rest in order', () => {
		const r = resolveScenario({ link, hospitals: rows, centreIds: BASE.map((c) => c.id) });
		expect(r.scenario.added.map(addedId)).toEqual(['h:0000372903', 'p:40.1,-100.2', 'h:0000000064']);
		expect(r.scenario.added[0]).toEqual({ kind: 'hospital', ...H1 });
		expect(r.scenario.removed).toEqual(['AL-01']);
		expect(r.notices).toHaveLength(2);
		expect(r.notices[0]).toMatch(/0000000001/);
		expect(r.notices[1]).toMatch(/"ZZ-99"/);
	});
	it('without centreIds keeps every removal', () => {
		expect(resolveScenario({ link, hospitals: rows }).scenario.removed).toEqual(['AL-01', 'ZZ-99']);
	});
});
