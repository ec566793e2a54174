// 64-bit wrapping ints (LANGUAGE.md §3.2). Fast path: JS numbers while the
// result is a safe integer. Slow path: exact BigInt arithmetic wrapped with
// BigInt.asIntN(64, …), then normalised back to a number when it fits, so
// every int is a number iff it is a safe integer.

import { panicAt } from './errors';

export type Int = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;

export function norm(b: bigint): Int {
  const w = BigInt.asIntN(64, b);
  return w >= -9007199254740991n && w <= 9007199254740991n ? Number(w) : w;
}
const big = (a: Int): bigint => (typeof a === 'bigint' ? a : typeof a === 'number' ? BigInt(a) : notAnInt(a));

/**
 * An int-typed operand that is no int: a future, which is typed as its
 * task's result (CONCURRENCY.md §3.1; arithmetic on one is unspecified).
 * A clear panic rather than a JavaScript error.
 */
function notAnInt(a: unknown): never {
  // A future prints as <future> (conc/plain.ts).
  const what = String(a) === '<future>' ? 'a future (await it first)' : 'a value that is not an int';
  return panicAt(null, 'E0925', `arithmetic on ${what}`);
}

export function add(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return norm(big(a) + big(b));
}
export function sub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return norm(big(a) - big(b));
}
export function mul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r <= MAX && r >= -MAX) return r === 0 ? 0 : r;
  }
  return norm(big(a) * big(b));
}
/** Truncating division; the caller has ruled out a zero divisor. (-2^63) / -1 wraps (§3.2, T3). */
export function div(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = Math.trunc(a / b);
    return r === 0 ? 0 : r;
  }
  return norm(big(a) / big(b));
}
export function mod(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  return norm(big(a) % big(b));
}
export function neg(a: Int): Int {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : norm(-a);
}
export function bitAnd(a: Int, b: Int): Int {
  return norm(big(a) & big(b));
}
export function bitOr(a: Int, b: Int): Int {
  return norm(big(a) | big(b));
}
export function bitXor(a: Int, b: Int): Int {
  return norm(big(a) ^ big(b));
}
export function bitNot(a: Int): Int {
  return typeof a === 'number' ? -a - 1 : norm(~a);
}
/** Shift counts are taken mod 64 (out-of-range counts are undefined, §6.5). */
export function shl(a: Int, b: Int): Int {
  return norm(big(a) << (big(b) & 63n));
}
export function shr(a: Int, b: Int): Int {
  return norm(big(a) >> (big(b) & 63n));
}
export function cmp(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export function toFloat(a: Int): number {
  return Number(a);
}
/** float → int, truncating; NaN and out-of-range give INT64_MIN (STDLIB §5.2). */
export function fromFloat(x: number): Int {
  if (!Number.isFinite(x) || x >= 9223372036854775808 || x < -9223372036854775808) return -9223372036854775808n;
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : norm(BigInt(t));
}
export function intText(a: Int): string {
  return String(a);
}
