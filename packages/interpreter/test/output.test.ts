// Output buffering (DESIGN §3): stdout is written in large chunks, flushed
// before anything that lets another party observe it (stderr, stdin, shell
// commands, exit, panic, the end of the run) and per line on a terminal.
// Nothing may be lost or reordered.

import { runRecorded, runWyn } from './run-helper';

const outCalls = (events: [string, string][]) => events.filter((e) => e[0] === 'out').length;

test('a loop of 100,000 println calls reaches the host in a handful of writes, every line intact', async () => {
  const { rec, status } = await runRecorded('for i in 0..100000 {\n  println(i)\n}\n');
  expect(status).toBe(0);
  const lines = rec.stdout().split('\n');
  expect(lines.length).toBe(100_001);
  expect(lines[99_999]).toBe('99999');
  expect(outCalls(rec.events())).toBeLessThan(20);
});

test('stdout written before a failed assert, a Log line or a panic reaches the host before their stderr text', async () => {
  const { rec, status } = await runRecorded('println("a")\nassert(false)\nprintln("b")\nLog.error("x")\nprintln("c")\nxs = [1]\nprintln(xs[5])\n');
  expect(status).toBe(1);
  expect(rec.events().map((e) => e[0])).toEqual(['out', 'err', 'out', 'err', 'out', 'err']);
  expect(rec.stdout()).toBe('a\nb\nc\n');
});

test('exit() and the end of main flush what is pending', async () => {
  const exited = await runRecorded('fn main() {\n  print("before exit")\n  exit(4)\n  print("never")\n}\n');
  expect([exited.rec.stdout(), exited.status]).toEqual(['before exit\n', 4]);
  const returned = await runRecorded('fn main() -> int {\n  print("last words")\n  return 2\n}\n');
  expect([returned.rec.stdout(), returned.status]).toEqual(['last words\n', 2]);
});

test('a prompt is flushed before stdin is read and before a shell command runs', async () => {
  const { rec } = await runRecorded('println("name?")\nn = input_line()\nprintln("hi " + n)\nx = System.exec("true")\nprintln("done")\n', {}, { stdin: ['Ann'], commands: { true: [0, ''] } });
  expect(rec.events()).toEqual([['out', 'name?\n'], ['out', 'hi Ann\n'], ['out', 'done\n']]);
});

test('on a terminal every line is written as soon as it is complete', async () => {
  const { rec } = await runRecorded('for i in 0..3 {\n  println(i)\n}\n', {}, { terminal: true });
  expect(rec.events()).toEqual([['out', '0\n'], ['out', '1\n'], ['out', '2\n']]);
});

test('Terminal writes its escape sequences to stdout, and reports 80×24 when stdout is not a terminal (STDLIB §22)', async () => {
  const r = await runWyn('Terminal.clear()\nTerminal.move(2, 3)\nTerminal.color(31)\nTerminal.write("x")\nTerminal.reset()\nTerminal.print_color("ok", 32)\nprint(Terminal.cols(), Terminal.rows())\n');
  expect(r).toEqual({ stdout: '\x1b[2J\x1b[H\x1b[2;3H\x1b[31mx\x1b[0m\x1b[32mok\x1b[0m\n80 24\n', stderr: '', status: 0 });
});
