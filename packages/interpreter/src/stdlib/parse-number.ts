// Text → number conversions (LANGUAGE.md §10, STDLIB §4 `to_int`/`to_float`).

import { panicAt, type Site } from '../runtime/errors';
import { type Int, norm } from '../runtime/int64';

export function parseIntText(s: string, site: Site): Int {
  const m = /^[ \t\n\r\v\f]*([+-]?)(\d+)[ \t\n\r]*$/.exec(s);
  if (m === null) panicAt(site, 'E0908', `to_int parse error: "${s}" is not a valid integer`);
  const v = BigInt(m[1] + m[2]);
  if (v > 9223372036854775807n || v < -9223372036854775808n) panicAt(site, 'E0908', `to_int overflow: "${s}" does not fit in a 64-bit int`);
  return norm(v);
}

export function tryParseFloat(s: string): number | null {
  const t = s.replace(/^[ \t\n\r\v\f]+/, '').replace(/[ \t\n\r]+$/, '');
  if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(t)) return Number(t);
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  return hexFloat(t);
}

/** strtod's hex floats: `0x1F`, `0x1.8p1` (= 3), `-0X.8`; the `p` exponent is a power of two. */
function hexFloat(t: string): number | null {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(t);
  if (m === null || m[2] + (m[3] ?? '') === '') return null;
  const frac = m[3] ?? '';
  const digits = parseInt(m[2] + frac, 16);
  const v = digits * 2 ** (Number(m[4] ?? 0) - 4 * frac.length);
  return m[1] === '-' ? -v : v;
}

export function parseFloatText(s: string, site: Site): number {
  const v = tryParseFloat(s);
  if (v === null) panicAt(site, 'E0908', `to_float parse error: "${s}" is not a valid number`);
  return v;
}
