// Runtime failures (LANGUAGE.md §13.2). A panic carries the spec's message and
// the span of the failing expression; `run` prints it with the Wyn call stack
// and exits 1. `exit(n)` unwinds as ExitSignal so pending defers do not run.

import type { DiagnosticCode, Span } from '@wyn/parser';

export class WynPanic {
  constructor(
    readonly message: string,
    readonly code: DiagnosticCode,
    readonly span: Span | null,
    readonly file: string | null,
    readonly status = 1,
  ) {}
}

export class ExitSignal {
  /**
   * `failure`: the run ends because something failed elsewhere (a panic in a
   * task, a deadlock; its message is already printed), not because of an
   * `exit(n)`. A REPL session reports the one and ends on the other.
   */
  constructor(readonly status: number, readonly failure = false) {}
}

/** Where a runtime error happened: file and span of the current node. */
export interface Site { file: string; span: Span }

export function panicAt(site: Site | null, code: DiagnosticCode, message: string): never {
  throw new WynPanic(message, code, site?.span ?? null, site?.file ?? null);
}

/** Codes whose reference message carries `at FILE:LINE` (§13.2). */
const LOCATED = new Set(['E0901', 'E0902', 'E0903', 'E0905']);

/**
 * The panic text for stderr: the spec's message, then the Wyn call stack as
 * `at file:line:col` frames, innermost first.
 */
export function renderPanic(p: WynPanic, callSites: Site[]): string {
  const where = p.span !== null && p.file !== null ? `${p.file}:${p.span.line}` : '';
  let head: string;
  if (p.message.startsWith('Error: ') || p.message.startsWith('Panic: ')) head = p.message;
  else if (LOCATED.has(p.code) && where !== '') head = `panic at ${where}: ${p.message}`;
  else head = `panic: ${p.message}`;
  const frames: string[] = [];
  if (p.span !== null && p.file !== null) frames.push(`    at ${p.file}:${p.span.line}:${p.span.col}`);
  for (let i = callSites.length - 1; i >= 0 && frames.length < 20; i--) {
    const s = callSites[i];
    frames.push(`    at ${s.file}:${s.span.line}:${s.span.col}`);
  }
  if (callSites.length > 19) frames.push(`    ... ${callSites.length - 19} more frames`);
  return head + '\n' + frames.map((f) => f + '\n').join('');
}

/**
 * The report of a stack overflow (V8's RangeError; LANGUAGE.md §13.2): the
 * innermost of the Wyn frames `sites` and a hint. Main's and a task's alike.
 */
export function renderStackOverflow(sites: Site[]): string {
  const last = sites[sites.length - 1];
  const p = new WynPanic('stack overflow (recursion too deep?)', 'E0910', last?.span ?? null, last?.file ?? null);
  return renderPanic(p, sites.slice(-5)) + 'hint: the recursion is unbounded or deeper than the interpreter supports\n';
}
