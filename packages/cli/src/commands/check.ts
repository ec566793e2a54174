// `wyn check FILE...`: parse and statically check files without running them.
// Exit 0 when every file is clean, 1 when any has an error. Diagnostics are
// rendered on stderr, or with --format=json written to stdout as JSON Lines
// (one object per diagnostic) for editors and CI.

import { type Diagnostic, hasErrors, renderDiagnostic, type SourceFile } from '@wyn/parser';
import type { Io } from '../io';
import { readSource } from '../read-source';
import { analyse } from '../program';

export type CheckFormat = 'text' | 'json';
export const checkFormats: readonly CheckFormat[] = ['text', 'json'];

export interface CheckOptions {
  files: string[];
  color: boolean;
  format: CheckFormat;
}

/** The machine-readable form of a diagnostic: 1-based lines and columns, end exclusive. */
export function diagnosticJson(d: Diagnostic, source: SourceFile | undefined): string {
  const end = source === undefined ? { line: d.span.line, col: d.span.col } : source.position(d.span.end);
  return JSON.stringify({
    file: d.file,
    range: { start: { line: d.span.line, col: d.span.col }, end },
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
  });
}

export function renderAll(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, color: boolean): string {
  return diagnostics.map((d) => renderDiagnostic(d, sources.get(d.file), { color })).join('\n');
}

export async function checkCommand(options: CheckOptions, io: Io): Promise<number> {
  let failed = false;
  for (const file of options.files) {
    const text = readSource(file, io);
    if (text === null) {
      failed = true;
      continue;
    }
    const result = analyse(file, text, io);
    if (options.format === 'json') {
      for (const d of result.diagnostics) io.stdout.write(diagnosticJson(d, result.sources.get(d.file)) + '\n');
    } else if (result.diagnostics.length > 0) {
      io.stderr.write(renderAll(result.diagnostics, result.sources, options.color));
    }
    if (hasErrors(result.diagnostics)) failed = true;
  }
  return failed ? 1 : 0;
}
