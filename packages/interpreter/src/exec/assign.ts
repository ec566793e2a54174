// Assignment (§5.1): plain, compound and ++/-- on places with a getter, a
// setter and a read-modify-write; a struct field write rebuilds the struct and
// stores it back into the place that held it (value semantics, §3.9).

import type { AssignStmt, Binary, Expr, IncDecStmt, MultiAssign, Span } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL, type Ref, type VarInfo } from '../compile/context';
import { arrayIndexPanic } from '../eval/index-expr';
import { binaryOf } from '../eval/binary';
import { compileExpr } from '../eval/expr';
import { readRef, writeRef } from '../eval/ident';
import { widen } from '../eval/call-args';
import { panicAt } from '../runtime/errors';
import { anyExprGen, type ExprGen, setGen, setLeaf, slotOf, stmtLeaf, valueOf } from '../conc/gen';
import { recording, replaying } from '../conc/strict-forms';
import type { Gen } from '../conc/runtime';
import * as I from '../runtime/int64';
import { StructVal, type TupleVal, type WMap } from '../runtime/values';
import { isReservedName } from '../stdlib/builtins';
import { ANY, INT, prune, STRING, type Type } from '../types';

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

export const refOf = (info: VarInfo): Ref => (info.global ? { k: 'global', slot: info.slot, info } : { k: 'local', slot: info.slot, info });

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
      const get = readRef(cx, r, target.span);
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
    const v = cx.value(compileExpr(cx, s.value, want), s.value);
    // The top-level statement a script global was declared ahead for: code below it reads an assigned variable.
    if (pre !== null && pre.info.declaredBy === s) pre.info.prescanned = false;
    const target = placeForms(cx, s.target, v.t);
    if (target === null) return () => NORMAL;
    const place = target.place;
    const value = (c: Compiled): Compiled['ev'] => (s.target.kind === 'Field' ? widen(cx, place.t, c, s.value.span) : c.ev);
    const ev = value(v);
    if (s.target.kind !== 'Field') cx.expect(place.t, v.t, s.value.span, 'mismatched types in assignment');
    const set = place.set;
    const e: Exec = (f) => {
      set(f, ev(f));
      return NORMAL;
    };
    return storeGen(cx, e, v, value, target);
  }
  const target = placeForms(cx, s.target, null);
  if (target === null) return () => NORMAL;
  const place = target.place;
  // The target is read once, through the place: a missing map key gets the
  // compound-assignment panic (§13.2), and its index is evaluated once. A
  // plain variable has neither concern and keeps the direct read (hot loops).
  let current: unknown;
  const plain = s.target.kind === 'Ident';
  const left: Compiled = { t: place.t, ev: plain ? place.get : () => current };
  const bin: Binary = { kind: 'Binary', op: s.op.slice(0, -1) as Binary['op'], left: s.target, right: s.value, span: s.span, opSpan: s.span };
  const right = compileExpr(cx, s.value);
  const v = binaryOf(cx, bin, left, right);
  const pt = prune(place.t);
  const widens = pt.k === 'float' && prune(v.t).k === 'int';
  const value = (c: Compiled): Compiled['ev'] => (widens ? widen(cx, place.t, c, s.span) : c.ev);
  const ev = value(v);
  if (!widens) cx.expect(place.t, v.t, s.span, 'mismatched types in compound assignment');
  let e: Exec;
  if (plain) {
    const set = place.set;
    e = (f) => {
      set(f, ev(f));
      return NORMAL;
    };
  } else {
    const modify = place.modify;
    // `current` and `frame` are read before the right operand runs, so a
    // recursive use of this statement in the right operand cannot disturb them.
    let frame: unknown[] = [];
    const update = (old: unknown): unknown => {
      current = old;
      return ev(frame);
    };
    e = (f) => {
      frame = f;
      modify(f, update);
      return NORMAL;
    };
  }
  return compoundGen(cx, e, { bin, left, right, ev, value, target, setCurrent: plain ? null : (x) => (current = x) });
}

/** A place, and when its operands contain a suspension point, the same place over slots and their filler (conc/gen.ts). */
interface PlaceForms { place: Place; slotted: { place: Place; fill: (f: unknown[]) => Gen<void> } | null }

function placeForms(cx: FnCtx, target: Expr, valueType: Type | null): PlaceForms | null {
  const { value: place, kids } = recording(cx, () => compilePlace(cx, target, valueType));
  if (place === null) return null;
  if (!anyExprGen(...kids)) return { place, slotted: null };
  const again = replaying(cx, kids, () => compilePlace(cx, target, valueType));
  if (again === null || again.value === null) return { place, slotted: null };
  return { place, slotted: { place: again.value, fill: again.fill } };
}

