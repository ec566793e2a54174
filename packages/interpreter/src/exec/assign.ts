// Assignment and declarations (§4.1, §5.1). Targets are places with a getter
// and a setter; a struct field write rebuilds the struct and stores it back
// into the place that held it (value semantics, §3.9).

import type { AssignStmt, Binary, DestructureDecl, Expr, IncDecStmt, MultiAssign, Span, VarDecl } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL, type Ref, type VarInfo } from '../compile/context';
import { arrayIndexPanic } from '../eval/index-expr';
import { binaryOf } from '../eval/binary';
import { compileExpr } from '../eval/expr';
import { readRef, writeRef } from '../eval/ident';
import { widen } from '../eval/call';
import { panicAt } from '../runtime/errors';
import * as I from '../runtime/int64';
import { StructVal, type TupleVal, type WMap } from '../runtime/values';
import { isReservedName } from '../stdlib/builtins';
import { ANY, fresh, INT, prune, STRING, type Type } from '../types';

/**
 * An assignable place. `modify` reads and writes it with the object and index
 * evaluated once (`a[next()] += 1` calls `next` once, §5.1).
 */
interface Place {
  t: Type;
  get: Compiled['ev'];
  set: (f: unknown[], v: unknown) => void;
  modify: (f: unknown[], g: (old: unknown) => unknown) => void;
}

const refOf = (info: VarInfo): Ref => (info.global ? { k: 'global', slot: info.slot, info } : { k: 'local', slot: info.slot, info });

function checkAssignable(cx: FnCtx, r: Ref, span: Span): void {
  if (r.info.isConst) cx.error('E0208', `Cannot assign to constant '${r.info.name}'`, span);
  else if (r.info.readonly) cx.error('E0209', `cannot assign to loop variable '${r.info.name}'`, span);
}

function compilePlace(cx: FnCtx, target: Expr, valueType: Type | null): Place | null {
  switch (target.kind) {
    case 'Ident': {
      let r = cx.lookup(target.name);
      if (r === null) {
        if (valueType === null) {
          cx.error('E0202', `undefined variable \`${target.name}\``, target.span);
          return null;
        }
        if (isReservedName(target.name)) {
          cx.error('E0208', `Cannot assign to constant '${target.name}'`, target.span);
          return null;
        }
        r = refOf(cx.declareFunctionLevel(target.name, valueType));
      } else checkAssignable(cx, r, target.span);
      const get = readRef(cx, r);
      const set = writeRef(cx, r);
      return { t: r.info.t, get, set, modify: (f, g) => set(f, g(get(f))) };
    }
    case 'Index': {
      const obj = compileExpr(cx, target.object);
      const ot = prune(obj.t);
      const oe = obj.ev;
      const site = { file: cx.file, span: target.span };
      if (ot.k === 'map') {
        const k = compileExpr(cx, target.index);
        cx.expect(STRING, k.t, target.index.span, 'map keys are strings');
        const ke = k.ev;
        const read = (m: WMap, key: string): unknown => {
          if (!m.has(key)) panicAt(site, 'E0907', `map key "${key}" not found for compound assignment (+=, -=, ...)`);
          return m.get(key);
        };
        return {
          t: ot.val,
          get: (f) => read(oe(f) as WMap, ke(f) as string),
          set: (f, v) => (oe(f) as WMap).set(ke(f) as string, v),
          modify: (f, g) => {
            const m = oe(f) as WMap;
            const key = ke(f) as string;
            m.set(key, g(read(m, key)));
          },
        };
      }
      if (ot.k === 'string') {
        cx.error('E0314', 'strings are immutable: cannot assign to `s[i]`', target.span);
        return null;
      }
      const idx = compileExpr(cx, target.index);
      cx.expect(INT, idx.t, target.index.span, 'index must be an int');
      const ie = idx.ev as (f: unknown[]) => number;
      const norm = (a: unknown[], i: number): number => {
        const j = i < 0 ? i + a.length : i;
        if (j < 0 || j >= a.length) arrayIndexPanic(site, j, a.length);
        return j;
      };
      if (ot.k !== 'array' && ot.k !== 'any' && ot.k !== 'var') cx.error('E0310', `cannot index a value of type \`${ot.k}\``, target.span);
      return {
        t: ot.k === 'array' ? ot.el : ANY,
        get: (f) => {
          const a = oe(f) as unknown[];
          return a[norm(a, ie(f))];
        },
        set: (f, v) => {
          const a = oe(f) as unknown[];
          a[norm(a, ie(f))] = v;
        },
        modify: (f, g) => {
          const a = oe(f) as unknown[];
          const j = norm(a, ie(f));
          a[j] = g(a[j]);
        },
      };
    }
    case 'Field': {
      if (target.object.kind === 'Ident' && cx.lookup(target.object.name) === null && cx.mod.namespaces.has(target.object.name)) {
        // §12.2: importers read a module's constants; only the module's own functions change its globals.
        cx.error('E0208', `cannot assign to \`${target.object.name}.${target.name}\` outside its module`, target.span);
        return null;
      }
      const base = compilePlace(cx, target.object, null);
      if (base === null) return null;
      const bt = prune(base.t);
      if (bt.k !== 'struct') {
        cx.error('E0308', 'only struct fields can be assigned', target.span);
        return null;
      }
      const i = bt.def.fieldIndex.get(target.name);
      if (i === undefined) {
        cx.error('E0308', `struct \`${bt.def.name}\` has no field \`${target.name}\``, target.span);
        return null;
      }
      const bget = base.get;
      const bmod = base.modify;
      const withField = (s: StructVal, v: unknown): StructVal => {
        const fields = s.f.slice();
        fields[i] = v;
        return new StructVal(s.def, fields);
      };
      return {
        t: bt.def.fieldType(i, bt.args),
        get: (f) => (bget(f) as StructVal).f[i],
        set: (f, v) => bmod(f, (s) => withField(s as StructVal, v)),
        modify: (f, g) => bmod(f, (s) => withField(s as StructVal, g((s as StructVal).f[i]))),
      };
    }
    default:
      cx.error('E0107', 'invalid assignment target', target.span);
      return null;
  }
}

