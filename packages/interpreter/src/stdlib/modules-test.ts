// The Test module (STDLIB §12): assertion helpers that print one line per
// check to stdout and never stop the program. A failed check makes the exit
// status 1 when main would have exited 0 (the same rule as `assert`).
// Int assertions compare 64-bit values (the reference's 32-bit compare is a bug).

import * as I from '../runtime/int64';
import type { Runtime } from '../runtime/runtime';
import { BOOL, FLOAT, INT, STRING, VOID } from '../types';
import { type Entry, fn, type ModuleTable } from './entry';

// The UTF-8 bytes of ✓ / ✗ / ⊘ as byte strings (runtime/values.ts).
const TICK = '\xe2\x9c\x93';
const CROSS = '\xe2\x9c\x97';
const SKIP = '\xe2\x8a\x98';

interface Suite { passed: number; failed: number; skipped: number; startNs: bigint }

const suites = new WeakMap<Runtime, Suite>();
function suite(rt: Runtime): Suite {
  let s = suites.get(rt);
  if (s === undefined) {
    s = { passed: 0, failed: 0, skipped: 0, startNs: rt.host.monotonicNs() };
    suites.set(rt, s);
  }
  return s;
}

/** Records one check: `  ✓ MSG` or `  ✗ MSG` plus the detail text. */
function check(rt: Runtime, ok: boolean, msg: unknown, detail: () => string = () => ''): void {
  const s = suite(rt);
  if (ok) {
    s.passed++;
    rt.write(`  ${TICK} ${msg as string}\n`);
  } else {
    s.failed++;
    rt.assertFailed = true;
    const d = detail();
    rt.write(`  ${CROSS} ${msg as string}${d === '' ? '' : ` (${d})`}\n`);
  }
}

/** An int comparison `a OP b` with its failure detail `A not OP B`. */
const compare = (op: string, holds: (c: number) => boolean): Entry =>
  fn([INT, INT, STRING], VOID, (rt, [a, b, m]) => check(rt, holds(I.cmp(a as I.Int, b as I.Int)), m, () => `${String(a)} not ${op} ${String(b)}`));

export const TEST_MODULES: ModuleTable = {
  Test: {
    init: fn([STRING], VOID, (rt, [name]) => {
      suites.set(rt, { passed: 0, failed: 0, skipped: 0, startNs: rt.host.monotonicNs() });
      rt.write(`\n=== Test Suite: ${name as string} ===\n\n`);
    }),
    describe: fn([STRING], VOID, (rt, [text]) => rt.write(`\n${text as string}\n`)),
    assert: fn([BOOL, STRING], VOID, (rt, [c, m]) => check(rt, c as boolean, m)),
    assert_true: fn([BOOL, STRING], VOID, (rt, [c, m]) => check(rt, c as boolean, m)),
    assert_false: fn([BOOL, STRING], VOID, (rt, [c, m]) => check(rt, !(c as boolean), m)),
    assert_eq_int: fn([INT, INT, STRING], VOID, (rt, [a, e, m]) => check(rt, a === e, m, () => `expected: ${String(e)}, got: ${String(a)}`)),
    assert_eq_str: fn([STRING, STRING, STRING], VOID, (rt, [a, e, m]) => check(rt, a === e, m, () => `expected: "${e as string}", got: "${a as string}"`)),
    assert_ne_int: fn([INT, INT, STRING], VOID, (rt, [a, b, m]) => check(rt, a !== b, m, () => `both values are: ${String(a)}`)),
    assert_gt: compare('>', (c) => c > 0),
    assert_lt: compare('<', (c) => c < 0),
    assert_gte: compare('>=', (c) => c >= 0),
    assert_lte: compare('<=', (c) => c <= 0),
    assert_contains: fn([STRING, STRING, STRING], VOID, (rt, [h, n, m]) =>
      check(rt, (h as string).includes(n as string), m, () => `"${n as string}" not found in "${h as string}"`)),
    assert_not_contains: fn([STRING, STRING, STRING], VOID, (rt, [h, n, m]) => check(rt, !(h as string).includes(n as string), m)),
    assert_eq_float: fn([FLOAT, FLOAT, FLOAT, STRING], VOID, (rt, [a, e, eps, m]) =>
      check(rt, Math.abs((a as number) - (e as number)) < (eps as number), m)),
    skip: fn([STRING], VOID, (rt, [reason]) => {
      suite(rt).skipped++;
      rt.write(`  ${SKIP} SKIPPED: ${reason as string}\n`);
    }),
    summary: fn([], INT, (rt) => {
      const s = suite(rt);
      const secs = Number(rt.host.monotonicNs() - s.startNs) / 1e9;
      let out = `\n=== Test Summary ===\nTotal:   ${s.passed + s.failed}\nPassed:  ${s.passed}\nFailed:  ${s.failed}\nSkipped: ${s.skipped}\nTime:    ${secs.toFixed(3)}s\n`;
      if (secs < 0.001) out += '         (< 1ms)\n';
      out += s.failed === 0 ? `\n${TICK} All tests passed!\n\n` : `\n${CROSS} ${s.failed} test(s) failed\n\n`;
      rt.write(out);
      return s.failed === 0 ? 0 : 1;
    }),
  },
};
