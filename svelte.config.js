import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** the map embed's inline script (src/lib/embed/first-map-link.js), allowed by its hash */
const firstMapLink = `sha256-${createHash('sha256').update(readFileSync(new URL('./src/lib/embed/first-map-link.js', import.meta.url))).digest('base64')}`;
/** the embeds' inline script that starts the travel worker for a what-if link (src/lib/embed/early-travel-script.js) */
const earlyTravel = `sha256-${createHash('sha256').update(readFileSync(new URL('./src/lib/embed/early-travel-script.js', import.meta.url))).digest('base64')}`;

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
