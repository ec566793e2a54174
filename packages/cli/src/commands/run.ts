// `wyn run FILE [-- ARGS]`, `wyn -e CODE` and a program piped on stdin: check
// the program, then run it. The exit status is the program's (main's return
// value or exit(n), truncated to 8 bits), 1 for a static or runtime error.

import { run, type RunOptions as RunTuning } from '@wyn/interpreter';
import { cliHost } from '../host';
import type { Io } from '../io';
import { readSource } from '../read-source';

export interface RunOptions {
  /** The name diagnostics and `System.args()[0]` show: a path, `<eval>` or `<stdin>`. */
  name: string;
  args: string[];
  /** Scheduler settings, e.g. `--workers N` (CONCURRENCY.md §12). */
  tuning?: RunTuning;
}

export async function runSource(text: string, options: RunOptions, io: Io): Promise<number> {
  const host = cliHost(io, [options.name, ...options.args]);
  return run(options.name, text, host, options.tuning ?? {});
}

export async function runFile(file: string, args: string[], io: Io, tuning: RunTuning = {}): Promise<number> {
  const text = readSource(file, io);
  if (text === null) return 1;
  return runSource(text, { name: file, args, tuning }, io);
}
