import { describe, expect, it } from 'vitest';
import { parseView, serialiseView, DEFAULT_VIEW } from '../../src/lib/state/url-params';

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
	])('$q', ({ q, evidence, notices }) => {
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
	it('round-trips', () => {
		const s = { filter: { evidence: ['strong' as const], served: ['adult' as const] } };
		expect(parseView(serialiseView(s)).state).toEqual(s);
		expect(serialiseView(DEFAULT_VIEW).toString()).toBe('');
	});
});
