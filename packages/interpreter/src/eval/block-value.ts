// A block used as a value (if-expression branches, match-expression arms,
// §6.7, §7.1): its statements run, then its last expression statement is the value.

import type { Block, Expr } from '@wyn/parser';
import { type Compiled, type FnCtx, NORMAL } from '../compile/context';
import { anyExprGen, anyGen, step, valueOf } from '../conc/gen';
import { compileStmts } from '../exec/stmt';
import { type Type, VOID } from '../types';
import { compileExpr } from './expr';

export function compileBlockValue(cx: FnCtx, b: Block, expected?: Type): Compiled {
  cx.pushScope();
  const body = b.body;
  const last = body[body.length - 1];
  if (last === undefined || last.kind !== 'ExprStmt') {
    const run = compileStmts(cx, body);
    cx.popScope();
    const out: Compiled = { t: VOID, ev: (f) => { run(f); return undefined; } };
    if (anyGen(run)) {
      out.gen = function* (f) {
        yield* step(run, f);
        return undefined;
      };
    }
    return out;
  }
  const run = body.length > 1 ? compileStmts(cx, body.slice(0, -1)) : null;
  const v = compileExpr(cx, last.expr as Expr, expected);
  cx.popScope();
  const ev = v.ev;
  if (run === null) return v;
  const out: Compiled = {
    t: v.t,
    ev: (f) => {
      // A `return`/`break` inside a value block is not supported by the reference either.
      if (run(f) !== NORMAL) return undefined;
      return ev(f);
    },
  };
  if (anyGen(run) || anyExprGen(v)) {
    out.gen = function* (f) {
      if ((yield* step(run, f)) !== NORMAL) return undefined;
      return yield* valueOf(v, f);
    };
  }
  return out;
}
