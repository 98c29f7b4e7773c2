import { describe, expect, it } from 'vitest';
import { centreWhere, normaliseFilter, passesFilter } from '../../src/lib/queries/centre-filter';

describe('centre filter', () => {
	it('keeps only allowed values, in canonical order', () => {
		expect(normaliseFilter({ evidence: ['weak', 'strong', 'bogus' as never], served: ['pediatric'], products: ['Yescarta', 'Kymriah', 'x; DROP'] })).toEqual({
			evidence: ['strong', 'weak'],
			served: ['pediatric'],
			products: ['Kymriah', 'Yescarta']
		});
	});
	it('binds values as parameters', () => {
		const w = centreWhere({ evidence: ['strong'], served: ['adult'] });
		expect(w.sql).not.toContain('strong');
		expect(w.params).toEqual(['strong', 'adult,both', '', '']);
	});
	it('any population when none chosen', () => {
		expect(centreWhere({ evidence: ['strong'], served: [] }).params[1]).toBe('adult,pediatric,both');
	});
	it.each([
		{ row: { evidence_strength: 'strong', population_served: 'adult' }, f: { evidence: ['strong'], served: [] }, ok: true },
		{ row: { evidence_strength: 'weak', population_served: 'adult' }, f: { evidence: ['strong'], served: [] }, ok: false },
		{ row: { evidence_strength: 'strong', population_served: 'both' }, f: { evidence: ['strong'], served: ['pediatric'] }, ok: true },
		{ row: { evidence_strength: 'strong', population_served: 'adult' }, f: { evidence: ['strong'], served: ['pediatric'] }, ok: false }
	] as const)('passesFilter $row.evidence_strength/$row.population_served', ({ row, f, ok }) => {
		expect(passesFilter(row, { evidence: [...f.evidence], served: [...f.served] })).toBe(ok);
	});
	it.each([
		{ products: ['Kymriah'], want: ['Kymriah'], ok: true },
		{ products: [], want: ['Abecma'], ok: false },
		{ products: ['Kymriah', 'Yescarta'], want: ['Yescarta'], ok: true },
		{ products: ['Kymriah'], want: [], ok: true }
	])('products $products vs filter $want', ({ products, want, ok }) => {
		expect(passesFilter({ evidence_strength: 'strong', population_served: 'adult', products }, { evidence: ['strong'], served: [], products: want })).toBe(ok);
	});
});