/** `x = e`, `a[i] op= e`, `p.f = e` (§5.1); `op=` follows the arithmetic rule (§3.10). */
export function compileAssign(cx: FnCtx, s: AssignStmt): Exec {
  if (s.op === '=') {
    const pre = s.target.kind === 'Ident' ? cx.lookup(s.target.name) : null;
    let want: Type | undefined = pre?.info.t;
    if (want === undefined && s.target.kind !== 'Ident') want = undefined;
    const v = compileExpr(cx, s.value, want);
    const place = compilePlace(cx, s.target, v.t);
    if (place === null) return () => NORMAL;
    const ev = s.target.kind === 'Field' ? widen(cx, place.t, v, s.value.span) : v.ev;
    if (s.target.kind !== 'Field') cx.expect(place.t, v.t, s.value.span, 'mismatched types in assignment');
    const set = place.set;
    return (f) => {
      set(f, ev(f));
      return NORMAL;
    };
  }
  const place = compilePlace(cx, s.target, null);
  if (place === null) return () => NORMAL;
  // The target is read once, through the place: a missing map key gets the
  // compound-assignment panic (§13.2), and its index is evaluated once. A
  // plain variable has neither concern and keeps the direct read (hot loops).
  let current: unknown;
  const plain = s.target.kind === 'Ident';
  const left: Compiled = { t: place.t, ev: plain ? place.get : () => current };
  const bin: Binary = { kind: 'Binary', op: s.op.slice(0, -1) as Binary['op'], left: s.target, right: s.value, span: s.span, opSpan: s.span };
  const v = binaryOf(cx, bin, left, compileExpr(cx, s.value));
  const pt = prune(place.t);
  const ev = pt.k === 'float' && prune(v.t).k === 'int' ? widen(cx, place.t, v, s.span) : v.ev;
  if (!(pt.k === 'float' && prune(v.t).k === 'int')) cx.expect(place.t, v.t, s.span, 'mismatched types in compound assignment');
  if (plain) {
    const set = place.set;
    return (f) => {
      set(f, ev(f));
      return NORMAL;
    };
  }
  const modify = place.modify;
  // `current` and `frame` are read before the right operand runs, so a
  // recursive use of this statement in the right operand cannot disturb them.
  let frame: unknown[] = [];
  const update = (old: unknown): unknown => {
    current = old;
    return ev(frame);
  };
  return (f) => {
    frame = f;
    modify(f, update);
    return NORMAL;
  };
}

export function compileIncDec(cx: FnCtx, s: IncDecStmt): Exec {
  const place = compilePlace(cx, s.target, null);
  if (place === null) return () => NORMAL;
  cx.expect(INT, place.t, s.span, '`++`/`--` need an int');
  const d = s.op === '++' ? 1 : -1;
  if (s.target.kind === 'Ident') {
    const { get, set } = place;
    return (f) => {
      set(f, I.add(get(f) as I.Int, d));
      return NORMAL;
    };
  }
  const modify = place.modify;
  const step = (x: unknown): unknown => I.add(x as I.Int, d);
  return (f) => {
    modify(f, step);
    return NORMAL;
  };
}

