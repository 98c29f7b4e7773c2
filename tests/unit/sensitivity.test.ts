/** Method sensitivity (src/lib/metrics/sensitivity.ts): hand-worked variants and ranges. */
import { describe, expect, it } from 'vitest';
import calibrationJson from '../../data/drive_time_calibration.json';
import { KM_PER_MILE } from '../../src/lib/metrics/distance';
import { calibratedMinutes, censusRegionOfState, type Calibration } from '../../src/lib/metrics/drive-time/calibrated';
import { centreListVariants, prepareSeries, rangeWords, shareBeyond, shareBeyondPrepared, thresholdMinutes, variantRange, variantSeries, variantsAt, EVIDENCE_VARIANTS } from '../../src/lib/metrics/sensitivity';
import { lcg } from './seeded';

const calibration = calibrationJson as unknown as Calibration;

describe('shareBeyond', () => {
	it.each([
		{ values: [10, 200, NaN], weight: [1, 3, 5], include: undefined, t: 120, want: 75 },
		{ values: [10, 200, 300], weight: [1, 3, 0], include: undefined, t: 120, want: 75 },
		{ values: [10, 200, 300], weight: [1, 3, 4], include: [1, 0, 1], t: 120, want: 80 },
		{ values: [120, 121], weight: [1, 1], include: undefined, t: 120, want: 50 }, // strictly beyond
		{ values: [NaN], weight: [1], include: undefined, t: 120, want: NaN },
		// ±Infinity is unknown, as in metrics/equity (not "beyond every threshold")
		{ values: [10, Infinity, -Infinity], weight: [1, 3, 5], include: undefined, t: 120, want: 0 }
	])('$values × $weight beyond $t → $want', ({ values, weight, include, t, want }) => {
		const s = shareBeyond({ values, weight, include, threshold: t });
		const p = shareBeyondPrepared(prepareSeries({ values, weight, include }), t);
		if (Number.isNaN(want)) {
			expect(s).toBeNaN();
			expect(p).toBeNaN();
		} else {
			expect(s).toBeCloseTo(want, 9);
			expect(p).toBeCloseTo(want, 9);
		}
	});

	it('prepared once, any threshold gives the share of a pass over every place (random places, ties, unknowns, a region)', () => {
		const rnd = lcg(99);
		const n = 5000;
		const values = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : Math.floor(rnd() * 300)));
		const weight = Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? 0 : rnd() * 1000));
		const include = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
		const prepared = prepareSeries({ values, weight, include });
		for (const t of [-1, 0, 59.5, 60, 120, 299, 300, 1e9]) {
			const a = shareBeyond({ values, weight, include, threshold: t });
			expect(shareBeyondPrepared(prepared, t), `threshold ${t}`).toBeCloseTo(a, 9);
		}
	});
});

describe('thresholdMinutes', () => {
	it('minutes stay; miles are read at 30 mph', () => {
		expect(thresholdMinutes(90, 'minutes')).toBe(90);
		expect(thresholdMinutes(60, 'miles')).toBe(120);
	});
});

