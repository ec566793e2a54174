// Every program of the conformance corpus that the reference accepts parses
// with no diagnostic, and printing its AST gives text that parses back to the
// same AST. 143 is the one program whose syntax the reference rejects.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, printProgram, withoutSpans } from '@wyn/parser';


const root = path.join(__dirname, '..', '..', '..', 'tests', 'conformance');
const programs = ['core', 'core/lib', 'stdlib', 'concurrency'].flatMap((dir) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.wyn'))
    .map((f) => `${dir}/${f}`),
);
const rejectedByReference: Record<string, string[]> = {
  'core/143_compile_error_removed_operator.wyn': ['E0106'],
};

test('the corpus is there', () => {
  expect(programs.length).toBeGreaterThan(170);
});

describe('conformance programs parse', () => {
  test.each(programs)('%s', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const result = parse(text, file);
    expect(result.diagnostics.map((d) => d.code)).toEqual(rejectedByReference[file] ?? []);
    if (result.program === null) return;
    const again = parse(printProgram(result.program), file);
    expect(again.diagnostics).toEqual([]);
    expect(withoutSpans(again.program)).toEqual(withoutSpans(result.program));
  });
});
