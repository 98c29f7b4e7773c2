/**
 * The shareable view state <-> URL search params. Pure: callers pass the
 * URLSearchParams in and write the result out (library code never imports $app).
 * Unknown or malformed parameters fall back to defaults with a notice; nothing
 * valid in the same link is lost.
 */
import { EVIDENCE_LEVELS, PRODUCT_NAME, type CentreFilter, DEFAULT_CENTRE_FILTER } from '$lib/queries/centre-filter';
import { isMethod, METHOD_INFO, type Method } from '$lib/metrics/travel-methods';
import { GROUP_COPY } from '$lib/copy/groups';
import type { GroupId } from '$lib/metrics/equity';
import { AREA_PARAM, CENTRES_PARAM, parseAreaSource, parseCentreSource, serialiseCentreSource } from './centre-source';

export interface ViewState {
	filter: CentreFilter;
	method: Method;
	/** minutes or miles, per the method's unit */
	threshold: number;
	/** 'US' (50 states + DC) or a 2-digit state FIPS */
	region: string;
	/** group named in the headline sentence */
	group: GroupId;
	/** name of a centre set saved in this browser, or null for the atlas's list (state/centre-source) */
	centreSet: string | null;
	/** name of an area data set saved in this browser, whose values weight a second set of figures; null for none */
	areaSet: string | null;
}

export const DEFAULT_VIEW: ViewState = {
	filter: DEFAULT_CENTRE_FILTER,
	method: 'road',
	threshold: METHOD_INFO.road.defaultThreshold,
	region: 'US',
	group: 'rural',
	centreSet: null,
	areaSet: null
};

/** Threshold bounds offered by the slider, per unit. */
export const THRESHOLD_RANGE = { minutes: { min: 15, max: 300, step: 5 }, miles: { min: 10, max: 300, step: 5 } } as const;

const KNOWN = new Set(['evidence', 'served', 'products', 'method', 't', 'region', 'group', 'add', 'remove', CENTRES_PARAM, AREA_PARAM]);

export interface Parsed {
	state: ViewState;
	notices: string[];
}

export function parseView(params: URLSearchParams, stateFips: ReadonlySet<string> = new Set()): Parsed {
	const notices: string[] = [];
	for (const key of params.keys()) {
		if (!KNOWN.has(key)) notices.push(`Ignored the unknown link setting "${key}".`);
	}
	let evidence = DEFAULT_VIEW.filter.evidence;
	const ev = params.get('evidence');
	if (ev != null) {
		const parts = ev.split(',').filter(Boolean);
		const good = EVIDENCE_LEVELS.filter((e) => parts.includes(e));
		const bad = parts.filter((p) => !(EVIDENCE_LEVELS as readonly string[]).includes(p));
		if (bad.length) notices.push(`Ignored unknown evidence level(s) ${bad.map((b) => `"${b}"`).join(', ')}; use strong, moderate or weak.`);
		if (good.length) evidence = good;
		else notices.push('No valid evidence level in the link: showing the default (strong and moderate).');
	}
	let served = DEFAULT_VIEW.filter.served;
	const sv = params.get('served');
	if (sv != null) {
		if (sv === 'adult' || sv === 'pediatric') served = [sv];
		else if (sv !== 'any' && sv !== '') notices.push(`Ignored served="${sv}"; use adult, pediatric or any.`);
	}
	let products: string[] = [];
	const pr = params.get('products');
	if (pr != null) {
		const parts = pr.split(',').map((x) => x.trim()).filter(Boolean);
		products = [...new Set(parts.filter((x) => PRODUCT_NAME.test(x)))].sort();
		const bad = parts.filter((x) => !PRODUCT_NAME.test(x));
		if (bad.length) notices.push(`Ignored product name(s) ${bad.map((b) => `"${b.slice(0, 40)}"`).join(', ')} (brand names only, e.g. Kymriah).`);
	}
	let method = DEFAULT_VIEW.method;
	const m = params.get('method');
	if (m != null) {
		if (isMethod(m)) method = m;
		else notices.push(`Ignored method="${m}"; use road, calibrated, straight_30mph or straight_miles.`);
	}
	let threshold = METHOD_INFO[method].defaultThreshold;
	const t = params.get('t');
	if (t != null) {
		const v = Number(t);
		const r = THRESHOLD_RANGE[METHOD_INFO[method].unit];
		if (t.trim() !== '' && Number.isFinite(v) && v >= r.min && v <= r.max) threshold = v;
		else notices.push(`Ignored t="${t}": the threshold must be a number from ${r.min} to ${r.max} ${METHOD_INFO[method].unit}.`);
	}
	let region = DEFAULT_VIEW.region;
	const rg = params.get('region');
	if (rg != null && rg !== 'US') {
		if (/^\d{2}$/.test(rg) && (stateFips.size === 0 || stateFips.has(rg))) region = rg;
		else notices.push(`Ignored region="${rg}"; use US or a 2-digit state FIPS code.`);
	}
	let group = DEFAULT_VIEW.group;
	const g = params.get('group');
	if (g != null) {
		if (g in GROUP_COPY) group = g as GroupId;
		else notices.push(`Ignored group="${g}" (not a population group of the atlas).`);
	}
	const source = parseCentreSource(params.get(CENTRES_PARAM));
	if (source.notice) notices.push(source.notice);
	const area = parseAreaSource(params.get(AREA_PARAM));
	if (area.notice) notices.push(area.notice);
	return { state: { filter: { evidence, served, products }, method, threshold, region, group, centreSet: source.set, areaSet: area.set }, notices };
}

export function serialiseView(s: ViewState): URLSearchParams {
	const p = new URLSearchParams();
	const ev = s.filter.evidence.join(',');
	if (ev !== DEFAULT_VIEW.filter.evidence.join(',')) p.set('evidence', ev);
	if (s.filter.served.length === 1) p.set('served', s.filter.served[0]);
	if (s.filter.products?.length) p.set('products', [...s.filter.products].sort().join(','));
	if (s.method !== DEFAULT_VIEW.method) p.set('method', s.method);
	if (s.threshold !== METHOD_INFO[s.method].defaultThreshold) p.set('t', String(s.threshold));
	if (s.region !== 'US') p.set('region', s.region);
	if (s.group !== DEFAULT_VIEW.group) p.set('group', s.group);
	const centres = serialiseCentreSource(s.centreSet);
	if (centres) p.set(CENTRES_PARAM, centres);
	const area = serialiseCentreSource(s.areaSet);
	if (area) p.set(AREA_PARAM, area);
	return p;
}

/**
 * True when a view's baseline is the atlas's default centre list (the default evidence, product and
 * served filters, no centre set of the user's): the only list the build-time travel is computed for.
 */
export function usesDefaultCentres(s: ViewState): boolean {
	const p = serialiseView(s);
	return !p.has('evidence') && !p.has('served') && !p.has('products') && !p.has(CENTRES_PARAM);
}
