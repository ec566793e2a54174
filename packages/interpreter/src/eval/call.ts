// Calls (§4.3.2, §4.3.4, §6.9): user functions (monomorphised generics,
// default and named arguments, int→float widening of arguments, §3.10),
// function values, static methods, enum constructors, module functions,
// standard-library modules and methods. Argument binding and widening are
// in eval/call-args.ts.

import type { Call } from '@wyn/parser';
import { type Compiled, type FnCtx, RETURN } from '../compile/context';
import { EnumDef, type FnDef, type FnInstance, type ModuleCtx, StructDef } from '../program';
import { type Site } from '../runtime/errors';
import type { Runtime } from '../runtime/runtime';
import { EnumVal, ErrVal, FnVal, OkVal } from '../runtime/values';
import { compileBuiltinCall } from '../stdlib/builtins';
import { compileModuleCall, isStdlibModule } from '../stdlib/modules';
import { compileLegacyCall } from '../stdlib/legacy';
import { ANY, fresh, prune, type Type, unify } from '../types';
import { bindArgs, OMITTED, unifyLoose, widen } from './call-args';
import { compileExpr } from './expr';
import { namedType } from './field';
import { compileMethodCall } from './method-call';
import { isSuspendable, valuesMaySuspend } from '../conc/analysis';
import { callValueG, type Leaf, leafGen, PENDING } from '../conc/gen';
import type { Gen, Req } from '../conc/runtime';
import { compileChannelMethod, compileConcBuiltin, compileConcModuleCall } from '../conc/compile';

export function findFunction(cx: FnCtx, name: string): FnDef | null {
  const own = cx.mod.fns.get(name);
  if (own !== undefined) return own;
  const sel = cx.mod.selective.get(name);
  if (sel !== undefined) return sel.mod.fns.get(sel.name) ?? null;
  return null;
}

/** Runs an instance with an argument array (function values, dynamic dispatch). */
export function callInstance(rt: Runtime, inst: FnInstance, args: unknown[], site: Site): unknown {
  const fr = new Array(inst.nslots);
  for (let i = 0; i < args.length; i++) fr[i] = args[i];
  rt.enter(site);
  const c = inst.body(fr);
  rt.depth--;
  return c === RETURN ? rt.ret : undefined;
}

/**
 * Compiles a call of a user function. `self` (already compiled) is the
 * receiver of an instance method. Generic type parameters are inferred by
 * unifying parameter types with argument types, then one instance per
 * distinct type-argument list is compiled (§4.7).
 */
export function compileUserCall(cx: FnCtx, def: FnDef, call: Call, self: Compiled | null, expected?: Type): Compiled {
  const bound = bindArgs(cx, def, call.args, call.span, self !== null);
  if (bound === null) return { t: ANY, ev: () => undefined };
  const typeArgs = new Map<string, Type>();
  const tps = [...(def.owner instanceof StructDef ? def.owner.decl.typeParams : []), ...def.decl.typeParams];
  for (const tp of tps) typeArgs.set(tp.name, fresh());
  if (self !== null && def.owner instanceof StructDef) {
    const st = prune(self.t);
    if (st.k === 'struct') def.owner.decl.typeParams.forEach((tp, i) => unify(typeArgs.get(tp.name)!, st.args[i] ?? ANY));
  }
  const paramDecls = def.decl.params.slice(self !== null ? 1 : 0);
  const argsC: Compiled[] = [];
  bound.forEach((a, i) => {
    const p = paramDecls[i];
    const pt = p.type !== null ? cx.comp.resolveType(p.type, typeArgs, def.mod) : undefined;
    // An omitted argument travels as `undefined`; the callee evaluates the default (compile/function.ts).
    if (a !== null) argsC.push(compileExpr(cx, a, pt));
    else argsC.push(OMITTED);
    if (pt !== undefined && tps.length > 0) unifyLoose(pt, argsC[i].t);
  });
  const concrete = new Map<string, Type>();
  for (const [k, v] of typeArgs) concrete.set(k, prune(v));
  const inst = cx.comp.instance(def, concrete, self !== null ? self.t : null);
  if (prune(inst.ret).k === 'var') cx.comp.ensureCompiled(inst);
  const offset = self !== null ? 1 : 0;
  const evs: Compiled['ev'][] = [];
  if (self !== null) evs.push(self.ev);
  argsC.forEach((a, i) => evs.push(a === OMITTED ? a.ev : widen(cx, inst.params[i + offset], a, bound[i]?.span ?? call.span)));
  if (expected !== undefined && prune(inst.ret).k === 'var') unify(inst.ret, expected);
  const site = { file: cx.file, span: call.span };
  if (cx.spawnCapture !== null && cx.spawnCapture.call === call) cx.spawnCapture.take(inst, evs);
  const ev = directCall(cx.rt, inst, evs, site);
  if (!cx.suspends || !isSuspendable(cx.comp, def.decl)) return { t: inst.ret, ev };
  const leaf = callLeaf(cx.rt, inst, evs, site, cx.temp());
  cx.temp();
  return { t: inst.ret, ev, gen: leafGen(leaf), leaf };
}

