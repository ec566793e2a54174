// `wyn fmt`: canonical layout from the AST, with comments kept. Before it
// returns new text it checks that the text parses back to the same AST and
// keeps every comment, so formatting can never change what a program means.

import type { Program } from '../ast';
import { type Diagnostic, error } from '../diagnostics';
import { parse } from '../parse';
import { scan } from '../scan';
import { printProgramWithComments } from './statements';

export interface FormatResult {
  /** The formatted text; null when the input has diagnostics or could not be formatted safely. */
  text: string | null;
  diagnostics: Diagnostic[];
}

const positionKeys = new Set(['span', 'opSpan', 'nameSpan']);

/** The AST without positions: two layouts of one program compare equal. */
export function withoutSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpans);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!positionKeys.has(k)) out[k] = withoutSpans(v);
  return out;
}

function sameProgram(a: Program, b: Program): boolean {
  const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);
  return JSON.stringify(withoutSpans(a), replacer) === JSON.stringify(withoutSpans(b), replacer);
}

export function format(text: string, fileName: string): FormatResult {
  const parsed = parse(text, fileName);
  if (parsed.program === null || parsed.diagnostics.length > 0) return { text: null, diagnostics: parsed.diagnostics };
  const comments = scan(parsed.source).comments;
  const output = printProgramWithComments(parsed.program, parsed.source, comments);
  const again = parse(output, fileName);
  const kept = again.program !== null ? scan(again.source).comments.map((c) => c.text) : [];
  const same = again.program !== null && again.diagnostics.length === 0 && sameProgram(parsed.program, again.program);
  if (!same || kept.join('\n') !== comments.map((c) => c.text).join('\n')) {
    const d = error('E0199', 'the formatter could not lay out this file without changing it; the file is left as it is', fileName,
      parsed.source.span(0, 0), { hint: 'please report this file as a formatter bug' });
    return { text: null, diagnostics: [d] };
  }
  return { text: output, diagnostics: [] };
}
