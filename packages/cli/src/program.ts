// Static analysis of one entry file (and what it imports), as `wyn check` sees it.

import { check } from '@wyn/interpreter';
import type { Diagnostic, SourceFile } from '@wyn/parser';
import { cliHost } from './host';
import type { Io } from './io';

export interface Analysis {
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

export function analyse(file: string, text: string, io: Io): Analysis {
  return check(file, text, cliHost(io, [file]));
}