/**
 * A call from a body that may suspend of a function that may suspend, as a
 * Leaf (§12.4, conc/gen.ts): the callee runs as its own leaf over its frame,
 * or else as its generator, driven here; while it is parked, its frame or
 * generator waits in the caller's frame slot `slot` (and a generator's
 * request in `slot + 1`). So a call adds no generator of its own to the
 * parked task, and a chain of leaf functions parks as a chain of frames.
 * The callee's call site stays on the stack until it returns, as for any call.
 */
function callLeaf(rt: Runtime, inst: FnInstance, evs: Compiled['ev'][], site: Site, slot: number): Leaf {
  const n = evs.length;
  const done = (c: unknown): unknown => {
    rt.depth--;
    return c === RETURN ? rt.ret : undefined;
  };
  /** A step of the callee's generator: its value once done, else PENDING with its request kept. */
  const stepGen = (f: unknown[], it: Gen<number>): unknown => {
    const r = it.next();
    if (r.done) {
      f[slot] = undefined;
      f[slot + 1] = undefined;
      return done(r.value);
    }
    f[slot] = it;
    f[slot + 1] = r.value;
    return PENDING;
  };
  return {
    start: (f) => {
      const fr = new Array(inst.nslots);
      for (let i = 0; i < n; i++) fr[i] = evs[i](f);
      rt.enter(site);
      const l = inst.leaf;
      if (l !== null) {
        const c = l.start(fr);
        if (c === PENDING) {
          f[slot] = fr;
          return PENDING;
        }
        return done(c);
      }
      const g = inst.gen;
      return g === null ? done(inst.body(fr)) : stepGen(f, g(fr) as Gen<number>);
    },
    retry: (f) => {
      const s = f[slot];
      if (!Array.isArray(s)) return stepGen(f, s as Gen<number>);
      const c = inst.leaf!.retry(s);
      if (c === PENDING) return PENDING;
      f[slot] = undefined;
      return done(c);
    },
    req: (f) => {
      const s = f[slot];
      return Array.isArray(s) ? inst.leaf!.req(s) : (f[slot + 1] as Req);
    },
  };
}

/** `callInstance` in a generator: through the instance's generator form when it has one. */
export function* callInstanceG(rt: Runtime, inst: FnInstance, args: unknown[], site: Site): Gen<unknown> {
  const g = inst.gen;
  if (g === null) return callInstance(rt, inst, args, site);
  const fr = new Array(inst.nslots);
  for (let i = 0; i < args.length; i++) fr[i] = args[i];
  rt.enter(site);
  const c = yield* (g(fr) as Gen<number>);
  rt.depth--;
  return c === RETURN ? rt.ret : undefined;
}

/** A call closure specialised by arity, so common calls build no argument array. */
export function directCall(rt: Runtime, inst: FnInstance, evs: Compiled['ev'][], site: Site): Compiled['ev'] {
  const sites = rt.sites;
  switch (evs.length) {
    case 0:
      return () => {
        const fr = new Array(inst.nslots);
        rt.enter(site);
        const c = inst.body(fr);
        rt.depth--;
        return c === RETURN ? rt.ret : undefined;
      };
    case 1: {
      const a0 = evs[0];
      return (f) => {
        const fr = new Array(inst.nslots);
        fr[0] = a0(f);
        // Runtime.enter by hand (fib-like calls): its slow path also queues held tasks (conc/held-task.ts).
        if (rt.depth >= rt.callLimit) rt.enter(site);
        else sites[rt.depth++] = site;
        const c = inst.body(fr);
        rt.depth--;
        return c === RETURN ? rt.ret : undefined;
      };
    }
    case 2: {
      const [a0, a1] = evs;
      return (f) => {
        const fr = new Array(inst.nslots);
        fr[0] = a0(f);
        fr[1] = a1(f);
        rt.enter(site);
        const c = inst.body(fr);
        rt.depth--;
        return c === RETURN ? rt.ret : undefined;
      };
    }
    default:
      return (f) => {
        const fr = new Array(inst.nslots);
        for (let i = 0; i < evs.length; i++) fr[i] = evs[i](f);
        rt.enter(site);
        const c = inst.body(fr);
        rt.depth--;
        return c === RETURN ? rt.ret : undefined;
      };
  }
}

