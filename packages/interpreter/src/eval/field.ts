// Field access (§6.11): struct fields, tuple elements `t.0`, enum variants
// `Color.Red` / `Color::Red` (also `shapes.Color.Red` through a module),
// optional chaining `opt?.field`, a module's public globals and functions as
// `mod.NAME` (§12.2), and library constants such as `Math.PI` (STDLIB §9).

import type { Expr, Field, OptionalField, Span } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { EnumDef, type ModuleCtx, type StructDef, type TraitDef } from '../program';
import { NONE, SomeVal, StructVal, TupleVal } from '../runtime/values';
import { ANY, fresh, prune, type Type } from '../types';
import { compileVariant } from './call';
import { compileExpr } from './expr';
import { functionValue, readRef } from './ident';
import { compileModuleConstant } from '../stdlib/modules';

/**
 * The type an expression names when it is not a value: `Color` or, through an
 * imported module, `shapes.Color` (§12: a module's types are reachable by its
 * namespace as well as by their bare name).
 */
export function namedType(cx: FnCtx, e: Expr): StructDef | EnumDef | TraitDef | null {
  if (e.kind === 'Ident') return cx.lookup(e.name) === null ? cx.comp.lookupType(e.name, cx.mod) : null;
  if (e.kind === 'Field' && e.object.kind === 'Ident' && cx.lookup(e.object.name) === null) {
    const ns = cx.mod.namespaces.get(e.object.name);
    return ns?.structs.get(e.name) ?? ns?.enums.get(e.name) ?? ns?.traits.get(e.name) ?? null;
  }
  return null;
}

/** `mod.NAME` after `import a.mod`: a public global of the module, or a public function as a value (§12.2). */
function namespaceMember(cx: FnCtx, ns: ModuleCtx, alias: string, name: string, span: Span): Compiled {
  const g = cx.comp.moduleGlobals(ns).get(name);
  const fn = ns.fns.get(name);
  if (g === undefined && fn === undefined) {
    cx.error('E0202', `module \`${alias}\` has no constant or function \`${name}\``, span);
    return { t: ANY, ev: () => undefined };
  }
  if (g !== undefined ? g.isPublic !== true : !fn!.isPublic) {
    cx.error('E0205', `${g !== undefined ? 'constant' : 'function'} '${name}' in module '${alias}' is private`, span);
  }
  if (g === undefined) return functionValue(cx, fn!, span);
  return { t: g.t, ev: readRef(cx, { k: 'global', slot: g.slot, info: g }, span) };
}

export function compileField(cx: FnCtx, e: Field): Compiled {
  if (e.object.kind === 'Ident' && cx.lookup(e.object.name) === null) {
    const ns = cx.mod.namespaces.get(e.object.name);
    if (ns !== undefined) return namespaceMember(cx, ns, e.object.name, e.name, e.span);
    if (cx.comp.lookupType(e.object.name, cx.mod) === null) {
      const k = compileModuleConstant(cx, e.object.name, e.name, e.span);
      if (k !== null) return k;
    }
  }
  const ty = namedType(cx, e.object);
  if (ty instanceof EnumDef) {
    const tag = ty.variantIndex(e.name);
    if (tag < 0) {
      cx.error('E0206', `enum \`${ty.name}\` has no variant \`${e.name}\``, e.span);
      return { t: ANY, ev: () => undefined };
    }
    return compileVariant(cx, ty, tag, null);
  }
  const obj = compileExpr(cx, e.object);
  return fieldOf(cx, obj, e.name, e.span);
}

export function fieldOf(cx: FnCtx, obj: Compiled, name: string, span: Span): Compiled {
  const t = prune(obj.t);
  const ev = obj.ev;
  if (t.k === 'tuple' && /^\d+$/.test(name)) {
    const i = Number(name);
    if (i >= t.els.length) cx.error('E0307', `tuple has no element ${i}`, span);
    return { t: t.els[i] ?? ANY, ev: (f) => (ev(f) as TupleVal).items[i] };
  }
  if (t.k === 'struct') {
    const i = t.def.fieldIndex.get(name);
    if (i === undefined) {
      cx.error('E0308', `struct \`${t.def.name}\` has no field \`${name}\``, span);
      return { t: ANY, ev: () => undefined };
    }
    return { t: t.def.fieldType(i, t.args), ev: (f) => (ev(f) as StructVal).f[i] };
  }
  if (t.k === 'any' || t.k === 'var' || t.k === 'trait') {
    // Generic or trait-typed receivers: look the field up on the value.
    return { t: fresh() as Type, ev: (f) => dynField(ev(f), name) };
  }
  cx.error('E0308', `type \`${t.k}\` has no field \`${name}\``, span);
  return { t: ANY, ev: () => undefined };
}

function dynField(v: unknown, name: string): unknown {
  if (v instanceof StructVal) return v.f[v.def.fieldIndex.get(name)!];
  if (v instanceof TupleVal) return v.items[Number(name)];
  return undefined;
}

export function compileOptionalField(cx: FnCtx, e: OptionalField): Compiled {
  const obj = compileExpr(cx, e.object);
  const t = prune(obj.t);
  if (t.k !== 'option') {
    cx.error('E0309', '`?.` needs an optional value', e.span);
    return { t: ANY, ev: () => undefined };
  }
  const inner = fieldOf(cx, { t: t.inner, ev: (f) => f }, e.name, e.span);
  const get = inner.ev;
  const ev = obj.ev;
  return {
    t: { k: 'option', inner: inner.t },
    ev: (f) => {
      const o = ev(f);
      return o instanceof SomeVal ? new SomeVal(get(o.v as unknown[])) : NONE;
    },
  };
}
