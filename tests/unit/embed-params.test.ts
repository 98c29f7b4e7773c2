/** Embed URLs, the snippet and the height protocol: tables of cases. */
import { describe, expect, it } from 'vitest';
import { displayParams, EMBED_CHARTS, isEmbedChart, parseEmbed, queryString, viewParams } from '../../src/lib/embed/params';
import { embedSnippet, embedUrl, escapeHtml, frameId } from '../../src/lib/embed/snippet';
import { heightMessage, heightReporter, isHeightMessage, isRequestMessage, HEIGHT_MESSAGE, REQUEST_MESSAGE } from '../../src/lib/embed/protocol';

const q = (s: string) => new URLSearchParams(s);

describe('parseEmbed', () => {
	it.each([
		['map', '', { theme: 'light', title: null, groups: null, id: null, downloads: false }, 0],
		['map', 'theme=dark&id=a-1&downloads=1', { theme: 'dark', title: null, groups: null, id: 'a-1', downloads: true }, 0],
		['equity', 'title=Who%20lives%20far&groups=all,rural,bogus', { theme: 'light', title: 'Who lives far', groups: ['all', 'rural'], id: null, downloads: false }, 1],
		['equity', 'title=none', { theme: 'light', title: '', groups: null, id: null, downloads: false }, 0],
		['map', 'theme=sepia&id=1bad', { theme: 'light', title: null, groups: null, id: null, downloads: false }, 2],
		['equity', 'groups=nope', { theme: 'light', title: null, groups: null, id: null, downloads: false }, 2]
	] as const)('%s ?%s', (chart, query, display, notices) => {
		const p = parseEmbed(chart, q(query));
		expect(p.display).toEqual(display);
		expect(p.notices).toHaveLength(notices);
	});

	it('reads the view with the dashboard parser, without calling display params unknown', () => {
		const p = parseEmbed('map', q('region=08&t=60&method=straight_miles&theme=dark&title=x'));
		expect(p.view).toMatchObject({ region: '08', threshold: 60, method: 'straight_miles' });
		expect(p.notices).toEqual([]);
	});

	it('shows notices for bad view params inside the embed', () => {
		const p = parseEmbed('ranking', q('t=9999&group=martians&regions=08,30'));
		expect(p.notices.join(' ')).toMatch(/t="9999"/);
		expect(p.notices.join(' ')).toMatch(/martians/);
		expect(p.notices.join(' ')).toMatch(/regions=/);
	});

	it('compare reads regions=; what-if reads add/remove and says when there is no change', () => {
		const c = parseEmbed('compare', q('regions=08,30,56035,xx'));
		expect(c.regions).toEqual(['08', '30', '56035']);
		expect(c.notices).toHaveLength(1);
		const w = parseEmbed('whatif', q('add=h:0000372903&remove=AL-01'));
		expect(w.scenario.link.added).toEqual([{ kind: 'hospital', hospitalId: '0000372903' }]);
		expect(w.scenario.link.removed).toEqual(['AL-01']);
		expect(parseEmbed('whatif', q('')).notices.join(' ')).toMatch(/no change/);
	});

	it('view and display params round-trip', () => {
		const p = parseEmbed('whatif', q('region=08&t=90&add=p:39.5,-105.2&theme=dark&groups=all,rural&id=x1'));
		const back = parseEmbed('whatif', q(`${viewParams({ chart: 'whatif', view: p.view, scenario: p.scenario.link })}&${displayParams(p.display)}`));
		expect(back.view).toEqual(p.view);
		expect(back.display).toEqual(p.display);
		expect(back.scenario.link).toEqual(p.scenario.link);
	});

	it('knows its charts', () => {
		expect(EMBED_CHARTS.every(isEmbedChart)).toBe(true);
		expect(isEmbedChart('pie')).toBe(false);
		expect(queryString(q('regions=08,30'))).toBe('?regions=08,30');
		expect(queryString(q(''))).toBe('');
	});
});

describe('snippet', () => {
	const view = q('region=08');
	it('builds an absolute URL with display options and a stable frame id', () => {
		expect(embedUrl({ origin: 'https://atlas.example', chart: 'map', view, display: { theme: 'dark' } })).toBe('https://atlas.example/embed/map/?region=08&theme=dark');
		const a = embedSnippet({ origin: 'https://atlas.example', chart: 'map', view });
		const b = embedSnippet({ origin: 'https://atlas.example', chart: 'map', view });
		expect(a).toEqual(b);
		expect(a.id).toBe(frameId('map', 'https://atlas.example/embed/map/?region=08'));
		expect(a.url).toContain(`id=${a.id}`);
		expect(a.html).toContain(`<iframe id="${a.id}"`);
		expect(a.html).toContain('data-car-t-atlas');
		expect(a.html).toContain('width:100%');
		expect(a.html).toContain('<script src="https://atlas.example/embed.js" async></script>');
	});
	it('escapes titles', () => {
		const s = embedSnippet({ origin: 'https://a.example', chart: 'equity', view: q(''), display: { title: '"<b>&' } });
		expect(s.html).toContain('title="&quot;&lt;b&gt;&amp;"');
		expect(escapeHtml(`'`)).toBe('&#39;');
	});
});

describe('height protocol', () => {
	it.each([
		[{ type: HEIGHT_MESSAGE, height: 300, id: null }, true],
		[{ type: HEIGHT_MESSAGE, height: 300, id: 'x' }, true],
		[{ type: HEIGHT_MESSAGE, height: 10, id: null }, false],
		[{ type: HEIGHT_MESSAGE, height: 1e6, id: null }, false],
		[{ type: HEIGHT_MESSAGE, height: Number.NaN, id: null }, false],
		[{ type: 'other', height: 300, id: null }, false],
		['car-t-atlas:height', false],
		[null, false]
	])('isHeightMessage(%j) = %s', (m, ok) => expect(isHeightMessage(m)).toBe(ok));

	it('reports whole heights once per change, and again when forced', () => {
		let h = 400.2;
		const sent: unknown[] = [];
		const report = heightReporter({ measure: () => h, post: (m) => sent.push(m), id: 'f' });
		report();
		report();
		h = 380;
		report();
		report(true);
		expect(sent).toEqual([heightMessage({ height: 401, id: 'f' }), heightMessage({ height: 380, id: 'f' }), heightMessage({ height: 380, id: 'f' })]);
		expect(isRequestMessage({ type: REQUEST_MESSAGE })).toBe(true);
		expect(isRequestMessage({ type: HEIGHT_MESSAGE })).toBe(false);
	});
});
