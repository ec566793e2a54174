// Terminal's size and keys (STDLIB §22) through the Host: 80×24 and no raw
// mode off a terminal, the terminal's own size on one, and read_key taking
// stdin one byte at a time from the buffer input_line reads too.

import { runWyn } from './run-helper';

test('off a terminal the size is 80x24 and raw mode is refused', async () => {
  const r = await runWyn('print(Terminal.cols(), Terminal.rows(), Terminal.raw_mode(), Terminal.restore())\n');
  expect(r.stdout).toBe('80 24 false false\n');
});

test('on a terminal the size is the terminal\'s and raw mode is granted', async () => {
  const r = await runWyn('print(Terminal.cols(), Terminal.rows(), Terminal.raw_mode())\n', {}, { terminal: true });
  expect(r.stdout).toBe('100 30 true\n');
});

test('read_key gives one byte per call, newline included, then -1 at the end of input', async () => {
  const r = await runWyn('print(Terminal.read_key(), Terminal.read_key(), Terminal.read_key(), Terminal.read_key())\n', {}, { stdin: ['ab'] });
  expect(r.stdout).toBe('97 98 10 -1\n');
});
