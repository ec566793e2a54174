// `wyn fmt FILE... [--check] [--stdout]`: canonical layout, comments kept.
// Rewrites files in place; --check only lists the files that would change
// (exit 1 if any); --stdout prints the formatted text instead of writing it.
// A file with syntax errors gets its diagnostics on stderr and is left alone.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { format, SourceFile } from '@wyn/parser';
import type { Io } from '../io';
import { readSource } from '../read-source';
import { renderAll } from './check';

export interface FmtOptions {
  files: string[];
  check: boolean;
  stdout: boolean;
  color: boolean;
}

export async function fmtCommand(options: FmtOptions, io: Io): Promise<number> {
  let status = 0;
  for (const file of options.files) {
    const text = readSource(file, io);
    if (text === null) {
      status = 1;
      continue;
    }
    const result = format(text, file);
    if (result.text === null) {
      io.stderr.write(renderAll(result.diagnostics, new Map([[file, new SourceFile(file, text)]]), options.color));
      status = 1;
    } else if (options.stdout) {
      io.stdout.write(result.text);
    } else if (result.text !== text) {
      if (options.check) {
        io.stdout.write(`${file}\n`);
        status = 1;
      } else {
        fs.writeFileSync(path.resolve(io.cwd, file), result.text);
      }
    }
  }
  return status;
}
