/** Command line of `npm run data`: --raw DIR, --out DIR, --no-roads (or env ATLAS_ROADS=0). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface PipelineArgs {
	rawDir: string;
	outDir: string;
	roads: boolean;
}

export function parseArgs(argv: string[], env: Record<string, string | undefined> = process.env): PipelineArgs {
	let rawDir = path.resolve(REPO_ROOT, '../shared/data/raw');
	let outDir = path.resolve(REPO_ROOT, 'data');
	let roads = env.ATLAS_ROADS !== '0';
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = (): string => {
			const v = argv[++i];
			if (!v || v.startsWith('--')) throw new Error(`${a} needs a directory, e.g. ${a} ../shared/data/raw`);
			return v;
		};
		if (a === '--raw') rawDir = path.resolve(value());
		else if (a.startsWith('--raw=')) rawDir = path.resolve(a.slice(6));
		else if (a === '--out') outDir = path.resolve(value());
		else if (a.startsWith('--out=')) outDir = path.resolve(a.slice(6));
		else if (a === '--no-roads') roads = false;
		else if (a === '--roads') roads = true;
		else throw new Error(`Unknown argument ${a}. Usage: tsx data/pipeline/run.ts [--raw DIR] [--out DIR] [--no-roads]`);
	}
	return { rawDir, outDir, roads };
}
