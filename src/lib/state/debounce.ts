/** Run `fn` once, `ms` after the last call (e.g. writing the URL while a slider is dragged:
 * browsers throttle history.replaceState, and each call costs a few milliseconds). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let last: A | undefined;
	const run = () => {
		timer = undefined;
		if (last) fn(...last);
		last = undefined;
	};
	const d = (...args: A) => {
		last = args;
		if (timer) clearTimeout(timer);
		timer = setTimeout(run, ms);
	};
	d.flush = () => {
		if (timer) clearTimeout(timer);
		run();
	};
	return d;
}
