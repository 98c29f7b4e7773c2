import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @param {string} file an inline script's source, relative to this file: its CSP hash source */
const scriptHash = (file) => `sha256-${createHash('sha256').update(readFileSync(new URL(file, import.meta.url))).digest('base64')}`;
/** the map embed's inline script, allowed by its hash */
const firstMapLink = scriptHash('./src/lib/embed/first-map-link.js');
/** the embeds' inline script that starts the travel worker for a what-if link */
const earlyTravel = scriptHash('./src/lib/embed/early-travel-script.js');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: false, strict: true }),
		alias: { $data: 'data' },
		// the CSS (under 8 KB a file) inlined into the HTML: no stylesheet request blocks the first paint
		inlineStyleThreshold: 8192,
		// type-check the tests, scripts and data pipeline too (npm run check)
		typescript: {
			config: (config) => {
				config.include.push('../tests/**/*.ts', '../scripts/**/*.ts', '../data/pipeline/**/*.ts');
			}
		},
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval', firstMapLink, earlyTravel],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
