// Patterns (§7.2). A compiled pattern is a test `(value, frame) => boolean`
// that also stores its bindings in frame slots. Bare names are variants when
// the subject is an enum that has such a variant, bindings otherwise.

import type { Pattern } from '@wyn/parser';
import type { FnCtx } from '../compile/context';
import { EnumDef } from '../program';
import { valueEquals } from '../runtime/equality';
import { norm } from '../runtime/int64';
import { EnumVal, ErrVal, fromUtf8, NONE, OkVal, SomeVal, StructVal, TupleVal } from '../runtime/values';
import { ANY, BOOL, FLOAT, fresh, INT, prune, STRING, type Type } from '../types';
import { writeRef } from './ident';

export type Test = (v: unknown, f: unknown[]) => boolean;

export function compilePattern(cx: FnCtx, p: Pattern, subject: Type): Test {
  const st = prune(subject);
  switch (p.kind) {
    case 'WildcardPattern': return () => true;
    case 'LiteralPattern': {
      const lit = p.value;
      let v: unknown;
      let t: Type;
      switch (lit.kind) {
        case 'IntLit': v = norm(p.negative ? -lit.value : lit.value); t = INT; break;
        case 'FloatLit': v = p.negative ? -lit.value : lit.value; t = FLOAT; break;
        case 'StringLit': v = fromUtf8(lit.value); t = STRING; break;
        default: v = lit.value; t = BOOL;
      }
      if (!(st.k === 'float' && t.k === 'int')) cx.expect(subject, t, p.span, 'pattern type mismatch');
      if (t.k === 'int' || t.k === 'float') return (x) => Number(x) === Number(v) && (typeof x === typeof v || valueEquals(x, v));
      return (x) => x === v;
    }
    case 'RangePattern': {
      cx.expect(subject, INT, p.span, 'pattern type mismatch');
      const lo = norm(p.start);
      const hi = norm(p.end);
      return p.inclusive ? (x) => (x as number) >= lo && (x as number) <= hi : (x) => (x as number) >= lo && (x as number) < hi;
    }
    case 'NamePattern': {
      if (st.k === 'enum') {
        const tag = st.def.variantIndex(p.name);
        if (tag >= 0) return (x) => (x as EnumVal).tag === tag;
      }
      if (p.name === 'None' || p.name === 'none') return (x) => x === NONE;
      const info = cx.declare(p.name, subject);
      const w = writeRef(cx, info.global ? { k: 'global', slot: info.slot, info } : { k: 'local', slot: info.slot, info });
      return (x, f) => {
        w(f, x);
        return true;
      };
    }
    case 'NonePattern':
      cx.expect(subject, { k: 'option', inner: fresh() }, p.span, 'pattern type mismatch');
      return (x) => x === NONE;
    case 'SomePattern': {
      const inner = fresh();
      cx.expect(subject, { k: 'option', inner }, p.span, 'pattern type mismatch');
      const t = compilePattern(cx, p.inner, inner);
      return (x, f) => x instanceof SomeVal && t(x.v, f);
    }
    case 'VariantPattern': return compileVariantPattern(cx, p, subject);
    case 'StructPattern': {
      if (st.k !== 'struct' || st.def.name !== p.name) {
        cx.error('E0311', `pattern \`${p.name} { … }\` does not match a value of this type`, p.span);
        return () => false;
      }
      const def = st.def;
      const tests = p.fields.map((fp) => {
        const i = def.fieldIndex.get(fp.name);
        if (i === undefined) {
          cx.error('E0308', `struct \`${def.name}\` has no field \`${fp.name}\``, fp.span);
          return () => false;
        }
        const ft = def.fieldType(i, st.args);
        const sub: Test = fp.pattern === null ? compilePattern(cx, { kind: 'NamePattern', name: fp.name, span: fp.span }, ft) : compilePattern(cx, fp.pattern, ft);
        return (x: unknown, f: unknown[]) => sub((x as StructVal).f[i], f);
      });
      return (x, f) => tests.every((t) => t(x, f));
    }
    case 'TuplePattern': {
      const els = st.k === 'tuple' ? st.els : p.elements.map(() => ANY);
      const tests = p.elements.map((e, i) => compilePattern(cx, e, els[i] ?? ANY));
      return (x, f) => tests.every((t, i) => t((x as TupleVal).items[i], f));
    }
    case 'ArrayPattern': {
      const el = st.k === 'array' ? st.el : ANY;
      const tests = p.elements.map((e) => compilePattern(cx, e, el));
      const n = tests.length;
      const rest = p.rest;
      const restW = rest !== null && rest !== '' ? cx.declare(rest, subject) : null;
      const w = restW === null ? null : writeRef(cx, restW.global ? { k: 'global', slot: restW.slot, info: restW } : { k: 'local', slot: restW.slot, info: restW });
      return (x, f) => {
        const a = x as unknown[];
        if (rest === null ? a.length !== n : a.length < n) return false;
        if (!tests.every((t, i) => t(a[i], f))) return false;
        if (w !== null) w(f, a.slice(n));
        return true;
      };
    }
    case 'OrPattern': {
      const tests = p.alternatives.map((a) => compilePattern(cx, a, subject));
      return (x, f) => tests.some((t) => t(x, f));
    }
  }
}

