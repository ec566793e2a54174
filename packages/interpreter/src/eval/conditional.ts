// Conditions and conditional expressions (§3.4, §6.7). Conditions are bool;
// int is accepted with C truthiness (T3).

import type { Block, Expr, IfExpr, Span, Ternary } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { BOOL, prune, type Type, unify } from '../types';
import { compileExpr } from './expr';
import { compileBlockValue } from './block-value';

export function truthy(cx: FnCtx, c: Compiled, span: Span): (f: unknown[]) => boolean {
  const t = prune(c.t);
  const ev = c.ev;
  if (t.k === 'int') return (f) => ev(f) !== 0;
  if (t.k !== 'bool' && t.k !== 'any') cx.expect(BOOL, c.t, span, 'condition must be a bool');
  return ev as (f: unknown[]) => boolean;
}

export function compileCondition(cx: FnCtx, e: Expr): (f: unknown[]) => boolean {
  return truthy(cx, compileExpr(cx, e), e.span);
}

/** Both branches must agree; an int branch next to a float one is an error like any mismatch. */
function join(cx: FnCtx, a: Compiled, b: Compiled, span: Span): Type {
  if (!unify(a.t, b.t)) cx.expect(a.t, b.t, span, 'branches have different types');
  return a.t;
}

export function compileIfExpr(cx: FnCtx, e: IfExpr, expected?: Type): Compiled {
  const c = compileCondition(cx, e.condition);
  const a = compileBlockValue(cx, e.then, expected);
  if (e.else === null) {
    const ae = a.ev;
    return { t: a.t, ev: (f) => (c(f) ? ae(f) : undefined) };
  }
  const b = e.else.kind === 'IfExpr' ? compileIfExpr(cx, e.else, expected) : compileBlockValue(cx, e.else as Block, expected);
  const t = join(cx, a, b, e.span);
  const ae = a.ev;
  const be = b.ev;
  return { t, ev: (f) => (c(f) ? ae(f) : be(f)) };
}

export function compileTernary(cx: FnCtx, e: Ternary, expected?: Type): Compiled {
  const c = compileCondition(cx, e.condition);
  const a = compileExpr(cx, e.then, expected);
  const b = compileExpr(cx, e.else, expected ?? a.t);
  const t = join(cx, a, b, e.span);
  const ae = a.ev;
  const be = b.ev;
  return { t, ev: (f) => (c(f) ? ae(f) : be(f)) };
}
