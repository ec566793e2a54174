// Binary and unary operators (§6.1–§6.6, §6.8). Operand types pick the
// closure at compile time: int ops use the int64 fast path, float ops plain
// JS arithmetic. When inference leaves an operand unknown until later
// (an unconstrained lambda parameter), the choice is made on first run.

import type { Binary, Unary } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { compareValues, valueEquals } from '../runtime/equality';
import { panicAt, type Site } from '../runtime/errors';
import { dynamicText as displayText } from '../runtime/format';
import * as I from '../runtime/int64';
import { ANY, BOOL, FLOAT, fresh, INT, intOfChan, prune, STRING, type Type, unify } from '../types';
import { compileExpr } from './expr';
import { truthy } from './conditional';
import { SomeVal, WMap } from '../runtime/values';
import { anyExprGen, valueOf } from '../conc/gen';

type Ev = Compiled['ev'];
type Fn2 = (a: unknown, b: unknown) => unknown;
const MAX = Number.MAX_SAFE_INTEGER;

export function compileBinary(cx: FnCtx, e: Binary): Compiled {
  const op = e.op;
  if (op === 'and' || op === 'or') {
    const l = compileExpr(cx, e.left);
    const r = compileExpr(cx, e.right);
    const lc = truthy(cx, l, e.left.span);
    const rc = truthy(cx, r, e.right.span);
    const le = lc.ev;
    const re = rc.ev;
    const out: Compiled = op === 'and' ? { t: BOOL, ev: (f) => le(f) && re(f) } : { t: BOOL, ev: (f) => le(f) || re(f) };
    // The right operand runs, and suspends, only when the left one does not decide (§6.5).
    if (anyExprGen(lc, rc)) {
      const and = op === 'and';
      out.gen = function* (f) {
        const a = yield* valueOf<boolean>(lc, f);
        if (and ? !a : a) return a;
        return yield* valueOf<boolean>(rc, f);
      };
    }
    return out;
  }
  if (op === '??') {
    const l = compileExpr(cx, e.left);
    const inner = fresh();
    cx.expect({ k: 'option', inner }, l.t, e.left.span);
    const r = compileExpr(cx, e.right, inner);
    cx.expect(inner, r.t, e.right.span);
    const le = l.ev;
    const re = r.ev;
    const out: Compiled = { t: inner, ev: (f) => { const o = le(f); return o instanceof SomeVal ? o.v : re(f); } };
    if (anyExprGen(l, r)) {
      out.gen = function* (f) {
        const o = yield* valueOf(l, f);
        return o instanceof SomeVal ? o.v : yield* valueOf(r, f);
      };
    }
    return out;
  }
  return binaryOf(cx, e, compileExpr(cx, e.left), compileExpr(cx, e.right));
}

/** An arithmetic, comparison or membership operator over operands already compiled (`x op= e` reads x itself). */
export function binaryOf(cx: FnCtx, e: Binary, l: Compiled, r: Compiled): Compiled {
  const op = e.op;
  const site: Site = { file: cx.file, span: e.span };
  if (op === 'in' || op === 'not in') return membership(cx, e, l, r, op === 'not in');
  let lt = prune(l.t);
  let rt = prune(r.t);
  // An unknown operand takes the other operand's type (`(n) => n + x`); `n + ch` makes `n` an int, not a channel (§7.1).
  if (lt.k === 'var' && rt.k !== 'var' && !(rt.k === 'string' && (op === '*'))) unify(lt, intOfChan(rt));
  if (rt.k === 'var' && lt.k !== 'var' && !(lt.k === 'string' && (op === '+' || op === '*'))) unify(rt, intOfChan(lt));
  if (lt.k === 'var' && rt.k === 'var') unify(lt, rt);
  lt = prune(l.t);
  rt = prune(r.t);
  const le = l.ev;
  const re = r.ev;
  if (lt.k === 'var' || rt.k === 'var') {
    // Decided on first evaluation, once inference has finished.
    let impl: Ev | null = null;
    const t = isCompare(op) ? BOOL : l.t;
    return {
      t,
      ev: (f) => {
        if (impl === null) impl = pickBinary(cx, op, prune(l.t), prune(r.t), le, re, site, false).ev;
        return impl(f);
      },
    };
  }
  return pickBinary(cx, op, lt, rt, le, re, site, true, e);
}

function isCompare(op: string): boolean {
  return op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
}

