import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	build: { chunkSizeWarningLimit: 1500 },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'tests/queries/**/*.test.ts', 'tests/charts/**/*.test.ts', 'tests/data/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts', 'tests/build/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					// a poll waits on the engine's work (a what-if's road search, a query); 1 s, the default,
					// failed on a loaded CI machine. A poll passes as soon as it holds, so this only bounds a failure.
					expect: { poll: { timeout: 15_000 } },
					fileParallelism: false
				}
			}
		]
	}
});
