// The data dictionary and the road-model notes are rendered at build time from the
// same Markdown files that sit beside the data, so the page and the files never drift.
import { marked } from 'marked';
import dictionary from '$data/README.md?raw';
import roads from '$data/ROADS.md?raw';
import eligibility from '$lib/eligibility/README.md?raw';

export function load() {
	return {
		dictionaryHtml: marked.parse(dictionary, { async: false }),
		roadsHtml: marked.parse(roads, { async: false }),
		eligibilityHtml: marked.parse(eligibility, { async: false })
	};
}
