import { describe, expect, it, vi } from 'vitest';
import { debounce } from '../../src/lib/state/debounce';

describe('debounce', () => {
	it('runs once with the last arguments after the quiet period', () => {
		vi.useFakeTimers();
		const f = vi.fn();
		const d = debounce(f, 100);
		d(1);
		d(2);
		vi.advanceTimersByTime(99);
		expect(f).not.toHaveBeenCalled();
		d(3);
		vi.advanceTimersByTime(100);
		expect(f).toHaveBeenCalledTimes(1);
		expect(f).toHaveBeenCalledWith(3);
		vi.useRealTimers();
	});
	it('flush runs now, and only if something is pending', () => {
		vi.useFakeTimers();
		const f = vi.fn();
		const d = debounce(f, 100);
		d.flush();
		expect(f).not.toHaveBeenCalled();
		d('x');
		d.flush();
		expect(f).toHaveBeenCalledWith('x');
		vi.advanceTimersByTime(200);
		expect(f).toHaveBeenCalledTimes(1);
		vi.useRealTimers();
	});
});
