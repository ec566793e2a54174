// `while` and C-style `for` loops (LANGUAGE.md §6). Like range loops
// (loops.ts), they run their iterations in chunks (loop-drivers.ts): V8
// optimises the chunk as a function instead of replacing a long loop's
// frame, a hot loop gets a driver of its own, and between chunks the loop
// looks whether a task has ended the run (Runtime.checkEnded): an endless
// `while` in main still ends when a task calls `exit(n)`. Their
// suspendable forms (tasks only) look before every iteration: a task's loop
// that could park but does not may be what keeps main busy.

import type { CForStmt, WhileStmt } from '@wyn/parser';
import { BREAK, type Exec, type FnCtx, NORMAL, RETURN } from '../compile/context';
import { compileCondition } from '../eval/conditional';
import { anyExprGen, anyGen, genOf, type Leaf, leafOf, PENDING, setGen, setLeaf, step as stepG } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import type { Runtime } from '../runtime/runtime';
import { compileStmt } from './stmt';
import { condLoop } from './loop-drivers';
import { loopBody, queuingHeldTasks } from './loops';

export function compileWhile(cx: FnCtx, s: WhileStmt): Exec {
  const cond = compileCondition(cx, s.condition);
  const c = cond.ev;
  cx.loopDepth++;
  const body = loopBody(cx, s.body);
  cx.loopDepth--;
  const e = condLoop(cx.rt, c, body, null);
  if (!anyExprGen(cond) && !anyGen(body)) return queuingHeldTasks(cx, e);
  // The condition suspends, where it does, before every test.
  const cg = cond.gen;
  const bl = leafOf(body);
  const rt = cx.rt;
  if (cg === undefined && bl !== undefined) return queuingHeldTasks(cx, setLeaf(e, whileLeaf(rt, c as (f: unknown[]) => boolean, bl)));
  const bg = genOf(body);
  return queuingHeldTasks(cx, setGen(e, function* (f): Gen<number> {
    while (cg === undefined ? c(f) : yield* cg(f)) {
      rt.checkEnded();
      const r = bg === undefined ? body(f) : yield* bg(f);
      if (r === BREAK) break;
      if (r === RETURN) return RETURN;
    }
    return NORMAL;
  }));
}

/** `while c { body }` as a statement leaf, for a condition that cannot suspend and a body that is a leaf. */
function whileLeaf(rt: Runtime, c: (f: unknown[]) => boolean, body: Leaf): Leaf {
  /** Goes on after an iteration that completed with `r`. */
  const next = (f: unknown[], r: unknown): unknown => {
    for (;;) {
      if (r === BREAK) return NORMAL;
      if (r === RETURN || r === PENDING) return r;
      if (!c(f)) return NORMAL;
      rt.checkEnded();
      r = body.start(f);
    }
  };
  return {
    start: (f) => next(f, NORMAL),
    retry: (f) => next(f, body.retry(f)),
    req: body.req,
  };
}

export function compileCFor(cx: FnCtx, s: CForStmt): Exec {
  cx.pushScope();
  const init = compileStmt(cx, s.init);
  const cond = compileCondition(cx, s.condition);
  const c = cond.ev;
  cx.loopDepth++;
  const body = loopBody(cx, s.body);
  cx.loopDepth--;
  const update = compileStmt(cx, s.update);
  cx.popScope();
  const loop = condLoop(cx.rt, c, body, update);
  const e: Exec = (f) => {
    init(f);
    return loop(f);
  };
  if (!anyExprGen(cond) && !anyGen(init, body, update)) return queuingHeldTasks(cx, e);
  const cg = cond.gen;
  const bg = genOf(body);
  const rt = cx.rt;
  return queuingHeldTasks(cx, setGen(e, function* (f): Gen<number> {
    for (yield* stepG(init, f); cg === undefined ? c(f) : yield* cg(f); yield* stepG(update, f)) {
      rt.checkEnded();
      const r = bg === undefined ? body(f) : yield* bg(f);
      if (r === BREAK) break;
      if (r === RETURN) return RETURN;
    }
    return NORMAL;
  }));
}
