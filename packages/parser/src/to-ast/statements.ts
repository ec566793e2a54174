// CST→AST for statements (LANGUAGE.md §5, CONCURRENCY.md §6–7). Empty `;`
// statements convert to null and are dropped from blocks.

import type { Node } from 'ohm-js';
import type {
  AssignOp, AssignStmt, Binder, Block, CForStmt, Expr, ForStmt, IncDecStmt, Pattern, SelectArm,
  Stmt, StmtArm, TypeNode, VarDecl, Visibility,
} from '../ast';
import { ast, inBlock, iterAst, listAst, optional, optionalAst, report, spanOf } from './context';

type ForHead =
  | { c: true; init: VarDecl; condition: Expr; update: Stmt }
  | { c: false; binders: Binder[]; iterable: Expr; rangeEnd: Expr | null; inclusive: boolean };

const assignable = new Set(['Ident', 'Index', 'Field']);

function checkTarget(target: Expr): void {
  // `channel` parses as an expression (`channel(4)`), but is a keyword, never a variable (§2.4).
  if (target.kind === 'Ident' && target.name === 'channel') {
    report('E0100', 'expected a variable name, found `channel`', target.span, { hint: '`channel` is a reserved word and cannot be used as a name' });
  } else if (!assignable.has(target.kind)) {
    report('E0107', 'cannot assign to this expression', target.span, {
      hint: 'assign to a variable, an element `a[i]` or a field `p.x`',
    });
  }
}

function statements(node: Node): Stmt[] {
  return iterAst<Stmt | null>(node).filter((s): s is Stmt => s !== null);
}

function forStmt(node: Node, head: Node, body: Node): ForStmt | CForStmt {
  const h = ast<ForHead>(head);
  const span = spanOf(node);
  const b = ast<Stmt>(body);
  if (h.c) return { kind: 'CForStmt', init: h.init, condition: h.condition, update: h.update, body: b, span };
  return { kind: 'ForStmt', binders: h.binders, iterable: h.iterable, rangeEnd: h.rangeEnd, inclusive: h.inclusive, body: b, span };
}

function declKindOf(kw: Node): 'var' | 'const' {
  return kw.sourceString === 'const' ? 'const' : 'var';
}

