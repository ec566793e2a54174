// Call arguments (§3.10, §4.3.2): ordering positional and named arguments by
// parameter, arguments left to their defaults, and the int→float widening of
// an argument to its parameter type. Apart from eval/call.ts because they are
// compile-time only and shared: builtins, methods, channel operations and
// statements (return, assignment) bind or widen arguments the same way.

import type { Arg, Expr, Span } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import type { FnDef } from '../program';
import { toFloat, type Int } from '../runtime/int64';
import { ANY, prune, type Type, unify } from '../types';

/** Coerces an argument to its parameter type: the one widening Wyn has (§3.10). */
export function widen(cx: FnCtx, want: Type, arg: Compiled, span: Span): Compiled['ev'] {
  const w = prune(want);
  const g = prune(arg.t);
  if (w.k === 'float' && g.k === 'int') {
    const ev = arg.ev;
    return (f) => toFloat(ev(f) as Int);
  }
  // `return v` / arguments of type T where T? is expected wrap automatically (§5.6).
  cx.expect(want, arg.t, span, 'mismatched argument');
  return arg.ev;
}

/** Orders call arguments by parameter: positional first, then named (§4.3.2). */
export function bindArgs(
  cx: FnCtx, def: FnDef, args: Arg[], span: Span, skipSelf: boolean,
): (Expr | null)[] | null {
  const params = def.decl.params.slice(skipSelf ? 1 : 0);
  const out: (Expr | null)[] = params.map(() => null);
  let pos = 0;
  for (const a of args) {
    if (a.name === null) {
      if (pos >= params.length) {
        cx.error('E0303', `\`${def.name}\` takes ${params.length} argument(s) but more were given`, span);
        return null;
      }
      out[pos++] = a.value;
    } else {
      const i = params.findIndex((p) => p.name === a.name);
      if (i < 0 || out[i] !== null) {
        cx.error('E0303', `\`${def.name}\` has no parameter \`${a.name}\` (or it was given twice)`, a.span);
        return null;
      }
      out[i] = a.value;
    }
  }
  for (let i = 0; i < params.length; i++) {
    if (out[i] === null && params[i].defaultValue === null) {
      cx.error('E0303', `missing argument \`${params[i].name}\` in call to \`${def.name}\``, span);
      return null;
    }
  }
  return out;
}

/** int arguments may fill float-typed generic slots; do not let that fail inference. */
export function unifyLoose(pt: Type, at: Type): void {
  const p = prune(pt);
  if (p.k === 'float' && prune(at).k === 'int') return;
  unify(pt, at);
}

/**
 * An argument left to its default (§4.3.2). The default is evaluated by the
 * callee, in its own scope: it may name the callee's earlier parameters and
 * its module's constants, which the caller may not see.
 */
export const OMITTED: Compiled = { t: ANY, ev: () => undefined };
