// Lazy spawn: queuing a task costs microseconds (its message encoded into
// shared memory, records allocated, atomics), while `spawn f(x)` is mostly
// awaited at once. So a thread holds its last spawn's message back (the
// future's `msg`) until it moves on: another spawn, any call
// (Runtime.enter's slow path), a loop (exec/loops.ts), a blocking point, the
// end or parking of the running task, or the future leaving the thread
// (toPlain) queue it as an ordinary task. An `await` of it before any of
// those runs it inline (Conc.runInline), with no shared memory at all
// (DESIGN §4: sequential spawn+await runs on the awaiting thread); the
// copies of §12.1 are made all the same, at the spawn.
//
// Holding back never costs parallelism a program could see: whatever runs
// after the spawn, for longer than a few statements, calls or loops.

import { MAX_DEPTH, type Runtime } from '../runtime/runtime';
import type { FutureVal, Publisher } from './plain';

export class HeldTask implements Publisher {
  /** The future whose task this thread holds back, if any. */
  private held: FutureVal | null = null;

  constructor(
    private readonly rt: Runtime,
    /** Queues a task message as an ordinary task (LIVE+1, scheduler spawn); returns its future handle. */
    private readonly queue: (msg: unknown[]) => number,
  ) {
    rt.safepoint = () => this.publishHeld();
  }

  /** Holds `v`'s task back, queuing the one held before. */
  hold(v: FutureVal): void {
    this.publishHeld();
    v.owner = this;
    this.held = v;
    // Runtime.enter takes its slow path at the next call, which queues `v`.
    this.rt.callLimit = 0;
  }

  /** Queues `v`'s task: from here on it is an ordinary task. */
  publish(v: FutureVal): void {
    const msg = this.take(v);
    this.rt.flush();
    v.id = this.queue(msg);
  }

  publishHeld(): void {
    if (this.held !== null) this.publish(this.held);
  }

  /** Takes `v`'s message to run it inline (or queue it): `v` is no longer held. */
  take(v: FutureVal): unknown[] {
    if (v === this.held) {
      this.held = null;
      this.rt.callLimit = MAX_DEPTH;
    }
    const msg = v.msg!;
    v.msg = null;
    v.owner = null;
    return msg;
  }

  isHeld(v: FutureVal): boolean {
    return v === this.held;
  }

  get any(): boolean {
    return this.held !== null;
  }

  /** A REPL world stops: its held task is dropped, and its future names nothing (an old world's). */
  abandon(): void {
    if (this.held !== null) this.take(this.held);
  }
}