/**
 * The generator of `place = value` when either contains a suspension point:
 * the value first, then the place's operands, as the closure does. `value`
 * converts a compiled value for the place (widening), here over a slot.
 */
function storeGen(cx: FnCtx, e: Exec, v: Compiled, value: (c: Compiled) => Compiled['ev'], target: PlaceForms): Exec {
  const slotted = target.slotted;
  if (!anyExprGen(v) && slotted === null) return e;
  const { slot, read } = slotOf(cx, v.t);
  const conv = value(read);
  const set = slotted === null ? target.place.set : slotted.place.set;
  const fill = slotted?.fill;
  if (fill === undefined && v.leaf !== undefined) {
    return setLeaf(e, stmtLeaf(v.leaf, (f, x) => {
      f[slot] = x;
      set(f, conv(f));
      return NORMAL;
    }));
  }
  const g = v.gen as ExprGen | undefined;
  const ev = v.ev;
  return setGen(e, function* (f): Gen<number> {
    f[slot] = g === undefined ? ev(f) : yield* g(f);
    if (fill !== undefined) yield* fill(f);
    set(f, conv(f));
    return NORMAL;
  });
}

/**
 * The generator of `place op= value` when either contains a suspension
 * point, in the closure's order: the place's operands once, the old value,
 * then the right operand (suspending where it does), then the store.
 */
function compoundGen(
  cx: FnCtx,
  e: Exec,
  parts: { bin: Binary; left: Compiled; right: Compiled; ev: Compiled['ev']; value: (c: Compiled) => Compiled['ev']; target: PlaceForms; setCurrent: ((x: unknown) => void) | null },
): Exec {
  const { right, target, setCurrent } = parts;
  const slotted = target.slotted;
  const rg = right.gen as ExprGen | undefined;
  if (rg === undefined && slotted === null) return e;
  // Without a suspending right operand, the closure's own value computation serves.
  let conv = parts.ev;
  let rslot = -1;
  if (rg !== undefined) {
    const { slot, read } = slotOf(cx, right.t);
    rslot = slot;
    conv = parts.value(binaryOf(cx, parts.bin, parts.left, read));
  }
  const p = slotted === null ? target.place : slotted.place;
  const fill = slotted?.fill;
  return setGen(e, function* (f): Gen<number> {
    if (fill !== undefined) yield* fill(f);
    if (setCurrent !== null) setCurrent(p.get(f));
    if (rg !== undefined) f[rslot] = yield* rg(f);
    p.set(f, conv(f));
    return NORMAL;
  });
}

export function compileIncDec(cx: FnCtx, s: IncDecStmt): Exec {
  const target = placeForms(cx, s.target, null);
  if (target === null) return () => NORMAL;
  const place = target.place;
  cx.expect(INT, place.t, s.span, '`++`/`--` need an int');
  const d = s.op === '++' ? 1 : -1;
  let e: Exec;
  if (s.target.kind === 'Ident') {
    const { get, set } = place;
    e = (f) => {
      set(f, I.add(get(f) as I.Int, d));
      return NORMAL;
    };
  } else {
    const modify = place.modify;
    const step = (x: unknown): unknown => I.add(x as I.Int, d);
    e = (f) => {
      modify(f, step);
      return NORMAL;
    };
  }
  const slotted = target.slotted;
  if (slotted === null) return e;
  const { get: g2, set: s2 } = slotted.place;
  const fill = slotted.fill;
  // The place's operands are evaluated once, as the closure's modify does.
  return setGen(e, function* (f): Gen<number> {
    yield* fill(f);
    s2(f, I.add(g2(f) as I.Int, d));
    return NORMAL;
  });
}

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
  const e: Exec = (f) => {
    const vals = spread ? ((first[0](f) as TupleVal).items) : first.map((e) => e(f));
    ws.forEach((w, i) => w?.(f, vals[i]));
    return NORMAL;
  };
  if (!anyExprGen(...orig)) return e;
  return setGen(e, function* (f): Gen<number> {
    const got: unknown[] = [];
    for (const c of orig) got.push(yield* valueOf(c, f));
    const vals = spread ? (got[0] as TupleVal).items : got;
    ws.forEach((w, i) => w?.(f, vals[i]));
    return NORMAL;
  });
}

