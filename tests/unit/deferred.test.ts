import { describe, expect, it } from 'vitest';
import { deferred } from '../../src/lib/state/deferred';

describe('deferred', () => {
	it('says at once whether it was fulfilled, and resolves its promise', async () => {
		const d = deferred<number>();
		expect(d.resolved).toBe(false);
		d.resolve(3);
		expect(d.resolved).toBe(true);
		await expect(d.promise).resolves.toBe(3);
	});

	it('a rejected one is not resolved, even if resolve is called afterwards', async () => {
		const d = deferred<number>();
		d.reject(new Error('no'));
		d.resolve(1);
		expect(d.resolved).toBe(false);
		await expect(d.promise).rejects.toThrow('no');
	});
});
