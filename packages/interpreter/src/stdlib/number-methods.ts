// Methods of int, float and bool (LANGUAGE.md §11.2, STDLIB §5).

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { floatText } from '../runtime/format';
import * as I from '../runtime/int64';
import { BOOL, FLOAT, INT, STRING, type Type } from '../types';
import { ipow } from './builtins';
import { method, type MethodCall } from './helpers';

/** C `round`: halves away from zero (§10). */
export function cRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `to_hex` / `to_binary`: the magnitude's digits after a `-` for negatives (STDLIB §5.1). */
export function radix(x: I.Int, base: number): string {
  return x < 0 ? '-' + BigInt(x).toString(base).slice(1) : BigInt(x).toString(base);
}

export function compileNumberMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call): Compiled | null {
  const m: MethodCall = { cx, recv, name, call };
  const i = (x: unknown) => x as I.Int;
  const n = (x: unknown) => x as number;
  if (t.k === 'int') {
    switch (name) {
      case 'to_string': return method(m, [0], STRING, (r) => String(r));
      case 'to_float': return method(m, [0], FLOAT, (r) => Number(r));
      case 'to_int': return method(m, [0], INT, (r) => r);
      case 'abs': return method(m, [0], INT, (r) => (i(r) < 0 ? I.neg(i(r)) : r));
      case 'min': return method(m, [1], INT, (r, [o]) => (i(o) < i(r) ? o : r));
      case 'max': return method(m, [1], INT, (r, [o]) => (i(o) > i(r) ? o : r));
      case 'clamp': return method(m, [2], INT, (r, [lo, hi]) => (i(r) < i(lo) ? lo : i(r) > i(hi) ? hi : r));
      case 'sign': return method(m, [0], INT, (r) => (i(r) > 0 ? 1 : i(r) < 0 ? -1 : 0));
      case 'pow': return method(m, [1], INT, (r, [e]) => ipow(i(r), i(e)));
      case 'is_even': return method(m, [0], BOOL, (r) => I.mod(i(r), 2) === 0);
      case 'is_odd': return method(m, [0], BOOL, (r) => I.mod(i(r), 2) !== 0);
      case 'is_positive': return method(m, [0], BOOL, (r) => i(r) > 0);
      case 'is_negative': return method(m, [0], BOOL, (r) => i(r) < 0);
      case 'is_zero': return method(m, [0], BOOL, (r) => r === 0);
      case 'to_binary': return method(m, [0], STRING, (r) => radix(i(r), 2));
      case 'to_hex': return method(m, [0], STRING, (r) => radix(i(r), 16));
      default: return null;
    }
  }
  if (t.k === 'float') {
    const f1 = (fn: (x: number) => number) => method(m, [0], FLOAT, (r) => fn(n(r)));
    switch (name) {
      case 'to_string': return method(m, [0], STRING, (r) => floatText(n(r)));
      case 'to_int': return method(m, [0], INT, (r) => I.fromFloat(n(r)));
      case 'round': return f1(cRound);
      case 'floor': return f1(Math.floor);
      case 'ceil': return f1(Math.ceil);
      case 'abs': return f1(Math.abs);
      case 'sqrt': return f1(Math.sqrt);
      case 'exp': return f1(Math.exp);
      case 'log': return f1(Math.log);
      case 'log10': return f1(Math.log10);
      case 'log2': return f1(Math.log2);
      case 'sin': return f1(Math.sin);
      case 'cos': return f1(Math.cos);
      case 'tan': return f1(Math.tan);
      case 'asin': return f1(Math.asin);
      case 'acos': return f1(Math.acos);
      case 'atan': return f1(Math.atan);
      case 'sign': return f1((x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
      case 'round_to': return method(m, [1], FLOAT, (r, [d]) => {
        const p = Math.pow(10, Number(d));
        return cRound(n(r) * p) / p;
      });
      case 'pow': return method(m, [1], FLOAT, (r, [e]) => Math.pow(n(r), Number(e)));
      case 'min': return method(m, [1], FLOAT, (r, [o]) => Math.min(n(r), Number(o)));
      case 'max': return method(m, [1], FLOAT, (r, [o]) => Math.max(n(r), Number(o)));
      case 'clamp': return method(m, [2], FLOAT, (r, [lo, hi]) => Math.min(Math.max(n(r), Number(lo)), Number(hi)));
      case 'is_nan': return method(m, [0], BOOL, (r) => Number.isNaN(r));
      case 'is_infinite': return method(m, [0], BOOL, (r) => n(r) === Infinity || n(r) === -Infinity);
      case 'is_finite': return method(m, [0], BOOL, (r) => Number.isFinite(r));
      case 'is_positive': return method(m, [0], BOOL, (r) => n(r) > 0);
      case 'is_negative': return method(m, [0], BOOL, (r) => n(r) < 0);
      default: return null;
    }
  }
  if (t.k === 'bool') {
    switch (name) {
      case 'to_string': return method(m, [0], STRING, (r) => String(r));
      case 'to_int': return method(m, [0], INT, (r) => (r ? 1 : 0));
      case 'not': return method(m, [0], BOOL, (r) => !r);
      case 'and': return method(m, [1], BOOL, (r, [o]) => (r as boolean) && (o as boolean));
      case 'or': return method(m, [1], BOOL, (r, [o]) => (r as boolean) || (o as boolean));
      case 'xor': return method(m, [1], BOOL, (r, [o]) => r !== o);
      default: return null;
    }
  }
  return null;
}
