// `format` (wyn fmt): canonical layout, every comment kept, idempotent, and
// never a different program.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { format, parse, withoutSpans } from '@wyn/parser';

function fmt(text: string): string {
  const r = format(text, 'f.wyn');
  if (r.text === null) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.text;
}

test('comments before, after and inside statements are kept', () => {
  const input = [
    '#!/usr/bin/env wyn',
    '// leading',
    'fn main() {   // after the brace',
    '  x = 1 # trailing hash',
    '',
    '',
    '  /* before y */ y = [1, /* inside */ 2]',
    '  if x > 0 {',
    '    // only a comment',
    '  }',
    '  // last in block',
    '}',
    '// at the end',
    '',
  ].join('\n');
  expect(fmt(input)).toBe(
    [
      '#!/usr/bin/env wyn',
      '// leading',
      'fn main() {',
      '  // after the brace',
      '  x = 1 # trailing hash',
      '',
      '  /* before y */',
      '  /* inside */',
      '  y = [1, 2]',
      '  if x > 0 {',
      '    // only a comment',
      '  }',
      '  // last in block',
      '}',
      '// at the end',
      '',
    ].join('\n'),
  );
});

test('layout is canonical: spacing, indentation, one blank line at most', () => {
  expect(fmt('x=1;y  =  2\n\n\n\nif(x<y){print( x )}else{print(y)}')).toBe(
    'x = 1\ny = 2\n\nif x < y {\n  print(x)\n} else {\n  print(y)\n}\n',
  );
});

test('raw bytes written as \\x escapes stay escapes', () => {
  expect(fmt('x = "\\xc3\\xa9\\x41"\n')).toBe('x = "\\xc3\\xa9A"\n');
});

test('a file with syntax errors is not formatted', () => {
  const r = format('fn main( {', 'f.wyn');
  expect(r.text).toBeNull();
  expect(r.diagnostics.map((d) => d.code)).toEqual(['E0100']);
});

const root = path.join(__dirname, '..', '..', '..', 'tests', 'conformance');
const corpus = ['core', 'core/lib', 'stdlib', 'concurrency'].flatMap((dir) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.wyn') && !f.startsWith('143_')).map((f) => `${dir}/${f}`),
);

describe('every conformance program formats to the same program, idempotently', () => {
  test.each(corpus)('%s', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const once = fmt(text);
    expect(fmt(once)).toBe(once);
    expect(withoutSpans(parse(once, file).program)).toEqual(withoutSpans(parse(text, file).program));
  });
});
