// `wyn check FILE...`: parse and statically check files without running them.
// Exit 0 when every file is clean, 1 when any has an error (rendered on stderr).

import { type Diagnostic, hasErrors, renderDiagnostic, type SourceFile } from '@wyn/parser';
import type { Io } from '../io';
import { readSource } from '../read-source';
import { analyse } from '../program';

export interface CheckOptions {
  files: string[];
  color: boolean;
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
    if (result.diagnostics.length > 0) io.stderr.write(renderAll(result.diagnostics, result.sources, options.color));
    if (hasErrors(result.diagnostics)) failed = true;
  }
  return failed ? 1 : 0;
}