function pickBinary(cx: FnCtx, op: Binary['op'], lt: Type, rt: Type, le: Ev, re: Ev, site: Site, report: boolean, e?: Binary): Compiled {
  const bad = (): Compiled => {
    if (report && e !== undefined && lt.k !== 'any' && rt.k !== 'any') {
      cx.error('E0306', `operator \`${op}\` cannot be applied to \`${lt.k}\` and \`${rt.k}\``, e.opSpan);
    }
    return { t: ANY, ev: dynamicOp(op, le, re, site) };
  };
  const ints = lt.k === 'int' && rt.k === 'int';
  const nums = (lt.k === 'int' || lt.k === 'float') && (rt.k === 'int' || rt.k === 'float');
  if (isCompare(op)) {
    if (op === '==' || op === '!=') {
      const comparable = nums || lt.k === rt.k || lt.k === 'any' || rt.k === 'any' || lt.k === 'trait' || rt.k === 'trait';
      if (!comparable || lt.k === 'array' || (report && lt.k === 'struct' && rt.k === 'struct' && lt.def !== rt.def)) return badCompare(cx, op, lt, rt, report, e);
      if (ints || lt.k === 'string' || lt.k === 'bool') return op === '==' ? { t: BOOL, ev: (f) => le(f) === re(f) } : { t: BOOL, ev: (f) => le(f) !== re(f) };
      if (nums) return op === '==' ? { t: BOOL, ev: (f) => Number(le(f)) === Number(re(f)) } : { t: BOOL, ev: (f) => Number(le(f)) !== Number(re(f)) };
      return op === '==' ? { t: BOOL, ev: (f) => valueEquals(le(f), re(f)) } : { t: BOOL, ev: (f) => !valueEquals(le(f), re(f)) };
    }
    if (!(nums || (lt.k === 'string' && rt.k === 'string') || lt.k === 'any' || rt.k === 'any')) return badCompare(cx, op, lt, rt, report, e);
    switch (op) {
      case '<': return { t: BOOL, ev: (f) => (le(f) as number) < (re(f) as number) };
      case '<=': return { t: BOOL, ev: (f) => (le(f) as number) <= (re(f) as number) };
      case '>': return { t: BOOL, ev: (f) => (le(f) as number) > (re(f) as number) };
      default: return { t: BOOL, ev: (f) => (le(f) as number) >= (re(f) as number) };
    }
  }
  if (ints) return { t: INT, ev: intOp(op, le, re, site) };
  if (nums) {
    if (op === '&' || op === '|' || op === '^' || op === '<<' || op === '>>') return bad();
    const fl = lt.k === 'int' ? (f: unknown[]) => Number(le(f)) : (le as (f: unknown[]) => number);
    const fr = rt.k === 'int' ? (f: unknown[]) => Number(re(f)) : (re as (f: unknown[]) => number);
    switch (op) {
      case '+': return { t: FLOAT, ev: (f) => fl(f) + fr(f) };
      case '-': return { t: FLOAT, ev: (f) => fl(f) - fr(f) };
      case '*': return { t: FLOAT, ev: (f) => fl(f) * fr(f) };
      case '/': return { t: FLOAT, ev: (f) => fl(f) / fr(f) };
      case '%': return { t: FLOAT, ev: (f) => fl(f) % fr(f) };
    }
  }
  if (op === '+' && lt.k === 'string' && rt.k === 'string') return { t: STRING, ev: (f) => (le(f) as string) + (re(f) as string) };
  if (op === '+' && lt.k === 'string' && rt.k === 'int') return { t: STRING, ev: (f) => (le(f) as string) + String(re(f)) };
  if (op === '+' && lt.k === 'int' && rt.k === 'string') return { t: STRING, ev: (f) => String(le(f)) + (re(f) as string) };
  if (op === '*' && lt.k === 'string' && rt.k === 'int') return { t: STRING, ev: (f) => repeat(le(f) as string, re(f) as number) };
  if (lt.k === 'any' || rt.k === 'any') return { t: lt.k === 'any' ? rt : lt, ev: dynamicOp(op, le, re, site) };
  return bad();
}

function badCompare(cx: FnCtx, op: string, lt: Type, rt: Type, report: boolean, e?: Binary): Compiled {
  if (report && e !== undefined) cx.error('E0307', `cannot compare \`${lt.k}\` with \`${rt.k}\` using \`${op}\``, e.opSpan);
  return { t: BOOL, ev: () => false };
}

export function repeat(s: string, n: number): string {
  return n <= 0 ? '' : s.repeat(n);
}

