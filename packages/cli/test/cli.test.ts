// The `wyn` command through `main(argv, io)`: verbs, exit codes, help, colour.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main, VERSION } from '@wyn/cli';
import { memoryIo } from './memory-io';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-cli-'));
  fs.writeFileSync(path.join(dir, 'clean.wyn'), 'fn main() {\n  print("hi")\n}\n');
  fs.writeFileSync(path.join(dir, 'open.wyn'), 'fn main() {\n  print("hi")\n');
  fs.writeFileSync(path.join(dir, 'andand.wyn'), 'ok = true && false\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function wyn(argv: string[], options: { env?: Record<string, string>; tty?: boolean } = {}) {
  const io = memoryIo({ cwd: dir, ...options });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('--version prints the version on stdout', async () => {
  expect(await wyn(['--version'])).toEqual({ code: 0, out: `wyn ${VERSION}\n`, err: '' });
});

test('--help lists the verbs and exits 0', async () => {
  const r = await wyn(['--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('Usage: wyn <command> [options]');
  expect(r.out).toContain('wyn check <files..>');
  expect(r.err).toBe('');
});

test('check --help shows an example', async () => {
  const r = await wyn(['check', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('wyn check app.wyn lib/util.wyn');
});

test('check of a clean file prints nothing and exits 0', async () => {
  expect(await wyn(['check', 'clean.wyn'])).toEqual({ code: 0, out: '', err: '' });
});

test('check of a broken file prints the diagnostic on stderr and exits 1', async () => {
  const r = await wyn(['check', 'open.wyn']);
  expect(r).toEqual({
    code: 1,
    out: '',
    err: [
      'open.wyn:2:14: error[E0101]: unexpected end of input: expected `}` to close the block opened at 1:11',
      '  1 | fn main() {',
      '> 2 |   print("hi")',
      '    |              ^',
      'hint: add `}`',
      '',
    ].join('\n'),
  });
});

test('check reports every file and fails when any fails', async () => {
  const r = await wyn(['check', 'clean.wyn', 'andand.wyn', 'open.wyn']);
  expect(r.code).toBe(1);
  expect(r.err).toContain('andand.wyn:1:11: error[E0106]: the operator `&&` has been removed');
  expect(r.err).toContain('open.wyn:2:14: error[E0101]');
});

test('check --format=json writes one JSON object per diagnostic to stdout', async () => {
  const r = await wyn(['check', '--format=json', 'clean.wyn', 'andand.wyn', 'open.wyn']);
  expect(r.code).toBe(1);
  expect(r.err).toBe('');
  expect(r.out.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual([
    {
      file: 'andand.wyn',
      range: { start: { line: 1, col: 11 }, end: { line: 1, col: 13 } },
      severity: 'error',
      code: 'E0106',
      message: 'the operator `&&` has been removed',
      hint: 'use `and` instead',
    },
    {
      file: 'open.wyn',
      range: { start: { line: 2, col: 14 }, end: { line: 2, col: 14 } },
      severity: 'error',
      code: 'E0101',
      message: 'unexpected end of input: expected `}` to close the block opened at 1:11',
      hint: 'add `}`',
    },
  ]);
});

test('check --format=json of clean files prints nothing', async () => {
  expect(await wyn(['check', '--format=json', 'clean.wyn'])).toEqual({ code: 0, out: '', err: '' });
});

test('a missing file is reported in one line', async () => {
  expect(await wyn(['check', 'nope.wyn'])).toEqual({ code: 1, out: '', err: 'wyn: cannot read nope.wyn: no such file\n' });
});

test.each([
  [['check'], 'Not enough non-option arguments: got 0, need at least 1'],
  [['frobnicate'], 'Unknown argument: frobnicate'],
  [['check', 'x.wyn', '--colour'], 'Unknown argument: colour'],
  [['--color=blue', 'check', 'clean.wyn'], 'Invalid values:'],
])('usage error %j exits 2 with a hint', async (argv, message) => {
  const r = await wyn(argv);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toContain(message);
  expect(r.err.endsWith('hint: run `wyn --help` for usage\n')).toBe(true);
});

test('bare wyn on a terminal opens the REPL', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c: Buffer) => (screen += c.toString('utf8')));
  const io = memoryIo({ cwd: dir, tty: true, env: { WYN_REPL_HISTORY: '' }, repl: { input, output } });
  const done = main([], io);
  input.end('6 * 7\n');
  expect(await done).toBe(0);
  expect(screen).toContain('Wyn REPL');
  expect(screen).toContain('42');
});

describe('--color', () => {
  const colored = (err: string) => err.includes('\x1b[');
  test('always colours, never does not', async () => {
    expect(colored((await wyn(['--color=always', 'check', 'open.wyn'])).err)).toBe(true);
    expect(colored((await wyn(['--color=never', 'check', 'open.wyn'], { env: { FORCE_COLOR: '1' } })).err)).toBe(false);
  });
  test('auto follows the terminal, NO_COLOR and FORCE_COLOR', async () => {
    expect(colored((await wyn(['check', 'open.wyn'])).err)).toBe(false);
    expect(colored((await wyn(['check', 'open.wyn'], { tty: true })).err)).toBe(true);
    expect(colored((await wyn(['check', 'open.wyn'], { tty: true, env: { NO_COLOR: '1' } })).err)).toBe(false);
    expect(colored((await wyn(['check', 'open.wyn'], { env: { FORCE_COLOR: '1' } })).err)).toBe(true);
    expect(colored((await wyn(['check', 'open.wyn'], { tty: true, env: { FORCE_COLOR: '0' } })).err)).toBe(false);
  });
});

describe('fmt', () => {
  const messy = '// greet\nfn  greet( name:string )->string{return "hi "+name}   // trailing\nprint( greet("x") )\n';
  const tidy = '// greet\nfn greet(name: string) -> string {\n  return "hi " + name\n} // trailing\nprint(greet("x"))\n';

  test('rewrites a file in place and keeps its comments', async () => {
    fs.writeFileSync(path.join(dir, 'messy.wyn'), messy);
    expect(await wyn(['fmt', 'messy.wyn'])).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(path.join(dir, 'messy.wyn'), 'utf8')).toBe(tidy);
    expect(await wyn(['fmt', '--check', 'messy.wyn'])).toEqual({ code: 0, out: '', err: '' });
  });

  test('--check lists files that would change and writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'messy2.wyn'), messy);
    expect(await wyn(['fmt', '--check', 'clean.wyn', 'messy2.wyn'])).toEqual({ code: 1, out: 'messy2.wyn\n', err: '' });
    expect(fs.readFileSync(path.join(dir, 'messy2.wyn'), 'utf8')).toBe(messy);
  });

  test('--stdout prints the formatted text', async () => {
    fs.writeFileSync(path.join(dir, 'messy3.wyn'), messy);
    expect(await wyn(['fmt', '--stdout', 'messy3.wyn'])).toEqual({ code: 0, out: tidy, err: '' });
  });

  test('a file with a syntax error is reported and left alone', async () => {
    const r = await wyn(['fmt', 'open.wyn']);
    expect(r.code).toBe(1);
    expect(r.err.startsWith('open.wyn:2:14: error[E0101]')).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'open.wyn'), 'utf8')).toBe('fn main() {\n  print("hi")\n');
  });
});
