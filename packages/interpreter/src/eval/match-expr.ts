// `match` (§7): arms tried top to bottom, pattern then guard. Both forms share
// the arm compiler; the expression form requires exhaustiveness (§7.3) and
// panics if a value still reaches it unmatched.

import type { Expr, ExprArm, MatchExpr, MatchStmt, Pattern, Span, StmtArm } from '@wyn/parser';
import { type Compiled, type Exec, type FnCtx, NORMAL } from '../compile/context';
import { panicAt } from '../runtime/errors';
import { ANY, prune, type Type, unify } from '../types';
import { compileBlockValue } from './block-value';
import { compileCondition, type Cond } from './conditional';
import { compileExpr } from './expr';
import { compilePattern, type Test } from './pattern';
import { compileStmt } from '../exec/stmt';
import { anyExprGen, anyGen, setGen, step, valueOf } from '../conc/gen';
import type { Gen } from '../conc/runtime';

interface ArmC<B> { test: Test; guard: Cond | null; body: B }

function isCatchAll(p: Pattern, subject: Type): boolean {
  if (p.kind === 'WildcardPattern') return true;
  if (p.kind === 'NamePattern') {
    const st = prune(subject);
    return !(st.k === 'enum' && st.def.variantIndex(p.name) >= 0) && p.name !== 'None' && p.name !== 'none';
  }
  if (p.kind === 'OrPattern') return p.alternatives.some((a) => isCatchAll(a, subject));
  if (p.kind === 'StructPattern') return p.fields.every((f) => f.pattern === null || isCatchAll(f.pattern, subject));
  return false;
}

/** The names of what an unguarded set of arms leaves uncovered, or null when exhaustive (§7.3). */
function missingCases(arms: { pattern: Pattern; guard: Expr | null }[], subject: Type, exprForm: boolean): string | null {
  const st = prune(subject);
  const open = arms.filter((a) => a.guard === null);
  if (open.some((a) => isCatchAll(a.pattern, subject))) return null;
  const covered = new Set<string>();
  const collect = (p: Pattern): void => {
    if (p.kind === 'OrPattern') p.alternatives.forEach(collect);
    else if (p.kind === 'NamePattern' || p.kind === 'VariantPattern') covered.add(p.name);
    else if (p.kind === 'SomePattern') covered.add('Some');
    else if (p.kind === 'NonePattern') covered.add('None');
  };
  open.forEach((a) => collect(a.pattern));
  if (st.k === 'enum') {
    const missing = st.def.variants.filter((v) => !covered.has(v.name)).map((v) => v.name);
    return missing.length > 0 ? `variant \`${missing[0]}\` of \`${st.def.name}\` is not handled` : null;
  }
  if (!exprForm) return null;
  if (st.k === 'option') return covered.has('Some') && (covered.has('None') || covered.has('none')) ? null : 'both `Some` and `None` must be handled';
  if (st.k === 'result') return covered.has('Ok') && covered.has('Err') ? null : 'both `Ok` and `Err` must be handled';
  if (st.k === 'bool') return covered.has('true') && covered.has('false') ? null : null;
  if (st.k === 'int' || st.k === 'string' || st.k === 'float') return `a match on ${st.k === 'int' ? 'an int' : 'a ' + st.k} must end with a wildcard '_ =>' arm`;
  return null;
}

function compileArms<A extends ExprArm | StmtArm, B>(
  cx: FnCtx, arms: A[], subject: Type, body: (a: A) => B,
): ArmC<B>[] {
  return arms.map((a) => {
    cx.pushScope();
    const test = compilePattern(cx, a.pattern, subject);
    const guard = a.guard === null ? null : compileCondition(cx, a.guard);
    const b = body(a);
    cx.popScope();
    return { test, guard, body: b };
  });
}

function checkExhaustive(cx: FnCtx, arms: (ExprArm | StmtArm)[], subject: Type, exprForm: boolean, span: Span): void {
  const missing = missingCases(arms, subject, exprForm);
  if (missing !== null) cx.error('E0401', `non-exhaustive match - ${missing}`, span);
}

export function compileMatchExpr(cx: FnCtx, e: MatchExpr, expected?: Type): Compiled {
  const subj = compileExpr(cx, e.subject);
  let t: Type | null = expected ?? null;
  const arms = compileArms(cx, e.arms, subj.t, (a) => {
    const c = a.body.kind === 'Block' ? compileBlockValue(cx, a.body, t ?? undefined) : compileExpr(cx, a.body as Expr, t ?? undefined);
    if (t === null) t = c.t;
    else if (!unify(t, c.t)) cx.expect(t, c.t, a.body.span, 'match arms have different types');
    return c;
  });
  checkExhaustive(cx, e.arms, subj.t, true, e.span);
  const se = subj.ev;
  const plain = arms.map((a) => ({ test: a.test, guard: a.guard?.ev ?? null, body: a.body.ev }));
  const site = { file: cx.file, span: e.span };
  const out: Compiled = {
    t: t ?? ANY,
    ev: (f) => {
      const v = se(f);
      for (let i = 0; i < plain.length; i++) {
        const a = plain[i];
        if (a.test(v, f) && (a.guard === null || a.guard(f))) return a.body(f);
      }
      return panicAt(site, 'E0906', 'no match arm matched the value');
    },
  };
  if (!anyExprGen(subj, ...arms.flatMap((a) => [a.guard, a.body]))) return out;
  // The subject, then each arm's guard in turn and the chosen body, each suspending where it does (§7.1).
  out.gen = function* (f) {
    const v = yield* valueOf(subj, f);
    for (let i = 0; i < arms.length; i++) {
      const a = arms[i];
      if (a.test(v, f) && (a.guard === null || (yield* valueOf<boolean>(a.guard, f)))) return yield* valueOf(a.body, f);
    }
    return panicAt(site, 'E0906', 'no match arm matched the value');
  };
  return out;
}

export function compileMatchStmt(cx: FnCtx, s: MatchStmt): Exec {
  const subj = compileExpr(cx, s.subject);
  const arms = compileArms(cx, s.arms, subj.t, (a) => compileStmt(cx, a.body));
  checkExhaustive(cx, s.arms, subj.t, false, s.span);
  const se = subj.ev;
  const plain = arms.map((a) => ({ test: a.test, guard: a.guard?.ev ?? null, body: a.body }));
  const e: Exec = (f) => {
    const v = se(f);
    for (let i = 0; i < plain.length; i++) {
      const a = plain[i];
      if (a.test(v, f) && (a.guard === null || a.guard(f))) return a.body(f);
    }
    return NORMAL;
  };
  if (!anyGen(...arms.map((a) => a.body)) && !anyExprGen(subj, ...arms.map((a) => a.guard))) return e;
  // An arm that may suspend parks the task (CONCURRENCY.md §12.4).
  return setGen(e, function* (f): Gen<number> {
    const v = yield* valueOf(subj, f);
    for (let i = 0; i < arms.length; i++) {
      const a = arms[i];
      if (a.test(v, f) && (a.guard === null || (yield* valueOf<boolean>(a.guard, f)))) return yield* step(a.body, f);
    }
    return NORMAL;
  });
}
