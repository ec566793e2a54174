// Concurrency in a session (the REPL's): tasks run on worker threads that
// replay the session's entries, an entry ends when its tasks have, and a
// failure or an interrupt stops the tasks it left without ending the session.

import { createSession, type Interruptible, type Session } from '@wyn/interpreter';
import { type Recording, recordingHost } from './recording-host';
import { interruptible, stopOnEnvGet } from './stop-hook';

let rec: Recording;
let session: Session;
afterEach(() => session.close());

function start(options: { interruptible?: Interruptible } = {}): void {
  rec = recordingHost();
  // `Env.get("STOP")` stands for Ctrl-C arriving while an entry runs (stop-hook.ts).
  stopOnEnvGet(rec.host);
  session = createSession(rec.host, '<repl>', { workers: 1, ...options });
}


/** Evaluates one entry and returns what it echoed, failing the test on static errors or a failed run. */
function echo(text: string): string | undefined {
  const r = session.evaluate(text);
  expect(r.diagnostics).toEqual([]);
  if (r.failed) throw new Error(`entry failed: ${text}\n${rec.stderr()}`);
  expect(r).toMatchObject({ failed: false, exit: null });
  return r.display;
}

test('a function from one entry is spawned by the next and awaited by a third', () => {
  start();
  echo('fn sq(n: int) -> int => n * n');
  echo('f = spawn sq(7)');
  expect(echo('await f')).toBe('49');
  expect(echo('await_all([spawn sq(2), spawn sq(3)])')).toBe('[4, 9]');
});

test('worker threads keep up with functions declared and redeclared after they started', () => {
  start();
  echo('cell = Shared.new(0)');
  // Main polls without blocking (bounded, in case no thread ever runs the task), so only a worker can run it (§12.4).
  echo('fn poll() -> int {\n  deadline = Time.now() + 20\n  while Shared.get(cell) == 0 and Time.now() < deadline {\n  }\n  return Shared.get(cell)\n}');
  echo('fn mark(v: int) {\n  Shared.set(cell, v)\n}');
  expect(echo('spawn mark(7)\npoll()')).toBe('7');
  echo('fn mark(v: int) {\n  Shared.set(cell, v * 100)\n}');
  echo('fn twice(v: int) {\n  Shared.set(cell, v * 2)\n}');
  expect(echo('Shared.set(cell, 0)\nspawn twice(5)\npoll()')).toBe('10');
  expect(echo('Shared.set(cell, 0)\nspawn mark(3)\npoll()')).toBe('300');
});

test("tasks' output is written before the entry returns, in happens-before order", () => {
  start();
  echo('fn say(s: string) {\n  println(s)\n}');
  echo('f = spawn say("from the task")\nawait f\nprintln("after the await")');
  expect(rec.stdout()).toBe('from the task\nafter the await\n');
  echo('spawn say("fire and forget")');
  expect(rec.stdout()).toContain('fire and forget\n');
});

test('a task sees the globals as they were when it was spawned', () => {
  start();
  echo('g = 1');
  echo('fn read_g() -> int => g');
  expect(echo('f = spawn read_g()\ng = 2\nawait f')).toBe('1');
  expect(echo('await spawn read_g()')).toBe('2');
});

test('channels, parallel blocks and cells work across entries', () => {
  start();
  echo('ch = channel(8)');
  echo('fn produce(c: int) {\n  Task.send(c, 1)\n  Task.send(c, 2)\n  Task.send(c, 3)\n}');
  echo('spawn produce(ch)');
  expect(echo('a = ch.recv()\nb = ch.recv()\nc = ch.recv()\na + b + c')).toBe('6');
  echo('fn add(a: int, b: int) -> int => a + b');
  expect(echo('parallel {\n  x = spawn add(1, 2)\n  y = add(3, 4)\n}\nx * y')).toBe('21');
});

