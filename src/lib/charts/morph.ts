/**
 * Make a drawn element equal to another drawing of it (e.g. Plot's output for new numbers) while
 * keeping the nodes on screen: attributes and text are set where they differ, and only nodes whose
 * kind differs, or that one drawing has and the other lacks, are replaced, added or removed. The
 * browser then restyles and lays out only what changed, not the whole chart.
 *
 * Listeners stay with the nodes kept (a Plot tip's pointer handler keeps the data of the drawing it
 * came from: see PlotFigure's `live`).
 */
export function morph(target: Node, source: Node): void {
	if (target.nodeType !== source.nodeType || target.nodeName !== source.nodeName) {
		(target as ChildNode).replaceWith(source);
		return;
	}
	if (target.nodeType !== 1) {
		if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
		return;
	}
	const t = target as Element;
	const s = source as Element;
	for (const name of t.getAttributeNames()) if (!s.hasAttribute(name)) t.removeAttribute(name);
	for (const name of s.getAttributeNames()) {
		const v = s.getAttribute(name)!;
		if (t.getAttribute(name) !== v) t.setAttribute(name, v);
	}
	const tc = [...t.childNodes];
	const sc = [...s.childNodes];
	const n = Math.min(tc.length, sc.length);
	for (let i = 0; i < n; i++) morph(tc[i], sc[i]);
	for (let i = n; i < tc.length; i++) tc[i].remove();
	for (let i = n; i < sc.length; i++) t.appendChild(sc[i]);
}

/**
 * Give a new drawing the generated ids of the drawing on screen, before {@link morph}: Plot numbers
 * the ids it makes (`plot-marker-7`, `plot-clip-3`) afresh at every drawing, so without this every
 * marker and every line that refers to one would be set again (and restyled) at each step of a drag,
 * though nothing about them changed. Ids are paired in document order, and only when both drawings
 * have the same number of them with the same tags; references to a renamed id (`url(#…)`, `#…`) in
 * any attribute of the new drawing follow. Ids that are not Plot's own (`prefix`) are left alone.
 */
export function adoptIds(target: Element, source: Element, prefix = 'plot-'): void {
	const sel = `[id^="${prefix}"]`;
	const mine = target.querySelectorAll(sel);
	const theirs = source.querySelectorAll(sel);
	if (mine.length === 0 || mine.length !== theirs.length) return;
	const rename = new Map<string, string>();
	for (let i = 0; i < mine.length; i++) {
		if (mine[i].tagName !== theirs[i].tagName) return;
		if (mine[i].id !== theirs[i].id) rename.set(theirs[i].id, mine[i].id);
	}
	if (rename.size === 0) return;
	for (let i = 0; i < theirs.length; i++) theirs[i].id = mine[i].id;
	const refs = new RegExp(`#(${prefix}[\\w-]*)`, 'g');
	for (const el of [source, ...source.querySelectorAll('*')]) {
		for (const name of el.getAttributeNames()) {
			if (name === 'id') continue;
			const v = el.getAttribute(name)!;
			if (!v.includes(`#${prefix}`)) continue;
			const w = v.replace(refs, (m, id: string) => (rename.has(id) ? `#${rename.get(id)}` : m));
			if (w !== v) el.setAttribute(name, w);
		}
	}
}
