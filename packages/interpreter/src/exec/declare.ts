// Declarations (§4.1): `var`/`const`/bare declarations, and destructuring
// of tuples and arrays into new names; each gets a generator form when its
// value may suspend (conc/gen.ts).

import type { DestructureDecl, VarDecl } from '@wyn/parser';
import { type Exec, type FnCtx, NORMAL, type VarInfo } from '../compile/context';
import { anyExprGen, type ExprGen, setGen, setLeaf, stmtLeaf, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';
import { arrayIndexPanic } from '../eval/index-expr';
import { compileExpr } from '../eval/expr';
import { writeRef } from '../eval/ident';
import type { TupleVal } from '../runtime/values';
import { isReservedName } from '../stdlib/builtins';
import { ANY, fresh, prune, type Type } from '../types';
import { refOf } from './assign';

export function compileVarDecl(cx: FnCtx, s: VarDecl): Exec {
  const annot = s.type === null ? null : cx.comp.resolveType(s.type, cx.typeParams, cx.mod);
  const v = cx.value(compileExpr(cx, s.value, annot ?? undefined), s.value);
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
  const e: Exec = (f) => {
    w(f, ev(f));
    return NORMAL;
  };
  const g = v.gen as ExprGen | undefined;
  if (g === undefined) return e;
  if (v.leaf !== undefined) {
    return setLeaf(e, stmtLeaf(v.leaf, (f, x) => {
      w(f, x);
      return NORMAL;
    }));
  }
  return setGen(e, function* (f): Gen<number> {
    w(f, yield* g(f));
    return NORMAL;
  });
}

/** `var (a, b) = t`, `var [a, b] = xs`, `var a, b = 1, 2` (§4.1). */
export function compileDestructure(cx: FnCtx, s: DestructureDecl): Exec {
  const names = s.binders.map((b) => b.name);
  if (s.shape === 'list' && s.values.length > 1) {
    const vs = s.values.map((v) => compileExpr(cx, v));
    if (vs.length !== names.length) cx.error('E0303', 'number of names and values differ', s.span);
    const ws = names.map((n, i) => (n === null ? null : writeRef(cx, refOf(cx.declare(n, vs[i]?.t ?? ANY, s.constant)))));
    const evs = vs.map((v) => v.ev);
    const e: Exec = (f) => {
      const vals = evs.map((e) => e(f));
      ws.forEach((w, i) => w?.(f, vals[i]));
      return NORMAL;
    };
    if (!anyExprGen(...vs)) return e;
    return setGen(e, function* (f): Gen<number> {
      const vals: unknown[] = [];
      for (const v of vs) vals.push(yield* valueOf(v, f));
      ws.forEach((w, i) => w?.(f, vals[i]));
      return NORMAL;
    });
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
  const store = (f: unknown[], x: unknown): number => {
    const items = Array.isArray(x) ? x : (x as TupleVal).items;
    if (Array.isArray(x) && x.length < n) arrayIndexPanic(site, x.length, x.length);
    ws.forEach((w, i) => w?.(f, items[i]));
    rest?.(f, items.slice(n));
    return NORMAL;
  };
  const e: Exec = (f) => store(f, ev(f));
  const g = v.gen as ExprGen | undefined;
  if (g === undefined) return e;
  if (v.leaf !== undefined) return setLeaf(e, stmtLeaf(v.leaf, store));
  return setGen(e, function* (f): Gen<number> {
    return store(f, yield* g(f));
  });
}

/** `a, b = b, a`: every value first, then the targets left to right (§4.1). */
