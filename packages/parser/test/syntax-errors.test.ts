// Whole rendered diagnostics for syntax errors (STYLE.md: assert the caret line too).
// Each case is a program with one mistake and the exact text `wyn check` prints for it.

import { parse, renderDiagnostic } from '@wyn/parser';

function rendered(source: string): string {
  const result = parse(source, 'bad.wyn');
  return result.diagnostics.map((d) => renderDiagnostic(d, result.source)).join('');
}

const cases: Array<[string, string, string[]]> = [
  [
    "a missing closing brace names the block left open",
    "fn main() {\n  print(1)\n",
    [
      "bad.wyn:2:11: error[E0101]: unexpected end of input: expected `}` to close the block opened at 1:11",
      "  1 | fn main() {",
      "> 2 |   print(1)",
      "    |           ^",
      "hint: add `}`",
    ],
  ],
  [
    "a call left open at a new statement points at the open parenthesis",
    "print(1, 2\nx = 3\n",
    [
      "bad.wyn:2:1: error[E0100]: expected an expression, `)` or `,`, found `x`",
      "  1 | print(1, 2",
      "> 2 | x = 3",
      "    | ^",
      "hint: the `(` opened at 1:6 is still open here",
    ],
  ],
  [
    "a missing closing parenthesis at the end of input",
    "print((1 + 2)\n",
    [
      "bad.wyn:1:14: error[E0101]: unexpected end of input: expected `)` to close the parenthesis opened at 1:6",
      "> 1 | print((1 + 2)",
      "    |              ^",
      "hint: add `)`",
    ],
  ],
  [
    "an unclosed array literal",
    "xs = [1, 2, 3\n",
    [
      "bad.wyn:1:14: error[E0101]: unexpected end of input: expected `]` to close the bracket opened at 1:6",
      "> 1 | xs = [1, 2, 3",
      "    |              ^",
      "hint: add `]`",
    ],
  ],
  [
    "an unterminated double-quoted string",
    "x = \"hello\nprint(x)\n",
    [
      "bad.wyn:1:5: error[E0102]: unterminated string literal",
      "> 1 | x = \"hello",
      "    |     ^^^^^^",
      "  2 | print(x)",
      "hint: close it with `\"` on the same line; use `\"\"\"` for text over several lines",
    ],
  ],
  [
    "an unterminated single-quoted string",
    "x = 'abc\n",
    [
      "bad.wyn:1:5: error[E0102]: unterminated string literal",
      "> 1 | x = 'abc",
      "    |     ^^^^",
      "hint: close it with `'` on the same line; use `\"\"\"` for text over several lines",
    ],
  ],
  [
    "an unterminated triple-quoted string",
    "x = \"\"\"abc\nmore\n",
    [
      "bad.wyn:1:5: error[E0102]: unterminated string literal",
      "> 1 | x = \"\"\"abc",
      "    |     ^^^^^^",
      "> 2 | more",
      "hint: close it with `\"\"\"`",
    ],
  ],
  [
    "an unterminated block comment",
    "x = 1\n/* never closed\nprint(x)\n",
    [
      "bad.wyn:2:1: error[E0103]: unterminated block comment",
      "  1 | x = 1",
      "> 2 | /* never closed",
      "    | ^^",
      "  3 | print(x)",
      "hint: close it with `*/` (block comments do not nest)",
    ],
  ],
  [
    "a hex prefix without digits",
    "x = 0x\n",
    [
      "bad.wyn:1:5: error[E0104]: invalid number literal `0x`",
      "> 1 | x = 0x",
      "    |     ^^",
      "hint: `0x` must be followed by hex digits, as in `0xff`",
    ],
  ],
  [
    "an octal literal",
    "x = 0o17\n",
    [
      "bad.wyn:1:5: error[E0104]: invalid number literal `0o17`",
      "> 1 | x = 0o17",
      "    |     ^^^^",
      "hint: octal literals do not exist in Wyn; write the value in decimal or hex (`0x..`)",
    ],
  ],
  [
    "a binary literal with a bad digit",
    "x = 0b102\n",
    [
      "bad.wyn:1:5: error[E0104]: invalid number literal `0b102`",
      "> 1 | x = 0b102",
      "    |     ^^^^^",
      "hint: binary literals use only the digits 0 and 1, as in `0b1010`",
    ],
  ],
  [
    "a number running into letters",
    "x = 12abc\n",
    [
      "bad.wyn:1:5: error[E0104]: invalid number literal `12abc`",
      "> 1 | x = 12abc",
      "    |     ^^^^^",
      "hint: a number cannot run straight into letters; separate them with a space or an operator",
    ],
  ],
  [
    "a float without digits after the point",
    "x = 1.\n",
    [
      "bad.wyn:1:5: error[E0104]: invalid number literal `1.`",
      "> 1 | x = 1.",
      "    |     ^^",
      "hint: a float needs digits after the point: write `1.0`",
    ],
  ],
  [
    "a float without a digit before the point",
    "x = .5\n",
    [
      "bad.wyn:1:5: error[E0100]: expected an expression, found `.`",
      "> 1 | x = .5",
      "    |     ^",
      "hint: a float needs a digit before the point: write `0.5`",
    ],
  ],
  [
    "an integer literal larger than int64",
    "x = 9223372036854775808\n",
    [
      "bad.wyn:1:5: error[E0105]: integer literal `9223372036854775808` is too large for a 64-bit int",
      "> 1 | x = 9223372036854775808",
      "    |     ^^^^^^^^^^^^^^^^^^^",
      "hint: the largest int is 9223372036854775807; write the smallest as `-9223372036854775807 - 1`",
    ],
  ],
  [
    "a stray character",
    "x = 1 @ 2\n",
    [
      "bad.wyn:1:7: error[E0100]: unexpected `@`",
      "> 1 | x = 1 @ 2",
      "    |       ^",
    ],
  ],
  [
    "a closing parenthesis with nothing to close",
    "x = 1)\n",
    [
      "bad.wyn:1:6: error[E0116]: unexpected `)` with nothing to close",
      "> 1 | x = 1)",
      "    |      ^",
      "hint: remove it, or add the opening bracket it belongs to",
    ],
  ],
  [
    "a closing bracket of the wrong kind",
    "x = [1, 2)\n",
    [
      "bad.wyn:1:10: error[E0116]: mismatched `)`: expected `]` to close the `[` opened at 1:5",
      "> 1 | x = [1, 2)",
      "    |          ^",
    ],
  ],
  [
    "the removed && operator",
    "if a && b { }\n",
    [
      "bad.wyn:1:6: error[E0106]: the operator `&&` has been removed",
      "> 1 | if a && b { }",
      "    |      ^^",
      "hint: use `and` instead",
    ],
  ],
  [
    "the removed || operator",
    "x = a || b\n",
    [
      "bad.wyn:1:7: error[E0106]: the operator `||` has been removed",
      "> 1 | x = a || b",
      "    |       ^^",
      "hint: use `or` instead",
    ],
  ],
  [
    "the removed pipe operator",
    "x = 3 |> f\n",
    [
      "bad.wyn:1:7: error[E0106]: the pipe operator `|>` has been removed",
      "> 1 | x = 3 |> f",
      "    |       ^^",
      "hint: call the function directly: `f(x)`",
    ],
  ],
  [
    "a prefix ! instead of not",
    "x = !true\n",
    [
      "bad.wyn:1:5: error[E0106]: `!` is not an operator in Wyn",
      "> 1 | x = !true",
      "    |     ^",
      "hint: use `not`",
    ],
  ],
  [
    "let is not a keyword",
    "let x = 5\n",
    [
      "bad.wyn:1:1: error[E0112]: `let` is not a keyword in Wyn",
      "> 1 | let x = 5",
      "    | ^^^",
      "hint: declare the variable with `var x = …` or a bare assignment `x = …`",
    ],
  ],
  [
    "the ** power operator",
    "x = 2 ** 3\n",
    [
      "bad.wyn:1:7: error[E0106]: `**` is not an operator in Wyn",
      "> 1 | x = 2 ** 3",
      "    |       ^^",
      "hint: use `n.pow(k)` or `Math.pow(x, y)`",
    ],
  ],
  [
    "the <<= compound operator",
    "x <<= 1\n",
    [
      "bad.wyn:1:3: error[E0106]: `<<=` is not an operator in Wyn",
      "> 1 | x <<= 1",
      "    |   ^^^",
      "hint: write `x = x << y`",
    ],
  ],
  [
    "a prefix increment",
    "++x\n",
    [
      "bad.wyn:1:1: error[E0106]: prefix `++` is not supported",
      "> 1 | ++x",
      "    | ^^",
      "hint: write `x++` or `x += 1`",
    ],
  ],
  [
    "a triple equals",
    "if a === b { }\n",
    [
      "bad.wyn:1:6: error[E0106]: `===` is not an operator in Wyn",
      "> 1 | if a === b { }",
      "    |      ^^^",
      "hint: use `==`",
    ],
  ],
  [
    "a chained comparison",
    "ok = 0 < x < 10\n",
    [
      "bad.wyn:1:12: error[E0111]: comparison operators cannot be chained",
      "> 1 | ok = 0 < x < 10",
      "    |            ^",
      "hint: write `a < b and b < c`",
    ],
  ],
  [
    "a keyword used as a parameter name",
    "fn f(from: string) { }\n",
    [
      "bad.wyn:1:6: error[E0100]: expected `)`, found `from`",
      "> 1 | fn f(from: string) { }",
      "    |      ^^^^",
      "hint: `from` is a reserved word and cannot be used as a name",
    ],
  ],
  [
    "a keyword used as a variable name",
    "match = 3\n",
    [
      "bad.wyn:1:7: error[E0100]: expected an expression, found `=`",
      "> 1 | match = 3",
      "    |       ^",
      "hint: `match` is a reserved word and cannot be used as a name",
    ],
  ],
  [
    "`channel` assigned as if it were a variable",
    "channel = 3\n",
    [
      "bad.wyn:1:1: error[E0100]: expected a variable name, found `channel`",
      "> 1 | channel = 3",
      "    | ^^^^^^^",
      "hint: `channel` is a reserved word and cannot be used as a name",
    ],
  ],
  [
    "a nested function declaration",
    "fn outer() {\n  fn inner() { }\n}\n",
    [
      "bad.wyn:2:6: error[E0110]: functions cannot be nested",
      "  1 | fn outer() {",
      "> 2 |   fn inner() { }",
      "    |      ^^^^^ declared inside a block",
      "  3 | }",
      "hint: declare `inner` at the top level, or use a lambda: `inner = (x) => ...`",
    ],
  ],
  [
    "elif instead of else if",
    "if x { } elif y { }\n",
    [
      "bad.wyn:1:10: error[E0112]: `elif` is not a keyword in Wyn",
      "> 1 | if x { } elif y { }",
      "    |          ^^^^",
      "hint: write `else if`",
    ],
  ],
  [
    "an empty interpolation",
    "print(\"${}\")\n",
    [
      "bad.wyn:1:8: error[E0109]: empty interpolation `${}`",
      "> 1 | print(\"${}\")",
      "    |        ^^^",
      "hint: put an expression between the braces, as in `${count}`",
    ],
  ],
  [
    "a format specifier inside an interpolation",
    "print(\"${x:.2}\")\n",
    [
      "bad.wyn:1:11: error[E0109]: invalid interpolation: expected end of input, found `:`",
      "> 1 | print(\"${x:.2}\")",
      "    |           ^",
      "hint: the text between `${` and `}` must be exactly one expression (format specifiers such as `${x:.2}` do not exist)",
    ],
  ],
  [
    "spawn of something that is not a call",
    "f = spawn 42\n",
    [
      "bad.wyn:1:11: error[E0113]: `spawn` needs a function call",
      "> 1 | f = spawn 42",
      "    |           ^^ not a call",
      "hint: spawn a call of a function, as in `spawn work(x)`",
    ],
  ],
  [
    "a select arm that does not receive",
    "select {\n  v = ch.send(1) => print(v)\n}\n",
    [
      "bad.wyn:2:7: error[E0114]: a `select` arm must receive from a channel",
      "  1 | select {",
      "> 2 |   v = ch.send(1) => print(v)",
      "    |       ^^^^^^^^^^ expected `channel.recv()`",
      "  3 | }",
      "hint: write each arm as `name = ch.recv() => statement`",
    ],
  ],
  [
    "a match arm without an arrow",
    "match x {\n  1 print(\"one\")\n}\n",
    [
      "bad.wyn:2:5: error[E0100]: expected `=>` or `if`, found `print`",
      "  1 | match x {",
      "> 2 |   1 print(\"one\")",
      "    |     ^^^^^",
      "  3 | }",
    ],
  ],
  [
    "a while loop without a body at the end of input",
    "while x < 3\n",
    [
      "bad.wyn:1:12: error[E0101]: unexpected end of input: expected a statement",
      "> 1 | while x < 3",
      "    |            ^",
    ],
  ],
  [
    "an assignment to a call",
    "f() = 3\n",
    [
      "bad.wyn:1:1: error[E0107]: cannot assign to this expression",
      "> 1 | f() = 3",
      "    | ^^^",
      "hint: assign to a variable, an element `a[i]` or a field `p.x`",
    ],
  ],
  [
    "a for loop without in",
    "for x xs { }\n",
    [
      "bad.wyn:1:7: error[E0100]: expected `in` or `,`, found `xs`",
      "> 1 | for x xs { }",
      "    |       ^^",
    ],
  ],
  [
    "brackets nested deeper than the parser allows",
    "x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n",
    [
      "bad.wyn:1:69: error[E0108]: nesting too deep: more than 64 levels of brackets",
      "> 1 | x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))…",
      "    |                                                                     ^",
      "hint: split the expression into smaller pieces with intermediate variables",
    ],
  ],
  [
    "an operator error on a line indented with a tab keeps the tab in the caret line",
    "fn main() {\n\tx = 1 +* 2\n}\n",
    [
      "bad.wyn:2:9: error[E0100]: expected an expression, found `*`",
      "  1 | fn main() {",
      "> 2 | \tx = 1 +* 2",
      "    | \t       ^",
      "  3 | }",
    ],
  ],
];

describe('syntax errors render as file:line:col, a code frame and a hint', () => {
  test.each(cases)('%s', (_name, source, expected) => {
    expect(rendered(source)).toBe(expected.join('\n') + '\n');
  });
});

test('at least 25 distinct error cases are covered', () => {
  expect(new Set(cases.map((c) => c[2][0].replace(/^bad\.wyn:\d+:\d+: /, ''))).size).toBeGreaterThanOrEqual(25);
});
