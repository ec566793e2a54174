// `wyn run FILE [-- ARGS]`, `wyn -e CODE` and a program piped on stdin: check
// the program, then run it. The exit status is the program's (main's return
// value or exit(n), truncated to 8 bits), 1 for a static or runtime error,
// 130 after Ctrl-C (once the output so far is written).

import { run, type RunOptions as RunTuning } from '@wyn/interpreter';
import { cliHost } from '../host';
import { interruptible } from '../interrupt';
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
  const tuning = options.tuning ?? {};
  // Ctrl-C comes from a terminal: only then does the run pay for watching it
  // (about a millisecond, interrupt.ts); elsewhere SIGINT keeps Node's default.
  if (io.stdout.isTTY || io.stdinIsTTY) return run(options.name, text, host, { ...tuning, interruptible });
  return run(options.name, text, host, tuning);
}

export async function runFile(file: string, args: string[], io: Io, tuning: RunTuning = {}): Promise<number> {
  const text = readSource(file, io);
  if (text === null) return 1;
  return runSource(text, { name: file, args, tuning }, io);
}
