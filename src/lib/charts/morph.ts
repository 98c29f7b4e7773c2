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