/** Calls a function value (a lambda or a named function passed around). */
export function compileValueCall(cx: FnCtx, callee: Compiled, call: Call): Compiled {
  const ft = prune(callee.t);
  let params: Type[];
  let ret: Type;
  if (ft.k === 'fn') {
    params = ft.params;
    ret = ft.ret;
  } else if (ft.k === 'var' || ft.k === 'any') {
    params = call.args.map(() => fresh());
    ret = fresh();
    if (ft.k === 'var') unify(ft, { k: 'fn', params, ret });
  } else {
    cx.error('E0304', `cannot call a value of type \`${ft.k}\``, call.span);
    return { t: ANY, ev: () => undefined };
  }
  if (params.length !== call.args.length) {
    cx.error('E0303', `this function takes ${params.length} argument(s) but ${call.args.length} were given`, call.span);
    return { t: ANY, ev: () => undefined };
  }
  const evs = call.args.map((a, i) => widen(cx, params[i], compileExpr(cx, a.value, params[i]), a.span));
  const cev = callee.ev;
  if (cx.spawnCapture !== null && cx.spawnCapture.call === call) cx.spawnCapture.takeValue(cev, evs);
  const out: Compiled = {
    t: ret,
    ev: (f) => {
      const fv = cev(f) as FnVal;
      const args = new Array(evs.length);
      for (let i = 0; i < evs.length; i++) args[i] = evs[i](f);
      return fv.call(args);
    },
  };
  // Any function value may be one that suspends (conc/analysis.ts): call its generator form when it has one.
  if (cx.suspends && valuesMaySuspend(cx.comp)) {
    out.gen = function* (f) {
      const fv = cev(f) as FnVal;
      const args = new Array(evs.length);
      for (let i = 0; i < evs.length; i++) args[i] = evs[i](f);
      return yield* callValueG(fv, args);
    };
  }
  return out;
}

export function compileCall(cx: FnCtx, call: Call, expected?: Type): Compiled {
  const callee = call.callee;
  if (callee.kind === 'Ident') {
    const name = callee.name;
    const v = cx.lookup(name);
    if (v !== null) return compileValueCall(cx, compileExpr(cx, callee), call);
    const fn = findFunction(cx, name);
    if (fn !== null) return compileUserCall(cx, fn, call, null, expected);
    if (name === 'Ok' || name === 'Err') return compileResultCtor(cx, name, call, expected);
    const k = compileConcBuiltin(cx, name, call, expected);
    if (k !== null) return k;
    const b = compileBuiltinCall(cx, name, call, expected) ?? compileLegacyCall(cx, name, call, expected);
    if (b !== null) return b;
    const variant = bareVariant(cx, name, expected);
    if (variant !== null) return compileVariant(cx, variant.def, variant.tag, call);
    // §12.2: after `import a.geometry`, its functions are called qualified.
    const home = [...cx.mod.namespaces].find(([, m]) => m.fns.has(name));
    if (home !== undefined) cx.error('E0203', `'${name}' must be called as '${home[0]}.${name}(...)'`, callee.span);
    else cx.error('E0203', `undefined function \`${name}\``, callee.span);
    call.args.forEach((a) => compileExpr(cx, a.value));
    return { t: ANY, ev: () => undefined };
  }
  const bareOwner = callee.kind === 'Field' && callee.object.kind === 'Ident' && cx.lookup(callee.object.name) === null ? callee.object.name : null;
  if (bareOwner !== null && callee.kind === 'Field') {
    const ns = cx.mod.namespaces.get(bareOwner);
    // A module global holding a function value is called like any other value.
    if (ns !== undefined) {
      return cx.comp.moduleGlobals(ns).has(callee.name) ? compileValueCall(cx, compileExpr(cx, callee), call) : compileNamespaceCall(cx, ns, bareOwner, callee.name, call, expected);
    }
  }
  const ty = callee.kind === 'Field' ? namedType(cx, callee.object) : null;
  if (callee.kind === 'Field' && (ty instanceof StructDef || ty instanceof EnumDef)) {
    const m = ty.methods.get(callee.name);
    if (m !== undefined && !m.isMethod) return compileUserCall(cx, m, call, null, expected);
    if (ty instanceof EnumDef) {
      const tag = ty.variantIndex(callee.name);
      if (tag >= 0) return compileVariant(cx, ty, tag, call);
    }
    cx.error('E0204', `\`${ty.name}\` has no static method \`${callee.name}\``, callee.span);
    return { t: ANY, ev: () => undefined };
  }
  if (bareOwner !== null && callee.kind === 'Field') {
    const k = compileConcModuleCall(cx, bareOwner, callee.name, call, expected);
    if (k !== null) return k;
    if (isStdlibModule(bareOwner)) return compileModuleCall(cx, bareOwner, callee.name, call, expected);
  }
  if (callee.kind === 'Field' && !/^\d+$/.test(callee.name)) {
    const recv = compileExpr(cx, callee.object);
    return compileChannelMethod(cx, recv, callee.name, call, expected) ?? compileMethodCall(cx, recv, callee.name, call, expected);
  }
  return compileValueCall(cx, compileExpr(cx, callee), call);
}

