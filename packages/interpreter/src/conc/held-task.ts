// Lazy spawn: queuing a task costs microseconds (its message encoded into
// shared memory, records allocated, atomics), while a spawned task is mostly
// awaited soon, by the thread that spawned it. So a thread holds the
// messages of its spawns with futures back (the future's `msg`) until it
// moves on: any call (Runtime.enter's slow path), a loop, many iterations of
// a loop that spawns (exec/loops.ts), a blocking point, the end or parking of
// the running task, too many held tasks, or the future leaving the thread
// (toPlain) queue them as ordinary tasks. An `await` of one still held runs
// it inline (Conc.runInline), with no shared memory at all (DESIGN §4:
// sequential spawn+await runs on the awaiting thread); the copies of §12.1
// were made at the spawn all the same.
//
// The other held tasks stay held while one runs inline, and its first call
// or loop queues them: a batch of small tasks runs inline one after another,
// while a batch of long ones spreads over the workers as soon as the first
// one shows it takes time. Holding back thus costs parallelism only over the
// few statements (with no call and no loop) between a spawn and what queues
// its task.
//
// Fire-and-forget spawns are held back too, at the same points, and queued
// together as one batch task (batch.ts): a million of them then cost a
// few thousand shared-memory tasks instead of a million. Nobody awaits them,
// so none runs inline; a batch whose tasks turn out to be long splits itself
// for other workers to steal.

import type { Runtime } from '../runtime/runtime';
import { type FutureVal, type Publisher, setPublisher } from './plain';

/** Held tasks beyond this are queued: memory stays bounded, and workers get a long batch early. */
const MAX_HELD = 128;
/** Fire-and-forget spawns per batch task. */
const MAX_BATCH = 128;

export class HeldTask implements Publisher {
  /**
   * Held futures in spawn order, in `list[0..top)`; null where one was
   * taken, and beyond `top`. The array keeps its length: setting it on every
   * sequential spawn+await was ~10% of the pair's time (V8's `set length`).
   */
  private list: Array<FutureVal | null> = [];
  private top = 0;
  private count = 0;
  /** Where the oldest held future is: awaits mostly come in spawn order. */
  private head = 0;
  /** Messages of fire-and-forget spawns not queued yet, in spawn order. */
  private batch: unknown[][] = [];

  constructor(
    private readonly rt: Runtime,
    /** Queues a task message as an ordinary task (LIVE+1, scheduler spawn); returns its future handle. */
    private readonly queue: (msg: unknown[]) => number,
    /** Queues fire-and-forget task messages as one batch task (LIVE+n). */
    private readonly queueBatch: (msgs: unknown[][]) => void,
    /** Hands the not yet started tasks of the batch running here to other threads (batch.ts). */
    private readonly releaseBatch: () => void,
  ) {
    rt.safepoint = () => this.publishAll();
    setPublisher(this);
  }

  /** Holds `v`'s task back (its `msg` is set). */
  hold(v: FutureVal): void {
    if (this.count >= MAX_HELD) this.publishFrom(0);
    this.list[this.top++] = v;
    this.count++;
    this.rt.armHeld();
  }

  /** Holds back a fire-and-forget spawn's message. */
  holdDetached(msg: unknown[]): void {
    this.batch.push(msg);
    if (this.batch.length >= MAX_BATCH) this.queueDetached();
    else this.rt.armHeld();
  }

  /** Queues the fire-and-forget spawns held back, as one batch task. */
  private queueDetached(): void {
    const msgs = this.batch;
    if (msgs.length === 0) return;
    this.batch = [];
    this.rt.flush();
    this.queueBatch(msgs);
  }

  /** Queues `v`'s task: from here on it is an ordinary task. */
  publish(v: FutureVal): void {
    const msg = this.take(v);
    this.rt.flush();
    v.id = this.queue(msg);
  }

  /** Queues the tasks held since the list was `mark` long, oldest first (all of them for 0). */
  publishFrom(mark: number): void {
    const list = this.list;
    for (let i = Math.max(mark, this.head); i < this.top; i++) {
      const v = list[i];
      if (v !== null) this.publish(v);
    }
    this.queueDetached();
  }

  /** This thread moves on (a call, a loop, a blocking point): everything it holds back is queued. */
  publishAll(): void {
    this.publishFrom(0);
    this.releaseBatch();
  }

  /** Where a task that starts running now begins to hold its own spawns (Conc.enter). */
  get mark(): number {
    return this.top;
  }

  /** Takes `v`'s message out, to run it inline or queue it: `v` is held no more. */
  take(v: FutureVal): unknown[] {
    const list = this.list;
    const i = list[this.head] === v ? this.head : list.lastIndexOf(v, this.top - 1);
    list[i] = null;
    if (--this.count === 0) {
      this.top = 0;
      this.head = 0;
      if (this.batch.length === 0) this.rt.disarmHeld();
    } else if (i === this.top - 1) this.top = i;
    else while (list[this.head] === null) this.head++;
    const msg = v.msg!;
    v.slot = null;
    return msg;
  }

  /** Whether this thread holds `v`'s task back (and can thus run it inline): only its spawner has seen it. */
  isHeld(v: FutureVal): boolean {
    return v.msg !== null;
  }

  get any(): boolean {
    return this.count > 0 || this.batch.length > 0;
  }

  /** A REPL world stops: held tasks are dropped, and their futures name nothing (an old world's). */
  abandon(): void {
    this.batch = [];
    for (let i = this.top - 1; i >= 0; i--) {
      const v = this.list[i];
      if (v !== null) this.take(v);
    }
  }
}
