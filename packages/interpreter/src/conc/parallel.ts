// The `parallel { }` block (CONCURRENCY.md §6), expanded into ordinary
// statements: each binding spawn (or implicit spawn of a user function)
// becomes a hidden future, and the closing brace becomes one await per
// future, in order of appearance, binding the names in the enclosing scope
// (rule 1, rule 5). Spawns nested inside the block's other statements (in
// loops, ifs, expressions; not in lambdas, whose bodies run when called)
// are joined too, after those: the reference lets them escape, the spec
// asks the interpreter to join every spawn executed lexically inside the
// block. They are tracked in a hidden group; `parallel(timeout: MS)` gives
// each of their joins at most MS as well (rule 6).

import type { Call, Expr, ParallelStmt, Span, Stmt } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { findFunction } from '../eval/call';
import { compileExpr } from '../eval/expr';
import type { Site } from '../runtime/errors';
import { zeroValue } from '../runtime/zero-value';
import { ANY, INT, VOID } from '../types';
import { PENDING, valueOf } from './gen';
import { awaitReq, awaitRetry, awaitStart, awaitB, conc } from './ops';
import { FutureVal } from './plain';
import type { Conc, Gen } from './runtime';

let hidden = 0;

const ident = (name: string, span: Span): Expr => ({ kind: 'Ident', name, span });
const call = (name: string, args: Expr[], span: Span): Expr => ({ kind: 'Call', callee: ident(name, span), args: args.map((value) => ({ name: null, value, span })), span });

/** Rewrites a `parallel` block into spawns plus ordered joins (§6). */
export function expandParallel(cx: FnCtx, s: ParallelStmt): Stmt[] {
  // Every join evaluates the timeout again (rule 6); its type is checked once, here.
  if (s.timeout !== null) cx.expect(INT, compileExpr(cx, s.timeout).t, s.timeout.span, 'the timeout of a parallel block is an int (milliseconds)');
  const out: Stmt[] = [];
  const joins: Stmt[] = [];
  const group = `$pargroup${hidden++}`;
  let nested = false;
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
    const spawned = value === null ? null : spawnedCall(cx, value);
    if (spawned === null) {
      const tracked = track(st, group);
      if (tracked !== st) nested = true;
      out.push(tracked as Stmt);
      continue;
    }
    const tmp = `$par${hidden++}`;
    const span = st.span;
    out.push({ kind: 'VarDecl', declKind: 'var', name: tmp, type: null, value: { kind: 'SpawnExpr', call: spawned, span }, span });
    const joined: Expr = s.timeout === null ? { kind: 'AwaitExpr', operand: ident(tmp, span), span } : call('$await_timeout', [ident(tmp, span), s.timeout], span);
    if (target === null) joins.push({ kind: 'ExprStmt', expr: joined, span });
    else if (target.decl) joins.push({ kind: 'VarDecl', declKind: 'var', name: target.name, type: null, value: joined, span });
    else joins.push({ kind: 'AssignStmt', target: ident(target.name, span), op: '=', value: joined, span });
  }
  if (!nested) return [...out, ...joins];
  const span = s.span;
  const open: Stmt = { kind: 'VarDecl', declKind: 'var', name: group, type: null, value: call('$par_group', [], span), span };
  const close: Stmt = { kind: 'ExprStmt', expr: call('$par_join', s.timeout === null ? [ident(group, span)] : [ident(group, span), s.timeout], span), span };
  return [open, ...out, ...joins, close];
}

/** The call a parallel statement spawns: `spawn f(..)`, or a bare call of a user function (rule 2). */
function spawnedCall(cx: FnCtx, e: Expr): Call | null {
  if (e.kind === 'SpawnExpr') return e.call;
  if (e.kind === 'Call' && e.callee.kind === 'Ident' && cx.lookup(e.callee.name) === null && findFunction(cx, e.callee.name) !== null) return e;
  return null;
}

/**
 * `node` with every `spawn` in it (outside lambdas and nested parallel
 * blocks, which join their own) as `$par_track(group, spawn …)`; the same
 * object where there is none. A spawn statement becomes an expression, so
 * its task gets a future to join.
 */
