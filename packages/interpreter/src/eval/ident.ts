// Names as values (§4.1, §8.2): variables through their slot, named
// functions as function values, and the lower-case `none` synonym.

import type { Ident, Span } from '@wyn/parser';
import type { Compiled, FnCtx, Ref } from '../compile/context';
import type { FnDef } from '../program';
import { FnVal, NONE } from '../runtime/values';
import { ANY, fresh, prune, type Type, unify } from '../types';
import { callInstance, callInstanceG, findFunction } from './call';
import { isSuspendable } from '../conc/analysis';
import { initModule } from '../compile/modules';
import { panicAt } from '../runtime/errors';

/**
 * Reads a variable. With a `span` (a read the program makes, not a lambda
 * copying what it captures), a variable that may still be unassigned panics
 * instead of yielding JS `undefined`: a bare first assignment in a block that
 * did not run (§4.1), or a script global read before the top level assigns it
 * (§1.2: by a function, or by code above the assignment).
 */
export function readRef(cx: FnCtx, r: Ref, span?: Span): (f: unknown[]) => unknown {
  const read = plainRead(cx, r);
  const i = r.info;
  if (span === undefined || !(i.hoisted === true || i.prescanned === true || (i.late === true && cx.kind !== 'top'))) return read;
  const site = { file: cx.file, span };
  return (f) => {
    const v = read(f);
    if (v === undefined) panicAt(site, 'E0912', `variable \`${i.name}\` is used before it is assigned`);
    return v;
  };
}

function plainRead(cx: FnCtx, r: Ref): (f: unknown[]) => unknown {
  switch (r.k) {
    case 'local': {
      const s = r.slot;
      return (f) => f[s];
    }
    case 'global': {
      const G = cx.rt.G;
      const s = r.slot;
      const home = r.info.home;
      if (home !== undefined) {
        // A module global: initialised before first use (compile/modules.ts).
        return () => {
          if (!home.ready) initModule(home, G);
          return G[s];
        };
      }
      return () => G[s];
    }
    case 'cap': {
      const s = r.idx;
      return (f) => (f[0] as unknown[])[s];
    }
  }
}

export function writeRef(cx: FnCtx, r: Ref): (f: unknown[], v: unknown) => void {
  switch (r.k) {
    case 'local': {
      const s = r.slot;
      return (f, v) => {
        f[s] = v;
      };
    }
    case 'global': {
      const G = cx.rt.G;
      const s = r.slot;
      const home = r.info.home;
      if (home !== undefined) {
        return (_f, v) => {
          if (!home.ready) initModule(home, G);
          G[s] = v;
        };
      }
      return (_f, v) => {
        G[s] = v;
      };
    }
    case 'cap': {
      const s = r.idx;
      return (f, v) => {
        (f[0] as unknown[])[s] = v;
      };
    }
  }
}

export function compileIdent(cx: FnCtx, e: Ident, expected?: Type): Compiled {
  const r = cx.lookup(e.name);
  if (r !== null) return { t: r.info.t, ev: readRef(cx, r, e.span) };
  if (e.name === 'none' || e.name === 'None') return { t: { k: 'option', inner: fresh() }, ev: () => NONE };
  const fn = findFunction(cx, e.name);
  if (fn !== null) return functionValue(cx, fn, e.span, expected);
  if (cx.mod.namespaces.has(e.name)) cx.error('E0202', `module \`${e.name}\` is not a value`, e.span, `use one of its members, e.g. \`${e.name}.name\``);
  else cx.error('E0202', `undefined variable \`${e.name}\``, e.span);
  return { t: ANY, ev: () => undefined };
}

/** A named function used as a value (`apply(double, 5)`, `g = double`; §4.3.4). */
export function functionValue(cx: FnCtx, def: FnDef, span: Span, expected?: Type): Compiled {
  const typeArgs = def.decl.typeParams.length > 0 ? typeArgsFromContext(cx, def, expected) : new Map<string, Type>();
  if (typeArgs === null) {
    cx.error('E0302', `generic function \`${def.name}\` cannot be used as a value here`, span, 'give the variable or parameter a function type, e.g. `fn(int) -> int`');
    return { t: ANY, ev: () => undefined };
  }
  const inst = cx.comp.instance(def, typeArgs, null);
  cx.comp.ensureCompiled(inst);
  const t: Type = { k: 'fn', params: inst.params, ret: inst.ret };
  const site = { file: cx.file, span };
  const rt = cx.rt;
  // A function that may suspend keeps its suspendable form as a value too (conc/gen.ts).
  const gen = isSuspendable(cx.comp, def.decl) ? (args: unknown[]) => callInstanceG(rt, inst, args, site) : null;
  const code = rt.closures.length;
  const fv = new FnVal((args) => callInstance(rt, inst, args, site), def.name, gen, code);
  rt.closures.push(() => fv);
  return { t, ev: () => fv };
}

/**
 * A generic function used as a value is instantiated by the function type the
 * context expects (`apply(id, 5)` with `f: fn(int) -> int`; §4.7): its
 * parameter types fix every type parameter, or there is no instance to take.
 */
function typeArgsFromContext(cx: FnCtx, def: FnDef, expected?: Type): Map<string, Type> | null {
  const exp = expected === undefined ? undefined : prune(expected);
  if (exp?.k !== 'fn' || exp.params.length !== def.decl.params.length) return null;
  const vars = new Map<string, Type>(def.decl.typeParams.map((tp) => [tp.name, fresh()]));
  def.decl.params.forEach((p, i) => {
    if (p.type !== null) unify(cx.comp.resolveType(p.type, vars, def.mod), exp.params[i]);
  });
  const concrete = new Map<string, Type>();
  for (const [k, v] of vars) {
    const t = prune(v);
    if (t.k === 'var') return null;
    concrete.set(k, t);
  }
  return concrete;
}