test('a channel kept in a global keeps its method forms in later entries; an int parameter has none (§7.1)', () => {
  start();
  echo('ch = channel(2)');
  expect(echo('ch')).toBe('1');
  echo('ch.send(5)');
  expect(echo('n: int = ch\nch.recv() + n')).toBe('6');
  const r = session.evaluate('fn put(c: int) {\n  c.send(1)\n}');
  expect(r.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message} / ${d.hint}`)).toEqual([
    '2:3 E0305 no method `send` on type `int` / the method forms need a value of channel type (`channel(n)`); on an int handle use `Task.send(c, v)`',
  ]);
  expect(session.evaluate('n.close()').diagnostics.map((d) => d.message)).toEqual(['no method `close` on type `int`']);
  expect(rec.stdout()).toBe('');
});

test('a data race made possible by a spawn is rejected, pointing into the entry that declared the function', () => {
  start();
  echo('total = 0');
  echo('fn bump() {\n  total += 1\n}');
  const r = session.evaluate('spawn bump()');
  expect(r.diagnostics.map((d) => `${d.file}:${d.span.line}: ${d.code} ${d.message}`)).toEqual([
    "<repl#2>:2: E0503 data race: shared mutable global 'total' is written from 'bump', which runs concurrently",
  ]);
  expect(r.sources.get('<repl#2>')?.text).toBe('fn bump() {\n  total += 1\n}');
  expect(echo('total')).toBe('0');
});

test('a panic in a task is reported; the session goes on, its Shared cells intact', async () => {
  start();
  echo('fn sq(n: int) -> int => n * n');
  echo('fn bad() -> int {\n  return 1 / 0\n}');
  echo('cell = Shared.new(41)');
  const r = session.evaluate('g = spawn bad()\nawait g');
  expect(r).toMatchObject({ failed: true, exit: null, diagnostics: [] });
  expect(rec.stderr()).toContain('division by zero');
  await session.settle();
  expect(session.names()).not.toContain('g');
  expect(echo('Shared.add(cell, 1)\nShared.get(cell)')).toBe('42');
  expect(echo('await spawn sq(4)')).toBe('16');
});

test('tasks left blocked by a failed entry are stopped, and awaiting one is a panic, not a hang', async () => {
  start();
  echo('fn sq(n: int) -> int => n * n');
  echo('ch = channel(1)\nh = 0\ndone = spawn sq(6)\nboth = [spawn sq(2), spawn sq(3)]');
  echo('fn wait_on(c: int) -> int {\n  return Task.recv(c)\n}');
  const r = session.evaluate('h = spawn wait_on(ch)');
  expect(r.failed).toBe(true);
  expect(rec.stderr()).toContain('deadlock - all tasks are blocked');
  await session.settle();
  expect(session.evaluate('await h').failed).toBe(true);
  expect(rec.stderr()).toContain('await on a task that was stopped unfinished');
  // Finished futures of the stopped scheduler keep their values (§3.1), in a task too; the new scheduler never answers for them.
  expect(echo('await done')).toBe('36');
  expect(echo('await_all(both)')).toBe('[4, 9]');
  expect(echo('fn later(f: int) -> int => await f + 1\nawait spawn later(done)')).toBe('37');
  expect(echo('await spawn sq(7)')).toBe('49');
});

test('a task its entry held back (lazy spawn) when main failed is stopped with the entry', async () => {
  start();
  echo('fn sq(n: int) -> int => n * n');
  echo('g = 0\nxs = [1]');
  // The failing index comes straight after the spawn: no call, loop or wait queued the task.
  expect(session.evaluate('g = spawn sq(5)\nxs[3]').failed).toBe(true);
  await session.settle();
  expect(session.evaluate('await g').failed).toBe(true);
  expect(rec.stderr()).toContain('await on a task that was stopped');
  expect(echo('await spawn sq(7)')).toBe('49');
});

test('a deadlock in main is reported and the session goes on', () => {
  start();
  echo('empty = channel(1)');
  expect(session.evaluate('empty.recv()').failed).toBe(true);
  expect(rec.stderr()).toContain('deadlock - recv() on a channel with no sender and no live tasks');
  expect(echo('"still here"')).toBe('"still here"');
});

test('exit(n) in a task ends the session with status n', () => {
  start();
  echo('fn quit() {\n  exit(5)\n}');
  expect(session.evaluate('spawn quit()\nTime.sleep(10000)')).toMatchObject({ exit: 5, failed: false });
});

test('an interrupted entry declares nothing, its tasks are stopped, and the next spawn starts afresh', async () => {
  start({ interruptible });
  echo('fn sq(n: int) -> int => n * n');
  echo('ch = channel(1)');
  echo('fn wait_on(c: int) -> int {\n  return Task.recv(c)\n}');
  const r = session.evaluate('fresh = 1\nspawn wait_on(ch)\nprintln("before")\nx = Env.get("STOP")');
  expect(r).toMatchObject({ interrupted: true, failed: true, exit: null });
  expect(rec.stdout()).toBe('before\n');
  await session.settle();
  expect(session.evaluate('fresh').diagnostics.map((d) => d.message)).toEqual(['undefined variable `fresh`']);
  expect(echo('await spawn sq(9)')).toBe('81');
});
