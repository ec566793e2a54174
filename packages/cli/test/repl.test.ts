// `wyn repl` through `main(argv, io)`, fed lines on a fake input stream.
// Echoed values and prompts land on the REPL's output stream; program output
// on stdout; diagnostics on stderr. The real-terminal test is repl-tmux.test.ts.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '@wyn/cli';
import { historyPath } from '../src/repl/repl';
import { isIncomplete, makeCompleter } from '../src/repl/complete';
import { memoryIo } from './memory-io';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-repl-'));
  fs.writeFileSync(path.join(dir, 'lib.wyn'), 'fn triple(n: int) -> int {\n  return n * 3\n}\nstarted = true\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Types `lines` into `wyn repl`, then ends the input (Ctrl-D) and waits for the exit status. */
async function repl(lines: string[], argv: string[] = ['repl', '--color=never']) {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c: Buffer) => (screen += c.toString('utf8')));
  const io = memoryIo({ cwd: dir, env: { WYN_REPL_HISTORY: '' }, repl: { input, output } });
  const done = main(argv, io);
  for (const line of lines) input.write(line + '\n');
  input.end();
  const code = await done;
  return { code, screen, out: io.out(), err: io.err() };
}

test('an expression is echoed in the display format', async () => {
  const r = await repl(['1 + 2', '[1, 2] ', '"text"', 'Some(2.5)']);
  expect(r.screen).toContain('wyn> 3\nwyn> [1, 2]\nwyn> "text"\nwyn> Some(2.5)\nwyn> ');
  expect(r.code).toBe(0);
});

test('definitions persist from one entry to the next', async () => {
  const r = await repl(['total = 40', 'fn bump(n: int) -> int {', '  return n + 2', '}', 'bump(total)']);
  expect(r.screen).toContain('wyn> 42\n');
  expect(r.err).toBe('');
});

test('an unfinished entry continues on a ... prompt until it parses', async () => {
  const r = await repl(['struct P {', '  x: int', '}', 'P { x: 1 }']);
  expect(r.screen).toContain('wyn> ... ... wyn> P { x: 1 }\n');
});

test('a syntax error that is not at the end of input is reported at once', async () => {
  const r = await repl(['print(1 &&& 2)', '7']);
  expect(r.err.split('\n')[0]).toMatch(/^<repl>:1:\d+: error\[E0\d+\]/);
  expect(r.screen).toContain('wyn> 7\n');
});

test('program output goes to stdout, diagnostics to stderr, and the session survives both', async () => {
  const r = await repl(['print("hello")', 'x = 1', 'x = "one"', '[1][5]', 'x']);
  expect(r.out).toBe('hello\n');
  expect(r.err).toContain('<repl>:1:5: error[E0301]: mismatched types in assignment');
  expect(r.err).toContain('panic');
  expect(r.screen).toContain('wyn> 1\n');
});

test('exit(n) ends the session with status n', async () => {
  const r = await repl(['exit(4)', 'print("never")']);
  expect(r.code).toBe(4);
  expect(r.out).toBe('');
});

test('.load runs a file in the session and .save writes the entries that ran', async () => {
  const saved = path.join(dir, 'saved.wyn');
  const r = await repl(['.load lib.wyn', 'triple(5)', 'bad = 1 +', '', '.break', `.save ${saved}`]);
  expect(r.screen).toContain('wyn> 15\n');
  expect(fs.readFileSync(saved, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'lib.wyn'), 'utf8') + 'triple(5)\n');
});

test('.clear forgets every definition', async () => {
  const r = await repl(['gone = 1', '.clear', 'gone']);
  expect(r.screen).toContain('Session cleared');
  expect(r.err).toContain('undefined variable `gone`');
});

test('.help lists the commands', async () => {
  const r = await repl(['.help']);
  for (const c of ['.break', '.clear', '.exit', '.help', '.load', '.save']) expect(r.screen).toContain(c);
});

