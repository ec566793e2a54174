// The `?` operator (§6.14): `Ok(v)?` is `v`; `Err(e)?` returns `Err(e)` from
// the enclosing function, running its defers like a `return`. It unwinds as a
// TryReturn caught by the function's body wrapper (only functions that
// contain `?` install one). On optionals, `None?` returns `None` (T3, sane).

import type { TryExpr } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { ErrVal, NONE, OkVal, SomeVal } from '../runtime/values';
import { ANY, fresh, prune } from '../types';
import { compileExpr } from './expr';

export class TryReturn {
  constructor(readonly value: unknown) {}
}

export function compileTry(cx: FnCtx, e: TryExpr): Compiled {
  const v = compileExpr(cx, e.operand);
  cx.hasTry = true;
  const t = prune(v.t);
  const ev = v.ev;
  if (t.k === 'option') {
    cx.expect(cx.ret, { k: 'option', inner: fresh() }, e.span, '`?` on an optional needs a function returning an optional');
    return { t: t.inner, ev: (f) => { const o = ev(f); if (o instanceof SomeVal) return o.v; throw new TryReturn(NONE); } };
  }
  if (t.k !== 'result') {
    cx.error('E0312', "the '?' operator can only be applied to a Result value", e.span);
    return { t: ANY, ev };
  }
  cx.expect(cx.ret, { k: 'result', ok: fresh(), err: t.err }, e.span, '`?` needs a function returning a compatible Result');
  return {
    t: t.ok,
    ev: (f) => {
      const r = ev(f);
      if (r instanceof OkVal) return r.v;
      throw new TryReturn(r as ErrVal);
    },
  };
}