describe('variantSeries + variantsAt (hand-worked)', () => {
	// three places in Colorado (West region): 50, 100 and 150 miles from the nearest centre
	const km = [50, 100, 150].map((m) => m * KM_PER_MILE);
	const stateFips = ['08', '08', '08'];
	const weight = [1, 2, 3];
	it('per centre set: 30 mph, miles (60 mph bracket), calibrated and, when loaded, road; the view’s figure last', () => {
		const series = variantSeries({
			sets: [
				{ label: 'A (2 centres)', straightKm: km, roadMinutes: null },
				{ label: 'B (3 centres)', straightKm: km, roadMinutes: [30, 130, 400] }
			],
			calibration,
			stateFips
		});
		expect(series.map((s) => `${s.kind}:${s.centres}`)).toEqual([
			'straight_30mph:A (2 centres)',
			'miles_60mph:A (2 centres)',
			'calibrated:A (2 centres)',
			'straight_30mph:B (3 centres)',
			'miles_60mph:B (3 centres)',
			'calibrated:B (3 centres)',
			'road:B (3 centres)'
		]);
		const v = variantsAt({ series, weight, threshold: 120, unit: 'minutes', current: { label: 'Drive time on roads, 2 hours', values: [30, 130, 400] } });
		// the same from prepared series
		const prepared = series.map((x) => prepareSeries({ values: x.values, weight }));
		const current = [30, 130, 400];
		const vp = variantsAt({
			series,
			weight,
			threshold: 120,
			unit: 'minutes',
			current: { label: 'Drive time on roads, 2 hours', values: current, prepared: prepareSeries({ values: current, weight }) },
			prepared
		});
		expect(vp.at(-1)!.share).toBeCloseTo((100 * 5) / 6, 9);
		expect(vp.map((x) => x.method)).toEqual(v.map((x) => x.method));
		vp.forEach((x, i) => expect(x.share, x.method).toBeCloseTo(v[i].share, 9));
		// 30 mph: 100 and 200 and 300 minutes → places 2 and 3 beyond (5 of 6)
		expect(v[0]).toEqual({ method: 'Straight line at 30 mph, 120 minutes', centres: 'A (2 centres)', share: (100 * 5) / 6 });
		// 120 miles: only the 150-mile place is beyond
		expect(v[1].method).toBe('Straight line, 120 miles (120 minutes at 60 mph)');
		expect(v[1].share).toBeCloseTo(50, 9);
		const region = censusRegionOfState('08');
		const cal = km.map((k) => calibratedMinutes(calibration, k, region));
		const want = (100 * cal.reduce((s, m, i) => s + (m > 120 ? weight[i] : 0), 0)) / 6;
		expect(v[2].share).toBeCloseTo(want, 9);
		expect(v[6]).toEqual({ method: 'Drive time on roads, 120 minutes', centres: 'B (3 centres)', share: (100 * 5) / 6 });
		expect(v[7]).toEqual({ method: 'Drive time on roads, 2 hours', centres: 'this view’s centres', share: (100 * 5) / 6, current: true });
		expect(v).toHaveLength(8);
		// a figure the caller already has for the view (the equity panel's share) is listed as it is
		const given = variantsAt({ series, weight, threshold: 120, unit: 'minutes', current: { label: 'Drive time on roads, 2 hours', values: current, share: 12.5 }, prepared });
		expect(given.at(-1)).toEqual({ ...v[7], share: 12.5 });
		expect(given.slice(0, -1)).toEqual(vp.slice(0, -1));
	});
	it('a miles view: the view keeps its miles threshold, the other variants read it at 30 mph', () => {
		const series = variantSeries({ sets: [{ label: 'A', straightKm: km, roadMinutes: null }], calibration, stateFips });
		const miles = km.map((k) => k / KM_PER_MILE);
		const v = variantsAt({ series, weight, threshold: 60, unit: 'miles', current: { label: 'Straight-line miles, 60 miles', values: miles } });
		expect(v[0].method).toBe('Straight line at 30 mph, 120 minutes');
		expect(v[0].share).toBeCloseTo((100 * 5) / 6, 9);
		expect(v.at(-1)!.share).toBeCloseTo((100 * 5) / 6, 9);
	});
});

describe('variantRange and rangeWords', () => {
	it('min, max and spread over known variants; nothing known → NaN and null', () => {
		const r = variantRange([
			{ method: 'a', centres: 'x', share: 20 },
			{ method: 'b', centres: 'x', share: NaN },
			{ method: 'c', centres: 'x', share: 35.25 }
		]);
		expect(r).toEqual({ min: 20, max: 35.25, spread: 15.25, count: 2 });
		expect(rangeWords(r)).toBe('20.0 % to 35.3 %');
		expect(rangeWords(variantRange([{ method: 'a', centres: 'x', share: 12 }]))).toBe('12.0 %');
		expect(rangeWords(variantRange([]))).toBeNull();
	});
	it('the evidence filters run from strong only to every level', () => {
		expect(EVIDENCE_VARIANTS.map((v) => v.filter.evidence)).toEqual([['strong'], ['strong', 'moderate'], ['strong', 'moderate', 'weak']]);
	});
});

describe('centreListVariants', () => {
	it('runs over the three evidence levels for the atlas list', () => {
		expect(centreListVariants(null)).toBe(EVIDENCE_VARIANTS);
	});
	it('lets a user list stand alone for all three, named', () => {
		const v = centreListVariants('Our network');
		expect(v).toHaveLength(1);
		expect(v[0].label).toBe('your list "Our network"');
		expect(v[0].id).toBe('own');
	});
});
