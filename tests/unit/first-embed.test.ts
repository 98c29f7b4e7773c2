/**
 * The prerendered first maps: the build-time SVG made small (rounded, one path per colour), the map
 * embed's prerendered chart, and the inline script that decides, before the page is painted,
 * whether a link shows it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { JSDOM } from 'jsdom';
import { mergeFills, roundPath, standaloneSvg, symbolsInPlace } from '../../src/lib/charts/first-map';
import { FIRST_MAP_KEEPS, FIRST_MAP_LINK_CLASS, firstEmbedHtml, firstMapLinkScript } from '../../src/lib/embed/first-embed';
import { DISPLAY_PARAMS, parseEmbed } from '../../src/lib/embed/params';

const script = readFileSync(new URL('../../src/lib/embed/first-map-link.js', import.meta.url), 'utf8');

/** runs the inline script for a query string with these parameters kept; did it mark the page? */
function marks(search: string, keeps: readonly string[] = FIRST_MAP_KEEPS): boolean {
	const classes = new Set<string>();
	const currentScript = { getAttribute: (a: string) => (a === 'data-keeps' ? keeps.join(',') : null) };
	runInNewContext(script, { URLSearchParams, location: { search }, document: { currentScript, documentElement: { classList: { add: (c: string) => classes.add(c) } } } });
	return classes.has(FIRST_MAP_LINK_CLASS);
}

describe('first-map-link.js (the inline script of the pages with a prerendered first map)', () => {
	it('map embed: marks a link that draws the default map, and no other', () => {
		for (const s of ['', '?', '?id=atlas-map', '?id=a&downloads=0', '?groups=black,hispanic&id=a']) expect(marks(s), s).toBe(true);
		for (const s of ['?region=08', '?t=60', '?theme=dark', '?title=Distance', '?id=a&method=straight', '?add=p:44.0,-103.2', '?unknown=1']) expect(marks(s), s).toBe(false);
	});

	it('dashboard (nothing kept): marks the link without parameters only', () => {
		for (const s of ['', '?']) expect(marks(s, []), s).toBe(true);
		for (const s of ['?region=08', '?id=a', '?=x']) expect(marks(s, []), s).toBe(false);
	});

	it('the map embed keeps only display parameters that leave the default map as it is drawn', () => {
		const plain = parseEmbed('map', new URLSearchParams());
		for (const k of FIRST_MAP_KEEPS) {
			expect(DISPLAY_PARAMS as readonly string[]).toContain(k);
			const p = parseEmbed('map', new URLSearchParams({ [k]: k === 'groups' ? 'black' : k === 'downloads' ? '0' : 'x' }));
			expect(p.view, k).toEqual(plain.view);
			expect(p.display.theme, k).toBe(plain.display.theme);
			expect(p.display.title, k).toBe(plain.display.title);
		}
	});

	it('is written into the page with the parameters it keeps', () => {
		expect(firstMapLinkScript(['id', 'groups'])).toBe(`<script data-keeps="id,groups">${script}</script>`);
	});
});

describe('the map embed’s prerendered chart', () => {
	it('holds the words, escaped, the legend and the map, and the notes', () => {
		const html = firstEmbedHtml(
			{ title: 'How far? <The "US">', subtitle: 'A & B', alt: 'Map "of" counties', notes: ['one <note>', 'two'] },
			'<svg id="legend"></svg>',
			'<svg id="map"></svg>'
		);
		const doc = new JSDOM(`<body>${html}</body>`).window.document;
		expect(doc.querySelector('h1')!.textContent).toBe('How far? <The "US">');
		expect(doc.querySelector('.subtitle')!.textContent).toBe('A & B');
		expect(doc.querySelector('figure')!.getAttribute('aria-label')).toBe('Map "of" counties');
		expect(doc.querySelector('figure .first-legend #legend')).not.toBeNull();
		expect(doc.querySelector('figure .first-map-svg #map')).not.toBeNull();
		expect([...doc.querySelectorAll('.note')].map((p) => p.textContent)).toEqual(['one <note>', 'two']);
	});
});

