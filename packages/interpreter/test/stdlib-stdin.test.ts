// Reading stdin (STDLIB §2; stdlib/stdin.ts): numbers are read like scanf's,
// several to a line, and a number that ends its line takes the line with it.

import { runWyn } from './run-helper';

test('input() reads each number of a line, then the next lines', async () => {
  const r = await runWyn('n = input()\na = input()\nb = input()\nprint(n, a + b)\n', {}, { stdin: ['3', '  4 5'] });
  expect(r.stdout).toBe('3 9\n');
});

test('input_line after a number that ended its line reads the next line', async () => {
  const r = await runWyn('n = input()\nprint(n, "[" + input_line() + "]")\n', {}, { stdin: ['7', 'hello world'] });
  expect(r.stdout).toBe('7 [hello world]\n');
});

test('input_line after a number in the middle of a line reads the rest of that line', async () => {
  const r = await runWyn('x = input_float()\nprint(x, "[" + input_line() + "]")\n', {}, { stdin: ['2.5e1 tail', 'next'] });
  expect(r.stdout).toBe('25.0 [ tail]\n');
});

test('blank lines are skipped; text that is no number reads as 0 and stays for input_line; the end of input gives 0', async () => {
  const r = await runWyn('print(input())\nprint("[" + input_line() + "]")\nprint(input(), input_float(), "[" + input_line() + "]")\n', {}, { stdin: ['', '', 'abc'] });
  expect(r.stdout).toBe('0\n[abc]\n0 0.0 []\n');
});

test('an int beyond 64 bits saturates as strtoll does', async () => {
  const r = await runWyn('print(input(), input())\n', {}, { stdin: ['99999999999999999999 -99999999999999999999'] });
  expect(r.stdout).toBe('9223372036854775807 -9223372036854775808\n');
});
