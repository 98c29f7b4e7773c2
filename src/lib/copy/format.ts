/**
 * Number formats for figures on screen, in exports and in sentences. One cached
 * Intl.NumberFormat per style: `toLocaleString` with options builds a new formatter on every
 * call, which measurably slowed threshold changes (tables format hundreds of cells).
 */
const nf = new Map<string, Intl.NumberFormat>();
function fmt(minFrac: number, maxFrac: number): Intl.NumberFormat {
	const key = `${minFrac}-${maxFrac}`;
	let f = nf.get(key);
	if (!f) nf.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: minFrac, maximumFractionDigits: maxFrac })));
	return f;
}

/** 1,234 (rounded to a whole number). */
export function formatInteger(n: number): string {
	return fmt(0, 0).format(Math.round(n));
}

/** 1,234 / 1.2 million / 3.4 billion; – for null. */
export function formatCount(n: number | null | undefined): string {
	if (n == null || !Number.isFinite(n)) return '–';
	const a = Math.abs(n);
	if (a >= 1e9) return `${fmt(0, 1).format(n / 1e9)} billion`;
	if (a >= 1e6) return `${fmt(0, 1).format(n / 1e6)} million`;
	return formatInteger(n);
}

/** 31.4 %, 100 %, 0 %, 0.3 %; – for null. */
export function formatPercent(share: number | null | undefined): string {
	if (share == null || !Number.isFinite(share)) return '–';
	const p = share * 100;
	if (p === 0 || p === 100) return `${p} %`;
	return `${fmt(1, 1).format(p)} %`;
}

/**
 * Two shares that are compared (before and after a change), as {@link formatPercent} gives them, but with
 * as many more decimals (up to 3) as it takes for two different shares not to read the same:
 * 18.82 % and 18.76 %, not 18.8 % and 18.8 %, when a new centre brings 200,000 of 330 million within reach.
 */
export function formatPercentPair(a: number | null | undefined, b: number | null | undefined): [string, string] {
	const one = [formatPercent(a), formatPercent(b)] as [string, string];
	if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || a === b || one[0] !== one[1]) return one;
	for (let d = 2; d <= 3; d++) {
		const pair = [a, b].map((s) => `${fmt(d, d).format(s * 100)} %`) as [string, string];
		if (pair[0] !== pair[1] || d === 3) return pair;
	}
	return one;
}

/** 1.8×, 0.25×; – for null. */
export function formatRatio(ratio: number | null | undefined): string {
	if (ratio == null || !Number.isFinite(ratio)) return '–';
	const d = ratio < 0.1 ? 2 : 1;
	return `${fmt(d, d).format(ratio)}×`;
}

/** A number with up to `digits` decimals: 12.3, 1,234.5. */
export function formatNumber(n: number, digits = 1): string {
	return fmt(0, digits).format(n);
}

/**
 * A place as degrees with their hemisphere ("42.774° N, 102.202° W"): a reader's notation, not a signed
 * pair. `round` gives each coordinate as it is to be shown (its sign is dropped; a value that shows as
 * zero has no southern or western hemisphere).
 */
export function formatLatLon(lat: number, lon: number, round: (x: number) => string = String): string {
	const deg = (x: number, pos: string, neg: string) => {
		const shown = round(Math.abs(x));
		return `${shown}° ${x < 0 && Number(shown) !== 0 ? neg : pos}`;
	};
	return `${deg(lat, 'N', 'S')}, ${deg(lon, 'E', 'W')}`;
}
