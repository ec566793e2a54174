// The expression dispatcher: one case per AST kind, each delegating to the
// file of its node family (STYLE.md: one `evaluate` switch, `assertNever`).
// Every family returns a `Compiled` closure specialised by static type.

import type { Expr } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { norm } from '../runtime/int64';
import { fromUtf8, NONE, SomeVal } from '../runtime/values';
import { BOOL, FLOAT, fresh, INT, STRING, type Type } from '../types';
import { compileBinary, compileUnary } from './binary';
import { compileCall } from './call';
import { compileArrayLit, compileComprehension, compileMapLit, compileStructLit, compileTupleLit } from './collections';
import { compileIfExpr, compileTernary } from './conditional';
import { compileField, compileOptionalField } from './field';
import { compileIdent } from './ident';
import { compileIndex, compileSlice } from './index-expr';
import { compileInterpolation } from './interpolation';
import { compileLambda } from './lambda';
import { compileMatchExpr } from './match-expr';
import { compileTry } from './try-expr';
import { compileAwait, compileSpawn } from '../conc/compile';
import { compileForms } from '../conc/strict-forms';

export function assertNever(x: never): never {
  throw new Error(`unexpected node ${JSON.stringify((x as { kind?: string }).kind)}`);
}

/** Compiles `e`; `expected` guides inference of lambdas and empty literals. */
export function compileExpr(cx: FnCtx, e: Expr, expected?: Type): Compiled {
  if (!cx.suspends) {
    // Whoever runs code that cannot suspend blocks at its suspension points (main pumps, §12.4).
    const c = compileNode(cx, e, expected);
    return c.gen === undefined ? c : { t: c.t, ev: c.ev };
  }
  // CONCURRENCY.md §12.4: in a body that may suspend, a node containing a
  // suspension point also gets a generator form (conc/gen.ts). Conditional
  // nodes compose theirs by hand, so that what does not run does not suspend.
  const strict = !(CONDITIONAL.has(e.kind) || (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or' || e.op === '??')));
  return compileForms(cx, strict, () => compileNode(cx, e, expected));
}

const CONDITIONAL = new Set(['IfExpr', 'Ternary', 'MatchExpr', 'Comprehension', 'Lambda']);

function compileNode(cx: FnCtx, e: Expr, expected?: Type): Compiled {
  switch (e.kind) {
    case 'IntLit': {
      const v = norm(e.value);
      return { t: INT, ev: () => v };
    }
    case 'FloatLit': {
      const v = e.value;
      return { t: FLOAT, ev: () => v };
    }
    case 'StringLit': {
      const v = fromUtf8(e.value);
      return { t: STRING, ev: () => v };
    }
    case 'BoolLit': {
      const v = e.value;
      return { t: BOOL, ev: () => v };
    }
    case 'NoneLit':
      // `var none = []` (conformance 512) declares a variable that bare `none` then names.
      if (cx.mod.source.text.slice(e.span.start, e.span.end) === 'none' && cx.lookup('none') !== null) return compileIdent(cx, { kind: 'Ident', name: 'none', span: e.span }, expected);
      return { t: { k: 'option', inner: fresh() }, ev: () => NONE };
    case 'SomeExpr': {
      const inner = expected?.k === 'option' ? expected.inner : undefined;
      const v = compileExpr(cx, e.value, inner);
      const ev = v.ev;
      return { t: { k: 'option', inner: v.t }, ev: (f) => new SomeVal(ev(f)) };
    }
    case 'InterpolatedString': return compileInterpolation(cx, e);
    case 'Ident': return compileIdent(cx, e, expected);
    case 'ArrayLit': return compileArrayLit(cx, e, expected);
    case 'Comprehension': return compileComprehension(cx, e);
    case 'MapLit': return compileMapLit(cx, e, expected);
    case 'TupleLit': return compileTupleLit(cx, e);
    case 'StructLit': return compileStructLit(cx, e);
    case 'Lambda': return compileLambda(cx, e, expected);
    case 'IfExpr': return compileIfExpr(cx, e, expected);
    case 'Ternary': return compileTernary(cx, e, expected);
    case 'MatchExpr': return compileMatchExpr(cx, e, expected);
    case 'Binary': return compileBinary(cx, e);
    case 'Unary': return compileUnary(cx, e);
    case 'Call': return compileCall(cx, e, expected);
    case 'Index': return compileIndex(cx, e);
    case 'Slice': return compileSlice(cx, e);
    case 'Field': return compileField(cx, e);
    case 'OptionalField': return compileOptionalField(cx, e);
    case 'TryExpr': return compileTry(cx, e);
    case 'AwaitExpr': return compileAwait(cx, e.operand);
    case 'SpawnExpr': return compileSpawn(cx, e, true);
    default:
      return assertNever(e);
  }
}
