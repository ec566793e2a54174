// CST→AST for expressions (LANGUAGE.md §6). Binary levels arrive as
// `first (op next)*` and are folded here, left-associatively. Spellings that
// other languages use (`&&`, `||`, `|>`, `!x`, `**`, `===`) parse so that the
// user gets a precise diagnostic; the AST carries the Wyn operator instead.

import type { Node } from 'ohm-js';
import type {
  Arg, BinaryOp, Block, Binder, Call, Comprehension, Expr, ExprArm, FieldInit, IfExpr, Lambda,
  LambdaParam, LambdaStyle, MapEntry, Pattern, TypeNode,
} from '../ast';
import type { Span } from '../span';
import { ast, iterAst, listAst, optionalAst, report, spanBetween, spanOf } from './context';

/** Expressions written in parentheses: `(a < b) < c` is not a chained comparison. */
const parenthesized = new WeakSet<Expr>();

const replacedOperators: Record<string, { op: BinaryOp; message: string; hint: string }> = {
  '&&': { op: 'and', message: 'the operator `&&` has been removed', hint: 'use `and` instead' },
  '||': { op: 'or', message: 'the operator `||` has been removed', hint: 'use `or` instead' },
  '===': { op: '==', message: '`===` is not an operator in Wyn', hint: 'use `==`' },
  '!==': { op: '!=', message: '`!==` is not an operator in Wyn', hint: 'use `!=`' },
  '**': { op: '*', message: '`**` is not an operator in Wyn', hint: 'use `n.pow(k)` or `Math.pow(x, y)`' },
};

const relational = new Set(['<', '<=', '>', '>=']);

function fold(first: Node, ops: Node, rests: Node): Expr {
  let left = ast<Expr>(first);
  ops.children.forEach((opNode: Node, i: number) => {
    const right = ast<Expr>(rests.children[i]);
    const opSpan = spanOf(opNode);
    const text = opNode.sourceString.replace(/\s+/g, ' ');
    const span = spanBetween(left.span, right.span);
    if (text === '|>') {
      report('E0106', 'the pipe operator `|>` has been removed', opSpan, { hint: 'call the function directly: `f(x)`' });
      left = { kind: 'Call', callee: right, args: [{ name: null, value: left, span: left.span }], span };
      return;
    }
    let op = text as BinaryOp;
    const replaced = replacedOperators[text];
    if (replaced !== undefined) {
      report('E0106', replaced.message, opSpan, { hint: replaced.hint });
      op = replaced.op;
    }
    if (relational.has(op) && left.kind === 'Binary' && relational.has(left.op) && !parenthesized.has(left)) {
      report('E0111', 'comparison operators cannot be chained', opSpan, {
        hint: 'write `a < b and b < c`',
      });
    }
    left = { kind: 'Binary', op, left, right, opSpan, span };
  });
  return left;
}

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

