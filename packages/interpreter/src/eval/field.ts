// Field access (§6.11): struct fields, tuple elements `t.0`, enum variants
// `Color.Red` / `Color::Red`, and optional chaining `opt?.field`.

import type { Field, OptionalField, Span } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { EnumDef } from '../program';
import { NONE, SomeVal, StructVal, TupleVal } from '../runtime/values';
import { ANY, fresh, prune, type Type } from '../types';
import { compileVariant } from './call';
import { compileExpr } from './expr';

export function compileField(cx: FnCtx, e: Field): Compiled {
  if (e.object.kind === 'Ident' && cx.lookup(e.object.name) === null) {
    const ty = cx.comp.lookupType(e.object.name, cx.mod);
    if (ty instanceof EnumDef) {
      const tag = ty.variantIndex(e.name);
      if (tag < 0) {
        cx.error('E0206', `enum \`${ty.name}\` has no variant \`${e.name}\``, e.span);
        return { t: ANY, ev: () => undefined };
      }
      return compileVariant(cx, ty, tag, null);
    }
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
