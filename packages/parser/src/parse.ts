// parse(): source text → AST + diagnostics. The only entry into Ohm.

import type { Expr, Program } from './ast';
import { type Diagnostic, error } from './diagnostics';
import { MAX_NESTING, scan } from './scan';
import { SourceFile } from './span';
import { syntaxError } from './syntax-errors';
import { type ConvertContext, withContext } from './to-ast/context';
import { grammar, semantics } from './to-ast/semantics';

export interface ParseResult {
  /** Null when the text does not parse; a program with diagnostics when it parses but breaks a rule. */
  program: Program | null;
  diagnostics: Diagnostic[];
  source: SourceFile;
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function tooDeep(source: SourceFile): Diagnostic {
  return error('E0108', `nesting too deep for the parser (more than about ${MAX_NESTING} levels)`, source.name, source.span(0, 0), {
    hint: 'split the deeply nested expression or statement into smaller pieces',
  });
}

export function parse(text: string, fileName = '<input>'): ParseResult {
  const source = new SourceFile(fileName, text);
  const scanned = scan(source);
  if (scanned.diagnostics.length > 0) return { program: null, diagnostics: scanned.diagnostics, source };
  try {
    const match = grammar.match(text, 'Program');
    if (match.failed()) return { program: null, diagnostics: [syntaxError(match, source, scanned.brackets)], source };
    const ctx: ConvertContext = { source, base: 0, diagnostics: [], blockDepth: 0, parseInterpolation: () => null };
    ctx.parseInterpolation = (inner, offset) => parseInterpolation(ctx, inner, offset);
    const program = withContext(ctx, () => semantics(match)['toAST']() as Program);
    return { program, diagnostics: ctx.diagnostics, source };
  } catch (e) {
    if (isStackOverflow(e)) return { program: null, diagnostics: [tooDeep(source)], source };
    throw e;
  }
}

/** Parses the text of one `${ }` as an expression; positions stay those of the whole file. */
function parseInterpolation(ctx: ConvertContext, text: string, offset: number): Expr | null {
  const match = grammar.match(text, 'InterpolationExp');
  if (match.failed()) {
    const inner = new SourceFile(ctx.source.name, text);
    const d = syntaxError(match, inner, scan(inner).brackets);
    const start = offset + match.getRightmostFailurePosition();
    ctx.diagnostics.push(error('E0109', `invalid interpolation: ${d.message}`, ctx.source.name, ctx.source.span(start, start + 1), {
      hint: 'the text between `${` and `}` must be exactly one expression (format specifiers such as `${x:.2}` do not exist)',
    }));
    return null;
  }
  return withContext({ ...ctx, base: offset }, () => semantics(match)['toAST']() as Expr);
}
