// Node families through small programs (LANGUAGE.md section per test).

import { runWyn } from './run-helper';

const out = async (code: string) => (await runWyn(code)).stdout;

test('a lambda copies captured variables when it is created (§8.2)', async () => {
  expect(await out('x = 10\nf = (n) => n + x\nx = 20\nprint(f(1))\nc = 0\ninc = () => { c = c + 1\n return c }\ninc()\nprint(inc(), c)\n')).toBe('11\n2 0\n');
});

test('struct assignment copies and field writes do not leak (§3.9)', async () => {
  expect(await out('struct P { x: int }\np = P { x: 1 }\nq = p\nq.x = 9\nprint(p.x, q.x)\nps = [p]\nr = ps[0]\nr.x = 5\nprint(ps[0].x)\n')).toBe('1 9\n1\n');
});

test('match on enums binds payloads and checks exhaustiveness (§7)', async () => {
  expect(await out('enum S { C(float), R(int, int) }\nfn a(s: S) -> float { return match s { S.C(r) => r * 2.0, S.R(w, h) => (w * h).to_float() } }\nprint(a(S.C(1.5)), a(S.R(2, 3)))\n')).toBe('3.0 6.0\n');
  const r = await runWyn('enum E { A, B }\nx = E.A\ny = match x { E.A => 1 }\n');
  expect(r.status).toBe(1);
});

test('maps iterate in FNV-1a bucket order (§3.7)', async () => {
  expect(await out('m = {"b": 1, "a": 2, "c": 3}\nprint(m.keys())\n')).toBe('["a", "c", "b"]\n');
});

test('ints wrap at 64 bits and floats print per §9.3', async () => {
  expect(await out('print(9223372036854775807 + 1)\nprint(2.0, 1e15, 0.1 + 0.2)\nprint(len("héllo"))\n')).toBe('-9223372036854775808\n2.0 1e+15 0.30000000000000004\n6\n');
});

test('defers run LIFO before the return expression (§5.8)', async () => {
  expect(await out('fn s() -> int { print("side")\n return 1 }\nfn f() -> int { defer print("a")\n defer print("b")\n return s() }\nprint(f())\n')).toBe('b\na\nside\n1\n');
});

test('the ? operator returns Err early (§6.14)', async () => {
  expect(await out('fn p(s: string) -> Result<int, string> { if s == "" { return Err("empty") }\n return Ok(1) }\nfn q(s: string) -> Result<int, string> { v = p(s)?\n return Ok(v + 1) }\nprint(q("x").unwrap(), q("").is_err())\n')).toBe('2 true\n');
});

test('imports resolve relative to the importing file (§12)', async () => {
  const r = await runWyn('import lib.m\nprint(m.twice(4))\n', { 'lib/m.wyn': 'pub fn twice(x: int) -> int { return x * 2 }\n' });
  expect(r.stdout).toBe('8\n');
});

test('main mode ignores top-level statements and main returns the status (§1.2, §1.3)', async () => {
  const r = await runWyn('var g = 2\nprint("ignored")\nfn main() -> int { print(g)\n return 263 }\n');
  expect(r).toEqual({ stdout: '2\n', stderr: '', status: 7 });
});

test('recursion 2,000 calls deep works on the default Node stack (§13.2)', async () => {
  expect(await out('fn d(n: int) -> int { if n == 0 { return 0 }\n return 1 + d(n - 1) }\nprint(d(2000))\n')).toBe('2000\n');
});

test('`?` inside a lambda body returns from the lambda, not from the enclosing function (§6.14, §8)', async () => {
  const code = 'fn p(s: string) -> Result<int, string> {\n  if s == "" { return Err("empty") }\n  return Ok(s.len())\n}\n'
    + 'fn outer() -> Result<int, string> {\n  f = (s: string) -> Result<int, string> => { return Ok(p(s)? + 1) }\n  print(f(""), f("ab"))\n  return Ok(p("xyz")?)\n}\nprint(outer())\n';
  expect(await out(code)).toBe('Err("empty") Ok(3)\nOk(3)\n');
});

test('a generic function used as a value is instantiated by the expected function type (§4.7)', async () => {
  const code = 'fn id<T>(x: T) -> T { return x }\nfn apply(f: fn(int) -> int, x: int) -> int { return f(x) }\nprint(apply(id, 5))\ng: fn(string) -> string = id\nprint(g("s"))\n';
  expect(await out(code)).toBe('5\ns\n');
  const r = await runWyn('fn id<T>(x: T) -> T { return x }\nf = id\n');
  expect([r.status, r.stdout, r.stderr]).toEqual([1, '', expect.stringContaining('error[E0302]')]);
});

test('an operator whose operand type is known only at run time evaluates each operand once (§6.1)', async () => {
  // A channel's payload type is not static: `a + ch.recv()` picks its operator on the values.
  expect(await out('ch = channel(4)\nch.send(1)\nch.send(2)\nch.send(3)\na = ch.recv()\nprint(a + ch.recv())\nprint(ch.recv())\n')).toBe('3\n3\n');
});

test('a default value is evaluated by the callee: it sees earlier parameters and its own module, not the caller (§4.3.2)', async () => {
  const r = await runWyn([
    'import lib.greet',
    'var DEFAULT = "caller"',
    'fn area(w: int, h: int = w) -> int => w * h',
    'fn half(x: float = 3) -> float => x / 2',
    'print(greet.hello(), greet.hello("bob"), area(3), area(3, 4), half())',
  ].join('\n'), { 'lib/greet.wyn': 'const DEFAULT = "world"\npub fn hello(name: string = DEFAULT) -> string => "hi " + name\n' });
  expect(r).toEqual({ stdout: 'hi world hi bob 9 12 1.5\n', stderr: '', status: 0 });
});

test('an unannotated lambda parameter takes its type from a method only one type has (§3.10)', async () => {
  const r = await runWyn('shout = (s) => s.upper() + "!"\nfirst_two = (xs) => xs.take(2)\nprint(shout("hi"), first_two([3, 4, 5]))\ng = (v) => v.len()\n');
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')[0]).toBe('main.wyn:4:12: error[E0305]: cannot tell the type of the value `len` is called on');
  expect(await out('shout = (s) => s.upper() + "!"\nfirst_two = (xs) => xs.take(2)\nprint(shout("hi"), first_two([3, 4, 5]))\n')).toBe('HI! [3, 4]\n');
});

test('a \\xHH escape is one byte, so two of them can spell a UTF-8 character (§2.7)', async () => {
  expect(await out('x = "\\xc3"\ny = "\\xc3\\xa9"\nprint(x.len(), y.len(), y == "é", "héllo"[1] == x)\n')).toBe('1 2 true true\n');
});

test('a call that returns nothing is not a value (§3.1)', async () => {
  const r = await runWyn('fn log(m: string) { print(m) }\nx = log("a")\n');
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
});

test('a script global read before the top level assigns it fails instead of reading a stray value (§1.2)', async () => {
  const r = await runWyn('fn show() { print(limit) }\nshow()\nlimit = 3\n');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('variable `limit` is used before it is assigned');
  expect(await out('fn show() { print(limit) }\nlimit = 3\nshow()\nf = () => limit + 1\nprint(f())\n')).toBe('3\n4\n');
});
