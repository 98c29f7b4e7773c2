/**
 * Light and dark themes of the embeds, and the WCAG contrast check the tests run on them:
 * text at least 4.5:1 against the background, chart colours (bars, symbols) at least 3:1.
 */
import { EQUITY_COLORS, type BarKind } from '$lib/charts/equity-bars';
import { REGION_COLORS, NATION_COLOR } from '$lib/charts/compare-bars';
import { RANKING_COLOR } from './ranking-bars';
import type { Theme } from './params';

export interface Palette {
	background: string;
	text: string;
	muted: string;
	link: string;
	border: string;
	noticeBackground: string;
	equity: Record<BarKind, string>;
	regions: readonly string[];
	nation: string;
	ranking: string;
}

export const PALETTES: Record<Theme, Palette> = {
	light: {
		background: '#ffffff',
		text: '#1a1a1a',
		muted: '#4d4d4d',
		link: '#0b5394',
		border: '#d0d0d0',
		noticeBackground: '#eef4fb',
		equity: { ...EQUITY_COLORS, 'Reference group': '#8c8c8c' },
		regions: REGION_COLORS,
		nation: NATION_COLOR,
		ranking: RANKING_COLOR
	},
	dark: {
		background: '#161616',
		text: '#f0f0f0',
		muted: '#c4c4c4',
		link: '#8cc4ff',
		border: '#4a4a4a',
		noticeBackground: '#1f2a36',
		// Okabe-Ito sky blue and orange, and light greys: the same roles, readable on a dark ground
		equity: { Everyone: '#d9d9d9', 'Reference group': '#8f8f8f', 'Compared group': '#56b4e9', 'Selected group': '#e69f00' },
		regions: ['#56b4e9', '#e69f00', '#2fc297', '#e08ec0'],
		nation: '#a6a6a6',
		ranking: '#56b4e9'
	}
};

function channel(c: number): number {
	const s = c / 255;
	return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of #rrggbb. */
export function luminance(hex: string): number {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) throw new RangeError(`"${hex}" is not a #rrggbb colour`);
	const [r, g, b] = [m[1], m[2], m[3]].map((x) => channel(parseInt(x, 16)));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
	const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
}
