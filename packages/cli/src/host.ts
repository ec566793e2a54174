// The interpreter's Host as the CLI builds it: Node's real one, with program
// output going to the CLI's streams and relative paths taken from its cwd.

import * as path from 'node:path';
import { type Host, nodeHost } from '@wyn/interpreter';
import type { Io } from './io';

export function cliHost(io: Io, args: string[]): Host {
  const base = nodeHost({ args });
  const resolve = (p: string) => path.resolve(io.cwd, p);
  return {
    ...base,
    writeStdout: (bytes) => io.stdout.write(bytes),
    writeStderr: (text) => io.stderr.write(text),
    readFile: (p) => base.readFile(resolve(p)),
    cwd: () => io.cwd,
  };
}
