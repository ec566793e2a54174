// Fire-and-forget tasks run in batches. A thread holds its fire-and-forget
// spawns back (held-task.ts) and queues them as one task of up to 128:
// queuing a task costs an encode into shared memory, a task record, deque
// traffic and a decode, which a batch pays once.
//
// A batch must not serialise tasks that would have run side by side: one of
// them may wait, even by polling, for a later one. So the tasks of a batch
// not started yet are handed to other threads, as two batches for two
// thieves, as soon as one of its tasks reaches a call, a loop or a blocking
// point (the same safepoints that queue held spawns, Runtime.queueHeldTask),
// or once the batch has run SPLIT_MS. Tasks with neither a call nor a loop
// (short by construction) stay together.

import type { TaskContext } from '@wyn/scheduler';
import type { Runtime } from '../runtime/runtime';
import type { TaskMsg } from './runtime';
import { FLAG, LIVE, type SharedMem } from './shared-mem';

/** `TaskMsg[0]` of a batch: `[BATCH, msgs]`. */
export const BATCH = -2;
/** Tasks queued on a thread and not stolen yet from which its next batch runs on it instead (workers are busy). */
const BACKLOG = 2;
/** A batch that has run this long (ms) hands what it has not started to other threads. */
const SPLIT_MS = 0.1;

/** What batches need of the thread's Conc. */
export interface BatchHost {
  readonly ctx: TaskContext;
  readonly sh: SharedMem;
  readonly rt: Runtime;
  readonly isMain: boolean;
  /** Runs a queued task's message (a scheduler task of its own, which may suspend). */
  runTask(msg: TaskMsg): unknown;
  /** Whether the task cannot suspend, so that it can run to its end anywhere. */
  runsPlain(msg: TaskMsg): boolean;
  /** Runs such a task here, outside any scheduler task, and accounts for its end. */
  runPlainHere(msg: TaskMsg): void;
}

/** The batch running on a thread: msgs[next..end) have not started. */
interface Running {
  msgs: TaskMsg[];
  next: number;
  end: number;
}

export class Batches {
  private running: Running | null = null;

  constructor(private readonly c: BatchHost) {}

  /** Inside a batch: its tasks do not wake main one by one when they end (Conc.finish). */
  get active(): boolean {
    return this.running !== null;
  }

  /** Queues fire-and-forget messages held back by this thread (LIVE counts them from here). */
  queue(msgs: TaskMsg[]): void {
    const c = this.c;
    Atomics.add(c.sh.ctl, LIVE, msgs.length);
    if (c.ctx.queuedHere() >= BACKLOG && msgs.every((m) => c.runsPlain(m))) this.run(msgs, true);
    else this.publish(msgs);
  }

  /** Runs a batch; `here`: outside any scheduler task, its tasks all plain (queue). */
  run(msgs: TaskMsg[], here: boolean): void {
    const c = this.c;
    const outer = this.running;
    const b: Running = { msgs, next: 0, end: msgs.length };
    this.running = b;
    const start = performance.now();
    try {
      while (b.next < b.end) {
        const msg = msgs[b.next++];
        // The task's first call or loop hands the rest to other threads (release).
        c.rt.armHeld();
        if (here) c.runPlainHere(msg);
        else c.runTask(msg);
        // A task exited or failed: the run is ending, and the rest could only print what is dropped (§10.1).
        if (Atomics.load(c.sh.ctl, FLAG) !== 0) break;
        if (b.end - b.next > 1 && (b.next < 8 || (b.next & 7) === 0) && performance.now() - start > SPLIT_MS) this.release();
      }
    } finally {
      this.running = outer;
    }
    if (!c.isMain) c.sh.wakeMain();
  }

  /**
   * Hands the tasks of the running batch not started yet to other threads.
   * The later half is queued first, so thieves (who take the oldest) start
   * with the latest spawns, as this thread would have (it pops the newest):
   * a first task that polls for what a later one does is the usual case.
   */
  release(): void {
    const b = this.running;
    if (b === null || b.next >= b.end) return;
    const rest = b.msgs.slice(b.next, b.end);
    b.end = b.next;
    const mid = rest.length >> 1;
    this.publish(mid > 0 ? rest.slice(mid) : rest);
    if (mid > 0) this.publish(rest.slice(0, mid));
  }

  private publish(msgs: TaskMsg[]): void {
    this.c.ctx.spawnDetached(msgs.length === 1 ? msgs[0] : [BATCH, msgs]);
  }
}
