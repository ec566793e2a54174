// Modules (LANGUAGE.md §12) and traits across modules (§4.6), against the
// in-memory Host: module globals and `pub const`, initialisation order,
// visibility, statements at a module's top level, `root::` paths, and trait
// dispatch and default methods for types declared in other files.

import { createSession } from '@wyn/interpreter';
import { recordingHost } from './recording-host';
import { runWyn } from './run-helper';

const counter = [
  'import base',
  'pub const LIMIT = base.UNIT * 3',
  'const HIDDEN = 7',
  'var calls = 0',
  'pub fn bump() -> int {',
  '  calls += 1',
  '  return calls',
  '}',
  'pub fn limit() -> int => LIMIT + HIDDEN',
  'fn secret() -> int => 42',
].join('\n');
const files = { 'lib/counter.wyn': counter, 'lib/base.wyn': 'pub const UNIT = 10\n' };

test('a module keeps its own globals; importers read pub constants qualified or selectively imported (§12.2)', async () => {
  const r = await runWyn('import lib.counter\nimport { LIMIT, bump } from lib.counter\nprint(counter.bump(), bump(), counter.limit(), counter.LIMIT, LIMIT)\n', files);
  expect(r).toEqual({ stdout: '1 2 37 30 30\n', stderr: '', status: 0 });
});

test('module globals are initialised before the entry runs, in main mode too (§1.2, §12)', async () => {
  const r = await runWyn('import lib.counter as c\nvar start = c.LIMIT\nfn main() {\n  print(start, c.bump())\n}\n', files);
  expect(r.stdout).toBe('30 1\n');
});

test('private functions and constants of a module cannot be reached, qualified or imported (§12.2)', async () => {
  const r = await runWyn('import lib.counter\nimport { secret } from lib.counter\nprint(counter.HIDDEN)\nprint(counter.secret())\n', files);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter((l) => l.includes('error['))).toEqual([
    "main.wyn:2:1: error[E0205]: function 'secret' in module 'counter' is private",
    "main.wyn:3:7: error[E0205]: constant 'HIDDEN' in module 'counter' is private",
    "main.wyn:4:7: error[E0205]: function 'secret' in module 'counter' is private",
  ]);
});

test('a plain import keeps the module\'s functions qualified, and says how to call them (§12.2)', async () => {
  const r = await runWyn('import lib.counter\nprint(bump())\n', files);
  expect(r.stderr.split('\n')[0]).toBe("main.wyn:2:7: error[E0203]: 'bump' must be called as 'counter.bump(...)'");
});

test('statements other than declarations at a module\'s top level are static errors (§12.1)', async () => {
  const r = await runWyn('import lib.noisy\nprint(noisy.X)\n', { 'lib/noisy.wyn': 'pub const X = 1\nprint("loading")\nX = 2\n' });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter((l) => l.includes('error['))).toEqual([
    'lib/noisy.wyn:2:1: error[E0214]: a module may contain only declarations',
    'lib/noisy.wyn:3:1: error[E0214]: a module may contain only declarations',
  ]);
});

test('root:: imports start at the entry file\'s directory, self:: and plain ones beside the importing file', async () => {
  const r = await runWyn('import app.util.strs\nprint(strs.banner("hi"))\n', {
    'app/util/strs.wyn': 'import root::app.consts\nimport self::wrap\npub fn banner(s: string) -> string => wrap.around(s, consts.STAR)\n',
    'app/util/wrap.wyn': 'pub fn around(s: string, c: string) -> string => c + s + c\n',
    'app/consts.wyn': 'pub const STAR = "*"\n',
  });
  expect(r).toEqual({ stdout: '*hi*\n', stderr: '', status: 0 });
});

const animals = [
  'pub trait Speaker {',
  '  fn name(self) -> string',
  '  fn speak(self) -> string { return self.name() + " makes a sound" }',
  '}',
  'pub struct Dog { n: string }',
  'impl Speaker for Dog {',
  '  fn name(self) -> string => self.n',
  '  fn speak(self) -> string { return self.n + " barks" }',
  '}',
  'pub fn dog(n: string) -> Dog => Dog { n: n }',
].join('\n');

