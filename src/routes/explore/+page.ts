// The data dictionary is parsed at build time from data/README.md (the same file the
// methodology page renders), so the schema list's descriptions never drift from it.
import dictionary from '$data/README.md?raw';
import { parseDictionary } from '$lib/explore/dictionary';

export function load() {
	return { dictionary: parseDictionary(dictionary) };
}
