// A worker thread's copy of a REPL session's program (session-log.ts says
// why and how): it compiles every logged step exactly as the main thread
// did, and runs none of them. Tasks then find their function at the same
// spawnable index as on main, and their globals (the snapshot a task
// carries, §12.1) at the same slots.
//
// A worker catches up before each task it takes (task-entry.ts). Steps only
// ever add functions and slots, and undo only puts names back, so catching
// up never disturbs a task that is parked on this worker meanwhile.

import { parse, type SourceFile, type TestDecl } from '@wyn/parser';
import type { TaskContext } from '@wyn/scheduler';
import type { Host } from '../host';
import { SessionCore, type Step } from '../session-core';
import { Conc, type TaskMsg } from './runtime';
import { type LogBuffers, type LogEvent, SessionLog } from './session-log';
import type { SharedMem } from './shared-mem';
import type { WorkerData } from './threads-node';

export class SessionReplay {
  readonly core: SessionCore;
  private at = 0;
  private lastUndo: (() => void) | null = null;
  /** Test blocks of the entries that have any, by entry number, for `test` events. */
  private readonly tests = new Map<number, { decls: TestDecl[]; source: SourceFile }>();

  constructor(private readonly log: SessionLog, host: Host, file: string) {
    this.core = new SessionCore(host, file);
  }

  /** Compiles the steps main logged since the last call. Throws when this thread's program would differ. */
  catchUp(): void {
    const { events, next } = this.log.read(this.at);
    for (const ev of events) this.apply(ev);
    this.at = next;
  }

  private apply(ev: LogEvent): void {
    const core = this.core;
    if (ev.k === 'undo') {
      this.lastUndo?.();
      this.lastUndo = null;
      return;
    }
    let step: Step;
    if (ev.k === 'entry') {
      const parsed = parse(ev.text, core.file);
      if (parsed.program === null) throw new Error('a logged REPL entry does not parse');
      const body = parsed.program.body;
      const enc = new TextEncoder();
      step = core.compileEntry(body, parsed.source, (path) => {
        const text = ev.modules[path];
        return typeof text === 'string' ? enc.encode(text) : null;
      });
      const decls = body.filter((s): s is TestDecl => s.kind === 'TestDecl');
      if (decls.length > 0) this.tests.set(core.entries, { decls, source: parsed.source });
    } else {
      const t = this.tests.get(ev.entry);
      const decl = t?.decls[ev.index];
      if (t === undefined || decl === undefined) throw new Error('a logged test block is unknown');
      step = core.compileTest(decl, t.source);
    }
    this.lastUndo = step.undo;
    // Tasks name functions and closures by index (TaskMsg, plain.ts `fn`): both tables must match main's.
    const rt = core.rt;
    if ((step.diagnostics.length > 0) !== ev.rejected || rt.spawnables.length !== ev.spawnables || rt.closures.length !== ev.closures) {
      throw new Error(`this thread compiled REPL step ${ev.k} differently from the main thread`);
    }
  }
}

/**
 * The task function of a session's worker: catch up, then run the task. A
 * thread that cannot hold the same program must not guess: it fails the
 * entry the way a panicking task does (main reports it, the session goes on).
 */
export function sessionRunner(data: WorkerData, log: LogBuffers, sh: SharedMem, ctx: TaskContext, host: Host): (task: TaskMsg) => unknown {
  const replay = new SessionReplay(new SessionLog(log), host, data.file);
  const rt = replay.core.rt;
  const c = new Conc(sh, ctx, rt, replay.core.types, false, () => undefined, () => undefined);
  c.started = true;
  c.world = data.world ?? 0;
  rt.conc = c;
  return (task) => {
    try {
      replay.catchUp();
    } catch (e) {
      sh.append(2, new TextEncoder().encode(`wyn: internal error: ${e instanceof Error ? e.message : String(e)}\n`));
      sh.setFatal(1, true);
      return undefined;
    }
    return c.runTask(task);
  };
}