function compileVariantPattern(cx: FnCtx, p: Extract<Pattern, { kind: 'VariantPattern' }>, subject: Type): Test {
  const st = prune(subject);
  const args = p.args ?? [];
  if (p.enumName === null && (p.name === 'Ok' || p.name === 'Err')) {
    const ok = fresh();
    const err = fresh();
    cx.expect(subject, { k: 'result', ok, err }, p.span, 'pattern type mismatch');
    const sub = args.length === 1 ? compilePattern(cx, args[0], p.name === 'Ok' ? ok : err) : () => true;
    return p.name === 'Ok' ? (x, f) => x instanceof OkVal && sub(x.v, f) : (x, f) => x instanceof ErrVal && sub(x.e, f);
  }
  if (p.enumName === null && p.name === 'Some') {
    const inner = fresh();
    cx.expect(subject, { k: 'option', inner }, p.span, 'pattern type mismatch');
    const sub = args.length === 1 ? compilePattern(cx, args[0], inner) : () => true;
    return (x, f) => x instanceof SomeVal && sub(x.v, f);
  }
  let def: EnumDef | null = null;
  if (p.enumName !== null) {
    const d = cx.comp.lookupType(p.enumName, cx.mod);
    if (d instanceof EnumDef) def = d;
  } else if (st.k === 'enum') def = st.def;
  if (def === null) {
    cx.error('E0311', `unknown enum in pattern \`${p.enumName ?? ''}${p.enumName ? '.' : ''}${p.name}\``, p.span);
    return () => false;
  }
  const tag = def.variantIndex(p.name);
  if (tag < 0) {
    cx.error('E0206', `enum \`${def.name}\` has no variant \`${p.name}\``, p.span);
    return () => false;
  }
  const eargs = st.k === 'enum' && st.def === def ? st.args : def.decl.typeParams.map(() => fresh() as Type);
  cx.expect(subject, { k: 'enum', def, args: eargs }, p.span, 'pattern type mismatch');
  const payload = def.variants[tag].payload;
  if (p.args !== null && args.length !== payload.length) {
    cx.error('E0311', `variant \`${p.name}\` has ${payload.length} field(s) but the pattern has ${args.length}`, p.span);
  }
  const tests = args.map((a, i) => compilePattern(cx, a, i < payload.length ? def!.payloadType(tag, i, eargs) : ANY));
  if (tests.length === 0) return (x) => (x as EnumVal).tag === tag;
  return (x, f) => (x as EnumVal).tag === tag && tests.every((t, i) => t((x as EnumVal).vals[i], f));
}
