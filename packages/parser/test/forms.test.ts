// Statement and declaration forms of LANGUAGE.md §4–§8 and CONCURRENCY.md parse to the expected nodes.

import { parse, printProgram, type Stmt } from '@wyn/parser';
import { firstStmt, parseOk } from './helpers';

function kinds(source: string): string[] {
  return parseOk(source).body.map((s: Stmt) => s.kind);
}

test('every declaration form', () => {
  expect(
    kinds(`
      import lib.geometry
      import lib.geometry as geo
      import { shout } from lib.text
      pub fn add(a: int, b: int = 2) -> int => a + b
      fn Counter.describe(self) -> string { return "c" }
      struct Box<T> { val: T, fn get(self) -> T { return self.val } }
      enum Shape { Circle(float), Rect(w: int, h: int), Empty, }
      trait Describable { fn describe(self) -> string; }
      impl Describable for Box<int> { fn describe(self) -> string => "box" }
      impl<T> Box<T> { fn new(v: T) -> Box<T> { return Box<T>{ val: v } } }
      type Id = int
      extern fn puts(s: string) -> int
      test "adds" { assert(add(1) == 3) }
    `),
  ).toEqual([
    'ImportDecl', 'ImportDecl', 'ImportDecl', 'FnDecl', 'FnDecl', 'StructDecl', 'EnumDecl',
    'TraitDecl', 'ImplDecl', 'ImplDecl', 'TypeAlias', 'ExternFnDecl', 'TestDecl',
  ]);
});

test('impl Trait for Type records both names', () => {
  const s = firstStmt('impl Describable for Rect { }');
  expect(s.kind === 'ImplDecl' && [s.trait, s.target]).toEqual(['Describable', 'Rect']);
});

test('enum variants may be named like keywords', () => {
  const s = firstStmt('enum Maybe { None, Some(int), true }');
  expect(s.kind === 'EnumDecl' && s.variants.map((v) => v.name)).toEqual(['None', 'Some', 'true']);
});

test('every variable and assignment form', () => {
  expect(
    kinds(`
      var a = 1
      const B: int = 2
      c: float = 0.5
      var (d, _) = pair()
      var [e, f, ...rest] = xs
      var g, h = 1, 2
      a, g = g, a
      a += 1
      xs[0] *= 2
      p.x = 3
      a++
    `),
  ).toEqual([
    'VarDecl', 'VarDecl', 'VarDecl', 'DestructureDecl', 'DestructureDecl', 'DestructureDecl',
    'MultiAssign', 'AssignStmt', 'AssignStmt', 'AssignStmt', 'IncDecStmt',
  ]);
});

test('every loop and branch form', () => {
  expect(
    kinds(`
      for i in 0..10 { }
      for i in 1..=3 { }
      for (i in 0..3) { }
      for i, x in xs { }
      for _, v in zip(a, b) { }
      for var i = 0; i < 3; i = i + 1 { }
      while true { break }
      if let Some(v) = find(1) { } else if x { } else { }
      match cmd { "go" => start() "stop" | "halt" => { halt() } n if n > 3 => print(n), _ => {} }
      defer close()
      { var inner = 1 }
    `),
  ).toEqual([
    'ForStmt', 'ForStmt', 'ForStmt', 'ForStmt', 'ForStmt', 'CForStmt', 'WhileStmt',
    'IfLetStmt', 'MatchStmt', 'DeferStmt', 'Block',
  ]);
});

