/**
 * The buffers of every typed array in a message (objects and arrays walked), each once: the
 * transfer list of a postMessage that hands the arrays over instead of copying them.
 */
export function transferables(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
	if (ArrayBuffer.isView(value)) {
		if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
	} else if (Array.isArray(value)) {
		for (const v of value) if (v && typeof v === 'object') transferables(v, out);
	} else if (value && typeof value === 'object') {
		for (const v of Object.values(value)) if (v && typeof v === 'object') transferables(v, out);
	}
	return [...out];
}
