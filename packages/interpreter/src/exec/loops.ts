// Loops (§5.3, §5.4). `for i in a..b` evaluates `a` once and re-evaluates `b`
// before every iteration, and its counter is the real loop counter;
// `for x in xs` runs over the length at loop start, reading element i when
// iteration i begins; maps iterate the keys present at loop start.

import type { Binder, Expr, ForStmt, Span, Stmt } from '@wyn/parser';
import { BREAK, type Compiled, type Exec, type FnCtx, NORMAL, RETURN } from '../compile/context';
import { compileExpr } from '../eval/expr';
import { writeRef } from '../eval/ident';
import type { WMap } from '../runtime/values';
import { ANY, INT, prune, STRING, type Type } from '../types';
import { anyExprGen, anyGen, type ExprGen, genOf, type Leaf, leafOf, PENDING, setGen, setLeaf, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import { compileBody } from './stmt';
import { arrayDriver, type ArrayDriver, CHUNK, HOT, MORE, rangeDriver, type RangeDriver } from './loop-drivers';
import { startsTasks } from '../conc/analysis';

/** Runs `body` per iteration; returns RETURN if the body returned, NORMAL otherwise. */
export type Loop = (f: unknown[], body: Exec) => number;
/** The same loop, stepping a body that may suspend, its iterable or bounds suspending where they do (conc/gen.ts). */
export type LoopG = (f: unknown[], body: Exec) => Gen<number>;
/**
 * A compiled iteration: `suspends` when its iterable or bounds contain a
 * suspension point. `leaf`, where the iteration keeps all its state in the
 * frame, makes it a statement leaf over a body that is one (conc/gen.ts).
 */
export interface Iteration { loop: Loop; loopG: LoopG; suspends: boolean; leaf?: (body: Leaf) => Leaf }

function bind(cx: FnCtx, b: Binder | undefined, t: Type, readonly: boolean): ((f: unknown[], v: unknown) => void) | null {
  if (b === undefined || b.name === null) return null;
  const info = cx.declare(b.name, t, false, readonly);
  return writeRef(cx, info.global ? { k: 'global', slot: info.slot, info } : { k: 'local', slot: info.slot, info });
}

/**
 * A loop first queues the tasks that lazy spawns may hold back on this
 * thread (conc/held-task.ts): the loop may run long, and they could run on
 * other cores meanwhile. Calls queue them by themselves (Runtime.enter).
 */
export function queuingHeldTasks(cx: FnCtx, e: Exec): Exec {
  return around(e, () => cx.rt.queueHeldTask());
}

/**
 * The body of a loop that spawns counts its iterations instead: a batch of
 * spawns stays held, to be awaited inline, but a loop that goes on long
 * after a spawn (with no call in it) queues what it holds.
 */
export function loopBody(cx: FnCtx, body: Stmt): Exec {
  const b = compileBody(cx, body);
  const rt = cx.rt;
  return startsTasks(body) ? around(b, () => rt.heldLoopTick()) : b;
}

/** `e` (all its forms) with `before` run first. */
function around(e: Exec, before: () => void): Exec {
  const q: Exec = (f) => {
    before();
    return e(f);
  };
  const g = genOf(e);
  if (g === undefined) return q;
  const l = leafOf(e);
  if (l !== undefined) {
    return setLeaf(q, {
      start: (f) => {
        before();
        return l.start(f);
      },
      retry: l.retry,
      req: l.req,
    });
  }
  return setGen(q, function* (f): Gen<number> {
    before();
    return yield* g(f);
  });
}

/*
 * Range, `while` and C-style `for` loops (cond-loops.ts) run their
 * iterations in calls of at most CHUNK: V8 then optimises the chunk as a
 * function after a few calls, instead of replacing a long-running loop's
 * frame with on-stack-replacement code, which ran the loop about 3x slower
 * until the function was called again (a million-iteration loop's first two
 * runs; a new worker's first tasks). Between chunks the loop looks whether a
 * task has ended the run (Runtime.checkEnded). A hot loop gets chunks of its
 * own (loop-drivers.ts).
 */

/** Step of a loop body: stop on BREAK or RETURN. */
const stop = (c: number): boolean => c === BREAK || c === RETURN;

export function compileIterable(
  cx: FnCtx, binders: Binder[], iterable: Expr, rangeEnd: Expr | null, inclusive: boolean, span: Span,
): Iteration {
  if (rangeEnd !== null) return rangeLoop(cx, binders, compileExpr(cx, iterable), compileExpr(cx, rangeEnd), inclusive, null, span);
  if (iterable.kind === 'Call' && iterable.callee.kind === 'Ident' && cx.lookup(iterable.callee.name) === null) {
    const name = iterable.callee.name;
    const args = iterable.args.map((a) => a.value);
    if (name === 'range' && (args.length === 2 || args.length === 3)) {
      const step = args[2];
      const down = step !== undefined && step.kind === 'Unary' && step.op === '-';
      return rangeLoop(cx, binders, compileExpr(cx, args[0]), compileExpr(cx, args[1]), false, step === undefined ? null : { c: compileExpr(cx, step), down }, span);
    }
    if (name === 'zip' && args.length === 2) {
      const a = compileExpr(cx, args[0]);
      const b = compileExpr(cx, args[1]);
      const at = prune(a.t);
      const bt = prune(b.t);
      const wa = bind(cx, binders[0], at.k === 'array' ? at.el : ANY, true);
      const wb = bind(cx, binders[1], bt.k === 'array' ? bt.el : ANY, true);
      const ae = a.ev;
      const be = b.ev;
      return {
        suspends: anyExprGen(a, b),
        loop: (f, body) => {
          const xs = ae(f) as unknown[];
          const ys = be(f) as unknown[];
          const n = Math.min(xs.length, ys.length);
          for (let i = 0; i < n; i++) {
            wa?.(f, xs[i]);
            wb?.(f, ys[i]);
            const c = body(f);
            if (stop(c)) return c === RETURN ? RETURN : NORMAL;
          }
          return NORMAL;
        },
        loopG: function* (f, body) {
          const bg = genOf(body);
          const xs = (yield* valueOf(a, f)) as unknown[];
          const ys = (yield* valueOf(b, f)) as unknown[];
          const n = Math.min(xs.length, ys.length);
          for (let i = 0; i < n; i++) {
            wa?.(f, xs[i]);
            wb?.(f, ys[i]);
            const c = bg === undefined ? body(f) : yield* bg(f);
            if (stop(c)) return c === RETURN ? RETURN : NORMAL;
          }
          return NORMAL;
        },
      };
    }
  }
  const it = compileExpr(cx, iterable);
  const t = prune(it.t);
  const ie = it.ev;
  if (t.k === 'map') {
    const wk = bind(cx, binders[0], STRING, true);
    const wv = bind(cx, binders[1], t.val, true);
    return {
      suspends: anyExprGen(it),
      loop: (f, body) => {
        const m = ie(f) as WMap;
        const keys = m.keys().slice();
        for (const k of keys) {
          wk?.(f, k);
          wv?.(f, m.get(k));
          const c = body(f);
          if (stop(c)) return c === RETURN ? RETURN : NORMAL;
        }
        return NORMAL;
      },
      loopG: function* (f, body) {
        const bg = genOf(body);
        const m = (yield* valueOf(it, f)) as WMap;
        const keys = m.keys().slice();
        for (const k of keys) {
          wk?.(f, k);
          wv?.(f, m.get(k));
          const c = bg === undefined ? body(f) : yield* bg(f);
          if (stop(c)) return c === RETURN ? RETURN : NORMAL;
        }
        return NORMAL;
      },
    };
  }
  if (t.k !== 'array') {
    if (t.k === 'string') cx.error('E0315', 'cannot iterate a string directly; use `.chars()`', iterable.span);
    else if (t.k !== 'any' && t.k !== 'var') cx.error('E0315', `cannot iterate a value of type \`${t.k}\``, iterable.span);
  }
  const el = t.k === 'array' ? t.el : ANY;
  const two = binders.length === 2;
  const wi = two ? bind(cx, binders[0], INT, true) : null;
  const wx = bind(cx, binders[two ? 1 : 0], el, true);
  /** This site's own driver once it is hot, and the entries and chunks of CHUNK iterations counted until then (loop-drivers.ts). */
  let own: ArrayDriver | null = null;
  let runs = 0;
  return {
    suspends: anyExprGen(it),
    loop: (f, body) => {
      const xs = ie(f) as unknown[];
      if (own !== null) return own(f, body, xs, 0);
      const n = xs.length;
      for (let i = 0; i < n; i++) {
        if (i % CHUNK === 0 && ++runs >= HOT && (own = arrayDriver(wi, wx)) !== null) return own(f, body, xs, i);
        wi?.(f, i);
        wx?.(f, xs[i]);
        const c = body(f);
        if (stop(c)) return c === RETURN ? RETURN : NORMAL;
      }
      return NORMAL;
    },
    loopG: function* (f, body) {
      const bg = genOf(body);
      const xs = (yield* valueOf(it, f)) as unknown[];
      const n = xs.length;
      for (let i = 0; i < n; i++) {
        wi?.(f, i);
        wx?.(f, xs[i]);
        const c = bg === undefined ? body(f) : yield* bg(f);
        if (stop(c)) return c === RETURN ? RETURN : NORMAL;
      }
      return NORMAL;
    },
  };
}

function rangeLoop(
  cx: FnCtx, binders: Binder[], start: Compiled, end: Compiled,
  inclusive: boolean, step: { c: Compiled; down: boolean } | null, span: Span,
): Iteration {
  cx.expect(INT, start.t, span, 'range bounds must be ints');
  cx.expect(INT, end.t, span, 'range bounds must be ints');
  const b = binders[0];
  const slot = b === undefined || b.name === null ? cx.temp() : cx.declare(b.name, INT).slot;
  const rt = cx.rt;
  const G = rt.G;
  const fr = cx.kind === 'top' ? () => G : (f: unknown[]) => f;
  const se = start.ev as (f: unknown[]) => number;
  const ee = end.ev as (f: unknown[]) => number;
  // The end bound is evaluated before every iteration: inline its closure when it cannot suspend.
  const eg = end.gen as ExprGen | undefined;
  const suspends = anyExprGen(start, end, step?.c);
  if (step !== null) {
    const st = step.c.ev as (f: unknown[]) => number;
    const sc = step.c;
    const down = step.down;
    return {
      suspends,
      loop: (f, body) => {
        const s = st(f);
        const v = fr(f);
        for (let i = se(f); down ? i > ee(f) : i < ee(f); ) {
          v[slot] = i;
          const c = body(f);
          if (stop(c)) return c === RETURN ? RETURN : NORMAL;
          i = (v[slot] as number) + s;
        }
        return NORMAL;
      },
      loopG: function* (f, body) {
        const bg = genOf(body);
        const s = yield* valueOf<number>(sc, f);
        const v = fr(f);
        for (let i = yield* valueOf<number>(start, f); ; ) {
          const e = (eg === undefined ? ee(f) : yield* eg(f)) as number;
          if (down ? i <= e : i >= e) break;
          v[slot] = i;
          const c = bg === undefined ? body(f) : yield* bg(f);
          if (stop(c)) return c === RETURN ? RETURN : NORMAL;
          i = (v[slot] as number) + s;
        }
        return NORMAL;
      },
    };
  }
  const extra = inclusive ? 1 : 0;
  /** This site's own driver once it is hot, and the chunks and entries counted until then (loop-drivers.ts). */
  let own: RangeDriver | null = null;
  let runs = 0;
  /** At most CHUNK iterations from counter `i` (see CHUNK); the next counter is left in the loop variable's slot. */
  const chunk = (f: unknown[], v: unknown[], body: Exec, i: number): number => {
    for (let k = 0; k < CHUNK; k++) {
      if (!(i < ee(f) + extra)) return NORMAL;
      v[slot] = i;
      const c = body(f);
      if (c !== NORMAL && stop(c)) return c === RETURN ? RETURN : NORMAL;
      i = (v[slot] as number) + 1;
    }
    v[slot] = i;
    return MORE;
  };
  /** The loop's leaf: its counter is the loop variable's slot, so it needs no other state. */
  const leaf = (body: Leaf): Leaf => {
    /** Runs iterations from counter `i` on. */
    const from = (f: unknown[], i: number): unknown => {
      const v = fr(f);
      for (; i < ee(f) + extra; ) {
        rt.checkEnded();
        v[slot] = i;
        const c = body.start(f);
        if (c === PENDING) return PENDING;
        if (c !== NORMAL && stop(c as number)) return c === RETURN ? RETURN : NORMAL;
        i = (v[slot] as number) + 1;
      }
      return NORMAL;
    };
    return {
      start: (f) => from(f, se(f)),
      retry: (f) => {
        const c = body.retry(f);
        if (c === PENDING) return PENDING;
        if (c !== NORMAL && stop(c as number)) return c === RETURN ? RETURN : NORMAL;
        return from(f, (fr(f)[slot] as number) + 1);
      },
      req: body.req,
    };
  };
  return {
    suspends,
    leaf: suspends ? undefined : leaf,
    loop: (f, body) => {
      if (own !== null) return own(f, body, se(f));
      const v = fr(f);
      for (let i = se(f); ; i = v[slot] as number) {
        if (++runs >= HOT && (own = rangeDriver(rt, fr, ee, extra, slot)) !== null) return own(f, body, i);
        const c = chunk(f, v, body, i);
        if (c !== MORE) return c;
        rt.checkEnded();
      }
    },
    loopG: function* (f, body) {
      const bg = genOf(body);
      const v = fr(f);
      for (let i = yield* valueOf<number>(start, f); i < ((eg === undefined ? ee(f) : yield* eg(f)) as number) + extra; ) {
        rt.checkEnded();
        v[slot] = i;
        const c = bg === undefined ? body(f) : yield* bg(f);
        if (c !== NORMAL && stop(c)) return c === RETURN ? RETURN : NORMAL;
        i = (v[slot] as number) + 1;
      }
      return NORMAL;
    },
  };
}

export function compileFor(cx: FnCtx, s: ForStmt): Exec {
  cx.pushScope();
  const { loop, loopG, suspends, leaf } = compileIterable(cx, s.binders, s.iterable, s.rangeEnd, s.inclusive, s.span);
  cx.loopDepth++;
  const body = loopBody(cx, s.body);
  cx.loopDepth--;
  cx.popScope();
  const e: Exec = (f) => loop(f, body);
  const bl = leafOf(body);
  if (leaf !== undefined && bl !== undefined) return queuingHeldTasks(cx, setLeaf(e, leaf(bl)));
  // A body that may suspend parks the task between iterations' statements (§12.4).
  return queuingHeldTasks(cx, suspends || anyGen(body) ? setGen(e, (f) => loopG(f, body)) : e);
}
