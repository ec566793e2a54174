// The interpreter's Host as the CLI builds it: Node's real one, with program
// output going to the CLI's streams and relative paths taken from the CLI's
// working directory (which tests set; for the real binary it is the process's).

import * as path from 'node:path';
import { type Host, nodeHost } from '@wyn/interpreter';
import type { Io } from './io';

export function cliHost(io: Io, args: string[]): Host {
  const base = nodeHost({ args });
  const at = (p: string) => path.resolve(io.cwd, p);
  return {
    ...base,
    writeStdout: (bytes) => io.stdout.write(bytes),
    writeStderr: (text) => io.stderr.write(text),
    stdoutIsTerminal: () => io.stdout.isTTY,
    terminalSize: () => (io.stdout.isTTY ? base.terminalSize() : null),
    readFile: (p) => base.readFile(at(p)),
    writeFile: (p, data, append) => base.writeFile(at(p), data, append),
    stat: (p) => base.stat(at(p)),
    listDir: (p) => base.listDir(at(p)),
    mkdir: (p, recursive) => base.mkdir(at(p), recursive),
    remove: (p, recursive) => base.remove(at(p), recursive),
    rename: (from, to) => base.rename(at(from), at(to)),
    copyFile: (from, to) => base.copyFile(at(from), at(to)),
    cwd: () => io.cwd,
  };
}