export const expressionActions = {
  Exp(this: Node, e: Node) {
    return ast(e);
  },
  InterpolationExp(this: Node, e: Node) {
    return ast(e);
  },
  Ternary_cond(this: Node, c: Node, _q: Node, a: Node, _colon: Node, b: Node): Expr {
    return { kind: 'Ternary', condition: ast(c), then: ast(a), else: ast(b), span: spanOf(this) };
  },
  Coalesce: fold,
  Or: fold,
  And: fold,
  Cmp: fold,
  Shift: fold,
  Add: fold,
  Bit: fold,
  Mul: fold,
  Unary_neg(this: Node, _op: Node, e: Node): Expr {
    return { kind: 'Unary', op: '-', operand: ast(e), span: spanOf(this) };
  },
  Unary_not(this: Node, _op: Node, e: Node): Expr {
    return { kind: 'Unary', op: 'not', operand: ast(e), span: spanOf(this) };
  },
  Unary_bitNot(this: Node, _op: Node, e: Node): Expr {
    return { kind: 'Unary', op: '~', operand: ast(e), span: spanOf(this) };
  },
  Unary_bang(this: Node, op: Node, e: Node): Expr {
    report('E0106', '`!` is not an operator in Wyn', spanOf(op), { hint: 'use `not`' });
    return { kind: 'Unary', op: 'not', operand: ast(e), span: spanOf(this) };
  },
  Unary_await(this: Node, _kw: Node, e: Node): Expr {
    return { kind: 'AwaitExpr', operand: ast(e), span: spanOf(this) };
  },
  Unary_spawn(this: Node, kw: Node, e: Node): Expr {
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
    void kw;
    return { kind: 'SpawnExpr', call: operand, span };
  },
  Postfix(this: Node, primary: Node, ops: Node): Expr {
    let result = ast<Expr>(primary);
    const start = result.span;
    for (const op of ops.children) {
      const step = ast<PostfixStep>(op);
      result = step(result, spanBetween(start, spanOf(op)));
    }
    return result;
  },
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

  Primary_tuple(this: Node, _o: Node, first: Node, _comma: Node, rest: Node, _a4: Node, _a5: Node): Expr {
    return { kind: 'TupleLit', elements: [ast<Expr>(first), ...arrayOf(rest)], span: spanOf(this) };
  },
  Primary_paren(this: Node, _o: Node, e: Node, _a2: Node): Expr {
    const inner = ast<Expr>(e);
    parenthesized.add(inner);
    return inner;
  },
  Primary_comprehension(this: Node, _o: Node, element: Node, _for: Node, binders: Node, _in: Node, iter: Node, _if: Node, cond: Node, _a8: Node): Expr {
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
  Primary_array(this: Node, _o: Node, list: Node, _a2: Node, _a3: Node): Expr {
    return { kind: 'ArrayLit', elements: arrayOf(list), span: spanOf(this) };
  },
  Primary_map(this: Node, _o: Node, list: Node, _a2: Node, _a3: Node): Expr {
    return { kind: 'MapLit', entries: listAst<MapEntry>(list), span: spanOf(this) };
  },
  MapEntry(this: Node, key: Node, _c: Node, value: Node): MapEntry {
    return { key: ast(key), value: ast(value), span: spanOf(this) };
  },
  Primary_match(this: Node, _m: Node, subject: Node, _o: Node, arms: Node, _a4: Node): Expr {
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
  Primary_struct(this: Node, _s: Node, lit: Node) {
    return ast(lit);
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
  Primary_some(this: Node, _s: Node, _o: Node, value: Node, _a3: Node): Expr {
    return { kind: 'SomeExpr', value: ast(value), span: spanOf(this) };
  },
  Primary_none(this: Node, _a0: Node, _a1: Node, _a2: Node): Expr {
    return { kind: 'NoneLit', span: spanOf(this) };
  },
  Primary_true(this: Node, _a0: Node): Expr {
    return { kind: 'BoolLit', value: true, span: spanOf(this) };
  },
  Primary_false(this: Node, _a0: Node): Expr {
    return { kind: 'BoolLit', value: false, span: spanOf(this) };
  },
  Primary_self(this: Node, _a0: Node): Expr {
    return { kind: 'Ident', name: 'self', span: spanOf(this) };
  },
  Primary_channel(this: Node, _a0: Node): Expr {
    return { kind: 'Ident', name: 'channel', span: spanOf(this) };
  },
  ident(this: Node, _a0: Node, _a1: Node): Expr {
    return { kind: 'Ident', name: this.sourceString, span: spanOf(this) };
  },

  Lambda_arrow(this: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, _arrow: Node, body: Node) {
    return lambda(this, params, ret, body, 'arrow');
  },
  Lambda_pipeNone(this: Node, _bars: Node, body: Node): Lambda {
    return { kind: 'Lambda', params: [], returnType: null, body: ast(body), style: 'pipe', span: spanOf(this) };
  },
  Lambda_pipe(this: Node, _o: Node, params: Node, _c: Node, body: Node) {
    return lambda(this, params, null, body, 'pipe');
  },
  Lambda_fnArrow(this: Node, _fn: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, _arrow: Node, body: Node) {
    return lambda(this, params, ret, body, 'fn');
  },
  Lambda_fnBlock(this: Node, _fn: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, body: Node) {
    return lambda(this, params, ret, body, 'fn');
  },
  LambdaParam_typed(this: Node, name: Node, _c: Node, type: Node): LambdaParam {
    return { name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  LambdaParam_untyped(this: Node, name: Node): LambdaParam {
    return { name: name.sourceString, type: null, span: spanOf(this) };
  },
  LambdaBody(this: Node, b: Node) {
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

