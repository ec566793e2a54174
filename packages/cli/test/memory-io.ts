// An Io that records what the CLI writes, for driving `main` in tests.

import { PassThrough } from 'node:stream';
import type { Io } from '@wyn/cli';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

export function memoryIo(options: { cwd: string; env?: Record<string, string>; tty?: boolean; stdin?: string; repl?: Io['replStreams'] }): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const decode = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
  return {
    stdout: { write: (c) => void stdout.push(decode(c)), isTTY: options.tty ?? false },
    stderr: { write: (c) => void stderr.push(decode(c)), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd,
    stdinIsTTY: options.tty ?? false,
    readStdin: async () => options.stdin ?? '',
    replStreams: options.repl ?? { input: new PassThrough(), output: new PassThrough() },
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}
