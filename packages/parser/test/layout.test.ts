// Free-form layout (LANGUAGE.md §2.1): newlines are whitespace, except where
// the spec makes line position matter (struct literal braces, `?`).

import { parse } from '@wyn/parser';
import { assigned, firstStmt, parseOk, sexpr } from './helpers';

test('several statements fit on one line without separators', () => {
  const body = parseOk('x = 1 y = 2 print(x + y)').body;
  expect(body.map((s) => s.kind)).toEqual(['AssignStmt', 'AssignStmt', 'ExprStmt']);
});

test('a line starting with a minus continues the previous expression', () => {
  const body = parseOk('x = 5\n-3\n').body;
  expect(body).toHaveLength(1);
  expect(sexpr(assigned('x = 5\n-3\n'))).toBe('(- 5 3)');
});

test('a line starting with a parenthesis calls the previous expression', () => {
  expect(sexpr(assigned('x = 5\n(x)\n'))).toBe('(call 5 x)');
});

test('a semicolon ends a statement early', () => {
  expect(parseOk('x = 5;\n(x)\n').body.map((s) => s.kind)).toEqual(['AssignStmt', 'ExprStmt']);
});

test('an operator at the end of a line continues onto the next', () => {
  expect(sexpr(assigned('t = 1 +\n 2'))).toBe('(+ 1 2)');
});

test('a struct literal needs its brace on the same line as the type name', () => {
  expect(sexpr(assigned('p = Point { x: 1, y: 2 }'))).toBe('(struct Point x:1 y:2)');
  const body = parseOk('p = Point\n{ print(1) }').body;
  expect(body.map((s) => s.kind)).toEqual(['AssignStmt', 'Block']);
});

test('an if head reads a capitalised name before a brace as a name, not a struct literal', () => {
  const s = firstStmt('if n == Limit { print(1) }');
  expect(s.kind === 'IfStmt' && sexpr(s.condition)).toBe('(== n Limit)');
});

test('a match subject may be a struct literal', () => {
  const s = firstStmt('total = match Point { x: 1, y: 2 } { Point { x, y } => x + y, }');
  expect(s.kind === 'AssignStmt' && s.value.kind).toBe('MatchExpr');
});

test('a question mark before an operand on the same line is a ternary', () => {
  expect(sexpr(assigned('v = ok ? 1 : 2'))).toBe('(? ok 1 2)');
  expect(sexpr(assigned('v = ok ? "a" : "b"'))).toBe('(? ok "a" "b")');
});

test('a question mark at the end of a line is the try operator', () => {
  const body = parseOk('v = parse(s)?\nprint(v)').body;
  expect(body).toHaveLength(2);
  expect(sexpr(assigned('v = parse(s)?\nprint(v)'))).toBe('(try (call parse s))');
});

test('a question mark before a statement keyword is the try operator', () => {
  expect(parseOk('fn f() -> Result<int, string> { v = g()? return Ok(v) }').body).toHaveLength(1);
});

test('a braceless if body is exactly one statement', () => {
  const body = parseOk('if x > 100\n  print("big")\nelse\n  print("small")\nprint("after")').body;
  expect(body.map((s) => s.kind)).toEqual(['IfStmt', 'ExprStmt']);
});

test('a shebang line, a byte-order mark and all three comment forms are skipped', () => {
  const body = parseOk('\uFEFF#!/usr/bin/env wyn\n// line\n/* block\n comment */ x = 1 # hash\n').body;
  expect(body.map((s) => s.kind)).toEqual(['AssignStmt']);
});

test('an interpolated expression keeps its position in the file', () => {
  const s = firstStmt('print("a ${count + 1}")');
  const arg = s.kind === 'ExprStmt' && s.expr.kind === 'Call' ? s.expr.args[0].value : null;
  expect(arg?.kind).toBe('InterpolatedString');
  const part = arg?.kind === 'InterpolatedString' ? arg.parts[1] : null;
  expect(typeof part === 'object' && part !== null && part.kind === 'Binary' && part.left.span).toEqual({ start: 11, end: 16, line: 1, col: 12 });
});

test('nested strings and braces inside an interpolation', () => {
  const s = firstStmt('x = "${"in${y}ner"} ${if a { "x" } else { "y" }}"');
  expect(s.kind === 'AssignStmt' && s.value.kind).toBe('InterpolatedString');
});

test('escapes are decoded and a dollar without a brace is text', () => {
  const s = firstStmt('x = "a\\tb\\n\\q\\$\\x41 $x \\${no}"');
  expect(s.kind === 'AssignStmt' && s.value.kind === 'StringLit' && s.value.value).toBe('a\tb\nq$A $x ${no}');
});

test('a \\x escape past ASCII is one raw byte, kept as a lone surrogate for the interpreter', () => {
  const s = firstStmt('x = "\\xc3\\xa9"');
  expect(s.kind === 'AssignStmt' && s.value.kind === 'StringLit' && s.value.value).toBe('\udcc3\udca9');
});

test('a triple-quoted string keeps its text verbatim', () => {
  const s = firstStmt('x = """\n  two "quoted" \\n\n"""');
  expect(s.kind === 'AssignStmt' && s.value.kind === 'StringLit' && s.value.value).toBe('\n  two "quoted" \\n\n');
});

test('integer literals: separators, hex, binary, leading zeros', () => {
  const values = ['1_000_000', '0xff', '0XAB', '0b1010', '007', '100_'].map((src) => {
    const e = assigned(`x = ${src}`);
    return e.kind === 'IntLit' ? e.value : null;
  });
  expect(values).toEqual([1000000n, 255n, 171n, 10n, 7n, 100n]);
});

test('the largest int is accepted and one more is rejected', () => {
  expect(parse('x = 9223372036854775807', 't').diagnostics).toEqual([]);
  expect(parse('x = 0xFFFFFFFFFFFFFFFF', 't').diagnostics.map((d) => d.code)).toEqual(['E0105']);
});

test('a dot after an int starts a method call, not a fraction', () => {
  expect(sexpr(assigned('s = 5.to_string()'))).toBe('(call (. 5 to_string))');
  expect(sexpr(assigned('f = 1E3'))).toBe('1E3');
});