test('spawn and await work across entries, and a task prints before the next prompt', async () => {
  const r = await repl(['fn sq(n: int) -> int => n * n', 'f = spawn sq(7)', 'await f', 'fn say(s: string) {', '  println(s)', '}', 'spawn say("from a task")', 'println("from main")']);
  expect(r.screen).toContain('wyn> 49\n');
  expect(r.out).toBe('from a task\nfrom main\n');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

test('a panic in a task is reported and the session goes on', async () => {
  const r = await repl(['fn bad() -> int {', '  return 1 / 0', '}', 'await spawn bad()', 'await spawn bad() + 1', '6 * 7']);
  expect(r.err.match(/division by zero/g)).toHaveLength(2);
  expect(r.screen).toContain('wyn> 42\n');
  expect(r.code).toBe(0);
});

test('exit(n) in a task ends the session with status n', async () => {
  const r = await repl(['fn quit() {', '  exit(6)', '}', 'spawn quit()', 'print("never")']);
  expect(r.code).toBe(6);
  expect(r.out).toBe('');
});

// These entries send SIGINT to this very process (the shell's parent) while
// they run, as Ctrl-C in a terminal would; what they run next never ends by itself.
test('Ctrl-C stops a running entry, which declares nothing, and the session goes on', async () => {
  const r = await repl([
    'kept = 1',
    'fn stop_me() -> int {', '  kept = 3', '  System.exec("kill -INT $PPID")', '  while true {', '  }', '  return 0', '}',
    'fresh = stop_me()', 'kept', 'fresh', '"after"',
  ]);
  expect(r.err).toContain('interrupted\n');
  expect(r.screen).toContain('wyn> 3\n');
  expect(r.err).toContain('undefined variable `fresh`');
  expect(r.screen).toContain('wyn> "after"\n');
  expect(r.code).toBe(0);
});

test('Ctrl-C stops an entry that waits for its tasks; the next spawn starts afresh', async () => {
  const r = await repl([
    'fn spin() -> int {', '  while true {', '  }', '  return 0', '}', 'fn sq(n: int) -> int => n * n',
    'fn stop_me() -> int {', '  var f = spawn spin()', '  System.exec("kill -INT $PPID")', '  return await f', '}',
    'stop_me()', 'await spawn sq(5)',
  ]);
  expect(r.err).toContain('interrupted\n');
  expect(r.screen).toContain('wyn> 25\n');
  expect(r.code).toBe(0);
});

test('only running out of input makes an entry unfinished', () => {
  expect(isIncomplete('fn f() {')).toBe(true);
  expect(isIncomplete('print(1,')).toBe(true);
  expect(isIncomplete('x = 1 +')).toBe(true);
  expect(isIncomplete('x = 1')).toBe(false);
  expect(isIncomplete('x = )')).toBe(false);
});

test('completion offers keywords, built-ins, module members and names in scope', () => {
  const complete = makeCompleter(() => ['counter', 'Point']);
  expect(complete('whi')).toEqual([['while'], 'whi']);
  expect(complete('x = pri')[0]).toEqual(['print', 'println']);
  expect(complete('Math.sq')).toEqual([['Math.sqrt'], 'Math.sq']);
  expect(complete('File.')[0]).toContain('File.read_lines');
  expect(complete('print(coun')).toEqual([['counter'], 'coun']);
  expect(complete('Poi')).toEqual([['Point'], 'Poi']);
});

test('history lives in ~/.wyn_history unless WYN_REPL_HISTORY says otherwise', () => {
  expect(historyPath({ HOME: '/home/ada' })).toBe('/home/ada/.wyn_history');
  expect(historyPath({ HOME: '/home/ada', WYN_REPL_HISTORY: '/tmp/h' })).toBe('/tmp/h');
  expect(historyPath({ HOME: '/home/ada', WYN_REPL_HISTORY: '' })).toBeNull();
});
