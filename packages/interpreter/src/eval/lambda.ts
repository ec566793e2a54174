// Lambdas (§8). The body is compiled in its own context; every outer
// variable it mentions becomes a capture, copied into a fresh environment
// each time the lambda expression is evaluated (§8.2). The environment lives
// in frame slot 0, so assignments inside the lambda persist across its calls
// without touching the outer variable. A lambda whose body may suspend
// (conc/analysis.ts) also gets a generator form, `FnVal.gen`, which calls
// from suspendable code take (eval/call.ts, CONCURRENCY.md §12.4).

import type { Lambda } from '@wyn/parser';
import { type Compiled, FnCtx, RETURN } from '../compile/context';
import { lambdaMaySuspend } from '../conc/analysis';
import { genOf } from '../conc/gen';
import type { Conc, Gen } from '../conc/runtime';
import { compileStmts } from '../exec/stmt';
import { FnVal } from '../runtime/values';
import { fresh, prune, type Type, unify, VOID } from '../types';
import type { Runtime } from '../runtime/runtime';
import { compileExpr } from './expr';
import { readRef } from './ident';
import { TryReturn } from './try-expr';

type Run = (fr: unknown[]) => unknown;
type RunG = (fr: unknown[]) => Gen<unknown>;

export function compileLambda(cx: FnCtx, e: Lambda, expected?: Type): Compiled {
  const exp = expected !== undefined ? prune(expected) : undefined;
  const expFn = exp?.k === 'fn' && exp.params.length === e.params.length ? exp : undefined;
  const lx = new FnCtx(cx.comp, cx.mod, cx, 'lambda', fresh(), cx.typeParams, null);
  lx.suspends = lambdaMaySuspend(cx.comp, e);
  const params = e.params.map((p, i) => {
    const t = p.type !== null ? cx.comp.resolveType(p.type, cx.typeParams, cx.mod) : (expFn?.params[i] ?? fresh());
    if (p.type !== null && expFn !== undefined) unify(t, expFn.params[i]);
    lx.declare(p.name, t);
    return t;
  });
  let ret: Type = e.returnType !== null ? cx.comp.resolveType(e.returnType, cx.typeParams, cx.mod) : (expFn?.ret ?? fresh());
  lx.ret = ret;
  const rt = cx.rt;
  let run: Run;
  let runG: RunG | null = null;
  if (e.body.kind === 'Block') {
    const body = compileStmts(lx, e.body.body);
    run = (fr) => (body(fr) === RETURN ? rt.ret : undefined);
    const g = genOf(body);
    if (g !== undefined) runG = function* (fr) { return (yield* g(fr)) === RETURN ? rt.ret : undefined; };
    // A block without `return` yields nothing (§8.1).
    if (prune(ret).k === 'var' && !hasReturn(e.body)) unify(ret, VOID);
  } else {
    const v = compileExpr(lx, e.body, ret);
    if (!unify(ret, v.t) && prune(ret).k !== 'void') lx.expect(ret, v.t, e.body.span, 'lambda result');
    if (prune(ret).k === 'void') ret = v.t;
    run = v.ev;
    if (v.gen !== undefined) runG = v.gen as RunG;
  }
  if (lx.hasTry) {
    run = catchTry(run, rt);
    if (runG !== null) runG = catchTryG(runG, rt);
  }
  const t: Type = { k: 'fn', params, ret };
  const caps = lx.captures.map((c) => readRef(cx, c.from));
  const n = params.length;
  const site = { file: cx.file, span: e.span };
  const frame = (env: unknown[], args: unknown[]): unknown[] => {
    const fr = new Array(lx.nslots);
    fr[0] = env;
    for (let i = 0; i < n; i++) fr[i + 1] = args[i];
    return fr;
  };
  const body = runG;
  // Registered so that a copy of the closure can be rebuilt on another thread (CONCURRENCY.md §12.2).
  const make = (env: unknown[]): FnVal => {
    const call = (args: unknown[]): unknown => {
      const fr = frame(env, args);
      rt.enter(site);
      const r = run(fr);
      rt.depth--;
      return r;
    };
    if (body === null) return new FnVal(call, 'lambda', null, code, env);
    const gen = function* (args: unknown[]): Gen<unknown> {
      const fr = frame(env, args);
      rt.enter(site);
      const r = yield* body(fr);
      rt.depth--;
      return r;
    };
    return new FnVal(call, 'lambda', gen, code, env);
  };
  const code = rt.closures.push(make) - 1;
  return { t, ev: (f) => make(caps.map((c) => c(f))) };
}

/** `?` inside a lambda returns from the lambda, not from the function around it (§6.14, §8). */
function catchTry(run: Run, rt: Runtime): Run {
  return (fr) => {
    const depth = rt.depth;
    try {
      return run(fr);
    } catch (e) {
      if (!(e instanceof TryReturn)) throw e;
      rt.depth = depth;
      return e.value;
    }
  };
}

/** The same for the generator form: the depth is relative to the task's base, which a resumed task may have moved (§12.4). */
function catchTryG(run: RunG, rt: Runtime): RunG {
  const base = (): number => (rt.conc as Conc | null)?.taskBase() ?? 0;
  return function* (fr) {
    const rel = rt.depth - base();
    try {
      return yield* run(fr);
    } catch (e) {
      if (!(e instanceof TryReturn)) throw e;
      rt.depth = base() + rel;
      return e.value;
    }
  };
}

function hasReturn(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const o = node as { kind?: string };
  if (o.kind === 'Lambda') return false;
  if (o.kind === 'ReturnStmt') return true;
  return Object.values(o).some((v) => typeof v === 'object' && hasReturn(v));
}
