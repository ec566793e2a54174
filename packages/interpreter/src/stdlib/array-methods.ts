// Array methods (LANGUAGE.md §11.4, STDLIB §6). Arrays are shared JS arrays;
// `reverse()` returns a copy, `sort()` sorts in place (stable).

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { widen } from '../eval/call-args';
import { compileExpr } from '../eval/expr';
import { clampSlice } from '../eval/index-expr';
import { compareValues, valueEquals } from '../runtime/equality';
import { display } from '../runtime/format';
import { panicAt } from '../runtime/errors';
import * as I from '../runtime/int64';
import type { FnVal } from '../runtime/values';
import { arrayOf, BOOL, FLOAT, fresh, INT, prune, STRING, type Type, unify, VOID } from '../types';
import { argsOf, BAD, callsValues, method, type MethodCall } from './helpers';
import { callValueG } from '../conc/gen';
import type { Gen } from '../conc/runtime';

const fnT = (params: Type[], ret: Type): Type => ({ k: 'fn', params, ret });

/**
 * The elements `map`, `filter`, `forEach`... visit, for the generator forms:
 * up to the length at the start, each read when its turn comes (a callback
 * may change the array).
 */
function* live(xs: unknown[]): Generator<unknown, void, void> {
  const n = xs.length;
  for (let i = 0; i < n; i++) if (i in xs) yield xs[i];
}

function zero(t: Type): unknown {
  switch (prune(t).k) {
    case 'int': return 0;
    case 'float': return 0;
    case 'string': return '';
    case 'bool': return false;
    default: return undefined;
  }
}

