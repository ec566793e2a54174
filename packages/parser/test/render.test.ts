// The diagnostic renderer: header, code frame, carets, hint, colour.

import { type Diagnostic, renderDiagnostic, SourceFile } from '@wyn/parser';

const source = new SourceFile('demo.wyn', 'count = 0\nprint(cout + 1)\nprint(count)\n');

function at(start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code: 'E0201', message: 'undefined variable `cout`', file: 'demo.wyn', span: source.span(start, end), ...extra };
}

test('the STYLE.md example renders exactly', () => {
  const d = at(16, 20, { label: 'not defined here', hint: 'did you mean `count`?' });
  expect(renderDiagnostic(d, source)).toBe(
    [
      'demo.wyn:2:7: error[E0201]: undefined variable `cout`',
      '  1 | count = 0',
      '> 2 | print(cout + 1)',
      '    |       ^^^^ not defined here',
      '  3 | print(count)',
      'hint: did you mean `count`?',
      '',
    ].join('\n'),
  );
});

test('without the source text only the header and hint are printed', () => {
  expect(renderDiagnostic(at(16, 20, { hint: 'h' }), undefined)).toBe('demo.wyn:2:7: error[E0201]: undefined variable `cout`\nhint: h\n');
});

test('a span over several lines marks each of them', () => {
  const text = 'x = foo(\n  1,\n  2)\ny = 1\n';
  const src = new SourceFile('m.wyn', text);
  const d: Diagnostic = { severity: 'error', code: 'E0301', message: 'bad call', file: 'm.wyn', span: src.span(4, 18) };
  expect(renderDiagnostic(d, src)).toBe(
    ['m.wyn:1:5: error[E0301]: bad call', '> 1 | x = foo(', '    |     ^^^^', '> 2 |   1,', '> 3 |   2)', '  4 | y = 1', ''].join('\n'),
  );
});

test('warnings say warning', () => {
  expect(renderDiagnostic(at(16, 20, { severity: 'warning' }), undefined)).toContain(': warning[E0201]: ');
});

test('colour wraps the severity, the message, the gutter, the carets and the hint', () => {
  const out = renderDiagnostic(at(16, 20, { hint: 'h' }), source, { color: true });
  expect(out).toContain('\x1b[1m\x1b[31merror[E0201]\x1b[0m');
  expect(out).toContain('\x1b[34m> 2 |\x1b[0m print(cout + 1)');
  expect(out).toContain('\x1b[1m\x1b[31m^^^^\x1b[0m');
  expect(out).toContain('\x1b[1m\x1b[36mhint:\x1b[0m h');
  expect(renderDiagnostic(at(16, 20), source)).not.toContain('\x1b[');
});

test('a very long line is cut to a window around the error, carets still aligned', () => {
  const line = 'x = ' + 'a + '.repeat(60) + 'oops';
  const src = new SourceFile('long.wyn', line);
  const start = line.indexOf('oops');
  const d: Diagnostic = { severity: 'error', code: 'E0100', message: 'm', file: 'long.wyn', span: src.span(start, start + 4) };
  const [, frame, carets] = renderDiagnostic(d, src).split('\n');
  expect(frame.length).toBeLessThan(120);
  expect(frame.startsWith('> 1 | …')).toBe(true);
  expect(frame.indexOf('oops')).toBe(carets.indexOf('^^^^'));
});
