// The statement dispatcher (§5). A compiled statement returns its completion:
// NORMAL, BREAK, CONTINUE or RETURN (value in `rt.ret`), so loops and returns
// need no exceptions.

import type { Stmt } from '@wyn/parser';
import { BREAK, CONTINUE, type Exec, type FnCtx, NORMAL } from '../compile/context';
import { compileCondition } from '../eval/conditional';
import { assertNever, compileExpr } from '../eval/expr';
import { compileMatchStmt } from '../eval/match-expr';
import { compilePattern } from '../eval/pattern';
import { compileAssign, compileIncDec, compileMultiAssign } from './assign';
import { compileDestructure, compileVarDecl } from './declare';
import { compileCFor, compileWhile } from './cond-loops';
import { compileFor } from './loops';
import { compileDefer, compileReturn } from './return-stmt';
import { compileSpawn } from '../conc/compile';
import { anyExprGen, anyGen, type ExprGen, genOf, ifLeaf, setGen, setLeaf, stmtLeaf, suspendableSeq } from '../conc/gen';
import { compileForms } from '../conc/strict-forms';
import type { Gen } from '../conc/runtime';
import { compileSelect } from '../conc/select';
import { expandParallel } from '../conc/parallel';

export function compileStmts(cx: FnCtx, stmts: readonly Stmt[]): Exec {
  const execs = stmts.map((s) => compileStmt(cx, s)).filter((e) => e !== null) as Exec[];
  if (execs.length === 1) return execs[0];
  return suspendableSeq(cx, sequence(execs), execs, NORMAL);
}

function sequence(execs: Exec[]): Exec {
  switch (execs.length) {
    case 0: return () => NORMAL;
    case 1: return execs[0];
    case 2: {
      const [a, b] = execs;
      return (f) => {
        const c = a(f);
        return c !== NORMAL ? c : b(f);
      };
    }
    default:
      return (f) => {
        for (let i = 0; i < execs.length; i++) {
          const c = execs[i](f);
          if (c !== NORMAL) return c;
        }
        return NORMAL;
      };
  }
}

export function compileBlock(cx: FnCtx, stmts: readonly Stmt[]): Exec {
  cx.pushScope();
  const e = compileStmts(cx, stmts);
  cx.popScope();
  return e;
}

/** A braceless body is one statement with its own scope, like a block (§5.2). */
export function compileBody(cx: FnCtx, s: Stmt): Exec {
  return s.kind === 'Block' ? compileBlock(cx, s.body) : compileBlock(cx, [s]);
}

export function compileStmt(cx: FnCtx, s: Stmt): Exec {
  // A statement is no operand of the expression around it (a block value's statements, conc/gen.ts).
  const kids = cx.kids;
  cx.kids = null;
  try {
    return compileNode(cx, s);
  } finally {
    cx.kids = kids;
  }
}

function compileNode(cx: FnCtx, s: Stmt): Exec {
  switch (s.kind) {
    case 'ExprStmt': {
      // A spawn whose value nobody uses is fire-and-forget (CONCURRENCY.md §2.1).
      const x = s.expr;
      const c = x.kind === 'SpawnExpr' ? compileForms(cx, true, () => compileSpawn(cx, x, false)) : compileExpr(cx, x);
      const ev = c.ev;
      const e: Exec = (f) => {
        ev(f);
        return NORMAL;
      };
      const g = c.gen as ExprGen | undefined;
      if (g === undefined) return e;
      if (c.leaf !== undefined) return setLeaf(e, stmtLeaf(c.leaf, () => NORMAL));
      return setGen(e, function* (f): Gen<number> {
        yield* g(f);
        return NORMAL;
      });
    }
    case 'AssignStmt': return compileAssign(cx, s);
    case 'IncDecStmt': return compileIncDec(cx, s);
    case 'VarDecl': return compileVarDecl(cx, s);
    case 'DestructureDecl': return compileDestructure(cx, s);
    case 'MultiAssign': return compileMultiAssign(cx, s);
    case 'IfStmt': {
      const cond = compileCondition(cx, s.condition);
      const c = cond.ev;
      const a = compileBody(cx, s.then);
      const b = s.else === null ? null : compileBody(cx, s.else);
      const e: Exec = b === null ? (f) => (c(f) ? a(f) : NORMAL) : (f) => (c(f) ? a(f) : b(f));
      if (!anyGen(a, b) && !anyExprGen(cond)) return e;
      const cg = cond.gen as ExprGen | undefined;
      if (cg === undefined) {
        const l = ifLeaf(cx, c as (f: unknown[]) => boolean, a, b, NORMAL);
        if (l !== undefined) return setLeaf(e, l);
      }
      const ag = genOf(a);
      const bg = b === null ? undefined : genOf(b);
      return setGen(e, function* (f): Gen<number> {
        if (cg === undefined ? c(f) : yield* cg(f)) return ag === undefined ? a(f) : yield* ag(f);
        if (b === null) return NORMAL;
        return bg === undefined ? b(f) : yield* bg(f);
      });
    }
    case 'IfLetStmt': {
      const v = compileExpr(cx, s.value);
      cx.pushScope();
      const test = compilePattern(cx, s.pattern, v.t);
      const a = compileStmts(cx, s.then.body);
      cx.popScope();
      const b = s.else === null ? null : compileBody(cx, s.else);
      const ev = v.ev;
      const e: Exec = (f) => (test(ev(f), f) ? a(f) : b === null ? NORMAL : b(f));
      if (!anyGen(a, b) && !anyExprGen(v)) return e;
      const vg = v.gen as ExprGen | undefined;
      const ag = genOf(a);
      const bg = b === null ? undefined : genOf(b);
      return setGen(e, function* (f): Gen<number> {
        if (test(vg === undefined ? ev(f) : yield* vg(f), f)) return ag === undefined ? a(f) : yield* ag(f);
        if (b === null) return NORMAL;
        return bg === undefined ? b(f) : yield* bg(f);
      });
    }
    case 'WhileStmt': return compileWhile(cx, s);
    case 'ForStmt': return compileFor(cx, s);
    case 'CForStmt': return compileCFor(cx, s);
    case 'MatchStmt': return compileMatchStmt(cx, s);
    case 'ReturnStmt': return compileReturn(cx, s);
    case 'BreakStmt':
    case 'ContinueStmt': {
      if (cx.loopDepth === 0) cx.error('E0402', `\`${s.kind === 'BreakStmt' ? 'break' : 'continue'}\` outside a loop`, s.span);
      const code = s.kind === 'BreakStmt' ? BREAK : CONTINUE;
      return () => code;
    }
    case 'DeferStmt': return compileDefer(cx, s);
    case 'Block': return compileBlock(cx, s.body);
    case 'SelectStmt': return compileSelect(cx, s);
    case 'ParallelStmt': return compileStmts(cx, expandParallel(cx, s));
    case 'FnDecl':
      if (cx.kind !== 'top') cx.error('E0110', 'Nested functions are not supported', s.span);
      return () => NORMAL;
    case 'StructDecl': case 'EnumDecl': case 'TraitDecl': case 'ImplDecl': case 'TypeAlias':
    case 'ImportDecl': case 'TestDecl': case 'ExternFnDecl':
      return () => NORMAL;
    default:
      return assertNever(s);
  }
}

