// `select { v = ch.recv() => body }` (CONCURRENCY.md §7.5). The
// `parallel { }` block (§6) is in parallel.ts.

import type { SelectStmt, Stmt } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL } from '../compile/context';
import { compileExpr } from '../eval/expr';
import { compileBody } from '../exec/stmt';
import { ANY, prune, typeName } from '../types';
import { conc, selectB, selectG } from './ops';
import { setGen, step, valueOf } from './gen';
import type { Gen } from './runtime';

export interface SelectArms {
  chans: Array<(f: unknown[]) => unknown>;
  /** The channel expressions, for the generator (which evaluates them suspending where they do). */
  exprs: Compiled[];
  slots: number[];
}

/** §7.5: the reference's limit, kept so that a program runs on both. */
const MAX_ARMS = 16;

/** Compiles the arm heads; `body(i)` compiles arm i's body inside the scope that binds its name. */
export function compileArms<B>(cx: FnCtx, s: SelectStmt, body: (st: Stmt) => B): { arms: SelectArms; bodies: B[] } {
  const arms: SelectArms = { chans: [], exprs: [], slots: [] };
  const bodies: B[] = [];
  if (s.arms.length === 0 || s.arms.length > MAX_ARMS) {
    cx.error('E0501', `a select has 1 to ${MAX_ARMS} arms, not ${s.arms.length}`, s.span, s.arms.length === 0 ? 'each arm is `name = channel.recv() => statement`' : undefined);
  }
  for (const a of s.arms) {
    const c = compileExpr(cx, a.channel);
    // A channel is an int handle (§7.1): anything else cannot be received from.
    const k = prune(c.t).k;
    if (k !== 'int' && k !== 'any' && k !== 'var') cx.error('E0305', `no method \`recv\` on type \`${typeName(c.t)}\`: a select arm receives from a channel`, a.channel.span);
    arms.chans.push(c.ev);
    arms.exprs.push(c);
    cx.pushScope();
    // A channel's element type (§7.3, see compileChannelMethod), else any value.
    const ct = prune(c.t);
    const info = cx.declare(a.name, ct.k === 'int' && ct.el !== undefined ? ct.el : ANY);
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
