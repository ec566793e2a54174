// Small helpers for declaring built-in methods: compile the arguments, check
// the count, and build a closure over receiver and argument values.

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { compileExpr } from '../eval/expr';
import { valuesMaySuspend } from '../conc/analysis';
import type { Gen } from '../conc/runtime';
import { ANY, type Type } from '../types';

export type Ev = Compiled['ev'];

export interface MethodCall {
  cx: FnCtx;
  recv: Compiled;
  name: string;
  call: Call;
}

/** Compiles the arguments (with optional expected types) after checking their count. */
export function argsOf(m: MethodCall, counts: number[], expected: (Type | undefined)[] = []): Compiled[] | null {
  const n = m.call.args.length;
  if (!counts.includes(n)) {
    m.cx.error('E0303', `\`${m.name}\` takes ${counts.join(' or ')} argument(s) but ${n} were given`, m.call.span);
    m.call.args.forEach((a) => compileExpr(m.cx, a.value));
    return null;
  }
  return m.call.args.map((a, i) => compileExpr(m.cx, a.value, expected[i]));
}

export const BAD: Compiled = { t: ANY, ev: () => undefined };

/** A method's implementation in a generator, for one that calls function values (see `callsValues`). */
export type ImplG = (r: unknown, a: unknown[]) => Gen<unknown>;

/**
 * A method with a fixed arity whose implementation takes evaluated values.
 * `implG`, for methods that call function values, is used when one may
 * suspend (CONCURRENCY.md §12.4, conc/gen.ts).
 */
export function method(
  m: MethodCall, counts: number[], t: Type, impl: (r: unknown, a: unknown[]) => unknown, expected: (Type | undefined)[] = [], implG?: ImplG,
): Compiled {
  const args = argsOf(m, counts, expected);
  if (args === null) return BAD;
  const re = m.recv.ev;
  const evs = args.map((a) => a.ev);
  let c: Compiled;
  switch (evs.length) {
    case 0: c = { t, ev: (f) => impl(re(f), []) }; break;
    case 1: {
      const a0 = evs[0];
      c = { t, ev: (f) => impl(re(f), [a0(f)]) };
      break;
    }
    default: c = { t, ev: (f) => impl(re(f), evs.map((e) => e(f))) };
  }
  if (implG !== undefined && callsValues(m.cx)) c.gen = (f) => implG(re(f), evs.map((e) => e(f)));
  return c;
}

/** Whether a call of a function value here should take the value's suspendable form (conc/analysis.ts). */
export function callsValues(cx: FnCtx): boolean {
  return cx.suspends && valuesMaySuspend(cx.comp);
}