export const statementActions = {
  Block(this: Node, _o: Node, body: Node, _a2: Node): Block {
    return { kind: 'Block', body: inBlock(() => statements(body)), span: spanOf(this) };
  },
  Body(this: Node, b: Node) {
    return ast(b);
  },
  Statement_empty(this: Node, _semi: Node) {
    return null;
  },
  Statement_keyword(this: Node, _guard: Node, s: Node) {
    return ast(s);
  },
  KeywordStatement_break(this: Node, _a0: Node): Stmt {
    return { kind: 'BreakStmt', span: spanOf(this) };
  },
  KeywordStatement_continue(this: Node, _a0: Node): Stmt {
    return { kind: 'ContinueStmt', span: spanOf(this) };
  },
  KeywordStatement_defer(this: Node, _kw: Node, e: Node): Stmt {
    return { kind: 'DeferStmt', expr: ast(e), span: spanOf(this) };
  },
  Statement_expr(this: Node, e: Node): Stmt {
    return { kind: 'ExprStmt', expr: ast(e), span: spanOf(this) };
  },
  VarDecl_tuple(this: Node, kw: Node, _o: Node, binders: Node, _c: Node, _eq: Node, value: Node): Stmt {
    return {
      kind: 'DestructureDecl', constant: declKindOf(kw) === 'const', shape: 'tuple',
      binders: listAst<Binder>(binders), rest: null, values: [ast<Expr>(value)], span: spanOf(this),
    };
  },
  VarDecl_array(this: Node, kw: Node, _o: Node, binders: Node, _comma: Node, _dots: Node, rest: Node, _c: Node, _eq: Node, value: Node): Stmt {
    const restNode = optional(rest);
    return {
      kind: 'DestructureDecl', constant: declKindOf(kw) === 'const', shape: 'array',
      binders: listAst<Binder>(binders), rest: restNode === null ? null : restNode.sourceString,
      values: [ast<Expr>(value)], span: spanOf(this),
    };
  },
  VarDecl_multi(this: Node, kw: Node, first: Node, _comma: Node, rest: Node, _eq: Node, values: Node): Stmt {
    const firstBinder: Binder = { name: first.sourceString, span: spanOf(first) };
    return {
      kind: 'DestructureDecl', constant: declKindOf(kw) === 'const', shape: 'list',
      binders: [firstBinder, ...listAst<Binder>(rest)], rest: null, values: listAst<Expr>(values), span: spanOf(this),
    };
  },
  VarDecl_single(this: Node, kw: Node, name: Node, _c: Node, type: Node, _eq: Node, value: Node): VarDecl {
    return {
      kind: 'VarDecl', declKind: declKindOf(kw), name: name.sourceString,
      type: optionalAst<TypeNode>(type), value: ast(value), span: spanOf(this),
    };
  },
  PubVarDecl(this: Node, vis: Node, decl: Node): Stmt {
    const d = ast<Stmt>(decl);
    if (d.kind !== 'VarDecl') {
      report('E0100', `\`${vis.sourceString}\` applies to one declared name`, spanOf(vis), { hint: 'declare each exported name on its own: `pub const A = …`' });
      return d;
    }
    return { ...d, visibility: vis.sourceString as Visibility, span: spanOf(this) };
  },
  LetStmt(this: Node, kw: Node, name: Node, _c: Node, type: Node, _eq: Node, value: Node): VarDecl {
    report('E0112', '`let` is not a keyword in Wyn', spanOf(kw), {
      hint: `declare the variable with \`var ${name.sourceString} = …\` or a bare assignment \`${name.sourceString} = …\``,
    });
    return {
      kind: 'VarDecl', declKind: 'var', name: name.sourceString,
      type: optionalAst<TypeNode>(type), value: ast(value), span: spanOf(this),
    };
  },
  AnnotatedDecl(this: Node, name: Node, _c: Node, type: Node, _eq: Node, value: Node): VarDecl {
    return { kind: 'VarDecl', declKind: 'bare', name: name.sourceString, type: ast(type), value: ast(value), span: spanOf(this) };
  },
  MultiAssign(this: Node, first: Node, _comma: Node, rest: Node, _eq: Node, values: Node): Stmt {
    return { kind: 'MultiAssign', targets: [ast<Binder>(first), ...listAst<Binder>(rest)], values: listAst<Expr>(values), span: spanOf(this) };
  },
  AssignStmt_assign(this: Node, target: Node, op: Node, value: Node): AssignStmt {
    const t = ast<Expr>(target);
    checkTarget(t);
    let text = op.sourceString;
    if (text === '<<=' || text === '>>=' || text === '**=') {
      const plain = text.slice(0, -1);
      report('E0106', `\`${text}\` is not an operator in Wyn`, spanOf(op), { hint: `write \`x = x ${plain} y\`` });
      text = '=';
    }
    return { kind: 'AssignStmt', target: t, op: text as AssignOp, value: ast(value), span: spanOf(this) };
  },
  AssignStmt_incDec(this: Node, target: Node, op: Node): IncDecStmt {
    const t = ast<Expr>(target);
    checkTarget(t);
    return { kind: 'IncDecStmt', target: t, op: op.sourceString as '++' | '--', span: spanOf(this) };
  },
  AssignStmt_prefix(this: Node, op: Node, target: Node): IncDecStmt {
    const t = ast<Expr>(target);
    report('E0106', `prefix \`${op.sourceString}\` is not supported`, spanOf(op), {
      hint: `write \`x${op.sourceString}\` or \`x ${op.sourceString[0]}= 1\``,
    });
    return { kind: 'IncDecStmt', target: t, op: op.sourceString as '++' | '--', span: spanOf(this) };
  },
  IfLetStmt(this: Node, _if: Node, _let: Node, pattern: Node, _eq: Node, value: Node, then: Node, elseClause: Node): Stmt {
    return {
      kind: 'IfLetStmt', pattern: ast<Pattern>(pattern), value: ast(value), then: ast(then),
      else: optionalAst<Stmt>(elseClause), span: spanOf(this),
    };
  },
  IfStmt(this: Node, _if: Node, cond: Node, then: Node, elseClause: Node): Stmt {
    return { kind: 'IfStmt', condition: ast(cond), then: ast(then), else: optionalAst<Stmt>(elseClause), span: spanOf(this) };
  },
  ElseClause_else(this: Node, _else: Node, body: Node) {
    return ast(body);
  },
  ElseClause_misspelt(this: Node, word: Node, body: Node) {
    report('E0112', `\`${word.sourceString}\` is not a keyword in Wyn`, spanOf(word), { hint: 'write `else if`' });
    return ast(body);
  },
  WhileStmt(this: Node, _w: Node, cond: Node, body: Node): Stmt {
    return { kind: 'WhileStmt', condition: ast(cond), body: ast(body), span: spanOf(this) };
  },
  ForStmt_paren(this: Node, _for: Node, _o: Node, head: Node, _c: Node, body: Node) {
    return forStmt(this, head, body);
  },
  ForStmt_plain(this: Node, _for: Node, head: Node, body: Node) {
    return forStmt(this, head, body);
  },
  ForHead_cStyle(this: Node, _var: Node, name: Node, _eq: Node, init: Node, _s1: Node, cond: Node, _s2: Node, update: Node): ForHead {
    const initDecl: VarDecl = {
      kind: 'VarDecl', declKind: 'var', name: name.sourceString, type: null, value: ast(init),
      span: { ...spanOf(name), end: spanOf(init).end },
    };
    return { c: true, init: initDecl, condition: ast(cond), update: ast(update) };
  },
  ForHead_each(this: Node, binders: Node, _in: Node, iter: Node): ForHead {
    return { c: false, binders: listAst<Binder>(binders), ...ast<{ iterable: Expr; rangeEnd: Expr | null; inclusive: boolean }>(iter) };
  },
  ForUpdate(this: Node, u: Node): Stmt {
    const converted = ast<Stmt | Expr>(u);
    if (converted.kind === 'AssignStmt' || converted.kind === 'IncDecStmt') return converted;
    return { kind: 'ExprStmt', expr: converted as Expr, span: converted.span };
  },
  MatchStmt(this: Node, _m: Node, subject: Node, _o: Node, arms: Node, _a4: Node): Stmt {
    return { kind: 'MatchStmt', subject: ast(subject), arms: iterAst<StmtArm>(arms), span: spanOf(this) };
  },
  StmtArm(this: Node, pattern: Node, guard: Node, _arrow: Node, body: Node, _a4: Node): StmtArm {
    return { pattern: ast(pattern), guard: optionalAst<Expr>(guard), body: ast(body), span: spanOf(this) };
  },
  Guard(this: Node, _if: Node, e: Node) {
    return ast(e);
  },
  SelectStmt(this: Node, _s: Node, _o: Node, arms: Node, _a3: Node): Stmt {
    return { kind: 'SelectStmt', arms: iterAst<SelectArm>(arms), span: spanOf(this) };
  },
  SelectArm(this: Node, name: Node, _eq: Node, op: Node, _arrow: Node, body: Node, _a5: Node): SelectArm {
    const e = ast<Expr>(op);
    let channel: Expr = e;
    if (e.kind === 'Call' && e.args.length === 0 && e.callee.kind === 'Field' && e.callee.name === 'recv') {
      channel = e.callee.object;
    } else {
      report('E0114', 'a `select` arm must receive from a channel', e.span, {
        label: 'expected `channel.recv()`',
        hint: 'write each arm as `name = ch.recv() => statement`',
      });
    }
    return { name: name.sourceString, channel, body: ast(body), span: spanOf(this) };
  },
  ParallelStmt(this: Node, _p: Node, _o: Node, _kw: Node, _colon: Node, timeout: Node, _c: Node, body: Node): Stmt {
    return { kind: 'ParallelStmt', timeout: optionalAst<Expr>(timeout), body: ast(body), span: spanOf(this) };
  },
  ReturnStmt_value(this: Node, _r: Node, value: Node): Stmt {
    return { kind: 'ReturnStmt', value: ast(value), span: spanOf(this) };
  },
  ReturnStmt_bare(this: Node, _a0: Node): Stmt {
    return { kind: 'ReturnStmt', value: null, span: spanOf(this) };
  },
};
