// CST→AST for expressions (LANGUAGE.md §6); binary operators are in binary.ts.
// Spellings that other languages use (`&&`, `||`, `|>`, `!x`, `**`, `===`)
// parse so that the user gets a precise diagnostic; the AST carries the Wyn
// operator instead.

import type { Node } from 'ohm-js';
import type {
  Arg, Block, Binder, Call, Comprehension, Expr, ExprArm, FieldInit, IfExpr, Lambda,
  LambdaParam, LambdaStyle, MapEntry, Pattern, TypeNode,
} from '../ast';
import type { Span } from '../span';
import { binary, parenthesized } from './binary';
import { ast, iterAst, listAst, optionalAst, report, spanBetween, spanOf } from './context';

type PostfixStep = (object: Expr, span: Span) => Expr;

function arrayOf(list: Node): Expr[] {
  return listAst<Expr>(list);
}

function lambda(node: Node, params: Node, ret: Node | null, body: Node, style: LambdaStyle): Lambda {
  return {
    kind: 'Lambda',
    params: listAst<LambdaParam>(params),
    returnType: ret === null ? null : optionalAst<TypeNode>(ret),
    body: ast<Expr | Block>(body),
    style,
    span: spanOf(node),
  };
}

/** `Unary (binaryOp Unary)* Ternary?`: a binary expression, maybe the condition of a ternary. */
function expression(this: Node, first: Node, ops: Node, rests: Node, ternary: Node): Expr {
  const condition = binary(first, ops, rests);
  if (ternary.numChildren === 0) return condition;
  const [, then, , otherwise] = ternary.children[0].children;
  return { kind: 'Ternary', condition, then: ast(then), else: ast(otherwise), span: spanOf(this) };
}

/** `-x`, `not x`, `~x`, `await x`, and `!x`, which reads as `not x` after a diagnostic. */
function prefix(this: Node, op: Node, e: Node): Expr {
  const span = spanOf(this);
  switch (op.sourceString) {
    case 'await':
      return { kind: 'AwaitExpr', operand: ast(e), span };
    case '!':
      report('E0106', '`!` is not an operator in Wyn', spanOf(op), { hint: 'use `not`' });
      return { kind: 'Unary', op: 'not', operand: ast(e), span };
    case 'not':
      return { kind: 'Unary', op: 'not', operand: ast(e), span };
    default:
      return { kind: 'Unary', op: op.sourceString as '-' | '~', operand: ast(e), span };
  }
}

function spawn(this: Node, _kw: Node, e: Node): Expr {
  const operand = ast<Expr>(e);
  const span = spanOf(this);
  if (operand.kind !== 'Call') {
    report('E0113', '`spawn` needs a function call', operand.span, {
      label: 'not a call',
      hint: 'spawn a call of a function, as in `spawn work(x)`',
    });
    const call: Call = { kind: 'Call', callee: operand, args: [], span: operand.span };
    return { kind: 'SpawnExpr', call, span };
  }
  return { kind: 'SpawnExpr', call: operand, span };
}

/** `Primary (&postfixStart PostfixOp)*`: the lookahead only saves Ohm time, its nodes are unused. */
function postfix(this: Node, primary: Node, _starts: Node, ops: Node): Expr {
  let result = ast<Expr>(primary);
  const start = result.span;
  for (const op of ops.children) {
    const step = ast<PostfixStep>(op);
    result = step(result, spanBetween(start, spanOf(op)));
  }
  return result;
}

function arrowLambda(this: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, _arrow: Node, body: Node): Lambda {
  return lambda(this, params, ret, body, 'arrow');
}

function pipeNoneLambda(this: Node, _bars: Node, body: Node): Lambda {
  return { kind: 'Lambda', params: [], returnType: null, body: ast(body), style: 'pipe', span: spanOf(this) };
}

function pipeLambda(this: Node, _o: Node, params: Node, _c: Node, body: Node): Lambda {
  return lambda(this, params, null, body, 'pipe');
}

function fnArrowLambda(this: Node, _fn: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, _arrow: Node, body: Node): Lambda {
  return lambda(this, params, ret, body, 'fn');
}

function fnBlockLambda(this: Node, _fn: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, body: Node): Lambda {
  return lambda(this, params, ret, body, 'fn');
}

