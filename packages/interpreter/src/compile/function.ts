// Compiling a function instance (§4.3): parameters take the first frame
// slots, the body becomes one closure returning a completion, and a wrapper
// adds what only some functions need (defers, the `?` landing pad).

import type { Expr, Stmt } from '@wyn/parser';
import { isSuspendable } from '../conc/analysis';
import { genOf, leafOf, setGen, setLeaf, suspendableSeq } from '../conc/gen';
import type { Conc, Gen } from '../conc/runtime';
import { compileExpr } from '../eval/expr';
import { TryReturn } from '../eval/try-expr';
import { compileStmts } from '../exec/stmt';
import { compileReturn, returnExec, runDefers, runDefersG } from '../exec/return-stmt';
import type { FnInstance } from '../program';
import { toFloat, type Int } from '../runtime/int64';
import { prune, type Type, unify, VOID } from '../types';
import { type Compiler, type Exec, FnCtx, NORMAL, RETURN } from './context';

export function compileInstance(comp: Compiler, inst: FnInstance): void {
  inst.state = 'compiling';
  const def = inst.def;
  const decl = def.decl;
  const cx = new FnCtx(comp, def.mod, null, 'fn', inst.ret, inst.typeArgs, inst);
  cx.isMain = def.owner === null && decl.name === 'main' && def.mod.isEntry;
  // Functions that may suspend also get a generator form (conc/gen.ts, CONCURRENCY.md §12.4).
  cx.suspends = isSuspendable(comp, decl);
  const defaults: Array<{ slot: number; ev: (f: unknown[]) => unknown }> = [];
  decl.params.forEach((p, i) => {
    const info = cx.declare(p.name, inst.params[i]);
    if (p.defaultValue !== null && p.name !== 'self') defaults.push({ slot: info.slot, ev: compileDefault(cx, p.defaultValue, info.t) });
  });
  if (containsDefer(decl.body)) cx.deferSlot = cx.temp();
  let body: Exec;
  if (decl.body.kind === 'Block') {
    const stmts = decl.body.body;
    const last = stmts[stmts.length - 1];
    const r = prune(inst.ret);
    if (last !== undefined && last.kind === 'ExprStmt' && r.k !== 'void' && !cx.isMain && decl.returnType !== null) {
      // Implicit return of a trailing expression statement (§4.3.3).
      const head = compileStmts(cx, stmts.slice(0, -1));
      const tail = compileReturn(cx, { kind: 'ReturnStmt', value: last.expr, span: last.span });
      body = (f) => {
        const c = head(f);
        return c === RETURN ? c : tail(f);
      };
      // `head` completes NORMAL or RETURN: as a sequence of two statements.
      suspendableSeq(cx, body, [head, tail], NORMAL);
    } else {
      body = compileStmts(cx, stmts);
      if (r.k !== 'void' && r.k !== 'var' && !cx.isMain && !guaranteesReturn(stmts)) {
        comp.error('E0404', `function \`${decl.name}\` may not return a value on every path`, def.mod.file, decl.nameSpan);
      }
    }
  } else {
    body = returnExec(cx, compileExpr(cx, decl.body as Expr, inst.ret), decl.body.span);
  }
  if (prune(inst.ret).k === 'var' && decl.body.kind === 'Block') unify(inst.ret, VOID);
  if (defaults.length > 0) body = withDefaults(defaults, body);
  inst.body = wrap(cx, body);
  inst.gen = wrapGen(cx, body);
  // A body that is a statement leaf runs as one: no generator at all (conc/gen.ts).
  inst.leaf = inst.gen === genOf(body) ? (leafOf(body) ?? null) : null;
  inst.nslots = cx.nslots;
  inst.state = 'done';
}

/**
 * A parameter's default value (§4.3.2), compiled in the callee with the
 * earlier parameters in scope; an int default of a float parameter widens as
 * an int argument would (§3.10). Suspension points in it block (conc/gen.ts).
 */
function compileDefault(cx: FnCtx, value: Expr, want: Type): (f: unknown[]) => unknown {
  const d = compileExpr(cx, value, want);
  if (prune(want).k === 'float' && prune(d.t).k === 'int') {
    const ev = d.ev;
    return (f) => toFloat(ev(f) as Int);
  }
  cx.expect(want, d.t, value.span, 'mismatched default value');
  return d.ev;
}

