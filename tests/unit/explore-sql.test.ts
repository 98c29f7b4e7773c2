import { describe, expect, it } from 'vitest';
import { checkStatement, prepareScript, splitStatements } from '../../src/lib/explore/sql-script';
import { locateError } from '../../src/lib/explore/sql-error';

describe('splitStatements', () => {
	it.each([
		['select 1', [['select 1', 0]]],
		['select 1; select 2;', [['select 1', 0], ['select 2', 10]]],
		["select ';' as s; select 2", [["select ';' as s", 0], ['select 2', 17]]],
		['select "a;b" from t', [['select "a;b" from t', 0]]],
		['-- note; here\nselect 1', [['-- note; here\nselect 1', 0]]],
		['/* a; b */ select 1 ; ', [['/* a; b */ select 1', 0]]],
		['select $$a;b$$, $tag$;$tag$', [['select $$a;b$$, $tag$;$tag$', 0]]],
		["select 'it''s; fine'", [["select 'it''s; fine'", 0]]],
		[';;  ; -- only comments\n', []],
		['', []],
		["select 'unterminated; still one", [["select 'unterminated; still one", 0]]]
	])('%j', (script, expected) => {
		expect(splitStatements(script).map((s) => [s.text, s.start])).toEqual(expected);
	});
});

describe('checkStatement', () => {
	it.each([
		['SELECT * FROM counties', null],
		['with x as (select 1) select * from x', null],
		['from counties', null],
		['describe counties', null],
		['SUMMARIZE counties', null],
		['explain select 1', null],
		['(select 1) union (select 2)', null],
		['-- comment\nselect 1', null],
		['create temp table mine as select 1', null],
		['CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1', null],
		['insert into mine values (1)', null],
		['drop table counties', null]
	])('allows %j', (sql, expected) => {
		expect(checkStatement(sql)).toBe(expected);
	});

	it.each([
		['create table x as select 1', /read-only.*CREATE TEMP TABLE/],
		['ATTACH \'x.duckdb\' AS x', /ATTACH and DETACH/],
		['detach atlas', /ATTACH and DETACH/],
		['use memory', /USE is not available/],
		['SET autoinstall_known_extensions = true', /Settings cannot be changed/],
		['pragma table_info(\'counties\')', /DESCRIBE counties/],
		['install httpfs', /network/],
		['load parquet', /network/],
		["copy counties to 'x.csv'", /Download CSV/],
		["select * from read_csv('https://example.org/x.csv')", /files or URLs/],
		["select * from 's3://bucket/x.parquet'", /files or URLs/],
		['checkpoint', /read-only/],
		['begin transaction', /Transactions/],
		['call duckdb_settings()', /SELECT \* FROM/],
		['create secret s (type s3)', /Secrets/],
		['vacuum', /read-only/],
		['frobnicate', /FROBNICATE/]
	])('refuses %j', (sql, message) => {
		expect(checkStatement(sql)).toMatch(message);
	});
});

describe('prepareScript', () => {
	it('points at the first refused statement', () => {
		const s = 'select 1;\ndetach atlas;';
		const { problem } = prepareScript(s);
		expect(problem).toMatchObject({ offset: 10, length: 'detach atlas'.length });
	});
	it('asks for a query when there is none', () => {
		expect(prepareScript('  -- nothing\n').problem?.message).toMatch(/Write a query/);
	});
});

describe('locateError', () => {
	const binder =
		'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "no_vehicle_hh"\n\nLINE 3: where nope > 1\n              ^';
	it('maps LINE/caret to line, column and offset', () => {
		const stmt = 'select *\nfrom counties\nwhere nope > 1';
		const e = locateError({ message: binder, statement: stmt });
		expect(e).toMatchObject({ kind: 'Binder Error', line: 3, column: 7, offset: stmt.indexOf('nope') });
		expect(e.message).toBe('Referenced column "nope" not found in FROM clause!\nCandidate bindings: "no_vehicle_hh"');
	});
	it('keeps one copy of a repeated parser block and offsets by the statement start', () => {
		const msg = 'Parser Error: syntax error at or near "counties"\n\nLINE 1: select * fro counties\n                     ^\n\nLINE 1: select * fro counties\n                     ^';
		const script = 'select 1;\nselect * fro counties';
		const e = locateError({ message: msg, statement: 'select * fro counties', statementStart: 10, script });
		expect(e).toMatchObject({ kind: 'Parser Error', message: 'syntax error at or near "counties"', line: 2, column: 14, offset: 23 });
		expect(script.slice(e.offset!)).toBe('counties');
	});
	it('finds the excerpt of a long line cut with ...', () => {
		const line = `select ${'a, '.repeat(60)}zzz from counties`;
		const at = line.indexOf('zzz');
		const excerpt = '...' + line.slice(at - 20, at + 10) + '...';
		const msg = `Binder Error: Referenced column "zzz" not found\n\nLINE 1: ${excerpt}\n${' '.repeat(8 + 3 + 20)}^`;
		const e = locateError({ message: msg, statement: line });
		expect(e.offset).toBe(at);
	});
	it('reads the JSON form of the pending-query path, with LINE block or position', () => {
		const msg = JSON.stringify({
			exception_type: 'Parser',
			exception_message: 'syntax error at or near "counties"\n\nLINE 1: select * fro counties\n                     ^',
			error_subtype: 'SYNTAX_ERROR',
			position: '13'
		});
		expect(locateError({ message: msg, statement: 'select * fro counties' })).toEqual({
			kind: 'Parser Error',
			message: 'syntax error at or near "counties"',
			line: 1,
			column: 14,
			offset: 13
		});
		const noLine = JSON.stringify({ exception_type: 'Binder', exception_message: 'oops', position: '3' });
		expect(locateError({ message: noLine, statement: 'ab\ncd', statementStart: 4, script: 'x;\n ab\ncd' })).toMatchObject({ kind: 'Binder Error', offset: 7, line: 3, column: 1 });
		expect(locateError({ message: '{not json', statement: 'x' })).toEqual({ kind: '', message: '{not json' });
	});
	it('passes messages without a position through', () => {
		const e = locateError({ message: 'Invalid Input Error: Cannot execute statement of type "CREATE" on database "atlas" which is attached in read-only mode!', statement: 'create table atlas.x (a int)' });
		expect(e).toEqual({ kind: 'Invalid Input Error', message: 'Cannot execute statement of type "CREATE" on database "atlas" which is attached in read-only mode!' });
	});
});