export const expressionActions = {
  Exp: expression,
  ExpNS: expression,
  InterpolationExp(this: Node, e: Node) {
    return ast(e);
  },
  Unary_prefix: prefix,
  UnaryNS_prefix: prefix,
  Unary_spawn: spawn,
  UnaryNS_spawn: spawn,
  Postfix: postfix,
  PostfixNS: postfix,
  PostfixOp_call(this: Node, _o: Node, args: Node, _a2: Node, _a3: Node): PostfixStep {
    const list = listAst<Arg>(args);
    return (callee, span) => ({ kind: 'Call', callee, args: list, span });
  },
  PostfixOp_slice(this: Node, _o: Node, start: Node, _colon: Node, end: Node, _a4: Node): PostfixStep {
    const s = optionalAst<Expr>(start);
    const e = optionalAst<Expr>(end);
    return (object, span) => ({ kind: 'Slice', object, start: s, end: e, span });
  },
  PostfixOp_index(this: Node, _o: Node, index: Node, _a2: Node): PostfixStep {
    const i = ast<Expr>(index);
    return (object, span) => ({ kind: 'Index', object, index: i, span });
  },
  PostfixOp_optField(this: Node, _q: Node, name: Node): PostfixStep {
    return (object, span) => ({ kind: 'OptionalField', object, name: name.sourceString, span });
  },
  PostfixOp_field(this: Node, _dot: Node, name: Node): PostfixStep {
    return (object, span) => ({ kind: 'Field', object, name: name.sourceString, path: false, span });
  },
  PostfixOp_path(this: Node, _sep: Node, name: Node): PostfixStep {
    return (object, span) => ({ kind: 'Field', object, name: name.sourceString, path: true, span });
  },
  PostfixOp_try(this: Node, _a0: Node): PostfixStep {
    return (operand, span) => ({ kind: 'TryExpr', operand, span });
  },
  Arg_named(this: Node, name: Node, _c: Node, value: Node): Arg {
    return { name: name.sourceString, value: ast(value), span: spanOf(this) };
  },
  Arg_positional(this: Node, value: Node): Arg {
    return { name: null, value: ast(value), span: spanOf(this) };
  },

  Compound_tuple(this: Node, _o: Node, first: Node, _comma: Node, rest: Node, _a4: Node, _a5: Node): Expr {
    return { kind: 'TupleLit', elements: [ast<Expr>(first), ...arrayOf(rest)], span: spanOf(this) };
  },
  Compound_paren(this: Node, _o: Node, e: Node, _a2: Node): Expr {
    const inner = ast<Expr>(e);
    parenthesized.add(inner);
    return inner;
  },
  Compound_comprehension(this: Node, _o: Node, element: Node, _for: Node, binders: Node, _in: Node, iter: Node, _if: Node, cond: Node, _a8: Node): Expr {
    const it = ast<{ iterable: Expr; rangeEnd: Expr | null; inclusive: boolean }>(iter);
    const node: Comprehension = {
      kind: 'Comprehension',
      element: ast(element),
      binders: listAst<Binder>(binders),
      ...it,
      condition: optionalAst<Expr>(cond),
      span: spanOf(this),
    };
    return node;
  },
  Compound_array(this: Node, _o: Node, list: Node, _a2: Node, _a3: Node): Expr {
    return { kind: 'ArrayLit', elements: arrayOf(list), span: spanOf(this) };
  },
  Compound_map(this: Node, _o: Node, list: Node, _a2: Node, _a3: Node): Expr {
    return { kind: 'MapLit', entries: listAst<MapEntry>(list), span: spanOf(this) };
  },
  MapEntry(this: Node, key: Node, _c: Node, value: Node): MapEntry {
    return { key: ast(key), value: ast(value), span: spanOf(this) };
  },
  Compound_match(this: Node, _m: Node, subject: Node, _o: Node, arms: Node, _a4: Node): Expr {
    return { kind: 'MatchExpr', subject: ast(subject), arms: iterAst<ExprArm>(arms), span: spanOf(this) };
  },
  ExprArm(this: Node, pattern: Node, guard: Node, _arrow: Node, value: Node, _a4: Node): ExprArm {
    return { pattern: ast<Pattern>(pattern), guard: optionalAst<Expr>(guard), body: ast(value), span: spanOf(this) };
  },
  ArmValue_expr(this: Node, e: Node) {
    return ast(e);
  },
  ArmValue_block(this: Node, b: Node) {
    return ast(b);
  },
  StructLit(this: Node, name: Node, typeArgs: Node, _sp: Node, _o: Node, fields: Node, _a5: Node, _a6: Node): Expr {
    const args = optionalAst<TypeNode[]>(typeArgs) ?? [];
    return { kind: 'StructLit', name: name.sourceString, typeArgs: args, fields: listAst<FieldInit>(fields), span: spanOf(this) };
  },
  FieldInit_named(this: Node, name: Node, _c: Node, value: Node): FieldInit {
    return { name: name.sourceString, value: ast(value), span: spanOf(this) };
  },
  FieldInit_short(this: Node, name: Node): FieldInit {
    const span = spanOf(this);
    return { name: name.sourceString, value: { kind: 'Ident', name: name.sourceString, span }, span };
  },
  IfExpr_else(this: Node, _if: Node, cond: Node, then: Node, _else: Node, rest: Node): IfExpr {
    return { kind: 'IfExpr', condition: ast(cond), then: ast(then), else: ast<Block | IfExpr>(rest), span: spanOf(this) };
  },
  IfExpr_noElse(this: Node, _if: Node, cond: Node, then: Node): IfExpr {
    return { kind: 'IfExpr', condition: ast(cond), then: ast(then), else: null, span: spanOf(this) };
  },
  Atom_some(this: Node, _s: Node, _o: Node, value: Node, _a3: Node): Expr {
    return { kind: 'SomeExpr', value: ast(value), span: spanOf(this) };
  },
  Atom_none(this: Node, _a0: Node, _a1: Node, _a2: Node): Expr {
    return { kind: 'NoneLit', span: spanOf(this) };
  },
  Atom_true(this: Node, _a0: Node): Expr {
    return { kind: 'BoolLit', value: true, span: spanOf(this) };
  },
  Atom_false(this: Node, _a0: Node): Expr {
    return { kind: 'BoolLit', value: false, span: spanOf(this) };
  },
  Atom_self(this: Node, _a0: Node): Expr {
    return { kind: 'Ident', name: 'self', span: spanOf(this) };
  },
  Atom_channel(this: Node, _a0: Node): Expr {
    return { kind: 'Ident', name: 'channel', span: spanOf(this) };
  },
  ident(this: Node, _a0: Node, _a1: Node): Expr {
    return { kind: 'Ident', name: this.sourceString, span: spanOf(this) };
  },

  Lambda_arrow: arrowLambda,
  LambdaNS_arrow: arrowLambda,
  Lambda_pipeNone: pipeNoneLambda,
  LambdaNS_pipeNone: pipeNoneLambda,
  Lambda_pipe: pipeLambda,
  LambdaNS_pipe: pipeLambda,
  Lambda_fnArrow: fnArrowLambda,
  LambdaNS_fnArrow: fnArrowLambda,
  Lambda_fnBlock: fnBlockLambda,
  LambdaNS_fnBlock: fnBlockLambda,
  LambdaParam_typed(this: Node, name: Node, _c: Node, type: Node): LambdaParam {
    return { name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  LambdaParam_untyped(this: Node, name: Node): LambdaParam {
    return { name: name.sourceString, type: null, span: spanOf(this) };
  },
  LambdaBody(this: Node, b: Node) {
    return ast(b);
  },
  LambdaBodyNS(this: Node, b: Node) {
    return ast(b);
  },
  ForIter_range(this: Node, start: Node, op: Node, end: Node) {
    return { iterable: ast<Expr>(start), rangeEnd: ast<Expr>(end), inclusive: op.sourceString === '..=' };
  },
  ForIter_expr(this: Node, e: Node) {
    return { iterable: ast<Expr>(e), rangeEnd: null, inclusive: false };
  },
  Binder(this: Node, b: Node): Binder {
    const name = b.sourceString;
    return { name: name === '_' ? null : name, span: spanOf(this) };
  },
};

