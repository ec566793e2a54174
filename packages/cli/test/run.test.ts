// `wyn run`, `wyn -e` and a program on stdin, through `main(argv, io)`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '@wyn/cli';
import { memoryIo } from './memory-io';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-run-'));
  fs.writeFileSync(path.join(dir, 'args.wyn'), 'fn main() -> int {\n  print(System.args())\n  return 263\n}\n');
  fs.writeFileSync(path.join(dir, 'typo.wyn'), 'print("before")\nx = 5\nx = "five"\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function wyn(argv: string[], stdin?: string) {
  const io = memoryIo({ cwd: dir, stdin });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('run passes the arguments after -- and main\'s status truncated to 8 bits', async () => {
  expect(await wyn(['run', 'args.wyn', '--', 'a', 'b'])).toEqual({ code: 7, out: '["args.wyn", "a", "b"]\n', err: '' });
});

test('run rejects a program with a type error before printing anything', async () => {
  const r = await wyn(['run', 'typo.wyn']);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err.split('\n')[0]).toBe('typo.wyn:3:5: error[E0301]: mismatched types in assignment: expected `int`, found `string`');
});

test('-e runs a one-line program', async () => {
  expect(await wyn(['-e', 'print(6 * 7)'])).toEqual({ code: 0, out: '42\n', err: '' });
});

test('-e reports diagnostics against <eval>', async () => {
  const r = await wyn(['-e', 'print(1 &&& 2)']);
  expect(r.code).toBe(1);
  expect(r.err.startsWith('<eval>:1:')).toBe(true);
});

test('a program piped on stdin runs when stdin is not a terminal', async () => {
  expect(await wyn([], 'for i in 0..3 { print(i) }\n')).toEqual({ code: 0, out: '0\n1\n2\n', err: '' });
});

test('run of a missing file fails with one line', async () => {
  expect(await wyn(['run', 'absent.wyn'])).toEqual({ code: 1, out: '', err: 'wyn: cannot read absent.wyn: no such file\n' });
});

test('a program reads and writes files relative to the working directory', async () => {
  fs.writeFileSync(path.join(dir, 'files.wyn'), 'File.write("note.txt", "kept")\nprint(File.read("note.txt"))\nprint(File.exists("note.txt"))\n');
  expect(await wyn(['run', 'files.wyn'])).toEqual({ code: 0, out: 'kept\ntrue\n', err: '' });
  expect(fs.readFileSync(path.join(dir, 'note.txt'), 'utf8')).toBe('kept');
});

test('run --workers N runs spawned tasks on N workers; the flag goes before the file', async () => {
  fs.writeFileSync(path.join(dir, 'spawn.wyn'), 'fn sq(n: int) -> int {\n  return n * n\n}\nf = spawn sq(7)\nprint(await f)\n');
  expect(await wyn(['run', '--workers', '2', 'spawn.wyn'])).toEqual({ code: 0, out: '49\n', err: '' });
  expect(await wyn(['run', '--workers=1', 'spawn.wyn'])).toEqual({ code: 0, out: '49\n', err: '' });
});

test('run --workers rejects a count below one', async () => {
  const r = await wyn(['run', '--workers', '0', 'spawn.wyn']);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toContain('--workers must be a whole number of at least 1');
});
