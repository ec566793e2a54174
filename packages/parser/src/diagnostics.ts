// Diagnostics: one shape for parse errors, checks and runtime errors. Functions
// return `Diagnostic[]`; only the CLI renders them and picks the exit code.
// Every code lives in `DiagnosticCodes` (the table vuejs/core keeps as
// `ErrorCodes` + `errorMessages`), so a code means one thing everywhere.

import type { Span } from './span';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** The file the span points into; the parser fills in the name it was given. */
  file: string;
  span: Span;
  /** Optional label printed after the carets. */
  label?: string;
  hint?: string;
}

/** Code → short title. E01xx: syntax, E02xx: names, E03xx: types, E04xx: control flow, E05xx: concurrency, E09xx: runtime. */
export const DiagnosticCodes = {
  E0100: 'syntax error',
  E0101: 'unexpected end of input',
  E0102: 'unterminated string literal',
  E0103: 'unterminated block comment',
  E0104: 'invalid number literal',
  E0105: 'integer literal too large',
  E0106: 'removed or unsupported operator',
  E0107: 'invalid assignment target',
  E0108: 'nesting too deep',
  E0109: 'invalid string interpolation',
  E0110: 'nested function',
  E0111: 'chained comparison',
  E0112: 'not a keyword',
  E0113: 'invalid spawn operand',
  E0114: 'invalid select arm',
  E0116: 'mismatched closing delimiter',
  E0199: 'formatter could not preserve the program',
  E0201: 'unknown type',
  E0202: 'undefined variable',
  E0203: 'undefined function',
  E0204: 'unknown static method',
  E0205: 'private module item',
  E0206: 'unknown enum variant',
  E0207: 'unknown struct or type',
  E0208: 'assignment to a constant',
  E0209: 'assignment to a loop variable',
  E0210: 'name already declared in this block',
  E0211: 'module not found',
  E0212: 'duplicate declaration',
  E0213: 'unknown standard-library function',
  E0214: 'statement at the top level of a module',
  E0301: 'mismatched types',
  E0302: 'generic function used as a value',
  E0303: 'wrong number of arguments or values',
  E0304: 'value is not callable',
  E0305: 'unknown method',
  E0306: 'invalid operand type',
  E0307: 'invalid comparison or tuple element',
  E0308: 'unknown or invalid field',
  E0309: '`?.` on a non-optional value',
  E0310: 'value cannot be indexed or sliced',
  E0311: 'pattern does not match the type',
  E0312: '`?` on a non-Result value',
  E0313: 'map key is not a string',
  E0314: 'assignment into a string',
  E0315: 'string iterated directly',
  E0316: 'format placeholder count mismatch',
  E0401: 'non-exhaustive match',
  E0402: '`break`/`continue` outside a loop',
  E0403: 'value returned from a function without a return type',
  E0404: 'missing return',
  E0405: 'invalid `main` return type',
  E0501: 'unsupported concurrency construct',
  E0502: 'unbuffered channel',
  E0503: 'data race on a shared mutable global',
  E0901: 'division by zero',
  E0902: 'modulo by zero',
  E0903: 'array index out of bounds',
  E0904: 'string index out of bounds',
  E0905: 'missing map key',
  E0906: 'unwrap failed or no match arm',
  E0907: 'missing map key in compound assignment',
  E0908: 'invalid conversion or format',
  E0909: 'panic',
  E0910: 'stack overflow',
  E0911: 'integer overflow',
  E0912: 'variable read before it is assigned',
  E0920: 'value cannot cross to another task',
  E0921: 'invalid channel',
  E0922: 'await on a non-future',
  E0923: 'Shared handle error',
  E0924: 'concurrency unavailable here, or the task was stopped',
  E0925: 'arithmetic on a value that is not an int (a future)',
} as const;

export type DiagnosticCode = keyof typeof DiagnosticCodes;

export function error(code: DiagnosticCode, message: string, file: string, span: Span, extra: { hint?: string; label?: string } = {}): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, file, span };
  if (extra.label !== undefined) d.label = extra.label;
  if (extra.hint !== undefined) d.hint = extra.hint;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
