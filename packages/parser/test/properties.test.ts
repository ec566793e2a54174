// Property tests (fast-check):
//  1. any text either parses or yields diagnostics whose spans lie inside it,
//     never an exception;
//  2. programs generated from the grammar's shapes parse cleanly, and printing
//     their AST and parsing the text again gives the same AST.

import * as fc from 'fast-check';
import { parse, printProgram, SourceFile, withoutSpans } from '@wyn/parser';


function diagnosticsStayInside(text: string): void {
  const result = parse(text, 'fuzz.wyn');
  const source = new SourceFile('fuzz.wyn', text);
  for (const d of result.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(source.position(d.span.start)).toEqual({ line: d.span.line, col: d.span.col });
  }
  if (result.program === null) expect(result.diagnostics.length).toBeGreaterThan(0);
}

const tokens = [
  'fn', 'main', '(', ')', '{', '}', '[', ']', 'x', '=', '1', '2.5', '"s"', "'t'", '"${x}"', '"""a"""', '+', '-', '*', '/',
  '==', '<', '>', 'and', 'or', 'not', 'if', 'else', 'while', 'for', 'in', '..', '..=', 'match', '=>', '_', ',', ':', ';',
  '.', '?', '?.', '??', 'return', 'var', 'const', 'struct', 'enum', 'Point', 'Some', 'None', 'spawn', 'await', '&&', '|>',
  '//c\n', '/*', '*/', '#h\n', '\n', '"', '0x', '9223372036854775808', '|', '&', '^', '~', '<<', '>>', 'let', 'select',
];

test('arbitrary text never throws and its diagnostics point inside it', () => {
  fc.assert(fc.property(fc.string({ maxLength: 60 }), diagnosticsStayInside), { numRuns: 300 });
});

test('token soup never throws and its diagnostics point inside it', () => {
  const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 30 }).map((ts) => ts.join(' '));
  fc.assert(fc.property(soup, diagnosticsStayInside), { numRuns: 400 });
});

// ---- programs from the grammar's shapes

const name = fc.constantFrom('a', 'b', 'count', 'xs', 'value_1', 'item');
const atom = fc.oneof(
  name,
  fc.nat({ max: 100000 }).map(String),
  fc.constantFrom('0xff', '0b101', '1_000', '1.5', '0.25', '1e3', '2.5e-3', 'true', 'false', 'None', 'self'),
  fc.stringMatching(/^[a-z ]{0,6}$/).map((s) => `"${s}"`),
);
const binaryOp = fc.constantFrom('+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '??', 'in', 'not in');

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('expr'), binaryOp, tie('expr')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(atom, binaryOp, atom).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(fc.constantFrom('-', 'not ', '~', 'await '), tie('expr')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(name, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(name, name, tie('expr')).map(([o, m, a]) => `${o}.${m}(${a}).len()`),
    fc.tuple(name, tie('expr')).map(([o, i]) => `${o}[${i}]`),
    fc.tuple(name, tie('expr')).map(([o, i]) => `${o}[${i}:]`),
    fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}, ${b})`),
    tie('expr').map((e) => `{"k": ${e}}`),
    tie('expr').map((e) => `Some(${e})`),
    tie('expr').map((e) => `Point { x: ${e}, y: 1 }`),
    tie('expr').map((e) => `(x) => ${e}`),
    tie('expr').map((e) => `|x, y| ${e}`),
    tie('expr').map((e) => `"v=\${${e}}!"`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c}) ? (${a}) : (${b})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `if (${c}) { ${a} } else { ${b} }`),
    fc.tuple(tie('expr'), tie('expr')).map(([s, a]) => `match (${s}) { 1 | 2 => ${a}, Some(v) if v > 0 => v, _ => 0 }`),
    fc.tuple(name, tie('expr')).map(([x, e]) => `[${e} for ${x} in 0..10 if ${x} > 2]`),
    name.map((n) => `(${n}()?)`),
    fc.tuple(name, name).map(([o, f]) => `${o}?.${f}`),
    name.map((f) => `spawn ${f}(1)`),
  ),
}));

const { stmt } = fc.letrec<{ stmt: string }>((tie) => {
  const block = fc.array(tie('stmt'), { maxLength: 3 }).map((ss) => `{\n${ss.join('\n')}\n}`);
  return {
    stmt: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(name, expr).map(([n, e]) => `${n} = ${e}`),
      fc.tuple(name, fc.constantFrom('+=', '-=', '*=', '/=', '%='), expr).map(([n, op, e]) => `${n} ${op} ${e}`),
      fc.tuple(name, expr).map(([n, e]) => `var ${n} = ${e}`),
      fc.tuple(name, expr).map(([n, e]) => `const ${n}: int = ${e}`),
      fc.tuple(name, name, expr).map(([a, b, e]) => `${a}, ${b} = ${b}, ${e}`),
      expr.map((e) => `print(${e})`),
      name.map((n) => `${n}++`),
      fc.tuple(expr, block, block).map(([c, a, b]) => `if (${c}) ${a} else ${b}`),
      fc.tuple(expr, block).map(([c, a]) => `while (${c}) ${a}`),
      fc.tuple(name, expr, block).map(([n, e, b]) => `for ${n} in 0..(${e}) ${b}`),
      fc.tuple(name, name, block).map(([i, x, b]) => `for ${i}, ${x} in xs ${b}`),
      fc.tuple(expr, block).map(([s, b]) => `match (${s}) {\n "go" => print(1)\n Color.Red => ${b}\n _ => {}\n}`),
      fc.tuple(name, expr).map(([n, e]) => `if let Some(${n}) = find(${e}) { print(${n}) }`),
      expr.map((e) => `return ${e}`),
      // A bare `return` takes the next line's expression as its value (§2.1), so it ends with `;`.
      fc.constantFrom('break', 'continue', 'defer close()', 'return;'),
      block,
    ),
  };
});

const topItem = fc.oneof(
  stmt,
  fc.tuple(name, fc.array(stmt, { maxLength: 4 })).map(([n, body]) => `fn ${n}(a: int, b: string = "x") -> int {\n${body.join('\n')}\n}`),
  fc.constantFrom('struct Point { x: int, y: int }', 'enum Color { Red, Green(int) }', 'import lib.text as t'),
);
const program = fc.array(topItem, { minLength: 1, maxLength: 5 }).map((items) => items.join('\n'));

test('generated programs parse, and print back to text with the same AST', () => {
  fc.assert(
    fc.property(program, (text) => {
      const first = parse(text, 'gen.wyn');
      expect(first.diagnostics).toEqual([]);
      if (first.program === null) return;
      const printed = printProgram(first.program);
      const second = parse(printed, 'gen.wyn');
      expect(second.diagnostics).toEqual([]);
      expect(withoutSpans(second.program)).toEqual(withoutSpans(first.program));
    }),
    { numRuns: 150 },
  );
});
