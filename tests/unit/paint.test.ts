import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextPaint } from '../../src/lib/state/paint';

describe('nextPaint', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('resolves at once where there are no frames', async () => {
		await expect(nextPaint()).resolves.toBeUndefined();
	});

	it('waits for the next animation frame, then a task queued from it', async () => {
		const frames: FrameRequestCallback[] = [];
		vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
		let done = false;
		const p = nextPaint().then(() => (done = true));
		await new Promise((r) => setTimeout(r, 5));
		expect(done).toBe(false); // no frame yet
		expect(frames).toHaveLength(1);
		frames[0](0);
		expect(done).toBe(false); // the frame's callbacks, not yet its paint
		await p;
		expect(done).toBe(true);
	});
});