export function compileArrayMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call, _expected?: Type): Compiled | null {
  if (t.k !== 'array') return null;
  const el = t.el;
  const m: MethodCall = { cx, recv, name, call };
  const a = (r: unknown) => r as unknown[];
  const fv = (x: unknown) => x as FnVal;
  const site = { file: cx.file, span: call.span };
  const isFloat = () => prune(el).k === 'float';
  switch (name) {
    case 'len': return method(m, [0], INT, (r) => a(r).length);
    case 'is_empty': return method(m, [0], BOOL, (r) => a(r).length === 0);
    case 'push': {
      const args = argsOf(m, [1], [el]);
      if (args === null) return BAD;
      if (!unify(el, args[0].t) && !(prune(el).k === 'float' && prune(args[0].t).k === 'int')) cx.expect(el, args[0].t, call.span, 'pushed value has the wrong type');
      const v = widen(cx, el, args[0], call.span);
      const re = recv.ev;
      return { t: VOID, ev: (f) => { a(re(f)).push(v(f)); return undefined; } };
    }
    case 'pop': return method(m, [0], el, (r) => (a(r).length === 0 ? panicAt(site, 'E0903', 'pop from empty array') : a(r).pop()));
    case 'get': return method(m, [1], el, (r, [i]) => {
      const xs = a(r);
      const j = (i as number) < 0 ? (i as number) + xs.length : (i as number);
      if (j < 0 || j >= xs.length) panicAt(site, 'E0903', `array index out of bounds: index ${j}, length ${xs.length}`);
      return xs[j];
    });
    case 'first': return method(m, [0], el, (r) => (a(r).length > 0 ? a(r)[0] : zero(el)));
    case 'last': return method(m, [0], el, (r) => (a(r).length > 0 ? a(r)[a(r).length - 1] : zero(el)));
    case 'contains': return method(m, [1], BOOL, (r, [x]) => a(r).some((y) => valueEquals(x, y)), [el]);
    case 'index_of': return method(m, [1], INT, (r, [x]) => a(r).findIndex((y) => valueEquals(x, y)), [el]);
    case 'count': return method(m, [1], INT, (r, [x]) => a(r).filter((y) => valueEquals(x, y)).length, [el]);
    case 'clear': return method(m, [0], VOID, (r) => { a(r).length = 0; });
    case 'insert': return method(m, [2], VOID, (r, [i, x]) => {
      const xs = a(r);
      a(r).splice(Math.max(0, Math.min(i as number, xs.length)), 0, x);
    }, [INT, el]);
    case 'remove_at': return method(m, [1], VOID, (r, [i]) => {
      const xs = a(r);
      if ((i as number) >= 0 && (i as number) < xs.length) xs.splice(i as number, 1);
    });
    case 'slice': return method(m, [1, 2], t, (r, [x, y]) => {
      const [s, e] = clampSlice(a(r).length, x as number, y as number | undefined);
      return a(r).slice(s, e);
    });
    case 'take': return method(m, [1], t, (r, [n]) => ((n as number) <= 0 ? [] : a(r).slice(0, n as number)));
    case 'skip': return method(m, [1], t, (r, [n]) => a(r).slice(Math.max(0, n as number)));
    case 'concat': return method(m, [1], t, (r, [b]) => a(r).concat(b as unknown[]), [t]);
    case 'join': {
      const args = argsOf(m, [0, 1]);
      if (args === null) return BAD;
      const re = recv.ev;
      const se = args[0]?.ev;
      return { t: STRING, ev: (f) => a(re(f)).map((x) => display(x, el)).join(se === undefined ? '' : (se(f) as string)) };
    }
    case 'reverse': return method(m, [0], t, (r) => a(r).slice().reverse());
    case 'sort': return method(m, [0], VOID, (r) => { a(r).sort(compareValues); });
    case 'sorted': return method(m, [0], t, (r) => a(r).slice().sort(compareValues));
    case 'sort_by': return method(m, [1], t, (r, [k]) => {
      const keyed = a(r).map((x) => [fv(k).call([x]), x] as const);
      keyed.sort((p, q) => compareValues(p[0], q[0]));
      return keyed.map((p) => p[1]);
    }, [fnT([el], fresh())], function* (r, [k]) {
      const keyed: Array<readonly [unknown, unknown]> = [];
      for (const x of live(a(r))) keyed.push([yield* callValueG(fv(k), [x]), x]);
      keyed.sort((p, q) => compareValues(p[0], q[0]));
      return keyed.map((p) => p[1]);
    });
    case 'min_by': case 'max_by': return method(m, [1], el, (r, [k]) => {
      const xs = a(r);
      if (xs.length === 0) return zero(el);
      let best = xs[0];
      let bk = fv(k).call([best]);
      for (const x of xs.slice(1)) {
        const xk = fv(k).call([x]);
        const c = compareValues(xk, bk);
        if (name === 'min_by' ? c < 0 : c > 0) {
          best = x;
          bk = xk;
        }
      }
      return best;
    }, [fnT([el], fresh())], function* (r, [k]) {
      const xs = a(r);
      if (xs.length === 0) return zero(el);
      let best = xs[0];
      let bk = yield* callValueG(fv(k), [best]);
      for (const x of xs.slice(1)) {
        const xk = yield* callValueG(fv(k), [x]);
        const c = compareValues(xk, bk);
        if (name === 'min_by' ? c < 0 : c > 0) {
          best = x;
          bk = xk;
        }
      }
      return best;
    });
    case 'map': {
      const ret = fresh();
      const args = argsOf(m, [1], [fnT([el], ret)]);
      if (args === null) return BAD;
      const ft = prune(args[0].t);
      const out = ft.k === 'fn' ? ft.ret : ret;
      const re = recv.ev;
      const fe = args[0].ev;
      const c: Compiled = { t: arrayOf(out), ev: (f) => { const g = fv(fe(f)); return a(re(f)).map((x) => g.call([x])); } };
      if (callsValues(cx)) {
        c.gen = function* (f) {
          const g = fv(fe(f));
          const ys: unknown[] = [];
          for (const x of live(a(re(f)))) ys.push(yield* callValueG(g, [x]));
          return ys;
        };
      }
      return c;
    }
    case 'flat_map': {
      const ret = fresh();
      const args = argsOf(m, [1], [fnT([el], arrayOf(ret))]);
      if (args === null) return BAD;
      const re = recv.ev;
      const fe = args[0].ev;
      const c: Compiled = { t: arrayOf(ret), ev: (f) => { const g = fv(fe(f)); return a(re(f)).flatMap((x) => g.call([x]) as unknown[]); } };
      if (callsValues(cx)) {
        c.gen = function* (f) {
          const g = fv(fe(f));
          const ys: unknown[] = [];
          for (const x of live(a(re(f)))) ys.push(...((yield* callValueG(g, [x])) as unknown[]));
          return ys;
        };
      }
      return c;
    }
    case 'filter': return method(m, [1], t, (r, [g]) => a(r).filter((x) => fv(g).call([x])), [fnT([el], BOOL)], function* (r, [g]) {
      const ys: unknown[] = [];
      for (const x of live(a(r))) if (yield* callValueG(fv(g), [x])) ys.push(x);
      return ys;
    });
    case 'any': return method(m, [1], BOOL, (r, [g]) => a(r).some((x) => fv(g).call([x])), [fnT([el], BOOL)], function* (r, [g]) {
      for (const x of live(a(r))) if (yield* callValueG(fv(g), [x])) return true;
      return false;
    });
    case 'all': case 'every': return method(m, [1], BOOL, (r, [g]) => a(r).every((x) => fv(g).call([x])), [fnT([el], BOOL)], function* (r, [g]) {
      for (const x of live(a(r))) if (!(yield* callValueG(fv(g), [x]))) return false;
      return true;
    });
    case 'each': return method(m, [1], VOID, (r, [g]) => { a(r).forEach((x) => fv(g).call([x])); }, [fnT([el], fresh())], function* (r, [g]) {
      for (const x of live(a(r))) yield* callValueG(fv(g), [x]);
      return undefined;
    });
    case 'reduce': {
      if (call.args.length !== 2) return method(m, [2], el, () => undefined);
      // The initial value is compiled first whichever side it is on: its type is
      // the accumulator's, which an unannotated lambda needs for its body (§3.10).
      const fnFirst = call.args[0].value.kind === 'Lambda';
      const [fnArg, initArg] = fnFirst ? call.args : [call.args[1], call.args[0]];
      const initC = compileExpr(cx, initArg.value);
      const acc = initC.t;
      const fnC = compileExpr(cx, fnArg.value, fnT([acc, el], acc));
      cx.expect(fnT([acc, el], acc), fnC.t, fnArg.span, 'the reducer must take (accumulator, element) and return the accumulator');
      const re = recv.ev;
      const fe = fnC.ev;
      const ie = initC.ev;
      const c: Compiled = { t: initC.t, ev: (f) => { const g = fv(fe(f)); return a(re(f)).reduce((s, x) => g.call([s, x]), ie(f)); } };
      if (callsValues(cx)) {
        c.gen = function* (f): Gen<unknown> {
          const g = fv(fe(f));
          const xs = a(re(f));
          let s = ie(f);
          for (const x of live(xs)) s = yield* callValueG(g, [s, x]);
          return s;
        };
      }
      return c;
    }
    case 'flatten': {
      const inner = prune(el);
      return method(m, [0], inner.k === 'array' ? inner : t, (r) => a(r).flat(1));
    }
    case 'unique': return method(m, [0], t, (r) => {
      const out: unknown[] = [];
      for (const x of a(r)) if (!out.some((y) => valueEquals(x, y))) out.push(x);
      return out;
    });
    case 'sum': return method(m, [0], isFloat() ? FLOAT : INT, (r) =>
      isFloat() ? a(r).reduce((s: number, x) => s + (x as number), 0) : a(r).reduce((s: I.Int, x) => I.add(s, x as I.Int), 0));
    case 'min': case 'max': return method(m, [0], el, (r) => {
      const xs = a(r);
      if (xs.length === 0) return zero(el);
      return xs.reduce((p, q) => (name === 'min' ? (compareValues(q, p) < 0 ? q : p) : compareValues(q, p) > 0 ? q : p));
    });
    case 'average': return method(m, [0], FLOAT, (r) => (a(r).length === 0 ? 0 : a(r).reduce((s: number, x) => s + Number(x), 0) / a(r).length));
    default: return null;
  }
}
