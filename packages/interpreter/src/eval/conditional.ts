// Conditions and conditional expressions (§3.4, §6.7). Conditions are bool;
// int is accepted with C truthiness (T3). A condition or branch that contains
// a suspension point gives its expression a generator form that runs the
// condition first and only the branch taken (conc/gen.ts).

import type { Block, Expr, IfExpr, Span, Ternary } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { anyExprGen, type ExprGen, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import { BOOL, prune, type Type, unify } from '../types';
import { compileExpr } from './expr';
import { compileBlockValue } from './block-value';

/** A compiled condition: its closure, and its generator when it contains a suspension point. */
export interface Cond {
  ev: (f: unknown[]) => boolean;
  gen?: (f: unknown[]) => Gen<boolean>;
}

export function truthy(cx: FnCtx, c: Compiled, span: Span): Cond {
  const t = prune(c.t);
  const ev = c.ev;
  const g = c.gen as ExprGen | undefined;
  if (t.k === 'int') {
    const cond: Cond = { ev: (f) => ev(f) !== 0 };
    if (g !== undefined) cond.gen = function* (f) { return (yield* g(f)) !== 0; };
    return cond;
  }
  if (t.k !== 'bool' && t.k !== 'any') cx.expect(BOOL, c.t, span, 'condition must be a bool');
  const cond: Cond = { ev: ev as (f: unknown[]) => boolean };
  if (g !== undefined) cond.gen = g as (f: unknown[]) => Gen<boolean>;
  return cond;
}

export function compileCondition(cx: FnCtx, e: Expr): Cond {
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
  const b = e.else === null ? null : e.else.kind === 'IfExpr' ? compileIfExpr(cx, e.else, expected) : compileBlockValue(cx, e.else as Block, expected);
  return choice(c, a, b, b === null ? a.t : join(cx, a, b, e.span));
}

export function compileTernary(cx: FnCtx, e: Ternary, expected?: Type): Compiled {
  const c = compileCondition(cx, e.condition);
  const a = compileExpr(cx, e.then, expected);
  const b = compileExpr(cx, e.else, expected ?? a.t);
  return choice(c, a, b, join(cx, a, b, e.span));
}

/** `c ? a : b` (no `b`: nothing); the generator suspends only in the condition and the branch taken. */
function choice(c: Cond, a: Compiled, b: Compiled | null, t: Type): Compiled {
  const ce = c.ev;
  const ae = a.ev;
  const be = b === null ? null : b.ev;
  const out: Compiled = { t, ev: be === null ? (f) => (ce(f) ? ae(f) : undefined) : (f) => (ce(f) ? ae(f) : be(f)) };
  if (!anyExprGen(c, a, b)) return out;
  out.gen = function* (f) {
    if (yield* valueOf<boolean>(c, f)) return yield* valueOf(a, f);
    return b === null ? undefined : yield* valueOf(b, f);
  };
  return out;
}
