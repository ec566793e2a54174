// `return` and `defer` (§4.3.3, §5.6, §5.8). Defers run LIFO at function exit;
// at `return expr` they run first and the expression is evaluated after
// (reference quirk). In a function returning `T?`, a plain `T` is wrapped.

import type { DeferStmt, ReturnStmt } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL, RETURN } from '../compile/context';
import { widen } from '../eval/call-args';
import { compileExpr } from '../eval/expr';
import { SomeVal } from '../runtime/values';
import { type ExprGen, setGen, setLeaf, slotOf, stmtLeaf, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import { prune, unify } from '../types';

export function runDefers(f: unknown[], slot: number): void {
  const ds = f[slot] as Compiled[] | undefined;
  if (ds === undefined) return;
  while (ds.length > 0) ds.pop()!.ev(f);
}

/** The same in a generator: a deferred expression that contains a suspension point suspends (conc/gen.ts). */
export function* runDefersG(f: unknown[], slot: number): Gen<void> {
  const ds = f[slot] as Compiled[] | undefined;
  if (ds === undefined) return;
  while (ds.length > 0) yield* valueOf(ds.pop()!, f);
}

/** The value of a `return`, wrapped into `Some` when the function returns an optional (§5.6). */
export function returnValue(cx: FnCtx, v: Compiled, span: ReturnStmt['span']): Compiled['ev'] {
  const rt = prune(cx.ret);
  const vt = prune(v.t);
  if (rt.k === 'option' && vt.k !== 'option' && vt.k !== 'var' && unify(rt.inner, vt)) {
    const ev = v.ev;
    return (f) => new SomeVal(ev(f));
  }
  if (rt.k === 'float' && vt.k === 'int' && cx.kind === 'lambda') return widen(cx, rt, v, span);
  cx.expect(cx.ret, v.t, span, 'mismatched return type');
  return v.ev;
}

export function compileReturn(cx: FnCtx, s: ReturnStmt): Exec {
  const rt = cx.rt;
  const ds = cx.deferSlot;
  if (s.value === null) {
    const r = prune(cx.ret);
    if (r.k !== 'void' && r.k !== 'var' && !cx.isMain) cx.error('E0403', 'this function must return a value', s.span);
    const e: Exec = (f) => {
      if (ds >= 0) runDefers(f, ds);
      rt.ret = undefined;
      return RETURN;
    };
    if (ds < 0 || !cx.suspends) return e;
    return setGen(e, function* (f): Gen<number> {
      yield* runDefersG(f, ds);
      rt.ret = undefined;
      return RETURN;
    });
  }
  const v = compileExpr(cx, s.value, cx.ret);
  if (prune(cx.ret).k === 'void' && cx.kind !== 'top') {
    cx.error('E0403', 'this function has no return type but returns a value', s.value.span);
  }
  return returnExec(cx, v, s.value.span);
}

/** `return v` for a compiled `v`: defers first, then the value (the reference's order, see above). */
export function returnExec(cx: FnCtx, v: Compiled, span: ReturnStmt['span']): Exec {
  const rt = cx.rt;
  const ds = cx.deferSlot;
  const ev = returnValue(cx, v, span);
  const e: Exec = ds >= 0
    ? (f) => {
      runDefers(f, ds);
      rt.ret = ev(f);
      return RETURN;
    }
    : (f) => {
      rt.ret = ev(f);
      return RETURN;
    };
  if (v.gen === undefined && (ds < 0 || !cx.suspends)) return e;
  if (ds < 0 && v.leaf !== undefined) {
    // The leaf's value, converted as the closure does (`Some`, widening) right after it is set: no frame slot needed.
    let got: unknown;
    const convGot = returnValue(cx, { t: v.t, ev: () => got }, span);
    return setLeaf(e, stmtLeaf(v.leaf, (f, x) => {
      got = x;
      rt.ret = convGot(f);
      got = undefined;
      return RETURN;
    }));
  }
  // The value is computed into a slot, then converted as the closure does (`Some`, widening).
  const { slot, read } = slotOf(cx, v.t);
  const conv = returnValue(cx, read, span);
  const g = v.gen as ExprGen | undefined;
  const vev = v.ev;
  return setGen(e, function* (f): Gen<number> {
    if (ds >= 0) yield* runDefersG(f, ds);
    f[slot] = g === undefined ? vev(f) : yield* g(f);
    // Set last: nothing may run between this and the caller reading it.
    rt.ret = conv(f);
    return RETURN;
  });
}

export function compileDefer(cx: FnCtx, s: DeferStmt): Exec {
  const c = compileExpr(cx, s.expr);
  const slot = cx.deferSlot;
  if (slot < 0) return () => NORMAL;
  return (f) => {
    ((f[slot] ??= []) as unknown[]).push(c);
    return NORMAL;
  };
}