/** Fills the parameters a call left out (they arrive as `undefined`), then runs the body. */
function withDefaults(defaults: Array<{ slot: number; ev: (f: unknown[]) => unknown }>, body: Exec): Exec {
  const fill = (f: unknown[]): void => {
    for (const d of defaults) if (f[d.slot] === undefined) f[d.slot] = d.ev(f);
  };
  const e: Exec = (f) => {
    fill(f);
    return body(f);
  };
  const g = genOf(body);
  if (g === undefined) return e;
  const l = leafOf(body);
  if (l !== undefined) {
    return setLeaf(e, {
      start: (f) => {
        fill(f);
        return l.start(f);
      },
      retry: l.retry,
      req: l.req,
    });
  }
  return setGen(e, function* (f): Gen<number> {
    fill(f);
    return yield* g(f);
  });
}

function wrap(cx: FnCtx, body: Exec): Exec {
  const ds = cx.deferSlot;
  const rt = cx.rt;
  if (cx.hasTry) {
    return (f) => {
      const depth = rt.depth;
      try {
        const c = body(f);
        if (ds >= 0) runDefers(f, ds);
        return c;
      } catch (e) {
        if (!(e instanceof TryReturn)) throw e;
        rt.depth = depth;
        if (ds >= 0) runDefers(f, ds);
        rt.ret = e.value;
        return RETURN;
      }
    };
  }
  if (ds >= 0) {
    return (f) => {
      const c = body(f);
      runDefers(f, ds);
      return c;
    };
  }
  return body;
}

/**
 * The generator form of a body that has one. The `?` landing pad resets the
 * call depth relative to the task's base, since a resumed task may run at
 * another depth of its thread's stack (§12.4).
 */
function wrapGen(cx: FnCtx, body: Exec): ((f: unknown[]) => Gen<number>) | null {
  const g = genOf(body);
  if (g === undefined) return null;
  const ds = cx.deferSlot;
  if (cx.hasTry) {
    const rt = cx.rt;
    const base = (): number => (rt.conc as Conc | null)?.taskBase() ?? 0;
    return function* (f): Gen<number> {
      const rel = rt.depth - base();
      try {
        const c = yield* g(f);
        if (ds >= 0) yield* runDefersG(f, ds);
        return c;
      } catch (e) {
        if (!(e instanceof TryReturn)) throw e;
        rt.depth = base() + rel;
        if (ds >= 0) yield* runDefersG(f, ds);
        rt.ret = e.value;
        return RETURN;
      }
    };
  }
  if (ds < 0) return g;
  return function* (f): Gen<number> {
    const c = yield* g(f);
    yield* runDefersG(f, ds);
    return c;
  };
}

function containsDefer(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const o = node as { kind?: string };
  if (o.kind === 'DeferStmt') return true;
  if (o.kind === 'Lambda') return false;
  return Object.values(o).some((v) => typeof v === 'object' && containsDefer(v));
}

/** The syntactic missing-return check of §4.3.6. */
function guaranteesReturn(stmts: readonly Stmt[]): boolean {
  return stmts.some(stmtReturns) || stmts[stmts.length - 1]?.kind === 'ExprStmt';
}

function stmtReturns(s: Stmt): boolean {
  switch (s.kind) {
    case 'ReturnStmt': return true;
    case 'Block': return s.body.some(stmtReturns);
    case 'IfStmt': return s.else !== null && stmtReturns(s.then) && stmtReturns(s.else);
    case 'IfLetStmt': return s.else !== null && stmtReturns(s.then) && stmtReturns(s.else);
    case 'MatchStmt': return s.arms.length > 0 && s.arms.every((a) => stmtReturns(a.body));
    case 'ExprStmt':
      // `exit(n)` and `panic(...)` never come back.
      return s.expr.kind === 'Call' && s.expr.callee.kind === 'Ident' && (s.expr.callee.name === 'exit' || s.expr.callee.name === 'panic');
    default: return false;
  }
}
