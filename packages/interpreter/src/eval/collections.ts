// Literals that build values (§6.13): arrays (one element type, §3.6), maps
// (string keys, §3.7), tuples (§3.8), struct literals (every field exactly
// once, int→float widening of fields, §3.10, §4.4) and comprehensions.

import type { ArrayLit, Comprehension, MapLit, StructLit, TupleLit } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL } from '../compile/context';
import { anyExprGen, setGen, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import { StructDef } from '../program';
import { StructVal, TupleVal, WMap } from '../runtime/values';
import { ANY, fresh, prune, STRING, type Type, unify } from '../types';
import { widen } from './call-args';
import { compileCondition } from './conditional';
import { compileExpr } from './expr';
import { compileIterable } from '../exec/loops';

export function compileArrayLit(cx: FnCtx, e: ArrayLit, expected?: Type): Compiled {
  const exp = expected !== undefined ? prune(expected) : undefined;
  const el: Type = exp?.k === 'array' ? exp.el : fresh();
  const evs = e.elements.map((x) => {
    const c = compileExpr(cx, x, el);
    if (!unify(el, c.t)) cx.expect(el, c.t, x.span, 'array elements must all have the same type');
    return c.ev;
  });
  return { t: { k: 'array', el }, ev: (f) => evs.map((x) => x(f)) };
}

export function compileMapLit(cx: FnCtx, e: MapLit, expected?: Type): Compiled {
  const exp = expected !== undefined ? prune(expected) : undefined;
  const val: Type = exp?.k === 'map' ? exp.val : fresh();
  const entries = e.entries.map((en) => {
    const k = compileExpr(cx, en.key);
    if (!unify(STRING, k.t)) cx.error('E0313', 'HashMap keys must be strings', en.key.span);
    const v = compileExpr(cx, en.value, val);
    if (!unify(val, v.t)) cx.expect(val, v.t, en.value.span, 'map values must all have the same type');
    return [k.ev, v.ev] as const;
  });
  return {
    t: { k: 'map', key: STRING, val },
    ev: (f) => {
      const m = new WMap();
      for (const [k, v] of entries) m.set(k(f) as string, v(f));
      return m;
    },
  };
}

export function compileTupleLit(cx: FnCtx, e: TupleLit): Compiled {
  const cs = e.elements.map((x) => compileExpr(cx, x));
  const evs = cs.map((c) => c.ev);
  return { t: { k: 'tuple', els: cs.map((c) => c.t) }, ev: (f) => new TupleVal(evs.map((x) => x(f))) };
}

export function compileStructLit(cx: FnCtx, e: StructLit): Compiled {
  const def = cx.comp.lookupType(e.name, cx.mod);
  if (!(def instanceof StructDef)) {
    cx.error('E0207', `unknown struct \`${e.name}\``, e.span);
    e.fields.forEach((fi) => compileExpr(cx, fi.value));
    return { t: ANY, ev: () => undefined };
  }
  const args: Type[] = def.decl.typeParams.map((_, i) => (e.typeArgs[i] ? cx.comp.resolveType(e.typeArgs[i], cx.typeParams, cx.mod) : fresh()));
  const evs: Compiled['ev'][] = new Array(def.fields.length);
  for (const fi of e.fields) {
    const i = def.fieldIndex.get(fi.name);
    if (i === undefined) {
      cx.error('E0308', `struct \`${def.name}\` has no field \`${fi.name}\``, fi.span);
      continue;
    }
    if (evs[i] !== undefined) cx.error('E0308', `field \`${fi.name}\` given twice`, fi.span);
    const ft = def.fieldType(i, args);
    evs[i] = widen(cx, ft, compileExpr(cx, fi.value, ft), fi.value.span);
  }
  def.fields.forEach((fd, i) => {
    if (evs[i] === undefined) {
      cx.error('E0308', `missing field \`${fd.name}\` in \`${def.name}\` literal`, e.span);
      evs[i] = () => undefined;
    }
  });
  return { t: { k: 'struct', def, args }, ev: (f) => new StructVal(def, evs.map((x) => x(f))) };
}

/** `[expr for x in iter if cond]` (§6.13); the binders live in their own scope. */
export function compileComprehension(cx: FnCtx, e: Comprehension): Compiled {
  cx.pushScope();
  const it = compileIterable(cx, e.binders, e.iterable, e.rangeEnd, e.inclusive, e.span);
  const cond = e.condition === null ? null : compileCondition(cx, e.condition);
  const el = compileExpr(cx, e.element);
  cx.popScope();
  const ev = el.ev;
  const ce = cond === null ? null : cond.ev;
  const loop = it.loop;
  const out: Compiled = {
    t: { k: 'array', el: el.t },
    ev: (f) => {
      const out: unknown[] = [];
      loop(f, () => {
        if (ce === null || ce(f)) out.push(ev(f));
        return 0;
      });
      return out;
    },
  };
  if (!it.suspends && !anyExprGen(cond, el)) return out;
  // The generator's loop body is built once, so the array being built waits in a frame slot.
  const acc = cx.temp();
  const body: Exec = () => NORMAL;
  setGen(body, function* (f): Gen<number> {
    if (cond === null || (yield* valueOf<boolean>(cond, f))) (f[acc] as unknown[]).push(yield* valueOf(el, f));
    return NORMAL;
  });
  const loopG = it.loopG;
  out.gen = function* (f) {
    const xs: unknown[] = [];
    f[acc] = xs;
    yield* loopG(f, body);
    return xs;
  };
  return out;
}