function compileNamespaceCall(cx: FnCtx, ns: ModuleCtx, alias: string, name: string, call: Call, expected?: Type): Compiled {
  const fn = ns.fns.get(name);
  if (fn === undefined) {
    cx.error('E0203', `module \`${alias}\` has no function \`${name}\``, call.callee.span);
    return { t: ANY, ev: () => undefined };
  }
  if (!fn.isPublic) cx.error('E0205', `function '${name}' in module '${alias}' is private`, call.callee.span);
  return compileUserCall(cx, fn, call, null, expected);
}

/** `Ok(v)` / `Err(e)`: the other side is inferred from context (§6.14). */
function compileResultCtor(cx: FnCtx, name: 'Ok' | 'Err', call: Call, expected?: Type): Compiled {
  if (call.args.length !== 1) {
    cx.error('E0303', `\`${name}\` takes exactly one argument`, call.span);
    return { t: ANY, ev: () => undefined };
  }
  const exp = expected !== undefined ? prune(expected) : undefined;
  const t: Type = exp?.k === 'result' ? { k: 'result', ok: exp.ok, err: exp.err } : { k: 'result', ok: fresh(), err: fresh() };
  const v = compileExpr(cx, call.args[0].value, name === 'Ok' ? t.ok : t.err);
  const ev = widen(cx, name === 'Ok' ? t.ok : t.err, v, call.span);
  return name === 'Ok' ? { t, ev: (f) => new OkVal(ev(f)) } : { t, ev: (f) => new ErrVal(ev(f)) };
}

/** A variant named without its enum (`Rect(3, 4)`), known from the expected type. */
function bareVariant(cx: FnCtx, name: string, expected?: Type): { def: EnumDef; tag: number } | null {
  const exp = expected !== undefined ? prune(expected) : undefined;
  if (exp?.k === 'enum') {
    const tag = exp.def.variantIndex(name);
    if (tag >= 0) return { def: exp.def, tag };
  }
  for (const def of cx.mod.enums.values()) {
    const tag = def.variantIndex(name);
    if (tag >= 0) return { def, tag };
  }
  return null;
}

/** `Shape.Rect(3, 4)`: payload arity and types are checked (§4.5). */
export function compileVariant(cx: FnCtx, def: EnumDef, tag: number, call: Call | null): Compiled {
  const args = def.decl.typeParams.map(() => fresh() as Type);
  const t: Type = { k: 'enum', def, args };
  const payload = def.variants[tag].payload;
  const given = call?.args ?? [];
  if (given.length !== payload.length) {
    cx.error('E0303', `variant \`${def.variants[tag].name}\` takes ${payload.length} value(s) but ${given.length} were given`, call?.span ?? def.decl.span);
    return { t, ev: () => undefined };
  }
  if (payload.length === 0) {
    const v = new EnumVal(def, tag, []);
    return { t, ev: () => v };
  }
  const evs = given.map((a, i) => {
    const pt = def.payloadType(tag, i, args);
    return widen(cx, pt, compileExpr(cx, a.value, pt), a.span);
  });
  return { t, ev: (f) => new EnumVal(def, tag, evs.map((e) => e(f))) };
}