describe('the first map SVG', () => {
	it('rounds coordinates to whole pixels and drops a line to the point it is at', () => {
		expect(roundPath('M1.4,2.6L1.6,2.4L2,2L2.2,2.1Z')).toBe('M1,3L2,2Z');
		expect(roundPath('M-0.6,10L-1.2,10.4L5,5Z')).toBe('M-1,10L5,5Z');
		// (a point that only begins like the one before is kept)
		expect(roundPath('M0,0L1,10L1,105L1,105Z')).toBe('M0,0L1,10L1,105Z');
	});

	it('merges a group’s paths into one per fill, in the order fills first appear', () => {
		const doc = new JSDOM('<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><path d="M0,0L1,1Z" fill="red"></path><path d="M2,2L3,3Z" fill="blue"></path><path d="M4,4L5,5Z" fill="red"></path></g></svg>', {
			contentType: 'image/svg+xml'
		}).window.document;
		mergeFills(doc.getElementById('a')!);
		const paths = [...doc.querySelectorAll('#a path')].map((p) => [p.getAttribute('fill'), p.getAttribute('d')]);
		expect(paths).toEqual([
			['red', 'M0,0L1,1ZM4,4L5,5Z'],
			['blue', 'M2,2L3,3Z']
		]);
	});

	it('puts each centre symbol in a group that places it, its shape about its own origin and not rounded', () => {
		const svg = (body: string) =>
			new JSDOM(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`, { contentType: 'image/svg+xml' }).window.document.querySelector('svg')!;
		const dots = `<g aria-label="dot" fill="red"><path transform="translate(10.25,20.5)" d="M3.2,0A3.2,3.2,0,1,1,-3.2,0A3.2,3.2,0,1,1,3.2,0"></path><path transform="translate(30,40)" d="M0,-3.7L3.2,1.8L-3.2,1.8Z"></path></g>`;
		const a = svg(dots);
		symbolsInPlace(a.querySelector('g')!);
		expect([...a.querySelectorAll('g[aria-label="dot"] > g')].map((g) => g.getAttribute('transform'))).toEqual(['translate(10.25,20.5)', 'translate(30,40)']);
		expect([...a.querySelectorAll('g[aria-label="dot"] > g > path')].map((p) => [p.getAttribute('transform'), p.getAttribute('d')])).toEqual([
			[null, 'M3.2,0A3.2,3.2,0,1,1,-3.2,0A3.2,3.2,0,1,1,3.2,0'],
			[null, 'M0,-3.7L3.2,1.8L-3.2,1.8Z']
		]);
		// in the standalone file: the symbols so, the counties' paths still rounded
		const out = standaloneSvg(svg(`<g aria-label="geo"><path d="M1.4,2.6L5.5,5.5Z" fill="blue"></path></g>${dots}`));
		expect(out).toContain('<g transform="translate(10.2,20.5)"><path d="M3.2,0A3.2,3.2,0,1,1,-3.2,0A3.2,3.2,0,1,1,3.2,0"');
		expect(out).toContain('d="M1,3L6,6Z"');
	});

	it('scales its symbols back to their drawn size when shown as an image, and only then (its own rule, for svg:root)', () => {
		const svg = (body: string, width = 960) =>
			new JSDOM(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}">${body}</svg>`, { contentType: 'image/svg+xml' }).window.document.querySelector('svg')!;
		const dots = `<g aria-label="dot"><path transform="translate(1,2)" d="M0,-3.7L3.2,1.8L-3.2,1.8Z"></path></g>`;
		const parsed = new JSDOM(standaloneSvg(svg(dots, 960)), { contentType: 'image/svg+xml' }).window.document;
		const rule = parsed.querySelector('svg > style')!.textContent;
		expect(rule).toBe('svg:root > g[aria-label="dot"] > g > path { scale: calc(960px / min(960px, 100vw)); }');
		// the rule's selector finds the symbols in the file, and none when the same SVG is inline in a page
		expect(parsed.querySelectorAll('svg:root > g[aria-label="dot"] > g > path')).toHaveLength(1);
		const page = new JSDOM(`<!doctype html><body>${standaloneSvg(svg(dots, 480))}</body>`).window.document;
		expect(page.querySelector('svg > style')!.textContent).toContain('calc(480px / min(480px, 100vw))');
		expect(page.querySelectorAll('svg:root > g[aria-label="dot"] > g > path')).toHaveLength(0);
		// no rule in a file without symbols (the legend)
		expect(standaloneSvg(svg('<g aria-label="geo"><path d="M0,0Z"></path></g>'))).not.toContain('<style');
	});

	it('leaves a group alone whose paths carry more than a fill', () => {
		const doc = new JSDOM('<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><path d="M0,0Z" fill="red" stroke="black"></path><path d="M1,1Z" fill="red"></path></g></svg>', {
			contentType: 'image/svg+xml'
		}).window.document;
		mergeFills(doc.getElementById('a')!);
		expect(doc.querySelectorAll('#a path')).toHaveLength(2);
	});
});
