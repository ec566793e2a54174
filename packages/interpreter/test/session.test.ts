// The incremental session behind the REPL and `wyn test`: entries build one
// program, values and declarations persist, and a failing entry changes nothing.

import { createSession, type Session } from '@wyn/interpreter';
import { type Recording, recordingHost } from './recording-host';

let rec: Recording;
let session: Session;
beforeEach(() => {
  rec = recordingHost({ files: { 'geometry.wyn': 'pub fn area(w: int, h: int) -> int {\n  return w * h\n}\nfn secret() -> int {\n  return 7\n}\n' } });
  session = createSession(rec.host);
});

/** Evaluates one entry and returns what it echoed, failing the test on static errors. */
function echo(text: string): string | undefined {
  const r = session.evaluate(text);
  expect(r.diagnostics).toEqual([]);
  return r.display;
}

test('a trailing expression is echoed in the display format', () => {
  expect(echo('1 + 2')).toBe('3');
  expect(echo('[1.5, 2.0]')).toBe('[1.5, 2.0]');
  expect(echo('"hi"')).toBe('"hi"');
  expect(echo('Some(3)')).toBe('Some(3)');
});

test('statements and calls of void functions echo nothing', () => {
  expect(echo('x = 4')).toBeUndefined();
  expect(echo('print("out")')).toBeUndefined();
  expect(rec.stdout()).toBe('out\n');
});

test('globals keep their values between entries', () => {
  echo('count = 1');
  echo('count += 41');
  expect(echo('count')).toBe('42');
});

test('functions, structs and enums declared in one entry serve the next', () => {
  echo('struct Point { x: int, y: int }');
  echo('enum Shape { Dot, Square(int) }');
  echo('fn norm1(p: Point) -> int {\n  return abs(p.x) + abs(p.y)\n}');
  expect(echo('norm1(Point { x: 3, y: -4 })')).toBe('7');
  expect(echo('Shape.Square(2)')).toBe('Square(2)');
});

test('a function sees globals declared by earlier entries', () => {
  echo('base = 10');
  echo('fn add(n: int) -> int {\n  return base + n\n}');
  echo('base = 20');
  expect(echo('add(1)')).toBe('21');
});

test('a redefined function replaces the old one for later entries', () => {
  echo('fn f() -> int {\n  return 1\n}');
  echo('fn f() -> int {\n  return 2\n}');
  expect(echo('f()')).toBe('2');
});

test('an entry with a static error runs nothing and leaves no names behind', () => {
  const r = session.evaluate('print("side effect")\ny = 1\ny = "five"');
  expect(r.failed).toBe(true);
  expect(r.diagnostics.map((d) => `${d.file}:${d.span.line}: ${d.code}`)).toEqual(['<repl>:3: E0301']);
  expect(rec.stdout()).toBe('');
  expect(session.names()).not.toContain('y');
  expect(echo('y = "fresh"')).toBeUndefined();
});

test('a panic is printed, and the session goes on with its state intact', () => {
  echo('xs = [1, 2, 3]');
  const r = session.evaluate('xs[10]');
  expect(r.failed).toBe(true);
  expect(r.diagnostics).toEqual([]);
  expect(rec.stderr()).toContain('<repl>:1:');
  expect(echo('len(xs)')).toBe('3');
});

test('exit(n) is reported, not thrown', () => {
  expect(session.evaluate('exit(3)')).toMatchObject({ exit: 3, failed: false });
});

test('an import makes the module available to later entries', () => {
  echo('import geometry');
  expect(echo('geometry.area(3, 4)')).toBe('12');
  expect(session.names()).toContain('geometry');
});

test('a selective import of a private function is rejected, as in `wyn run` (§12.2), and changes nothing', () => {
  const r = session.evaluate('import { secret } from geometry');
  expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(["E0205: function 'secret' in module 'geometry' is private"]);
  expect(session.names()).not.toContain('secret');
  echo('import { area } from geometry');
  expect(echo('area(2, 5)')).toBe('10');
});

test('names lists globals, functions and types', () => {
  echo('total = 0\nfn helper() {\n}\nstruct Box { v: int }');
  expect(session.names()).toEqual(expect.arrayContaining(['total', 'helper', 'Box']));
});

test('test blocks are returned unrun, and runTest runs one against the session', () => {
  const r = session.evaluate('limit = 3\ntest "small" {\n  assert(limit < 5)\n}\ntest "big" {\n  assert(limit > 5)\n}');
  expect(r.tests.map((t) => t.name)).toEqual(['small', 'big']);
  expect(session.runTest(r.tests[0]).failed).toBe(false);
  expect(session.runTest(r.tests[1]).failed).toBe(true);
});

test('names declared by an entry that panics are forgotten, earlier globals keep what it did', () => {
  echo('total = 1');
  const r = session.evaluate('total = 2\nfresh = 10 / 0');
  expect(r.failed).toBe(true);
  expect(rec.stderr()).toContain('division by zero');
  expect(session.evaluate('fresh').diagnostics.map((d) => d.message)).toEqual(['undefined variable `fresh`']);
  expect(echo('total')).toBe('2');
});
