// The concurrency of a REPL session, seen from the main thread: one "world"
// (a scheduler, its worker threads and the shared memory of §12.5) at a time.
//
// Lifecycle:
//   1. No world until an entry first needs one (a spawn, a channel, a
//      Shared cell): a session that never spawns starts no thread (DESIGN §4).
//      Its workers replay the session's compile log (session-replay.ts).
//   2. Every entry ends as a program does (§4): main waits until every task
//      it started has finished, and their output is written, before the
//      prompt returns. The world then stays up for the next entry, so
//      futures, channels and cells in globals keep working.
//   3. An entry that fails (a panic in main or in a task, a deadlock) or is
//      interrupted may leave tasks running or blocked that nothing will
//      finish. Then the world stops: main forgets it at once, and its threads
//      are terminated. Once they have ended (the `settled` promise), the
//      output they logged is written. The next world starts on a new
//      scheduler: Shared and Task.value cells carry over
//      (SharedMem.carryOver); channel handles of the old world become
//      invalid handles; its futures carry the old world's number, so they
//      never name a new task: one whose task had finished keeps its value
//      (§3.1: futures memoise), found in main's globals before the stop;
//      awaiting any other panics (ops.ts) instead of hanging.
// A stopped world's spin locks may have been held by a terminated thread, or
// by main itself when Ctrl-C interrupted it: they are broken only once no
// other thread is left.

import type { Host } from '../host';
import type { Runtime } from '../runtime/runtime';
import { EnumVal, ErrVal, FnVal, OkVal, SomeVal, StructVal, TupleVal, WMap } from '../runtime/values';
import { FutureVal, type TypeTable } from './plain';
import type { Conc } from './runtime';
import type { SessionLog } from './session-log';
import { FLAG, LIVE, LOGLOCK, SharedMem } from './shared-mem';
import { openConc, type OrderedHost } from './threads-node';

export class SessionWorld {
  private conc: Conc | null = null;
  /** Memory of the last stopped world, for the next one. */
  private kept: SharedMem | null = null;
  private ending: Promise<void> | null = null;
  /** The number of the next world (and of the current one while it is up). */
  private world = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly ordered: OrderedHost,
    private readonly base: Host,
    private readonly types: TypeTable,
    private readonly log: SessionLog,
    private readonly workers?: number,
  ) {
    rt.makeConc = () => this.open();
  }

  private open(): Conc {
    const sh = this.kept === null ? SharedMem.create() : SharedMem.carryOver(this.kept);
    this.kept = null;
    const data = { mem: sh.b, file: this.rt.entryFile, text: '', args: this.base.args(), session: this.log.b, world: this.world };
    this.conc = openConc(this.rt, this.ordered, this.base, this.types, sh, data, this.workers);
    return this.conc;
  }

  /** The end of an entry: wait for every task it started and write their output (§4, §12.7). */
  drain(): void {
    this.conc?.drain();
  }

  /** True when tasks are left that nobody waits for, or a task failed: the world must stop. */
  get unsettled(): boolean {
    const c = this.conc;
    return c !== null && (c.held.any || Atomics.load(c.sh.ctl, LIVE) !== 0 || Atomics.load(c.sh.ctl, FLAG) !== 0);
  }

  /** Starts stopping the world (see the file comment); `settled()` tells when it is done. */
  stop(): void {
    const c = this.conc;
    if (c === null) return;
    keepFinished(this.rt.G, c);
    this.conc = null;
    this.rt.conc = null;
    this.rt.watchEnd(null, () => undefined);
    this.world++;
    c.held.abandon();
    // Main may have been stopped while it ran a task (Ctrl-C): its own globals come back.
    c.globals.restore(null);
    // Until its threads are gone, the log may be locked or still growing.
    this.ordered.drain = () => undefined;
    const after = (): void => {
      c.sh.unlock(LOGLOCK);
      c.drainLog();
      // A world opened meanwhile (nobody waited for `settled`) started on fresh memory.
      if (this.conc === null) this.kept = c.sh;
    };
    const stopping = (c.scheduler?.destroy() ?? Promise.resolve()).then(after, after);
    const ending = Promise.all([this.ending, stopping]).then(() => {
      if (this.ending === ending) this.ending = null;
    });
    this.ending = ending;
  }

  /** Resolves once a stop is complete; null when none is under way. */
  settled(): Promise<void> | null {
    return this.ending;
  }

  /** Stops the worker threads, if any (the session is over). */
  async close(): Promise<void> {
    this.stop();
    await this.ending;
  }
}

/** Gives every finished future of `c`'s world reachable from `root` its value (see the file comment). */
function keepFinished(root: unknown, c: Conc): void {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof FutureVal) {
      if (v.world === c.world && v.id > 0 && c.isDone(v.id)) v.keep(c.ctx.peek(v.id));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v instanceof WMap) v.keys().forEach((k) => visit(v.get(k)));
    else if (v instanceof StructVal) v.f.forEach(visit);
    else if (v instanceof EnumVal) v.vals.forEach(visit);
    else if (v instanceof TupleVal) v.items.forEach(visit);
    else if (v instanceof SomeVal || v instanceof OkVal) visit(v.v);
    else if (v instanceof ErrVal) visit(v.e);
    else if (v instanceof FnVal) v.env.forEach(visit);
  };
  visit(root);
}