test('trait calls dispatch on types of every module, and default methods fill what an impl leaves out (§4.6)', async () => {
  const r = await runWyn([
    'import { talk } from lib.talk',
    'struct Cow { spots: int }',
    'impl Speaker for Cow {',
    '  fn name(self) -> string => "cow with ${self.spots} spots"',
    '}',
    'print(talk(make_dog()))',
    'print(talk(Cow { spots: 3 }))',
    'import { make_dog } from lib.talk',
  ].join('\n'), {
    'lib/animals.wyn': animals,
    'lib/talk.wyn': 'import animals\npub fn talk(s: Speaker) -> string => "[" + s.speak() + "]"\npub fn make_dog() -> Dog => animals.dog("rex")\n',
  });
  expect(r).toEqual({ stdout: '[rex barks]\n[cow with 3 spots makes a sound]\n', stderr: '', status: 0 });
});

test('an impl missing a trait method, and a struct that does not implement the trait, are static errors (§4.6)', async () => {
  const trait = 'trait T {\n  fn a(self) -> int\n  fn b(self) -> int\n}\nstruct S { x: int }\n';
  const missing = await runWyn(trait + 'impl T for S { fn a(self) -> int => 1 }\n');
  expect(missing.stderr.split('\n')[0]).toBe('main.wyn:6:1: error[E0305]: `S` does not implement `b` of trait `T`');
  const notImpl = await runWyn(trait + 'struct U { y: int }\nfn use(t: T) -> int => t.a()\nprint(use(U { y: 1 }))\n');
  expect(notImpl.stderr.split('\n')[0]).toBe('main.wyn:8:11: error[E0301]: mismatched argument: expected `T`, found `U`');
});

test('wyn test blocks and the REPL get default trait methods too', () => {
  const session = createSession(recordingHost().host);
  expect(session.evaluate('trait G {\n  fn n(self) -> string\n  fn hi(self) -> string { return "hi " + self.n() }\n}').diagnostics).toEqual([]);
  expect(session.evaluate('struct A {}\nimpl G for A { fn n(self) -> string => "a" }').diagnostics).toEqual([]);
  expect(session.evaluate('A {}.hi()').display).toBe('"hi a"');
});

test('a session (REPL, wyn test blocks) initialises a module on first use of its globals', () => {
  const rec = recordingHost({ files });
  const session = createSession(rec.host);
  expect(session.evaluate('import lib.counter').diagnostics).toEqual([]);
  expect(session.evaluate('counter.bump()').display).toBe('1');
  expect(session.evaluate('counter.bump() + counter.LIMIT').display).toBe('32');
});

test('a module name is not a value, and its globals cannot be assigned from outside (§12.2)', async () => {
  const r = await runWyn('import lib.counter\nx = counter\ncounter.LIMIT = 5\n', files);
  expect(r.stderr.split('\n').filter((l) => l.includes('error['))).toEqual([
    'main.wyn:2:5: error[E0202]: module `counter` is not a value',
    'main.wyn:3:1: error[E0208]: cannot assign to `counter.LIMIT` outside its module',
  ]);
});

test('a spawned function writing its own module\'s global is a data race, like one writing the entry\'s (CONCURRENCY §9)', async () => {
  const lib = 'var CALLS = 0\npub fn bump(x: int) -> int {\n  CALLS = CALLS + 1\n  return x + 1\n}\n';
  const r = await runWyn('import lib.counter\nfn task(x: int) -> int {\n  return counter.bump(x)\n}\nvar f = spawn task(1)\nprint(await f)\n', { 'lib/counter.wyn': lib });
  expect(r.stdout).toBe('');
  expect(r.status).toBe(1);
  expect(r.stderr.split('\n')[0]).toBe("lib/counter.wyn:3:3: error[E0503]: data race: shared mutable global 'CALLS' is written from 'bump', which runs concurrently");
});
