/**
 * Resolves once the next frame is painted: a task queued from the frame's animation-frame callbacks runs
 * after that frame's style, layout and paint. At once where there are no frames (Node, the tests).
 */
export function nextPaint(): Promise<void> {
	if (typeof requestAnimationFrame === 'undefined') return Promise.resolve();
	return new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
}
