import { describe, expect, it } from 'vitest';
import { parseView, serialiseView, usesDefaultCentres, DEFAULT_VIEW, type ViewState } from '../../src/lib/state/url-params';

describe('parseView', () => {
	it('defaults with no params', () => {
		expect(parseView(new URLSearchParams(''))).toEqual({ state: DEFAULT_VIEW, notices: [] });
	});
	it.each([
		{ q: 'evidence=strong', evidence: ['strong'], notices: 0 },
		{ q: 'evidence=weak,strong', evidence: ['strong', 'weak'], notices: 0 },
		{ q: 'evidence=bogus', evidence: ['strong', 'moderate'], notices: 2 },
		{ q: 'evidence=strong,zzz', evidence: ['strong'], notices: 1 },
		{ q: 'colour=red', evidence: ['strong', 'moderate'], notices: 1 }
	])('evidence: $q', ({ q, evidence, notices }) => {
		const r = parseView(new URLSearchParams(q));
		expect(r.state.filter.evidence).toEqual(evidence);
		expect(r.notices).toHaveLength(notices);
	});
	it('served', () => {
		expect(parseView(new URLSearchParams('served=pediatric')).state.filter.served).toEqual(['pediatric']);
		const bad = parseView(new URLSearchParams('served=kids'));
		expect(bad.state.filter.served).toEqual([]);
		expect(bad.notices[0]).toMatch(/served="kids"/);
	});
	it.each([
		{ q: 'method=straight_miles', method: 'straight_miles', t: 60, notices: 0 },
		{ q: 'method=straight_miles&t=90', method: 'straight_miles', t: 90, notices: 0 },
		{ q: 'method=teleport&t=90', method: 'road', t: 90, notices: 1 },
		{ q: 't=abc', method: 'road', t: 120, notices: 1 },
		{ q: 't=', method: 'road', t: 120, notices: 1 },
		{ q: 't=9999', method: 'road', t: 120, notices: 1 },
		{ q: 't=45', method: 'road', t: 45, notices: 0 }
	])('method and threshold: $q', ({ q, method, t, notices }) => {
		const r = parseView(new URLSearchParams(q));
		expect(r.state.method).toBe(method);
		expect(r.state.threshold).toBe(t);
		expect(r.notices).toHaveLength(notices);
	});
	it('region must be a known state when the list is given', () => {
		const states = new Set(['06', '36']);
		expect(parseView(new URLSearchParams('region=06'), states).state.region).toBe('06');
		const bad = parseView(new URLSearchParams('region=99'), states);
		expect(bad.state.region).toBe('US');
		expect(bad.notices[0]).toMatch(/region="99"/);
		expect(parseView(new URLSearchParams('region=California')).notices).toHaveLength(1);
	});
	it('products', () => {
		expect(parseView(new URLSearchParams('products=Yescarta,Kymriah')).state.filter.products).toEqual(['Kymriah', 'Yescarta']);
		const bad = parseView(new URLSearchParams('products=Kymriah,<script>'));
		expect(bad.state.filter.products).toEqual(['Kymriah']);
		expect(bad.notices).toHaveLength(1);
	});
	it('group', () => {
		expect(parseView(new URLSearchParams('group=nh_black')).state.group).toBe('nh_black');
		const bad = parseView(new URLSearchParams('group=martians'));
		expect(bad.state.group).toBe('rural');
		expect(bad.notices).toHaveLength(1);
	});
	it('one bad part loses nothing else', () => {
		const r = parseView(new URLSearchParams('evidence=strong&method=calibrated&t=zzz&group=hispanic&region=48'));
		expect(r.state).toMatchObject({ method: 'calibrated', threshold: 120, group: 'hispanic', region: '48' });
		expect(r.state.filter.evidence).toEqual(['strong']);
		expect(r.notices).toHaveLength(1);
	});
	it('round-trips', () => {
		const s: ViewState = {
			filter: { evidence: ['strong'], served: ['adult'], products: ['Abecma'] },
			method: 'straight_30mph',
			threshold: 90,
			region: '06',
			group: 'pov150',
			centreSet: 'Our network, 2026',
			areaSet: 'Referrals'
		};
		expect(serialiseView(s).get('centres')).toBe('user:Our network, 2026');
		expect(parseView(serialiseView(s)).state).toEqual(s);
		expect(serialiseView(DEFAULT_VIEW).toString()).toBe('');
	});
});

describe('centres (a centre set saved in this browser)', () => {
	it('reads user:<name> and leaves the atlas list when absent', () => {
		expect(parseView(new URLSearchParams('centres=user:My%20list')).state.centreSet).toBe('My list');
		expect(parseView(new URLSearchParams('')).state.centreSet).toBeNull();
		expect(parseView(new URLSearchParams('centres=atlas')).notices).toEqual([]);
	});
	it('falls back to the atlas list with a notice for a malformed value, keeping the rest', () => {
		const r = parseView(new URLSearchParams(`centres=mine&t=90`));
		expect(r.state.centreSet).toBeNull();
		expect(r.state.threshold).toBe(90);
		expect(r.notices).toHaveLength(1);
		expect(r.notices[0]).toMatch(/use user:/);
		const long = parseView(new URLSearchParams(`centres=user:${'x'.repeat(61)}`));
		expect(long.state.centreSet).toBeNull();
		expect(long.notices[0]).toMatch(/too long/);
		expect(parseView(new URLSearchParams('centres=user:%20%20')).notices[0]).toMatch(/name/);
	});
});

describe('usesDefaultCentres', () => {
	it('is true for the default centre list whatever the method, threshold, region or group; false for another list', () => {
		const view = (q: string) => parseView(new URLSearchParams(q)).state;
		expect(usesDefaultCentres(view(''))).toBe(true);
		expect(usesDefaultCentres(view('method=straight_miles&t=60&region=08&group=rural'))).toBe(true);
		expect(usesDefaultCentres(view('evidence=strong,moderate'))).toBe(true); // the default, spelt out
		expect(usesDefaultCentres(view('evidence=strong'))).toBe(false);
		expect(usesDefaultCentres(view('served=pediatric'))).toBe(false);
		expect(usesDefaultCentres(view('products=Kymriah'))).toBe(false);
		expect(usesDefaultCentres({ ...DEFAULT_VIEW, centreSet: 'Our network' })).toBe(false);
	});
});
