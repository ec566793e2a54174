// The programs in examples/ (used in the README) run and print exactly what
// examples/expected/NAME.out says.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { runConformance } from './conformance-helpers';

const examples = path.join(__dirname, '..', 'examples');

const cases: Array<[string, string[]]> = [
  ['hello', []],
  ['word_count', ['data/poem.txt', '5']],
  ['json_report', []],
  ['prime_sieve', ['200000', '8']],
  ['pipeline', []],
];

test.each(cases)('examples/%s.wyn prints its expected output', async (name, args) => {
  const file = path.join(examples, `${name}.wyn`);
  const got = await runConformance(file, fs.readFileSync(file, 'utf8'), args);
  expect(got).toEqual({ stdout: fs.readFileSync(path.join(examples, 'expected', `${name}.out`), 'utf8'), status: 0 });
});
