// @wyn/interpreter: check and run Wyn programs (DESIGN §2).
//
//   source ─► load (parse entry + imports) ─► compile (resolve names to slots,
//   infer static types, report static errors, build closures specialised by
//   type) ─► execute (through the injected Host).

import { type Diagnostic, renderDiagnostic, type SourceFile } from '@wyn/parser';
import { compileProgram } from './compile/program';
import type { Host, Interruptible } from './host';
import { afterInterrupt, installMainConc, OrderedHost, shutdownConc } from './conc/threads-node';

export type { ExecResult, FileStat, Host, Interruptible, Platform } from './host';

export interface RunOptions {
  /** Worker threads beside main, started at the first `spawn` (default: available parallelism − 1, at least 1). */
  workers?: number;
  /**
   * Runs the program under this hook, so that Ctrl-C can stop it: the run
   * then ends with status 130 once the output so far is written (STYLE.md "CLI").
   */
  interruptible?: Interruptible;
}
export { isTerminal, nodeHost, writeAll } from './host-node';
export { completionWords, createSession, type EntryResult, type Session, type SessionOptions } from './session';

export interface CheckResult {
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

/** Parse + imports + static checks; nothing runs. */
export function check(entryFile: string, text: string, host: Host): CheckResult {
  const c = compileProgram(entryFile, text, host);
  return { diagnostics: c.diagnostics, sources: c.sources };
}

/**
 * Checks, then runs. Static errors are rendered to stderr with status 1 and no
 * stdout (§1.5); panics print their message and the Wyn call stack (§13.2).
 */
export async function run(entryFile: string, text: string, host: Host, options: RunOptions = {}): Promise<number> {
  const ordered = new OrderedHost(host);
  const c = compileProgram(entryFile, text, ordered.host);
  if (c.diagnostics.length > 0) {
    for (const d of c.diagnostics) host.writeStderr(renderDiagnostic(d, c.sources.get(d.file), { color: false }));
    return 1;
  }
  installMainConc(c.rt, ordered, host, c.types, text, options.workers);
  try {
    const guard = options.interruptible;
    if (guard === undefined) return c.execute();
    let status = 0;
    if (guard(() => void (status = c.execute()))) return status;
    await afterInterrupt(c.rt, ordered);
    return 130;
  } finally {
    await shutdownConc(c.rt);
  }
}
