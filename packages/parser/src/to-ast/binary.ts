// CST→AST for binary operators (LANGUAGE.md §6.1). The grammar matches an
// operand followed by any number of `operator operand` pairs, all levels in one
// flat sequence (one rule per level cost Ohm ~20 rule applications per
// operand); the tree is built here, by precedence.
//
// The result must be exactly what one rule per level gave, diagnostics included
// and in the same order: each level splits its run of operands at its own
// operators and folds left-associatively, and an operator's diagnostics are
// reported after those of both its operands (left, then right).

import type { Node } from 'ohm-js';
import type { BinaryOp, Expr } from '../ast';
import { ast, report, spanBetween, spanOf } from './context';

/** Expressions written in parentheses: `(a < b) < c` is not a chained comparison. */
export const parenthesized = new WeakSet<Expr>();

const replacedOperators: Record<string, { op: BinaryOp; message: string; hint: string }> = {
  '&&': { op: 'and', message: 'the operator `&&` has been removed', hint: 'use `and` instead' },
  '||': { op: 'or', message: 'the operator `||` has been removed', hint: 'use `or` instead' },
  '===': { op: '==', message: '`===` is not an operator in Wyn', hint: 'use `==`' },
  '!==': { op: '!=', message: '`!==` is not an operator in Wyn', hint: 'use `!=`' },
  '**': { op: '*', message: '`**` is not an operator in Wyn', hint: 'use `n.pow(k)` or `Math.pow(x, y)`' },
};

const relational = new Set(['<', '<=', '>', '>=']);

/** Precedence level of each operator spelling, loosest first (the spellings `binaryOp` matches). */
const levelOf: Record<string, number> = {
  '??': 0, '|>': 0,
  or: 1, '||': 1,
  and: 2, '&&': 2,
  '===': 3, '!==': 3, '==': 3, '!=': 3, '<=': 3, '>=': 3, '<': 3, '>': 3, in: 3,
  '<<': 4, '>>': 4,
  '+': 5, '-': 5,
  '&': 6, '|': 6, '^': 6,
  '**': 7, '*': 7, '/': 7, '%': 7,
};

interface Operator {
  node: Node;
  /** The spelling with blanks squeezed (`not   in` → `not in`). */
  text: string;
  level: number;
}

function operatorOf(node: Node): Operator {
  const text = node.sourceString.replace(/\s+/g, ' ');
  // Only `not in` spans blanks (or a comment); it compares.
  return { node, text, level: levelOf[text] ?? 3 };
}

/** Converts `operands[from..to]` joined by `ops[from..to-1]`, whose operators are all of `level` or tighter. */
function build(operands: Node[], ops: Operator[], from: number, to: number, level: number): Expr {
  if (from === to) return ast<Expr>(operands[from]);
  let start = from;
  let left: Expr | null = null;
  let pending: Operator | null = null;
  for (let i = from; i <= to; i++) {
    if (i < to && ops[i].level !== level) continue;
    const segment = build(operands, ops, start, i, level + 1);
    left = pending === null || left === null ? segment : combine(left, pending, segment);
    if (i < to) pending = ops[i];
    start = i + 1;
  }
  return left as Expr;
}

function combine(left: Expr, operator: Operator, right: Expr): Expr {
  const { text } = operator;
  const opSpan = spanOf(operator.node);
  const span = spanBetween(left.span, right.span);
  if (text === '|>') {
    report('E0106', 'the pipe operator `|>` has been removed', opSpan, { hint: 'call the function directly: `f(x)`' });
    return { kind: 'Call', callee: right, args: [{ name: null, value: left, span: left.span }], span };
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
  return { kind: 'Binary', op, left, right, opSpan, span };
}

/** Converts `first (op rest)*`, the binary part of `Exp`. */
export function binary(first: Node, ops: Node, rests: Node): Expr {
  if (ops.numChildren === 0) return ast<Expr>(first);
  const operands = [first, ...rests.children];
  return build(operands, ops.children.map(operatorOf), 0, operands.length - 1, 0);
}