test('every pattern form', () => {
  const s = firstStmt(`match v {
    _ => 0, 1 | 2 => 1, 4..9 => 2, 11..=15 => 3, -1 => 4, 2.5 => 5, "s" => 6, true => 7,
    Color.Red => 8, Shape::Rect(w, _) => 9, Circle(r) => 10, Some(x) => 11, None => 12,
    Ok(v) => 13, Err(e) => 14, Point { x, y: 0 } => 15, (0, y) => 16, [a, b] => 17, [h, ...t] => 18, other => 19,
  }`);
  const arms = s.kind === 'ExprStmt' && s.expr.kind === 'MatchExpr' ? s.expr.arms : s.kind === 'MatchStmt' ? s.arms : [];
  expect(arms.map((a) => a.pattern.kind)).toEqual([
    'WildcardPattern', 'OrPattern', 'RangePattern', 'RangePattern', 'LiteralPattern', 'LiteralPattern', 'LiteralPattern',
    'LiteralPattern', 'VariantPattern', 'VariantPattern', 'VariantPattern', 'SomePattern', 'NonePattern', 'VariantPattern',
    'VariantPattern', 'StructPattern', 'TuplePattern', 'ArrayPattern', 'ArrayPattern', 'NamePattern',
  ]);
});

test('every lambda form', () => {
  const s = firstStmt('fs = [(x) => x * 2, (a: int, b: int) -> int => a * b, () => 42, (x: int) => { return x }, |a, b| a - b, || 1, fn(x: int) -> int { return x }, fn(x) => x]');
  const styles = s.kind === 'AssignStmt' && s.value.kind === 'ArrayLit' ? s.value.elements.map((e) => (e.kind === 'Lambda' ? e.style : e.kind)) : [];
  expect(styles).toEqual(['arrow', 'arrow', 'arrow', 'arrow', 'pipe', 'pipe', 'fn', 'fn']);
});

test('concurrency forms: spawn, await, parallel, select', () => {
  expect(
    kinds(`
      f = spawn work(1, 2)
      spawn fire()
      v = await f
      parallel { a = spawn sum(10) b = sum(20) }
      parallel(timeout: 100) { c = spawn slow() }
      select { v = jobs.recv() => handle(v) msg = control.recv() => { stop = true } }
      ch = channel(4)
    `),
  ).toEqual(['AssignStmt', 'ExprStmt', 'AssignStmt', 'ParallelStmt', 'ParallelStmt', 'SelectStmt', 'AssignStmt']);
});

test('comprehensions, slices, tuples, maps, optionals', () => {
  const s = firstStmt('v = [[x * x for x in 1..=5 if x % 2 == 1], xs[1:3], xs[:2], s[2:], (1, "a"), {"a": 1}, Some(3), None, none, t.0, opt?.age]');
  const ks = s.kind === 'AssignStmt' && s.value.kind === 'ArrayLit' ? s.value.elements.map((e) => e.kind) : [];
  expect(ks).toEqual(['Comprehension', 'Slice', 'Slice', 'Slice', 'TupleLit', 'MapLit', 'SomeExpr', 'NoneLit', 'NoneLit', 'Field', 'OptionalField']);
});

test('pub before const and var exports a module constant, and prints back (§12.2)', () => {
  const body = parseOk('pub const LIMIT: int = 10\npub var count = 0\nconst HIDDEN = 1\n').body;
  expect(body.map((s) => (s.kind === 'VarDecl' ? [s.declKind, s.name, s.visibility ?? null] : s.kind))).toEqual([
    ['const', 'LIMIT', 'pub'], ['var', 'count', 'pub'], ['const', 'HIDDEN', null],
  ]);
  expect(printProgram(parseOk('pub const LIMIT: int = 10'))).toBe('pub const LIMIT: int = 10\n');
});

test('pub applies to one declared name, not to destructuring', () => {
  const r = parse('pub var (a, b) = (1, 2)', 'f.wyn');
  expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['E0100', '`pub` applies to one declared name']]);
});

test('a try operator followed by `or`, `and` or `in` on the same line is no ternary (§6.14)', () => {
  for (const op of ['or', 'and', 'in']) {
    const r = parse(`x = a()? ${op} b\n`, 't.wyn');
    expect(r.diagnostics).toEqual([]);
    // The printer's parenthesised form reads back the same way (found by the round-trip property test).
    expect(parse(printProgram(r.program!), 't.wyn').diagnostics).toEqual([]);
  }
});