export function compileVarDecl(cx: FnCtx, s: VarDecl): Exec {
  const annot = s.type === null ? null : cx.comp.resolveType(s.type, cx.typeParams, cx.mod);
  const v = compileExpr(cx, s.value, annot ?? undefined);
  if (annot !== null) cx.expect(annot, v.t, s.value.span, `mismatched types in the declaration of \`${s.name}\``);
  if (isReservedName(s.name)) cx.error('E0208', `Cannot assign to constant '${s.name}'`, s.span);
  let info: VarInfo;
  const pre = cx.kind === 'top' && cx.scopes.length === 1 ? cx.scopes[0].get(s.name) : undefined;
  if (pre !== undefined && pre.prescanned) {
    // Script-mode globals are declared before compilation so functions can see them.
    pre.prescanned = false;
    pre.isConst = s.declKind === 'const';
    info = pre;
    cx.expect(info.t, annot ?? v.t, s.value.span);
  } else {
    if (cx.scopes[cx.scopes.length - 1].has(s.name) && s.declKind !== 'bare') {
      cx.error('E0210', `\`${s.name}\` is already declared in this block`, s.span);
    }
    info = cx.declare(s.name, annot ?? v.t, s.declKind === 'const');
  }
  const w = writeRef(cx, refOf(info));
  const ev = v.ev;
  return (f) => {
    w(f, ev(f));
    return NORMAL;
  };
}

/** `var (a, b) = t`, `var [a, b] = xs`, `var a, b = 1, 2` (§4.1). */
export function compileDestructure(cx: FnCtx, s: DestructureDecl): Exec {
  const names = s.binders.map((b) => b.name);
  if (s.shape === 'list' && s.values.length > 1) {
    const vs = s.values.map((v) => compileExpr(cx, v));
    if (vs.length !== names.length) cx.error('E0303', 'number of names and values differ', s.span);
    const ws = names.map((n, i) => (n === null ? null : writeRef(cx, refOf(cx.declare(n, vs[i]?.t ?? ANY, s.constant)))));
    const evs = vs.map((v) => v.ev);
    return (f) => {
      const vals = evs.map((e) => e(f));
      ws.forEach((w, i) => w?.(f, vals[i]));
      return NORMAL;
    };
  }
  const v = compileExpr(cx, s.values[0]);
  const t = prune(v.t);
  let types: Type[];
  if (s.shape === 'array') {
    const el: Type = t.k === 'array' ? t.el : fresh();
    if (t.k !== 'array') cx.expect({ k: 'array', el }, v.t, s.span);
    types = names.map(() => el);
  } else if (t.k === 'tuple') {
    types = t.els;
    if (t.els.length !== names.length) cx.error('E0303', `tuple has ${t.els.length} elements but ${names.length} names`, s.span);
  } else {
    cx.error('E0301', 'destructuring needs a tuple', s.span);
    types = names.map(() => ANY);
  }
  const ws = names.map((n, i) => (n === null ? null : writeRef(cx, refOf(cx.declare(n, types[i] ?? ANY, s.constant)))));
  const rest = s.rest !== null && s.rest !== '' ? writeRef(cx, refOf(cx.declare(s.rest, v.t, s.constant))) : null;
  const ev = v.ev;
  const n = names.length;
  const site = { file: cx.file, span: s.span };
  return (f) => {
    const x = ev(f);
    const items = Array.isArray(x) ? x : (x as TupleVal).items;
    if (Array.isArray(x) && x.length < n) arrayIndexPanic(site, x.length, x.length);
    ws.forEach((w, i) => w?.(f, items[i]));
    rest?.(f, items.slice(n));
    return NORMAL;
  };
}

/** `a, b = b, a`: every value first, then the targets left to right (§4.1). */
export function compileMultiAssign(cx: FnCtx, s: MultiAssign): Exec {
  const orig: Compiled[] = s.values.map((v) => compileExpr(cx, v));
  let vs = orig;
  let spread = false;
  if (vs.length === 1 && s.targets.length > 1) {
    const t = prune(vs[0].t);
    if (t.k === 'tuple') {
      spread = true;
      vs = t.els.map((et) => ({ t: et, ev: () => undefined }));
    }
  }
  if (vs.length !== s.targets.length) cx.error('E0303', 'number of targets and values differ', s.span);
  const ws = s.targets.map((b, i) => {
    if (b.name === null) return null;
    const place = compilePlace(cx, { kind: 'Ident', name: b.name, span: b.span }, vs[i]?.t ?? ANY);
    if (place !== null && vs[i] !== undefined) cx.expect(place.t, vs[i].t, b.span);
    return place?.set ?? null;
  });
  const first = orig.map((c) => c.ev);
  return (f) => {
    const vals = spread ? ((first[0](f) as TupleVal).items) : first.map((e) => e(f));
    ws.forEach((w, i) => w?.(f, vals[i]));
    return NORMAL;
  };
}

