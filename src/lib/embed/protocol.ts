/**
 * The height protocol between an embed (in an iframe) and the host page (`static/embed.js`).
 * See README.md in this folder. Pure: the DOM pieces (post, observe) are injected.
 */
export const HEIGHT_MESSAGE = 'car-t-atlas:height';
/** sent by embed.js to every embed it finds, so an embed that posted before the script ran posts again */
export const REQUEST_MESSAGE = 'car-t-atlas:request-height';

export interface HeightMessage {
	type: typeof HEIGHT_MESSAGE;
	/** CSS px, whole, of the embed's document */
	height: number;
	/** the `id=` of the embed URL (the iframe's id), or null */
	id: string | null;
}

/** Heights outside this range are ignored by the host (a broken page must not take over the article). */
export const MIN_HEIGHT = 50;
export const MAX_HEIGHT = 20_000;

export function heightMessage({ height, id }: { height: number; id: string | null }): HeightMessage {
	return { type: HEIGHT_MESSAGE, height: Math.ceil(height), id };
}

export function isHeightMessage(x: unknown): x is HeightMessage {
	const m = x as HeightMessage;
	return (
		!!m &&
		typeof m === 'object' &&
		m.type === HEIGHT_MESSAGE &&
		typeof m.height === 'number' &&
		Number.isFinite(m.height) &&
		m.height >= MIN_HEIGHT &&
		m.height <= MAX_HEIGHT &&
		(m.id === null || typeof m.id === 'string')
	);
}

export function isRequestMessage(x: unknown): boolean {
	return !!x && typeof x === 'object' && (x as { type?: unknown }).type === REQUEST_MESSAGE;
}

/**
 * Reports the height whenever it changes (and when asked again). `measure` returns the
 * document height; `post` sends to the parent. Returns `report(force?)`.
 */
export function heightReporter({ measure, post, id }: { measure: () => number; post: (m: HeightMessage) => void; id: string | null }) {
	let last = -1;
	return (force = false) => {
		const h = Math.ceil(measure());
		if (!force && h === last) return false;
		last = h;
		post(heightMessage({ height: h, id }));
		return true;
	};
}
