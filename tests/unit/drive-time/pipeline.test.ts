import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGraph } from '../../../src/lib/metrics/drive-time/graph';
import { buildTmGraph, isAccessibleLabel, readSystems, TM_DIR } from '../../../data/pipeline/roads/tm';
import { parseCsv } from '../../../data/pipeline/roads/inputs';

const RAW = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/data/raw');
const haveRaw = fs.existsSync(path.join(RAW, TM_DIR));

describe('TM label rules', () => {
	it.each([
		['34', true, true],
		['16A', true, true],
		['+y14', true, false],
		['+X441853', false, false],
		['*125B', true, false],
		['IN/OH', true, false],
		['IN/OH', false, true],
		['USA/CAN', true, false],
		['US6/9', true, true],
		['SR472_W', false, true]
	])('label %s on limited-access=%s → accessible %s', (label, la, want) => expect(isAccessibleLabel(label, la)).toBe(want));
});

describe('parseCsv', () => {
	it('handles quotes, doubled quotes, commas and CRLF', () => {
		expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n1,\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['1', '']]);
	});
});

describe.skipIf(!haveRaw)('pipeline on the raw Travel Mapping files', () => {
	it('uses active US systems only, without the preview systems', () => {
		const s = readSystems(path.join(RAW, TM_DIR)).map((x) => x.system);
		expect(s).toContain('usai');
		expect(s).toContain('usaus');
		for (const x of ['usanht', 'usatr', 'usaush', 'usasib', 'usapatp', 'usaas']) expect(s).not.toContain(x);
		expect(s).toHaveLength(69);
	});

	it('rebuilds data/road_graph.bin byte for byte (deterministic, not hand-edited)', () => {
		const { input, stats } = buildTmGraph(RAW);
		const bytes = encodeGraph(input);
		const committed = fs.readFileSync(new URL('../../../data/road_graph.bin', import.meta.url));
		const h = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
		expect(h(bytes)).toBe(h(committed));
		expect(stats.raw.vertices).toBeGreaterThan(230_000);
		expect(stats.connectors.added).toBeGreaterThan(1000);
		expect(stats.components.conusInLargest / stats.components.conusVertices).toBeGreaterThan(0.995);
	});
});
