// The built binary as users start it: bin/wyn.js with its shebang's flags,
// loading the start-up bundle (scripts/bundle-cli.js) and its code cache.
// Needs `pnpm build` (the README's test command builds first).

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const bin = path.join(__dirname, '..', 'bin');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NODE_FLAGS, bundleFile } = require(path.join(bin, 'load-bundle.js')) as { NODE_FLAGS: string[]; bundleFile: string };

let dir: string;
beforeAll(() => {
  if (!fs.existsSync(bundleFile)) throw new Error(`no start-up bundle at ${bundleFile}: run \`pnpm build\` first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-bin-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function wyn(args: string[], flags = NODE_FLAGS) {
  const r = spawnSync(process.execPath, [...flags, path.join(bin, 'wyn.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function program(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

test('the code cache made by the build is accepted under the shebang flags', () => {
  const probe = `const r = require(${JSON.stringify(path.join(bin, 'load-bundle.js'))}).loadBundle(); process.stdout.write(String(r.script.cachedDataRejected))`;
  const r = spawnSync(process.execPath, [...NODE_FLAGS, '-e', probe], { encoding: 'utf8' });
  expect(r.stdout).toBe('false');
});

test('the shebang lists exactly the flags the cache was made under', () => {
  const shebang = fs.readFileSync(path.join(bin, 'wyn.js'), 'utf8').split('\n')[0];
  expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
});

test('runs a program, passing arguments and the exit status', () => {
  const file = program('args.wyn', 'fn main() -> int {\n  println(System.args())\n  return 3\n}\n');
  expect(wyn(['run', file, '--', 'x'])).toEqual({ code: 3, out: '["args.wyn", "x"]\n', err: '' });
});

test('spawned tasks run on worker threads loaded from the bundle', () => {
  const file = program(
    'spawn.wyn',
    'fn sq(n: int) -> int {\n  return n * n\n}\nvar fs = [spawn sq(1), spawn sq(2), spawn sq(3)]\nvar total = 0\nfor f in fs { total = total + await f }\nprintln(total)\n',
  );
  expect(wyn(['run', '--workers', '2', file])).toEqual({ code: 0, out: '14\n', err: '' });
});

test('tasks on worker threads use channels, which the worker and task bundles share', () => {
  // Each bundle carries its own copy of the scheduler: their channel answers must still agree.
  // Main spins on a counter without blocking, so it runs none of the tasks: the workers must.
  const file = program(
    'chan.wyn',
    [
      'fn waiter(ch: int, started: int) -> int {',
      '  Task.add(started, 1)',
      '  return Task.recv(ch) * 2',
      '}',
      'var ch = Task.channel(4)',
      'var started = Task.value(0)',
      'var fs = []',
      'for i in 0..20 { fs.push(spawn waiter(ch, started)) }',
      'while Task.get(started) < 20 { }',
      'for i in 0..20 { Task.send(ch, i) }',
      'var total = 0',
      'for f in fs { total = total + await f }',
      'println(total)',
      '',
    ].join('\n'),
  );
  expect(wyn(['run', '--workers', '2', file])).toEqual({ code: 0, out: '380\n', err: '' });
});

test('started without the flags, it starts itself again with them (deep recursion still works)', () => {
  const file = program('deep.wyn', 'fn depth(n: int) -> int {\n  if n == 0 { return 0 }\n  return 1 + depth(n - 1)\n}\nprintln(depth(10000))\n');
  expect(wyn(['run', file], [])).toEqual({ code: 0, out: '10000\n', err: '' });
});

test('a runtime error reports the Wyn stack, not a JavaScript one', () => {
  const file = program('boom.wyn', 'fn f(xs: [int]) -> int {\n  return xs[5]\n}\nprintln(f([1]))\n');
  const r = wyn(['run', file]);
  expect(r.code).toBe(1);
  expect(r.err).not.toMatch(/\.js:\d+/);
  expect(r.err).toMatch(/boom\.wyn:2:/);
});

test('input_line answers each line as it arrives, before stdin ends (an interactive prompt)', async () => {
  const file = program('prompt.wyn', 'name = input_line()\nprintln("hi " + name)\nprintln("then " + input_line())\n');
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(bin, 'wyn.js'), 'run', file], { cwd: dir });
  let out = '';
  const seen = (text: string) => new Promise<void>((resolve) => {
    const check = () => (out.includes(text) ? resolve() : child.stdout.once('data', (d: Buffer) => { out += d.toString(); check(); }));
    check();
  });
  child.stdin.write('bob\n');
  await seen('hi bob\n');
  child.stdin.end('end\n');
  await seen('then end\n');
  expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  expect(out).toBe('hi bob\nthen end\n');
});

// `wyn run x | head -1`: once the reader has gone, the program ends as a C program
// would on SIGPIPE (status 141), quietly, whichever thread was printing.
test.each([
  ['main', 'var i = 0\nwhile true {\n  println(i)\n  i = i + 1\n}\n'],
  ['a task', 'fn spam() -> int {\n  var i = 0\n  while true {\n    println(i)\n    i = i + 1\n  }\n  return 0\n}\nvar f = spawn spam()\nprintln(await f)\n'],
])('printing from %s to a closed pipe ends the run with status 141 and no error', async (_, text) => {
  const file = program('spam.wyn', text);
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(bin, 'wyn.js'), 'run', '--workers', '2', file], { cwd: dir });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
  child.stdout.destroy();
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(first.startsWith('0\n')).toBe(true);
  expect({ code, err }).toEqual({ code: 141, err: '' });
});
