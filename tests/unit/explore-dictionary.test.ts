import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeColumns, parseDictionary, plainText } from '../../src/lib/explore/dictionary';
import { loadSchema, completionSchema, type SchemaTable } from '../../src/lib/explore/schema';
import { DATA_DIR, openNodeDb, type NodeDb } from '../../src/lib/db/node';
import { licenceText, tableDownloads } from '../../src/lib/explore/downloads';

const SAMPLE = `# Data dictionary

## Sources

| column | type | units | source |
| --- | --- | --- | --- |
| \`not_a_table\` | X | | |

## things.parquet

**Grain:** one row per **thing**.
Rows: 3.

| column | type | units / values | source and method |
| --- | --- | --- | --- |
| \`id\` | VARCHAR | 2-digit | from \`ID\` |
| \`lat\`, \`lon\` | DOUBLE | degrees | centre |
| \`pop\`, \`_moe\` | INTEGER, DOUBLE | persons | \`E_POP\`, \`M_POP\` |
| \`a\` … \`c\` | as in others | | same formulas; NULL elsewhere |
| \`flag\` | BOOLEAN | a \\| b | |

| excluded | rows |
| --- | ---: |
| closed | 4 |

## others.parquet

| column | type | units / values | source and method |
| --- | --- | --- | --- |
| \`b\` | INTEGER | count of b | [SVI](https://example.org) \`E_B\` |
`;

describe('parseDictionary', () => {
	const d = parseDictionary(SAMPLE);
	it('finds one entry per table section, not the other tables', () => {
		expect(Object.keys(d)).toEqual(['things', 'others']);
		expect(d.things.grain).toBe('one row per thing. Rows: 3.');
	});
	it('expands lists and suffixes; keeps ranges; ignores other tables in the section', () => {
		expect(Object.keys(d.things.columns)).toEqual(['id', 'lat', 'lon', 'pop', 'pop_moe', 'flag']);
		expect(d.things.columns.id).toEqual({ type: 'VARCHAR', units: '2-digit', source: 'from ID' });
		expect(d.things.columns.flag.units).toBe('a | b');
		expect(d.things.ranges).toHaveLength(1);
		expect(d.things.columns.closed).toBeUndefined();
	});
	it('resolves ranges against the real column order, borrowing "as in" entries', () => {
		const docs = describeColumns({ dict: d, table: 'things', columns: ['id', 'a', 'b', 'c', 'zzz'] });
		expect(docs[1]?.source).toBe('same formulas; NULL elsewhere');
		expect(docs[2]).toEqual({ type: 'INTEGER', units: 'count of b', source: 'SVI E_B; same formulas; NULL elsewhere' });
		expect(docs[4]).toBeNull();
	});
	it('plain text from inline Markdown', () => {
		expect(plainText('**bold** `code` [link](http://x) *it*')).toBe('bold code link it');
	});
	it('handles CRLF and an empty file', () => {
		expect(Object.keys(parseDictionary(SAMPLE.replace(/\n/g, '\r\n')))).toEqual(['things', 'others']);
		expect(parseDictionary('')).toEqual({});
	});
});

describe('the real data dictionary and schema', () => {
	let db: NodeDb;
	let tables: SchemaTable[];
	beforeAll(async () => {
		db = await openNodeDb();
		tables = await loadSchema(db);
	});
	afterAll(() => db?.close());

	it('every column of every shipped table has a description', () => {
		const dict = parseDictionary(readFileSync(join(DATA_DIR, 'README.md'), 'utf8'));
		const missing: string[] = [];
		for (const t of tables) {
			const docs = describeColumns({ dict, table: t.name, columns: t.columns.map((c) => c.name) });
			docs.forEach((doc, i) => doc || missing.push(`${t.name}.${t.columns[i].name}`));
		}
		expect(tables.map((t) => t.name).sort()).toEqual(['centres', 'counties', 'hospitals', 'states', 'tracts']);
		expect(missing).toEqual([]);
	});

	it('completion schema lists each table with its columns', () => {
		const s = completionSchema(tables);
		expect(s.counties).toContain('nh_black');
		expect(s.centres[0]).toBe('centre_id');
	});

	it('downloads list each Parquet table of the manifest with its licences', () => {
		const manifest = JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8'));
		const d = tableDownloads(manifest);
		expect(d.map((x) => x.table).sort()).toEqual(['centres', 'counties', 'hospitals', 'states', 'tracts']);
		for (const x of d) expect(x.licences.length).toBeGreaterThan(0);
		const text = licenceText(manifest);
		expect(text).toMatch(/tracts\.parquet \(table tracts, 85395 rows/);
		expect(text).toMatch(/public domain/);
	});
});
