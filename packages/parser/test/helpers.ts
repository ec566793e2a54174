// Shared helpers for parser tests: parse-or-fail and a compact s-expression view of the AST.

import { type Expr, parse, type Program, type Stmt } from '@wyn/parser';

export function parseOk(source: string): Program {
  const result = parse(source, 'test.wyn');
  if (result.program === null || result.diagnostics.length > 0) {
    throw new Error(`expected a clean parse of ${JSON.stringify(source)}, got: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return result.program;
}

export function firstStmt(source: string): Stmt {
  return parseOk(source).body[0];
}

/** The value assigned by `x = <expr>`, the first statement of `source`. */
export function assigned(source: string): Expr {
  const s = firstStmt(source);
  if (s.kind !== 'AssignStmt') throw new Error(`not an assignment: ${s.kind}`);
  return s.value;
}

/** Lisp-style rendering that makes grouping visible: `1 + 2 * 3` → `(+ 1 (* 2 3))`. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'IntLit':
    case 'FloatLit':
      return e.raw;
    case 'BoolLit':
      return String(e.value);
    case 'StringLit':
      return JSON.stringify(e.value);
    case 'Ident':
      return e.name;
    case 'Binary':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Unary':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'Ternary':
      return `(? ${sexpr(e.condition)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'Call':
      return `(call ${sexpr(e.callee)}${e.args.map((a) => ' ' + (a.name === null ? '' : a.name + ':') + sexpr(a.value)).join('')})`;
    case 'Field':
      return `(. ${sexpr(e.object)} ${e.name})`;
    case 'OptionalField':
      return `(?. ${sexpr(e.object)} ${e.name})`;
    case 'Index':
      return `([] ${sexpr(e.object)} ${sexpr(e.index)})`;
    case 'TryExpr':
      return `(try ${sexpr(e.operand)})`;
    case 'AwaitExpr':
      return `(await ${sexpr(e.operand)})`;
    case 'SpawnExpr':
      return `(spawn ${sexpr(e.call)})`;
    case 'ArrayLit':
      return `[${e.elements.map(sexpr).join(' ')}]`;
    case 'StructLit':
      return `(struct ${e.name}${e.fields.map((f) => ` ${f.name}:${sexpr(f.value)}`).join('')})`;
    default:
      return `<${e.kind}>`;
  }
}
