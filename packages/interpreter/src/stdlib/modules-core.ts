// T1 library modules (STDLIB §9, §10, §25): Math, StringBuilder, String,
// HashMap. Math works in double precision (the reference's single-precision
// Math is a bug, STDLIB §9).

import { floatText } from '../runtime/format';
import { panicAt } from '../runtime/errors';
import * as I from '../runtime/int64';
import type { Runtime } from '../runtime/runtime';
import { WMap } from '../runtime/values';
import { ANY, arrayOf, FLOAT, fresh, INT, STRING, type Type, VOID } from '../types';
import { cRound } from './number-methods';
import { nextFloat } from './modules-random';
import { type Entry, fn as e, type ModuleTable } from './entry';

const SB: Type = { k: 'handle', name: 'StringBuilder' };
const f1 = (fn: (x: number) => number): Entry => e([FLOAT], FLOAT, (_rt, [x]) => fn(x as number));
const f2 = (fn: (x: number, y: number) => number): Entry => e([FLOAT, FLOAT], FLOAT, (_rt, [x, y]) => fn(x as number, y as number));

const sb = (rt: Runtime, h: unknown): { s: string } => (rt.handle('sb', h) as { s: string } | undefined) ?? { s: '' };

/** `Math.checked_*`: the exact result, or the fatal error of STDLIB §9 when it leaves 64 bits. */
const checked = (name: string, op: (a: bigint, b: bigint) => bigint): Entry => e([INT, INT], INT, (_rt, [a, b], site) => {
  const r = op(BigInt(a as I.Int), BigInt(b as I.Int));
  if (r !== BigInt.asIntN(64, r)) panicAt(site, 'E0911', `integer overflow in ${name}(${String(a)}, ${String(b)})`);
  return I.norm(r);
});

export const CORE_MODULES: ModuleTable = {
  Math: {
    sqrt: f1(Math.sqrt), sin: f1(Math.sin), cos: f1(Math.cos), tan: f1(Math.tan), exp: f1(Math.exp), log: f1(Math.log),
    log10: f1(Math.log10), log2: f1(Math.log2), floor: f1(Math.floor), ceil: f1(Math.ceil), round: f1(cRound),
    asin: f1(Math.asin), acos: f1(Math.acos), atan: f1(Math.atan), cbrt: f1(Math.cbrt),
    abs: e([ANY], (ts) => ts[0], (_rt, [x]) => (typeof x === 'number' && x < 0 ? -x : typeof x === 'bigint' && x < 0 ? I.neg(x) : x)),
    pow: f2(Math.pow), atan2: f2(Math.atan2), hypot: f2(Math.hypot),
    // Ints are converted: `Math.max(3, 7)` is `7.0` (STDLIB §9).
    min: f2((a, b) => (b < a ? b : a)),
    max: f2((a, b) => (b > a ? b : a)),
    clamp: e([INT, INT, INT], INT, (_rt, [x, lo, hi]) => (I.cmp(x as I.Int, lo as I.Int) < 0 ? lo : I.cmp(x as I.Int, hi as I.Int) > 0 ? hi : x)),
    sign: e([INT], INT, (_rt, [x]) => I.cmp(x as I.Int, 0)),
    checked_add: checked('checked_add', (a, b) => a + b),
    checked_sub: checked('checked_sub', (a, b) => a - b),
    checked_mul: checked('checked_mul', (a, b) => a * b),
    random: e([], FLOAT, (rt) => nextFloat(rt)),
    pi: e([], FLOAT, () => Math.PI),
    e: e([], FLOAT, () => Math.E),
    lerp: e([FLOAT, FLOAT, FLOAT], FLOAT, (_rt, [a, b, t]) => (a as number) + ((b as number) - (a as number)) * (t as number)),
    map_range: e([FLOAT, FLOAT, FLOAT, FLOAT, FLOAT], FLOAT, (_rt, [x, a, b, c, d]) =>
      (c as number) + (((x as number) - (a as number)) * ((d as number) - (c as number))) / ((b as number) - (a as number))),
    round_to: e([FLOAT, INT], FLOAT, (_rt, [x, n]) => cRound((x as number) * 10 ** Number(n)) / 10 ** Number(n)),
  },
  StringBuilder: {
    new: e([], SB, (rt) => rt.newHandle('sb', { s: '' })),
    append: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += s as string; }),
    append_int: e([SB, INT], VOID, (rt, [h, n]) => { sb(rt, h).s += String(n); }),
    append_float: e([SB, FLOAT], VOID, (rt, [h, n]) => { sb(rt, h).s += floatText(n as number); }),
    append_line: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += (s as string) + '\n'; }),
    append_char: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += s as string; }),
    len: e([SB], INT, (rt, [h]) => sb(rt, h).s.length),
    to_string: e([SB], STRING, (rt, [h]) => sb(rt, h).s),
    build: e([SB], STRING, (rt, [h]) => sb(rt, h).s),
    clear: e([SB], VOID, (rt, [h]) => { sb(rt, h).s = ''; }),
    free: e([SB], VOID, (rt, [h]) => rt.closeHandle('sb', h)),
  },
  String: {
    from_chars: e([arrayOf(STRING)], STRING, (_rt, [xs]) => (xs as string[]).join('')),
    char_from_int: e([INT], STRING, (_rt, [n]) => String.fromCharCode(Number(n) & 255)),
  },
  HashMap: {
    new: e([], () => ({ k: 'map', key: STRING, val: fresh() }), () => new WMap()),
  },
};
