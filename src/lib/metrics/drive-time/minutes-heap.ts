/**
 * The heap of the one-label road searches: a centre's minutes (metrics/drive-time/dijkstra minutesWithin)
 * and a planner candidate's (planner/road).
 */
/** A binary min-heap of (minutes, vertex) entries in growable typed arrays (a reader skips stale entries). */
export class MinutesHeap {
	d: Float64Array;
	v: Int32Array;
	size = 0;
	constructor(capacity = 1024) {
		this.d = new Float64Array(capacity);
		this.v = new Int32Array(capacity);
	}
	push(d: number, v: number): void {
		if (this.size === this.d.length) {
			const d2 = new Float64Array(this.d.length * 2);
			d2.set(this.d);
			const v2 = new Int32Array(this.v.length * 2);
			v2.set(this.v);
			this.d = d2;
			this.v = v2;
		}
		const hd = this.d;
		const hv = this.v;
		let i = this.size++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (hd[p] <= d) break;
			hd[i] = hd[p];
			hv[i] = hv[p];
			i = p;
		}
		hd[i] = d;
		hv[i] = v;
	}
	/** removes the top; read d[0], v[0] before calling */
	pop(): void {
		const last = --this.size;
		if (last === 0) return;
		const hd = this.d;
		const hv = this.v;
		const d = hd[last];
		const v = hv[last];
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= last) break;
			const r = l + 1;
			const c = r < last && hd[r] < hd[l] ? r : l;
			if (hd[c] >= d) break;
			hd[i] = hd[c];
			hv[i] = hv[c];
			i = c;
		}
		hd[i] = d;
		hv[i] = v;
	}
}
