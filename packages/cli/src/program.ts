// Static analysis of one entry file, as `wyn check` and `wyn run` see it.

import { type Diagnostic, parse, type SourceFile } from '@wyn/parser';

export interface Analysis {
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

export function analyse(file: string, text: string): Analysis {
  const parsed = parse(text, file);
  return { diagnostics: parsed.diagnostics, sources: new Map([[file, parsed.source]]) };
}
