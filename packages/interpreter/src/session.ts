// An incremental session: the REPL's and `wyn test`'s way into the interpreter.
//
// Entries are compiled by a SessionCore (session-core.ts says how a session
// grows) and run on its Runtime, so values persist in the same globals
// array. This half runs them:
// - Before an entry runs, its compile step is published to the session's
//   compile log, which worker threads replay: `spawn`, channels, `parallel`,
//   Task.* and Shared.* work as in `wyn run`, on threads started at the
//   first spawn (conc/session-world.ts). An entry ends only when every task
//   it started has finished and their output is written (§4).
// - A panic (in main or in a task) or a deadlock is printed, the entry's
//   declarations are undone (its names would otherwise stay without values;
//   what it did to earlier globals cannot be undone) and the session goes
//   on. `exit(n)`, in main or in a task, ends it.
// - An entry runs under the caller's `interruptible` hook when there is one
//   (the CLI's stops it on Ctrl-C). An interrupted entry is treated like a
//   panicking one; the interrupted code may have been anywhere, so the
//   globals array, the call depth and any running tasks are reset.
// - A panic unwinds past `callInstance`, which does not restore `rt.depth`,
//   so the session resets it after every failed entry.

import { type Diagnostic, parse, SourceFile, type TestDecl } from '@wyn/parser';
import { failure } from './compile/program';
import { OrderedHost } from './conc/threads-node';
import { SessionLog } from './conc/session-log';
import { SessionWorld } from './conc/session-world';
import type { Host, Interruptible } from './host';
import { ExitSignal } from './runtime/errors';
import { display } from './runtime/format';
import { toUtf8 } from './runtime/values';
import { SessionCore, type Step } from './session-core';
import { BUILTIN_NAMES } from './stdlib/builtins';
import { stdlibMembers } from './stdlib/modules';
import { prune } from './types';

export interface EntryResult {
  /** Static errors; when there are any, nothing ran. */
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
  /** Display text of a trailing expression that has a value (strings quoted, as inside containers). */
  display?: string;
  /** True after static errors, a panic or deadlock (already printed to stderr), a failed assertion or an interrupt. */
  failed: boolean;
  /** True when the `interruptible` hook stopped the entry (Ctrl-C). */
  interrupted: boolean;
  /** The status passed to `exit(n)`, when the entry (or a task of it) called it. */
  exit: number | null;
  /** The entry's `test "name" { }` blocks, not run: `runTest` runs one. */
  tests: TestDecl[];
}

export interface SessionOptions {
  /** Runs each entry so that it can be stopped from outside (Ctrl-C); see Interruptible. */
  interruptible?: Interruptible;
  /** Worker threads beside main, started at the first `spawn` (default: available parallelism − 1, at least 1). */
  workers?: number;
}

export interface Session {
  evaluate(text: string): EntryResult;
  runTest(test: TestDecl): EntryResult;
  /** Names an entry may use now: globals, functions, types and imported modules. */
  names(): string[];
  /**
   * After an entry that failed or was interrupted while tasks ran: resolves
   * once those tasks' threads have ended and their last output is written.
   * Null when there is nothing to wait for. Await it before the next entry.
   */
  settle(): Promise<void> | null;
  /** Ends the session's worker threads, if it started any. */
  close(): Promise<void>;
}

/** Words worth completing that are not names in scope: built-in functions and the stdlib modules' members. */
export function completionWords(): { builtins: readonly string[]; modules: Map<string, string[]> } {
  return { builtins: BUILTIN_NAMES, modules: stdlibMembers() };
}

export function createSession(host: Host, file = '<repl>', options: SessionOptions = {}): Session {
  const ordered = new OrderedHost(host);
  const core = new SessionCore(ordered.host, file);
  const rt = core.rt;
  const log = SessionLog.create();
  const world = new SessionWorld(rt, ordered, host, core.types, log, options.workers);
  const guard: Interruptible = options.interruptible ?? ((body) => (body(), true));
  /** Where each test block came from: its entry's number, index and source. */
  const testSources = new WeakMap<TestDecl, { entry: number; index: number; source: SourceFile }>();

  const run = (step: Step, tests: TestDecl[]): EntryResult => {
    const result: EntryResult = { diagnostics: [], sources: step.sources, failed: false, interrupted: false, exit: null, tests };
    rt.assertFailed = false;
    const body = (): void => {
      step.exec(rt.G);
      const tail = step.tail;
      if (tail !== null) {
        const v = tail.ev(rt.G);
        if (prune(tail.t).k !== 'void') result.display = toUtf8(display(v, tail.t, true));
      }
      world.drain();
    };
    try {
      // Declarations run nothing: no need to watch for Ctrl-C (nor, in the REPL, leave raw mode).
      const finished = step.runs ? guard(body) : (body(), true);
      if (!finished) {
        result.display = undefined;
        result.failed = result.interrupted = true;
      }
    } catch (e) {
      if (e instanceof ExitSignal && !e.failure) result.exit = e.status;
      else {
        if (!(e instanceof ExitSignal)) failure(rt, e);
        result.failed = true;
      }
    }
    if (result.failed) {
      step.undo();
      log.append({ k: 'undo' });
      rt.depth = 0;
    }
    if (result.interrupted || (result.failed && world.unsettled)) world.stop();
    rt.flush();
    if (rt.assertFailed) result.failed = true;
    return result;
  };

  return {
    evaluate(text) {
      const parsed = parse(text, file);
      if (parsed.program === null || parsed.diagnostics.length > 0) {
        return { diagnostics: parsed.diagnostics, sources: new Map([[file, parsed.source]]), failed: true, interrupted: false, exit: null, tests: [] };
      }
      const body = parsed.program.body;
      const tests = body.filter((s): s is TestDecl => s.kind === 'TestDecl');
      // The module files its imports read, for threads that replay the entry (session-log.ts).
      const modules: Record<string, string | null> = {};
      const dec = new TextDecoder();
      const step = core.compileEntry(body, parsed.source, (path) => {
        const bytes = host.readFile(path);
        modules[path] = bytes === null ? null : dec.decode(bytes);
        return bytes;
      });
      tests.forEach((t, index) => testSources.set(t, { entry: core.entries, index, source: parsed.source }));
      const rejected = step.diagnostics.length > 0;
      log.append({ k: 'entry', text, rejected, spawnables: rt.spawnables.length, closures: rt.closures.length, modules });
      if (rejected) return { diagnostics: step.diagnostics, sources: step.sources, failed: true, interrupted: false, exit: null, tests };
      return run(step, tests);
    },
    runTest(test) {
      const from = testSources.get(test);
      if (from === undefined) throw new Error('runTest: the test block is not from this session');
      const step = core.compileTest(test, from.source);
      const rejected = step.diagnostics.length > 0;
      log.append({ k: 'test', entry: from.entry, index: from.index, rejected, spawnables: rt.spawnables.length, closures: rt.closures.length });
      if (rejected) return { diagnostics: step.diagnostics, sources: step.sources, failed: true, interrupted: false, exit: null, tests: [] };
      return run(step, []);
    },
    names: () => core.names(),
    settle: () => world.settled(),
    close: () => world.close(),
  };
}
