/**
 * The shareable view state <-> URL search params. Pure: callers pass the
 * URLSearchParams in and write the result out (library code never imports $app).
 * Unknown or malformed parameters fall back to defaults with a notice.
 */
import { EVIDENCE_LEVELS, type CentreFilter, DEFAULT_CENTRE_FILTER } from '$lib/queries/centre-filter';

export interface ViewState {
	filter: CentreFilter;
}

export const DEFAULT_VIEW: ViewState = { filter: DEFAULT_CENTRE_FILTER };
const KNOWN = new Set(['evidence', 'served']);

export interface Parsed {
	state: ViewState;
	notices: string[];
}

export function parseView(params: URLSearchParams): Parsed {
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
	return { state: { filter: { evidence, served } }, notices };
}

export function serialiseView(s: ViewState): URLSearchParams {
	const p = new URLSearchParams();
	const ev = s.filter.evidence.join(',');
	if (ev !== DEFAULT_VIEW.filter.evidence.join(',')) p.set('evidence', ev);
	if (s.filter.served.length === 1) p.set('served', s.filter.served[0]);
	return p;
}
