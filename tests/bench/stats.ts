/** Small statistics for the benchmark: medians and ranges over repeated runs. */
export function median(xs: number[]): number {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function range(xs: number[]): [number, number] {
	return [Math.min(...xs), Math.max(...xs)];
}

export async function timeRuns(n: number, fn: () => Promise<unknown> | unknown, warmup = 1): Promise<number[]> {
	for (let i = 0; i < warmup; i++) await fn();
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		const t0 = performance.now();
		await fn();
		out.push(performance.now() - t0);
	}
	return out;
}

export interface BenchRow {
	group: string;
	name: string;
	median: number;
	min: number;
	max: number;
	unit: string;
	runs: number;
	/** ratio against the named baseline measured in the same run */
	ratio?: { vs: string; value: number };
	target?: { max: number; met: boolean };
}

export function row(group: string, name: string, xs: number[], unit = 'ms', extra: Partial<BenchRow> = {}): BenchRow {
	const [min, max] = range(xs);
	const r: BenchRow = { group, name, median: median(xs), min, max, unit, runs: xs.length, ...extra };
	return r;
}

export function withTarget(r: BenchRow, max: number): BenchRow {
	return { ...r, target: { max, met: r.median <= max } };
}

export function formatTable(rows: BenchRow[]): string {
	const fmt = (v: number, unit: string) => (unit === 'MB' ? v.toFixed(2) : unit === 'x' ? v.toFixed(2) : v >= 100 ? v.toFixed(0) : v.toFixed(1));
	const lines = [
		'| group | measure | median | range | runs | ratio | target |',
		'| --- | --- | ---: | ---: | ---: | ---: | --- |'
	];
	for (const r of rows) {
		lines.push(
			`| ${r.group} | ${r.name} | ${fmt(r.median, r.unit)} ${r.unit} | ${fmt(r.min, r.unit)}–${fmt(r.max, r.unit)} | ${r.runs} | ${
				r.ratio ? `${r.ratio.value.toFixed(2)}× ${r.ratio.vs}` : ''
			} | ${r.target ? `≤ ${r.target.max} ${r.unit}: ${r.target.met ? 'met' : 'NOT met'}` : ''} |`
		);
	}
	return lines.join('\n');
}
