// The legacy free functions of STDLIB §2 (stdlib/legacy.ts): aliases that user
// definitions shadow, with their own names in errors. The golden program
// tests/programs/300_legacy_aliases.wyn covers what each one returns.

import { runWyn } from './run-helper';

test('a user function shadows the legacy name it reuses', async () => {
  const r = await runWyn('fn is_even(n: int) -> string { return "mine" }\nfn lerp(a: int) -> int { return a + 1 }\nprint(is_even(3))\nprint(lerp(1))\nprint(is_odd(3))\n');
  expect(r).toEqual({ stdout: 'mine\n2\ntrue\n', stderr: '', status: 0 });
});

test('todo() is fatal, with or without a message, and fits any expected type', async () => {
  const r = await runWyn('fn f() -> int { return todo("later") }\nprint("before")\nprint(f())\n');
  expect(r.stdout).toBe('before\n');
  expect(r.stderr.split('\n')[0]).toBe('panic: not yet implemented: later');
  expect(r.status).toBe(1);
  expect((await runWyn('todo()\n')).stderr.split('\n')[0]).toBe('panic: not yet implemented');
});

test('a legacy call with the wrong argument count names the legacy function', async () => {
  const r = await runWyn('print(str_len("a", "b"))\n');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('`str_len` takes 1 argument(s) but 2 were given');
});

test('arr_sort and arr_reverse work in place and also return the array', async () => {
  const r = await runWyn('xs = [3, 1, 2]\nys = arr_sort(xs)\nprint(xs, ys)\narr_reverse(xs)\nprint(xs)\n');
  expect(r.stdout).toBe('[1, 2, 3] [1, 2, 3]\n[3, 2, 1]\n');
});
