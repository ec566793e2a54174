// The reserved words agree everywhere: the parser's list, the grammar's
// `keyword` rule and the editor grammar.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isKeyword, KEYWORDS, parse } from '@wyn/parser';

const sorted = [...KEYWORDS].sort();

test('the grammar reserves exactly the listed keywords', () => {
  const grammar = fs.readFileSync(path.join(__dirname, '..', 'src', 'wyn.ohm'), 'utf8');
  const rule = /\n {2}keyword = \(([^)]*)\) ~identPart/.exec(grammar);
  expect(rule).not.toBeNull();
  const words = [...(rule as RegExpExecArray)[1].matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]);
  expect(words.sort()).toEqual(sorted);
});

test('the editor grammar highlights exactly the listed keywords', () => {
  const file = path.join(__dirname, '..', '..', '..', 'editors', 'wyn.tmLanguage.json');
  const tm = JSON.parse(fs.readFileSync(file, 'utf8')) as { repository: { keywords: { patterns: Array<{ match: string }> } } };
  const words = tm.repository.keywords.patterns.flatMap((p) => /\\b\(([^)]*)\)\\b/.exec(p.match)?.[1].split('|') ?? []);
  expect(words.sort()).toEqual(sorted);
});

test.each(KEYWORDS.filter((k) => !['true', 'false', 'None', 'self', 'channel'].includes(k)))('`%s` cannot name a variable', (word) => {
  expect(isKeyword(word)).toBe(true);
  expect(parse(`${word} = 1`, 'k.wyn').diagnostics.length).toBeGreaterThan(0);
});

test('a word that merely starts with a keyword is a name', () => {
  expect(parse('iffy = 1\nimporter = 2\nformat = 3\nnotable = 4', 'k.wyn').diagnostics).toEqual([]);
});

test('every pattern of the editor grammar is a valid regular expression', () => {
  const file = path.join(__dirname, '..', '..', '..', 'editors', 'wyn.tmLanguage.json');
  const patterns: string[] = [];
  JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')), (key, value: unknown) => {
    if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') patterns.push(value);
    return value;
  });
  expect(patterns.length).toBeGreaterThan(15);
  for (const p of patterns) expect(() => new RegExp(p)).not.toThrow();
});
