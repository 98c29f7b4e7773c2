/**
 * Image exports of a chart, in the browser, with no library: the Plot figure's SVG (chart,
 * legend, caption) is composed into one standalone SVG with the title, subtitle and source
 * line, styles inlined (Plot's own <style> travels inside its SVG; fonts and colours are set
 * on the root); PNG = that SVG drawn on a canvas at 1× or 2×, `toBlob`. The document is
 * passed in, so the composition also runs under JSDOM in tests.
 */
import { estimateTextWidth } from '$lib/charts/equity-bars';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export interface ExportColours {
	background: string;
	text: string;
	muted: string;
}

export interface ComposeInput {
	doc: Document;
	/** a Plot figure (<figure> with legend, svg and caption) or a bare <svg> */
	figure: Element;
	title: string;
	subtitle?: string;
	/** extra lines under the chart (notes, the scenario) */
	notes?: string[];
	/** the source line */
	source: string;
	colours: ExportColours;
	/** minimum width (px) when the figure is narrower */
	minWidth?: number;
}

const PAD = 16;

/** Split text into lines of at most `width` px at `size` px (estimated). */
export function wrapText(text: string, width: number, size: number): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		const next = line ? `${line} ${w}` : w;
		if (line && estimateTextWidth(next, size) > width) {
			lines.push(line);
			line = w;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

function el<K extends keyof SVGElementTagNameMap>(doc: Document, name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
	const e = doc.createElementNS(SVG_NS, name) as SVGElementTagNameMap[K];
	for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
	return e;
}

function num(x: string | null, fallback: number): number {
	const v = Number.parseFloat(x ?? '');
	return Number.isFinite(v) ? v : fallback;
}

/** Width and height of a Plot SVG (its attributes, else its viewBox). */
function svgSize(svg: Element): { w: number; h: number } {
	const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
	return { w: num(svg.getAttribute('width'), vb[2] || 300), h: num(svg.getAttribute('height'), vb[3] || 150) };
}

/** Compose the standalone SVG. */
export function composeSvg({ doc, figure, title, subtitle, notes = [], source, colours, minWidth = 320 }: ComposeInput): SVGSVGElement {
	const svgs = figure.tagName.toLowerCase() === 'svg' ? [figure] : [...figure.children];
	const contentWidth = Math.max(minWidth, ...svgs.filter((c) => c.tagName.toLowerCase() === 'svg').map((s) => svgSize(s).w));
	const W = Math.ceil(contentWidth + 2 * PAD);
	const root = el(doc, 'svg', { xmlns: SVG_NS, width: W, role: 'img', 'aria-label': title });
	root.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
	root.setAttribute('style', `font-family: ${FONT_FAMILY}; color: ${colours.text}; background: ${colours.background}`);
	root.setAttribute('font-family', FONT_FAMILY);
	const titleEl = el(doc, 'title');
	titleEl.textContent = title;
	root.append(titleEl);
	const bg = el(doc, 'rect', { x: 0, y: 0, width: W, height: 0, fill: colours.background });
	root.append(bg);
	let y = PAD;

	const textBlock = (text: string, size: number, opts: { bold?: boolean; fill?: string; cls?: string } = {}) => {
		for (const line of wrapText(text, contentWidth, size)) {
			y += size * 1.25;
			const t = el(doc, 'text', { x: PAD, y: y - size * 0.25, 'font-size': size, fill: opts.fill ?? colours.text });
			if (opts.bold) t.setAttribute('font-weight', 'bold');
			if (opts.cls) t.setAttribute('class', opts.cls);
			t.textContent = line;
			root.append(t);
		}
	};

	if (title) textBlock(title, 20, { bold: true, cls: 'export-title' });
	if (subtitle) {
		y += 2;
		textBlock(subtitle, 14, { fill: colours.muted, cls: 'export-subtitle' });
	}
	y += 8;

	for (const child of svgs) {
		const tag = child.tagName.toLowerCase();
		if (tag === 'svg') {
			const { w, h } = svgSize(child);
			const c = child.cloneNode(true) as Element;
			c.setAttribute('x', String(PAD));
			c.setAttribute('y', String(y));
			c.setAttribute('width', String(w));
			c.setAttribute('height', String(h));
			c.setAttribute('style', `${c.getAttribute('style') ?? ''};max-width:none;height:${h}px;width:${w}px;overflow:visible;background:none`);
			root.append(c);
			y += h + 8;
		} else if (tag === 'figcaption') {
			textBlock(child.textContent ?? '', 12, { fill: colours.muted, cls: 'export-caption' });
			y += 4;
		} else if (child.querySelector('svg') || /swatch/.test(child.getAttribute('class') ?? '')) {
			// Plot's swatch legend is HTML: redraw each swatch (a square and its label) in SVG
			const g = el(doc, 'g', { class: 'export-legend' });
			let x = PAD;
			let rowY = y;
			const items = [...child.children].filter((s) => s.querySelector('svg'));
			for (const item of items) {
				const sw = item.querySelector('svg');
				const fill = sw?.getAttribute('fill') ?? sw?.querySelector('[fill]')?.getAttribute('fill') ?? colours.text;
				const label = (item.textContent ?? '').trim();
				const w = 15 + 6 + estimateTextWidth(label, 12) + 16;
				if (x > PAD && x + w > PAD + contentWidth) {
					x = PAD;
					rowY += 20;
				}
				g.append(el(doc, 'rect', { x, y: rowY + 2, width: 15, height: 15, fill }));
				const t = el(doc, 'text', { x: x + 21, y: rowY + 14, 'font-size': 12, fill: colours.text });
				t.textContent = label;
				g.append(t);
				x += w;
			}
			root.append(g);
			y = rowY + 28;
		}
	}

	for (const n of notes) textBlock(n, 12, { fill: colours.muted, cls: 'export-note' });
	y += 4;
	textBlock(source, 11, { fill: colours.muted, cls: 'export-source' });
	const H = Math.ceil(y + PAD);
	root.setAttribute('height', String(H));
	root.setAttribute('viewBox', `0 0 ${W} ${H}`);
	bg.setAttribute('height', String(H));
	return root;
}

export function serialiseSvg(svg: SVGSVGElement, XS: { new (): XMLSerializer } = XMLSerializer): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XS().serializeToString(svg)}`;
}

export function svgDimensions(svg: SVGSVGElement): { width: number; height: number } {
	return { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
}

/** Browser only: the SVG drawn on a canvas at `scale` (1 or 2), as a PNG blob. */
export async function svgToPng({ svg, width, height, scale, background }: { svg: string; width: number; height: number; scale: number; background: string }): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		img.decoding = 'sync';
		const loaded = new Promise<void>((ok, fail) => {
			img.onload = () => ok();
			img.onerror = () => fail(new Error('The chart image could not be drawn for the PNG.'));
		});
		img.src = url;
		await loaded;
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('This browser cannot draw on a canvas, so no PNG can be made; use the SVG instead.');
		ctx.fillStyle = background;
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('The PNG could not be encoded.'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Browser only: save a blob under `filename`. */
export function download(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Dark theme: Plot marks with fixed dark greys (value labels, the nation's label, the
 * national tick) recoloured so they stay readable on a dark ground.
 */
export function recolourForDark(figure: Element, { text, muted }: { text: string; muted: string }) {
	const greys = ['#222', '#222222', '#333', '#333333', '#444', '#444444', '#4d4d4d', '#595959', '#666', '#666666'];
	for (const e of figure.querySelectorAll('[fill],[stroke]')) {
		const f = e.getAttribute('fill')?.toLowerCase();
		const s = e.getAttribute('stroke')?.toLowerCase();
		if (f && greys.includes(f)) e.setAttribute('fill', e.tagName === 'text' || e.closest('g[aria-hidden]') ? muted : text);
		if (s && greys.includes(s)) e.setAttribute('stroke', text);
	}
}