/** 64-bit int operators; the common cases inline the safe-integer fast path (§3.2). */
function intOp(op: Binary['op'], le: Ev, re: Ev, site: Site): Ev {
  switch (op) {
    case '+':
      return (f) => {
        const a = le(f);
        const b = re(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const s = a + b;
          if (s <= MAX && s >= -MAX) return s;
        }
        return I.add(a as I.Int, b as I.Int);
      };
    case '-':
      return (f) => {
        const a = le(f);
        const b = re(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const s = a - b;
          if (s <= MAX && s >= -MAX) return s;
        }
        return I.sub(a as I.Int, b as I.Int);
      };
    case '*': return (f) => I.mul(le(f) as I.Int, re(f) as I.Int);
    case '/':
      return (f) => {
        const a = le(f) as I.Int;
        const b = re(f) as I.Int;
        if (b === 0) panicAt(site, 'E0901', 'division by zero');
        return I.div(a, b);
      };
    case '%':
      return (f) => {
        const a = le(f) as I.Int;
        const b = re(f) as I.Int;
        if (b === 0) panicAt(site, 'E0902', 'modulo by zero');
        return I.mod(a, b);
      };
    case '&': return (f) => I.bitAnd(le(f) as I.Int, re(f) as I.Int);
    case '|': return (f) => I.bitOr(le(f) as I.Int, re(f) as I.Int);
    case '^': return (f) => I.bitXor(le(f) as I.Int, re(f) as I.Int);
    case '<<': return (f) => I.shl(le(f) as I.Int, re(f) as I.Int);
    case '>>': return (f) => I.shr(le(f) as I.Int, re(f) as I.Int);
    default: return () => undefined;
  }
}

/** Fallback when a type is only known at run time (generic slots typed `any`). */
function dynamicOp(op: Binary['op'], le: Ev, re: Ev, site: Site): Ev {
  // Over the operands' values: evaluating them again would repeat their side effects.
  const ints = intOp(op, (p) => p[0], (p) => p[1], site);
  const fn: Fn2 = (a, b) => {
    switch (op) {
      case '+': return typeof a === 'string' || typeof b === 'string' ? displayText(a) + displayText(b) : (a as number) + (b as number);
      case '-': return (a as number) - (b as number);
      case '*': return typeof a === 'string' ? repeat(a, b as number) : (a as number) * (b as number);
      case '/': return (a as number) / (b as number);
      case '==': return valueEquals(a, b);
      case '!=': return !valueEquals(a, b);
      case '<': return compareValues(a, b) < 0;
      case '<=': return compareValues(a, b) <= 0;
      case '>': return compareValues(a, b) > 0;
      case '>=': return compareValues(a, b) >= 0;
      default: return (a as number) % (b as number);
    }
  };
  return (f) => {
    const a = le(f);
    const b = re(f);
    if (Number.isInteger(a) && Number.isInteger(b) && !isCompare(op)) return ints([a, b]);
    return fn(a, b);
  };
}

function membership(cx: FnCtx, e: Binary, l: Compiled, r: Compiled, negate: boolean): Compiled {
  const ct = prune(r.t);
  const le = l.ev;
  const re = r.ev;
  let test: (f: unknown[]) => boolean;
  if (ct.k === 'string') {
    cx.expect(STRING, l.t, e.left.span);
    test = (f) => (re(f) as string).includes(le(f) as string);
  } else if (ct.k === 'map') {
    cx.expect(STRING, l.t, e.left.span);
    test = (f) => (re(f) as WMap).has(le(f) as string);
  } else if (ct.k === 'array') {
    cx.expect(ct.el, l.t, e.left.span);
    test = (f) => {
      const x = le(f);
      return (re(f) as unknown[]).some((y) => valueEquals(x, y));
    };
  } else {
    if (ct.k !== 'var' && ct.k !== 'any') cx.error('E0306', '`in` needs an array, a map or a string on the right', e.right.span);
    test = () => false;
  }
  return negate ? { t: BOOL, ev: (f) => !test(f) } : { t: BOOL, ev: test };
}

export function compileUnary(cx: FnCtx, e: Unary): Compiled {
  const v = compileExpr(cx, e.operand);
  const ev = v.ev;
  const t = prune(v.t);
  switch (e.op) {
    case 'not': {
      const c = truthy(cx, v, e.operand.span).ev;
      return { t: BOOL, ev: (f) => !c(f) };
    }
    case '~':
      cx.expect(INT, v.t, e.operand.span);
      return { t: INT, ev: (f) => I.bitNot(ev(f) as I.Int) };
    case '-':
      if (t.k === 'float') return { t: FLOAT, ev: (f) => -(ev(f) as number) };
      if (t.k === 'int') return { t: INT, ev: (f) => I.neg(ev(f) as I.Int) };
      if (t.k !== 'var' && t.k !== 'any') cx.error('E0306', `cannot negate a \`${t.k}\``, e.span);
      return { t: v.t, ev: (f) => { const x = ev(f); return typeof x === 'number' ? -x : I.neg(x as I.Int); } };
  }
}

