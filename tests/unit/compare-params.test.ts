import { describe, expect, it } from 'vitest';
import {
	addRegion,
	checkRegions,
	compareQuery,
	MAX_REGIONS,
	parseCompare,
	parseRegionList,
	regionOf,
	removeRegion,
	serialiseCompare
} from '../../src/lib/state/compare-params';
import { DEFAULT_VIEW, type ViewState } from '../../src/lib/state/url-params';

describe('parseRegionList', () => {
	it.each([
		{ value: null, codes: [], notices: [] },
		{ value: '', codes: [], notices: [] },
		{ value: '08,30', codes: ['08', '30'], notices: [] },
		{ value: '08,30,56035', codes: ['08', '30', '56035'], notices: [] },
		{ value: ' 08 , 30 ,', codes: ['08', '30'], notices: [] },
		{ value: '08,99,abc', codes: ['08', '99'], notices: [/"abc"/] },
		{ value: '8,080,5603,560350', codes: [], notices: [/"8", "080", "5603", "560350"/] },
		{ value: '08,08,30', codes: ['08', '30'], notices: [/repeated region code "08"/] },
		{ value: '08;30', codes: [], notices: [/"08;30"/] },
		{ value: 'CO,MT', codes: [], notices: [/"CO", "MT".*2-digit state FIPS/] }
	])('$value', ({ value, codes, notices }) => {
		const r = parseRegionList(value);
		expect(r.codes).toEqual(codes);
		expect(r.notices).toHaveLength(notices.length);
		notices.forEach((re, i) => expect(r.notices[i]).toMatch(re));
	});
});

describe('checkRegions', () => {
	const states = new Set(['08', '30', '56', '72']);
	const counties = new Set(['08031', '56035', '72001']);
	it.each([
		{ codes: ['08', '30'], regions: ['08', '30'], notices: [] },
		{ codes: ['08', '99'], regions: ['08'], notices: [/"99": not a state or county/] },
		{ codes: ['08', '99999', '12345'], regions: ['08'], notices: [/codes "99999", "12345"/] },
		{ codes: ['72', '72001', '08'], regions: ['08'], notices: [/Puerto Rico/] },
		{ codes: ['08', '30', '56', '08031', '56035'], regions: ['08', '30', '56', '08031'], notices: [/at most 4.*56035 left out/] },
		// the cap applies to the regions that exist, so a bad code does not cost a good one
		{ codes: ['08', '99', '30', '56', '08031'], regions: ['08', '30', '56', '08031'], notices: [/"99"/] },
		{ codes: [], regions: [], notices: [] }
	])('$codes', ({ codes, regions, notices }) => {
		const r = checkRegions({ codes, states, counties });
		expect(r.regions).toEqual(regions);
		expect(r.notices).toHaveLength(notices.length);
		notices.forEach((re, i) => expect(r.notices[i]).toMatch(re));
	});
});

describe('parseCompare', () => {
	it('defaults: no regions, the dashboard defaults', () => {
		expect(parseCompare(new URLSearchParams(''))).toEqual({ view: DEFAULT_VIEW, codes: [], notices: [] });
	});
	it.each([
		{ q: 'regions=08,30&method=straight_miles&t=90', codes: ['08', '30'], method: 'straight_miles', t: 90, notices: [] },
		{ q: 'regions=08,99,abc', codes: ['08', '99'], method: 'road', t: 120, notices: [/"abc"/] },
		{ q: 'regions=08,30&t=zzz', codes: ['08', '30'], method: 'road', t: 120, notices: [/t="zzz"/] },
		{ q: 'regions=08,30&region=06', codes: ['08', '30'], method: 'road', t: 120, notices: [/region="06"/] },
		{ q: 'regions=08,30&add=h:1', codes: ['08', '30'], method: 'road', t: 120, notices: [/what-if setting "add"/] },
		{ q: 'regions=08,30&zoom=3', codes: ['08', '30'], method: 'road', t: 120, notices: [/"zoom"/] }
	])('$q', ({ q, codes, method, t, notices }) => {
		const r = parseCompare(new URLSearchParams(q));
		expect(r.codes).toEqual(codes);
		expect(r.view.method).toBe(method);
		expect(r.view.threshold).toBe(t);
		expect(r.view.region).toBe('US');
		expect(r.notices).toHaveLength(notices.length);
		notices.forEach((re, i) => expect(r.notices[i]).toMatch(re));
	});
	it('reads evidence, served and group like the dashboard', () => {
		const r = parseCompare(new URLSearchParams('regions=08,30&evidence=strong&served=adult&group=nh_aian'));
		expect(r.view.filter).toEqual({ evidence: ['strong'], served: ['adult'], products: [] });
		expect(r.view.group).toBe('nh_aian');
	});
});

describe('serialise', () => {
	const view: ViewState = { filter: { evidence: ['strong'], served: ['pediatric'], products: ['Kymriah'] }, method: 'calibrated', threshold: 90, region: 'US', group: 'pov150', centreSet: null, areaSet: null };
	it('round-trips', () => {
		const regions = ['08', '30', '56035'];
		const r = parseCompare(serialiseCompare({ view, regions }));
		expect(r).toEqual({ view, codes: regions, notices: [] });
	});
	it.each([
		{ regions: ['08', '30'], view: DEFAULT_VIEW, q: '?regions=08,30' },
		{ regions: [], view: DEFAULT_VIEW, q: '' },
		{ regions: ['08', '30', '56035'], view: { ...DEFAULT_VIEW, threshold: 60 }, q: '?regions=08,30,56035&t=60' },
		// the dashboard's region never leaks into the comparison link
		{ regions: ['08', '30'], view: { ...DEFAULT_VIEW, region: '06' }, q: '?regions=08,30' }
	])('compareQuery $q', ({ regions, view, q }) => {
		expect(compareQuery({ view, regions })).toBe(q);
	});
});

describe('add, remove, regionOf', () => {
	it.each([
		{ regions: ['08'], code: '30', out: ['08', '30'] },
		{ regions: ['08'], code: '08', out: ['08'] },
		{ regions: ['08'], code: 'abc', out: ['08'] },
		{ regions: ['08', '30', '56', '08031'], code: '56035', out: ['08', '30', '56', '08031'] }
	])('addRegion($regions, $code)', ({ regions, code, out }) => {
		expect(addRegion(regions, code)).toEqual(out);
		expect(out.length).toBeLessThanOrEqual(MAX_REGIONS);
	});
	it('removeRegion', () => {
		expect(removeRegion(['08', '30', '56035'], '30')).toEqual(['08', '56035']);
		expect(removeRegion(['08'], '30')).toEqual(['08']);
	});
	it.each([
		{ code: '08', region: { kind: 'state', state_fips: '08' } },
		{ code: '56035', region: { kind: 'counties', county_fips: ['56035'] } }
	])('regionOf($code)', ({ code, region }) => expect(regionOf(code)).toEqual(region));
	it('regionOf rejects a malformed code and says what to use', () => {
		expect(() => regionOf('CO')).toThrow(/2-digit state or 5-digit county/);
	});
});
