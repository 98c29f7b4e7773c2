/**
 * updateEquityBars (src/lib/charts/equity-bars.ts): a drawing of the equity bars moved to new
 * numbers in place equals Plot's own drawing of the options it returns, attribute for attribute and
 * text for text, at every step of a threshold drag: those of the new numbers, or (holding the scale
 * during a drag) the new numbers on the x scale already on screen. It declines, changing nothing,
 * when the rows change, or the scale changes and cannot be held.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { equityBarsOptions, updateEquityBars } from '../../src/lib/charts/equity-bars';
import { adoptIds } from '../../src/lib/charts/morph';
import { buildPopulation, computeEquity, type PopulationRow } from '../../src/lib/metrics/equity';
import { mulberry32 } from '../unit/seeded';

const { window } = new JSDOM('<!doctype html><body></body>');
const document = window.document;

// 400 places in 8 counties, with margins of error for most groups (intervals drawn) and the
// county attributes (every family of groups has people)
const random = mulberry32(7);
const rows: PopulationRow[] = Array.from({ length: 400 }, (_, i) => {
	const pop = 200 + Math.floor(random() * 3000);
	const part = (f: number) => Math.floor(pop * f * random());
	const row: Record<string, unknown> = {
		state_fips: '30',
		county_fips: `30${String(i % 8).padStart(3, '0')}`,
		acs_pop: pop,
		acs_pop_moe: 30 + Math.floor(random() * 200),
		households: Math.floor(pop / 2.4),
		metro: i % 3 === 0,
		svi_quartile: 1 + (i % 4),
		income_quintile: 1 + (i % 5),
		medicaid_expansion: i % 2 === 0
	};
	for (const c of ['nh_white', 'nh_black', 'hispanic', 'nh_asian', 'nh_aian', 'nh_nhpi', 'nh_other_multi', 'pov150', 'uninsured', 'age65', 'no_vehicle_hh']) {
		row[c] = part(c === 'nh_white' ? 0.9 : 0.3);
		if (c !== 'nh_white') row[`${c}_moe`] = 5 + Math.floor(random() * 80);
	}
	return row as unknown as PopulationRow;
});
const population = buildPopulation({ rows });
const travel = rows.map(() => Math.floor(random() * 300));
const whatIf = travel.map((t, i) => (i % 5 === 0 ? Math.min(t, 40) : t));

const optionsAt = (threshold: number, width = 640, what: 'plain' | 'what-if' = 'plain') =>
	what === 'plain'
		? equityBarsOptions({ result: computeEquity({ population, travel, threshold }), unit: 'minutes', width, highlight: 'rural' })
		: equityBarsOptions({
				result: computeEquity({ population, travel: whatIf, threshold }),
				baseline: computeEquity({ population, travel, threshold }),
				unit: 'minutes',
				width,
				highlight: 'rural'
			});
const draw = (opts: Plot.PlotOptions) => Plot.plot({ ...opts, document }) as Element;

describe('updateEquityBars', () => {
	for (const what of ['plain', 'what-if'] as const) {
		for (const width of [640, 375]) {
			for (const hold of [false, true]) {
				it(`a drag in 5-minute steps, ${what}, ${width} px${hold ? ', holding the scale' : ''}: every step it takes equals Plot's drawing`, () => {
					let shown = optionsAt(20, width, what);
					const fig = draw(shown);
					let updated = 0;
					let held = 0;
					let redrawn = 0;
					for (let t = 25; t <= 280; t += 5) {
						const next = optionsAt(t, width, what);
						const before = fig.outerHTML;
						const shows = updateEquityBars(fig, shown, next, { hold });
						if (shows) {
							updated++;
							if (shows !== next) {
								held++;
								// the new numbers on the scale on screen: only the x domain and right margin are not theirs
								expect(hold).toBe(true);
								expect({ ...shows, marginRight: next.marginRight, x: next.x }).toEqual(next);
								expect(shows.marginRight).toBe(shown.marginRight);
								expect(shows.x).toEqual(shown.x);
							}
							const fresh = draw(shows);
							adoptIds(fig, fresh); // (Plot numbers its marker ids afresh at each drawing)
							expect(fig.outerHTML).toBe(fresh.outerHTML);
							shown = shows;
						} else {
							redrawn++;
							expect(fig.outerHTML).toBe(before); // declined: nothing changed
							const fresh = draw(next);
							fig.replaceChildren(...fresh.childNodes);
							for (const a of fresh.getAttributeNames()) fig.setAttribute(a, fresh.getAttribute(a)!);
							shown = next;
						}
					}
					// shares fall as the threshold rises: the fitted x domain shrinks step after step (drawn
					// again), unless the scale is held
					if (hold) {
						expect(held).toBeGreaterThan(0);
						expect(updated).toBeGreaterThan(3 * redrawn);
					} else {
						expect(redrawn).toBeGreaterThan(0);
						expect(updated).toBeGreaterThan(0);
					}
				});
			}
		}
	}

	it('holds the scale only for numbers that fit in it', () => {
		// a drag down: shares rise past the x domain on screen, which cannot hold them
		const a = optionsAt(200);
		const fig = draw(a);
		const b = optionsAt(60);
		expect((b.x as { domain: number[] }).domain[1]).toBeGreaterThan((a.x as { domain: number[] }).domain[1]);
		expect(updateEquityBars(fig, a, b, { hold: true })).toBeNull();
		// a drag up: held, and drawn again fitted (the caller's fresh drawing) it is the new numbers' own scale
		const c = optionsAt(280);
		expect((c.x as { domain: number[] }).domain[1]).toBeLessThan((a.x as { domain: number[] }).domain[1]);
		expect(updateEquityBars(fig, a, c)).toBeNull();
		const shows = updateEquityBars(fig, a, c, { hold: true })!;
		expect(shows).not.toBe(c);
		expect((shows.x as { domain: number[] }).domain).toEqual((a.x as { domain: number[] }).domain);
		// and from the held drawing on, the next step holds the same scale
		const d = optionsAt(275);
		const next = updateEquityBars(fig, shows, d, { hold: true })!;
		expect((next.x as { domain: number[] }).domain).toEqual((a.x as { domain: number[] }).domain);
		const fresh = draw(next);
		adoptIds(fig, fresh);
		expect(fig.outerHTML).toBe(fresh.outerHTML);
	});

	it('moves the bars, intervals, diamonds and labels (the numbers did change)', () => {
		const a = optionsAt(150, 640, 'what-if');
		const fig = draw(a);
		const b = optionsAt(155, 640, 'what-if');
		const widths = () => [...fig.querySelectorAll('g.equity-share rect')].map((r) => r.getAttribute('width'));
		const w0 = widths();
		expect(fig.querySelectorAll('g.equity-interval line').length).toBeGreaterThan(10);
		expect(fig.querySelectorAll('g.equity-before path').length).toBeGreaterThan(10);
		expect(updateEquityBars(fig, a, b)).toBe(b);
		expect(widths()).not.toEqual(w0);
		expect(fig.querySelector('g[aria-label="x-axis label"] text')!.textContent).toBe('Share of people beyond 155 minutes (%)');
		expect(fig.querySelector('svg[aria-description]')!.getAttribute('aria-label')).toMatch(/more than 155 minutes from/);
	});

	it('declines another layout, options it did not build, or a figure that is not their drawing', () => {
		const a = optionsAt(150);
		const fig = draw(a);
		const html = fig.outerHTML;
		expect(updateEquityBars(fig, a, optionsAt(150, 600))).toBeNull(); // another width
		expect(updateEquityBars(fig, a, optionsAt(150, 640, 'what-if'))).toBeNull(); // diamonds added
		expect(updateEquityBars(fig, a, { ...optionsAt(155) })).toBeNull(); // (a copy: not from the builder)
		expect(fig.outerHTML).toBe(html);
		const other = draw(optionsAt(150, 640, 'what-if'));
		other.querySelector('g.equity-share rect')!.remove();
		expect(updateEquityBars(other, optionsAt(150, 640, 'what-if'), optionsAt(155, 640, 'what-if'), { hold: true })).toBeNull();
		const blank = document.createElement('figure');
		expect(updateEquityBars(blank, a, optionsAt(155), { hold: true })).toBeNull();
	});
});

describe('equityBarsOptions marks', () => {
	it('are built only when read (a step that only moves the bars never builds them), once', () => {
		const a = optionsAt(150);
		const fig = draw(a);
		const b = optionsAt(155);
		const descriptor = Object.getOwnPropertyDescriptor(b, 'marks')!;
		expect(descriptor.get).toBeTypeOf('function');
		const spy = { calls: 0 };
		const counted = Object.defineProperty(b, 'marks', {
			get() {
				spy.calls++;
				return descriptor.get!.call(b);
			},
			enumerable: true
		});
		expect(updateEquityBars(fig, a, counted)).toBe(counted);
		const held = updateEquityBars(fig, counted, optionsAt(280), { hold: true })!;
		expect(spy.calls).toBe(0);
		expect(held.marks).toBe(held.marks); // (built once)
		expect(b.marks).toBe(b.marks);
		expect(b.marks!.length).toBeGreaterThan(5);
	});
});
