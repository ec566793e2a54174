// Reading stdin (STDLIB §2, T2): `input_line()` reads a line, `input()` and
// `input_float()` read one number the way C's scanf("%lld") / ("%lf") does,
// so `3 4` on one line gives two numbers. A number that ends its line takes
// the line's end with it, so `n = input()` followed by `input_line()` reads
// the next line, not the empty rest of this one (the usual scanf/fgets trap).
// Text that is not a number reads as 0 and stays unread, as with scanf.

import type { Runtime } from '../runtime/runtime';
import { fromUtf8 } from '../runtime/values';
import * as I from '../runtime/int64';
import { tryParseFloat } from './parse-number';

/** What is left of the line a number was read from, per run; absent when no line is partly read. */
const rests = new WeakMap<Runtime, string>();

export function inputLine(rt: Runtime): string {
  rt.flush();
  const rest = rests.get(rt);
  if (rest !== undefined) {
    rests.delete(rt);
    return rest;
  }
  return fromUtf8(rt.host.readLine() ?? '');
}

/** The next token matching `number` after whitespace (newlines included); null when the text there is no number or input ended. */
function scan(rt: Runtime, number: RegExp): string | null {
  rt.flush();
  let line = rests.get(rt);
  while (line === undefined || line.trim() === '') {
    const next = rt.host.readLine();
    if (next === null) {
      rests.delete(rt);
      return null;
    }
    line = fromUtf8(next);
  }
  line = line.replace(/^[ \t\r\v\f]+/, '');
  const m = number.exec(line);
  const rest = m === null ? line : line.slice(m[0].length);
  if (rest.trim() === '') rests.delete(rt);
  else rests.set(rt, rest);
  return m === null ? null : m[0];
}

export function inputInt(rt: Runtime): I.Int {
  const t = scan(rt, /^[+-]?\d+/);
  if (t === null) return 0;
  // strtoll saturates out of range.
  const v = BigInt(t);
  return I.norm(v > 9223372036854775807n ? 9223372036854775807n : v < -9223372036854775808n ? -9223372036854775808n : v);
}

export function inputFloat(rt: Runtime): number {
  const t = scan(rt, /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)/i);
  return t === null ? 0 : (tryParseFloat(t) ?? 0);
}
