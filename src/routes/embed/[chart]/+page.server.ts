import { readdirSync } from 'node:fs';
import type { PageServerLoad } from './$types';

/**
 * The states with a build-time map file (state/first-state, written by `npm run build` before the
 * pages are prerendered), read once as the page is prerendered: a state map embed asks for its file
 * at once, and never for a code without one (a 404 in the console). None before the build has
 * written them (a dev server on a fresh clone): the engine draws those maps.
 */
export const load: PageServerLoad = () => {
	let firstStates: string[] = [];
	try {
		firstStates = readdirSync('static/data/first-state')
			.map((f) => /^(\d{2})\.json$/.exec(f)?.[1])
			.filter((s): s is string => !!s)
			.sort();
	} catch {
		// no files yet
	}
	return { firstStates };
};
