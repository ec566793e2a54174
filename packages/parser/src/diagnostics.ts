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
  E0115: 'unclosed delimiter',
  E0116: 'mismatched closing delimiter',
  E0117: 'invalid channel capacity',
} as const;

export type DiagnosticCode = keyof typeof DiagnosticCodes | `E${number}`;

export function error(code: DiagnosticCode, message: string, file: string, span: Span, extra: { hint?: string; label?: string } = {}): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, file, span };
  if (extra.label !== undefined) d.label = extra.label;
  if (extra.hint !== undefined) d.hint = extra.hint;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
