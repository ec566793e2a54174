// State shared by the CST→AST actions of one `parse` call. Ohm actions take no
// extra arguments, so the converter keeps one current context; interpolated
// strings re-enter it with a different `base` (the offset of the sub-input).

import type { IterationNode, Node } from 'ohm-js';
import { type Diagnostic, type DiagnosticCode, error } from '../diagnostics';
import type { SourceFile, Span } from '../span';
import type { Expr } from '../ast';

export interface ConvertContext {
  source: SourceFile;
  /** Offset of the text Ohm is matching within `source` (non-zero inside `${ }`). */
  base: number;
  diagnostics: Diagnostic[];
  /** Blocks entered so far; a `fn` declared at depth > 0 is a nested function. */
  blockDepth: number;
  /** Parses the text of one `${ }` found at `offset` (set by `parse`, which owns the grammar). */
  parseInterpolation: (text: string, offset: number) => Expr | null;
}

let current: ConvertContext | null = null;

export function withContext<T>(ctx: ConvertContext, run: () => T): T {
  const saved = current;
  current = ctx;
  try {
    return run();
  } finally {
    current = saved;
  }
}

export function ctx(): ConvertContext {
  if (current === null) throw new Error('toAST used outside parse()');
  return current;
}

export function spanOf(node: Node): Span {
  const c = ctx();
  return c.source.span(c.base + node.source.startIdx, c.base + node.source.endIdx);
}

export function spanBetween(from: Span, to: Span): Span {
  return { start: from.start, end: to.end, line: from.line, col: from.col };
}

export function report(code: DiagnosticCode, message: string, span: Span, extra: { hint?: string; label?: string } = {}): void {
  const c = ctx();
  c.diagnostics.push(error(code, message, c.source.name, span, extra));
}

export function ast<T>(node: Node): T {
  return node['toAST']() as T;
}

/** The node inside an optional (`x?`), unwrapping nested iterations; null when absent. */
export function optional(node: Node): Node | null {
  let n: Node = node;
  while (n.isIteration()) {
    if (n.numChildren === 0) return null;
    n = n.children[0];
  }
  return n;
}

export function optionalAst<T>(node: Node): T | null {
  const n = optional(node);
  return n === null ? null : ast<T>(n);
}

/** Converts the elements of a `ListOf`/`NonemptyListOf`. */
export function listAst<T>(node: Node): T[] {
  return node.asIteration().children.map((c: Node) => ast<T>(c));
}

export function iterAst<T>(node: IterationNode | Node): T[] {
  return node.children.map((c: Node) => ast<T>(c));
}

/** Runs `convert` one block deeper (for the nested-function check). */
export function inBlock<T>(convert: () => T): T {
  const c = ctx();
  c.blockDepth++;
  try {
    return convert();
  } finally {
    c.blockDepth--;
  }
}
