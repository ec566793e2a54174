// String interpolation `"a ${x} b"` (§2.7): each part in the display format of §9.

import type { InterpolatedString } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { display } from '../runtime/format';
import { fromUtf8 } from '../runtime/values';
import { prune, STRING } from '../types';
import { compileExpr } from './expr';

export function compileInterpolation(cx: FnCtx, e: InterpolatedString): Compiled {
  const parts = e.parts.map((p): ((f: unknown[]) => string) => {
    if (typeof p === 'string') {
      const s = fromUtf8(p);
      return () => s;
    }
    const c = cx.value(compileExpr(cx, p), p);
    return textOf(c);
  });
  if (parts.length === 2) {
    const [a, b] = parts;
    return { t: STRING, ev: (f) => a(f) + b(f) };
  }
  return {
    t: STRING,
    ev: (f) => {
      let s = '';
      for (let i = 0; i < parts.length; i++) s += parts[i](f);
      return s;
    },
  };
}

/** The display text of a compiled value, specialised for the common static types. */
export function textOf(c: Compiled): (f: unknown[]) => string {
  const ev = c.ev;
  const t = c.t;
  const k = prune(t).k;
  if (k === 'string') return ev as (f: unknown[]) => string;
  if (k === 'int') return (f) => String(ev(f));
  return (f) => display(ev(f), t);
}
