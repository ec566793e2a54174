// One test per runtime error kind: the exact stderr shape and status (§13.2).

import { runWyn } from './run-helper';

const cases: [string, string, string][] = [
  ['division by zero', 'x = 0\nprint("before")\nprint(10 / x)\n', 'panic at main.wyn:3: division by zero\n    at main.wyn:3:7\n'],
  ['modulo by zero', 'x = 0\nprint(10 % x)\n', 'panic at main.wyn:2: modulo by zero\n    at main.wyn:2:7\n'],
  ['array index out of bounds', 'xs = [1, 2]\nprint(xs[5])\n', 'panic at main.wyn:2: array index out of bounds: index 5, length 2\n    at main.wyn:2:7\n'],
  ['string index out of bounds', 's = "abc"\nprint(s[-5])\n', 'panic: string index out of bounds: index -5, length 3\n    at main.wyn:2:7\n'],
  ['missing map key', 'm = {"a": 1}\nprint(m["b"])\n', 'panic at main.wyn:2: missing map key: "b"\n    at main.wyn:2:7\n'],
  ['unwrap on None', 'fn f() -> int? { return None }\nprint(f().unwrap())\n', 'Error: unwrap() called on None\n    at main.wyn:2:7\n'],
  ['unwrap on Err', 'fn f() -> Result<int, string> { return Err("bad") }\nprint(f().unwrap())\n', 'Error: unwrap() called on Err: bad\n    at main.wyn:2:7\n'],
  ['bad to_int', 'print("12x".to_int())\n', 'panic: to_int parse error: "12x" is not a valid integer\n    at main.wyn:1:7\n'],
  ['bad to_float', 'print("zz".to_float())\n', 'panic: to_float parse error: "zz" is not a valid number\n    at main.wyn:1:7\n'],
];

describe('runtime errors', () => {
  for (const [name, code, stderr] of cases) {
    test(`${name} prints the spec message with its Wyn frame and exits 1`, async () => {
      const r = await runWyn(code);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(1);
    });
  }

  test('a panic inside a call lists the call site as an outer frame', async () => {
    const r = await runWyn('fn f(n: int) -> int { return 10 / n }\nprint(f(0))\n');
    expect(r.stderr).toBe('panic at main.wyn:1: division by zero\n    at main.wyn:1:30\n    at main.wyn:2:7\n');
  });

  test('output written before a panic is kept', async () => {
    const r = await runWyn('print("before")\nx = [1][3]\n');
    expect(r.stdout).toBe('before\n');
  });

  test('unbounded recursion becomes the stack-overflow panic, not a JS trace', async () => {
    const r = await runWyn('fn f(n: int) -> int { return f(n + 1) + 1 }\nprint(f(0))\n');
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith('panic: stack overflow (recursion too deep?)\n')).toBe(true);
    expect(r.stderr).not.toMatch(/RangeError|node:/);
  });

  test('a static error prints a diagnostic, no output, status 1', async () => {
    const r = await runWyn('print("no")\nconst A = 1\nA = 2\n');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^main\.wyn:3:1: error\[E0208\]: Cannot assign to constant 'A'/);
  });
});