function track(node: unknown, group: string): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    node.forEach((x, i) => {
      const t = track(x, group);
      if (t !== x) (copy ??= node.slice())[i] = t;
    });
    return copy ?? node;
  }
  if (node === null || typeof node !== 'object') return node;
  const n = node as { kind?: string; span?: Span };
  if (n.kind === 'Lambda' || n.kind === 'ParallelStmt' || n.kind === 'FnDecl') return node;
  let copy: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'span' || v === null || typeof v !== 'object') continue;
    const t = track(v, group);
    if (t !== v) (copy ??= { ...(node as Record<string, unknown>) })[k] = t;
  }
  const out = copy ?? node;
  return n.kind === 'SpawnExpr' ? call('$par_track', [ident(group, n.span!), out as Expr], n.span!) : out;
}

/** The spawns a parallel block tracks (see track). Not plain data: a global snapshot drops it (plain.ts toPlain). */
class ParGroup {
  readonly futs: unknown[] = [];
}

/** `$await_timeout(fut, ms)`, `$par_group()`, `$par_track(group, fut)`, `$par_join(group[, ms])`; null for other names. */
export function compileParallelBuiltin(cx: FnCtx, name: string, c: Call): Compiled | null {
  const rt = cx.rt;
  const site: Site = { file: cx.file, span: c.span };
  const arg = (i: number): Compiled => compileExpr(cx, c.args[i].value);
  switch (name) {
    case '$par_group':
      return { t: ANY, ev: () => new ParGroup() };
    case '$par_track': {
      const g = arg(0).ev;
      const fut = arg(1);
      const keep = (f: unknown[], v: unknown): unknown => {
        (g(f) as ParGroup).futs.push(v);
        return v;
      };
      const out: Compiled = { t: fut.t, ev: (f) => keep(f, fut.ev(f)) };
      if (fut.gen !== undefined) out.gen = function* (f) { return keep(f, yield* valueOf(fut, f)); };
      return out;
    }
    case '$par_join': {
      const g = arg(0).ev;
      const ms = c.args.length > 1 ? arg(1).ev : null;
      const slot = cx.temp();
      return {
        t: VOID,
        ev: (f) => {
          const cc = conc(rt);
          for (const v of (g(f) as ParGroup).futs) {
            if (ms === null) awaitB(cc, v, site);
            else timedJoin(cc, v as FutureVal, Number(ms(f)));
          }
          return undefined;
        },
        gen: function* (f): Gen<unknown> {
          for (const v of (g(f) as ParGroup).futs) {
            if (ms !== null) {
              yield* timedJoinG(conc(rt), v as FutureVal, Number(ms(f)));
              continue;
            }
            let r = awaitStart(conc(rt), v, site, f, slot);
            while (r === PENDING) {
              yield awaitReq(f, slot);
              r = awaitRetry(conc(rt), f, slot);
            }
          }
          return undefined;
        },
      };
    }
    case '$await_timeout': {
      // parallel(timeout: MS) joins (§6 rule 6): the value, or the zero value of its type.
      const fut = arg(0);
      const ms = arg(1).ev;
      const fe = fut.ev;
      const zero = (): unknown => zeroValue(fut.t);
      return {
        t: fut.t,
        ev: (f) => {
          const cc = conc(rt);
          const v = fe(f) as FutureVal;
          return timedJoin(cc, v, Number(ms(f))) ? cc.resultOf(v) : zero();
        },
        gen: function* (f): Gen<unknown> {
          const cc = conc(rt);
          const v = fe(f) as FutureVal;
          return (yield* timedJoinG(cc, v, Number(ms(f)))) ? cc.resultOf(v) : zero();
        },
      };
    }
  }
  return null;
}

/** Waits (blocking) at most `ms` for `v`'s task; whether it finished. */
function timedJoin(c: Conc, v: FutureVal, ms: number): boolean {
  if (v.ran) return true;
  const id = c.fidOf(v);
  return c.waitUntil(() => c.isDone(id), null, Date.now() + ms);
}

/** `timedJoin` in a task: parks until the task ends or a timer closes a channel of its own, whichever comes first. */
function* timedJoinG(c: Conc, v: FutureVal, ms: number): Gen<boolean> {
  if (v.ran) return true;
  const id = c.fidOf(v);
  const ch = c.ctx.channels.create(1);
  c.sh.addTimer(Date.now() + ms, ch);
  while (!c.isDone(id) && !c.ctx.channels.status(ch).closed) yield { futs: [id], chans: [ch], op: 'recv' };
  return c.isDone(id);
}
