// Reading a program file for the CLI, with a one-line error instead of a trace.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Io } from './io';

export function readSource(file: string, io: Io): string | null {
  try {
    return fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    io.stderr.write(`wyn: cannot read ${file}: ${why}\n`);
    return null;
  }
}
