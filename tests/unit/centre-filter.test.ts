import { describe, expect, it } from 'vitest';
import { centreWhere, normaliseFilter } from '../../src/lib/queries/centre-filter';

describe('centre filter', () => {
	it('keeps only allowed values, in canonical order', () => {
		expect(normaliseFilter({ evidence: ['weak', 'strong', 'bogus' as never], served: ['pediatric'] })).toEqual({
			evidence: ['strong', 'weak'],
			served: ['pediatric']
		});
	});
	it('binds values as parameters', () => {
		const w = centreWhere({ evidence: ['strong'], served: ['adult'] });
		expect(w.sql).not.toContain('strong');
		expect(w.params).toEqual(['strong', 'adult,both']);
	});
	it('any population when none chosen', () => {
		expect(centreWhere({ evidence: ['strong'], served: [] }).params[1]).toBe('adult,pediatric,both');
	});
});
