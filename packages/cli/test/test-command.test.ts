// `wyn test` through `main(argv, io)` on throwaway folders of test files.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '@wyn/cli';
import { memoryIo } from './memory-io';

const MATH = `fn square(n: int) -> int {
  return n * n
}
limit = 10

test "square of three" {
  assert(square(3) == 9)
}

test "square checked with Test" {
  Test.assert_eq_int(square(4), 15, "four squared")
}

test "sees the file's globals" {
  assert(square(3) < limit)
}

test "index out of range" {
  xs = [1, 2]
  print(xs[5])
}
`;

const PROGRAM = `fn main() {
  Test.init("strings")
  Test.assert_eq_str("ab" + "c", "abc", "concatenation")
}
`;

let dir: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-test-'));
  write('test_math.wyn', MATH);
  write('lib/test_strings.wyn', PROGRAM);
  write('lib/helper.wyn', 'panic("not a test file")\n');
  write('.cache/test_hidden.wyn', 'exit(1)\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function wyn(argv: string[], tty = false) {
  const io = memoryIo({ cwd: dir, tty });
  const code = await main(['--color=never', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

test('every test block and every block-less test file is reported, then the summary', async () => {
  const r = await wyn(['test']);
  expect(r.code).toBe(1);
  expect(r.out.split('\n').filter((l) => /^(ok|FAIL) /.test(l))).toEqual([
    'ok   lib/test_strings.wyn',
    'ok   test_math.wyn › square of three',
    'FAIL test_math.wyn › square checked with Test',
    'ok   test_math.wyn › sees the file\'s globals',
    'FAIL test_math.wyn › index out of range',
  ]);
  expect(r.out.endsWith('\n3 passed, 2 failed\n')).toBe(true);
});

test('a failed test shows its output under it, and its panic on stderr', async () => {
  const r = await wyn(['test']);
  expect(r.out).toContain('FAIL test_math.wyn › square checked with Test\n       ✗ four squared (expected: 15, got: 16)\n');
  expect(r.err).toContain('test_math.wyn:');
  expect(r.err).toContain('index out of bounds');
});

test('--filter runs only the tests whose name contains the text', async () => {
  const r = await wyn(['test', '--filter', 'square']);
  expect(r.out).toBe('ok   test_math.wyn › square of three\nFAIL test_math.wyn › square checked with Test\n       ✗ four squared (expected: 15, got: 16)\n1 passed, 1 failed\n');
  expect(r.code).toBe(1);
});

test('all passing exits 0', async () => {
  expect(await wyn(['test', 'lib'])).toEqual({ code: 0, out: 'ok   lib/test_strings.wyn\n1 passed, 0 failed\n', err: '' });
});

test('a block-less file fails when its program fails', async () => {
  write('test_broken.wyn', 'Test.assert(1 > 2, "one above two")\n');
  const r = await wyn(['test', 'test_broken.wyn']);
  expect(r).toEqual({ code: 1, out: 'FAIL test_broken.wyn\n       ✗ one above two\n0 passed, 1 failed\n', err: '' });
});

test('a file with a static error fails as a whole with its diagnostic', async () => {
  write('bad/test_typo.wyn', 'x = 1\nx = "one"\ntest "never runs" {\n  assert(true)\n}\n');
  const r = await wyn(['test', 'bad']);
  expect(r.code).toBe(1);
  expect(r.out).toBe('FAIL bad/test_typo.wyn\n0 passed, 1 failed\n');
  expect(r.err.split('\n')[0]).toBe('bad/test_typo.wyn:2:5: error[E0301]: mismatched types in assignment: expected `int`, found `string`');
});

test('a progress line is drawn on a terminal and erased before each result', async () => {
  const r = await wyn(['test', 'lib'], true);
  expect(r.err).toBe('\r\x1b[K[1/1] lib/test_strings.wyn\r\x1b[K');
  expect(r.out).toBe('ok   lib/test_strings.wyn\n1 passed, 0 failed\n');
});

test('no progress line when stderr is not a terminal', async () => {
  expect((await wyn(['test', 'lib'])).err).toBe('');
});

test('a folder without test files is an error', async () => {
  fs.mkdirSync(path.join(dir, 'empty'));
  expect(await wyn(['test', 'empty'])).toEqual({ code: 1, out: '', err: 'wyn: no test_*.wyn files under empty\n' });
});

test('a missing path is reported in one line', async () => {
  expect(await wyn(['test', 'nowhere'])).toEqual({ code: 1, out: '', err: 'wyn: cannot read nowhere: no such file or directory\n' });
});
