/**
 * The console's query in the URL (`?q=`), so a link reproduces it. URLs past a few thousand
 * characters break in some browsers, proxies and chat apps, so a query longer than
 * `MAX_URL_QUERY` is not written to the URL and the page says so.
 * Library code: the page injects reading and writing of the URL.
 */
export const MAX_URL_QUERY = 4000;

export function readQuery(params: URLSearchParams): string | null {
	const q = params.get('q');
	return q && q.trim() ? q : null;
}

/** The new search string for `query`, and whether it was too long to keep in the URL. */
export function writeQuery(params: URLSearchParams, query: string): { search: string; tooLong: boolean } {
	const next = new URLSearchParams(params);
	const tooLong = query.length > MAX_URL_QUERY;
	if (tooLong || !query.trim()) next.delete('q');
	else next.set('q', query);
	const s = next.toString();
	return { search: s ? `?${s}` : '', tooLong };
}

export const TOO_LONG_NOTICE = `This query is longer than ${MAX_URL_QUERY.toLocaleString('en-US')} characters, so it is not kept in the page address: copy it from the editor to share it.`;
