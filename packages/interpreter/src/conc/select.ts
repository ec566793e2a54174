// `select { v = ch.recv() => body }` (CONCURRENCY.md §7.5) and the
// `parallel { }` block (§6), which is expanded into ordinary statements:
// each binding spawn (or implicit spawn of a user function) becomes a hidden
// future, and the closing brace becomes one await per future, in order of
// appearance, binding the names in the enclosing scope (rule 1, rule 5).

import type { Call, Expr, ParallelStmt, SelectStmt, Span, Stmt } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL } from '../compile/context';
import { findFunction } from '../eval/call';
import { compileExpr } from '../eval/expr';
import { compileBody } from '../exec/stmt';
import { ANY } from '../types';
import { conc, selectB, selectG } from './ops';
import { setGen, step, valueOf } from './gen';
import type { Gen } from './runtime';

export interface SelectArms {
  chans: Array<(f: unknown[]) => unknown>;
  /** The channel expressions, for the generator (which evaluates them suspending where they do). */
  exprs: Compiled[];
  slots: number[];
}

/** Compiles the arm heads; `body(i)` compiles arm i's body inside the scope that binds its name. */
export function compileArms<B>(cx: FnCtx, s: SelectStmt, body: (st: Stmt) => B): { arms: SelectArms; bodies: B[] } {
  const arms: SelectArms = { chans: [], exprs: [], slots: [] };
  const bodies: B[] = [];
  for (const a of s.arms) {
    const c = compileExpr(cx, a.channel);
    arms.chans.push(c.ev);
    arms.exprs.push(c);
    cx.pushScope();
    const info = cx.declare(a.name, ANY);
    if (info.global) arms.slots.push(-1 - info.slot);
    else arms.slots.push(info.slot);
    bodies.push(body(a.body));
    cx.popScope();
  }
  return { arms, bodies };
}

export function bindArm(cx: FnCtx, arms: SelectArms, i: number, f: unknown[], v: unknown): void {
  const slot = arms.slots[i];
  if (slot >= 0) f[slot] = v;
  else cx.rt.G[-1 - slot] = v;
}

export function compileSelect(cx: FnCtx, s: SelectStmt): Exec {
  const { arms, bodies } = compileArms(cx, s, (b) => compileBody(cx, b));
  const rt = cx.rt;
  const e: Exec = (f) => {
    const r = selectB(conc(rt), arms.chans.map((c) => c(f)), true);
    if (r.index < 0) return NORMAL;
    bindArm(cx, arms, r.index, f, r.value);
    return bodies[r.index](f);
  };
  if (!cx.suspends) return e;
  // In a task, select parks instead of blocking (§7.5, §12.4).
  return setGen(e, function* (f): Gen<number> {
    const i = yield* selectArmsG(cx, arms, f);
    return i < 0 ? NORMAL : yield* step(bodies[i], f);
  });
}

export function* selectArmsG(cx: FnCtx, arms: SelectArms, f: unknown[]): Gen<number> {
  const ids: unknown[] = [];
  for (const c of arms.exprs) ids.push(yield* valueOf(c, f));
  const r = yield* selectG(conc(cx.rt), ids, true);
  if (r.index >= 0) bindArm(cx, arms, r.index, f, r.value);
  return r.index;
}

let hidden = 0;

const ident = (name: string, span: Span): Expr => ({ kind: 'Ident', name, span });

/** Rewrites a `parallel` block into spawns plus ordered joins (§6). */
export function expandParallel(cx: FnCtx, s: ParallelStmt): Stmt[] {
  const out: Stmt[] = [];
  const joins: Stmt[] = [];
  for (const st of s.body.body) {
    let target: { name: string; decl: boolean } | null = null;
    let value: Expr | null = null;
    if (st.kind === 'VarDecl' && st.declKind !== 'const') {
      target = { name: st.name, decl: true };
      value = st.value;
    } else if (st.kind === 'AssignStmt' && st.op === '=' && st.target.kind === 'Ident') {
      target = { name: st.target.name, decl: false };
      value = st.value;
    } else if (st.kind === 'ExprStmt' && st.expr.kind === 'SpawnExpr') {
      value = st.expr;
    }
    const call = value === null ? null : spawnedCall(cx, value);
    if (call === null) {
      out.push(st);
      continue;
    }
    const tmp = `$par${hidden++}`;
    const span = st.span;
    out.push({ kind: 'VarDecl', declKind: 'var', name: tmp, type: null, value: { kind: 'SpawnExpr', call, span }, span });
    const joined: Expr = s.timeout === null
      ? { kind: 'AwaitExpr', operand: ident(tmp, span), span }
      : { kind: 'Call', callee: ident('$await_timeout', span), args: [{ name: null, value: ident(tmp, span), span }, { name: null, value: s.timeout, span }], span };
    if (target === null) joins.push({ kind: 'ExprStmt', expr: joined, span });
    else if (target.decl) joins.push({ kind: 'VarDecl', declKind: 'var', name: target.name, type: null, value: joined, span });
    else joins.push({ kind: 'AssignStmt', target: ident(target.name, span), op: '=', value: joined, span });
  }
  return [...out, ...joins];
}

/** The call a parallel statement spawns: `spawn f(..)`, or a bare call of a user function (rule 2). */
function spawnedCall(cx: FnCtx, e: Expr): Call | null {
  if (e.kind === 'SpawnExpr') return e.call;
  if (e.kind === 'Call' && e.callee.kind === 'Ident' && cx.lookup(e.callee.name) === null && findFunction(cx, e.callee.name) !== null) return e;
  return null;
}
