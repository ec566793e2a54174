/**
 * Per-processor Chase–Lev work-stealing deques of task indices, the one-slot
 * "run next" buffer, and the global injection queue.
 *
 * Layout of processor p's region in `state.deques` (base = p * (32 + cap)):
 *   TOP      next index thieves take; advanced only by CAS (thieves and the
 *            owner's overflow path), read by everyone with Atomics.load.
 *   RUNNEXT  the owner's most recent spawn; set by the owner with exchange,
 *            taken by the owner or a thief with exchange (whoever reads a
 *            non-zero value owns the task). A thief takes it only once the
 *            same spawn has sat there for RUNNEXT_GRACE_MS (Go's runnext
 *            rule): a spawner that joins at once runs its task itself,
 *            instead of waiting a thread hop for a thief that grabbed it.
 *   RUNSEQ   bumped by the owner at every setRunNext, so a thief can tell a
 *            new spawn from the old one (record indices are reused).
 *   BOTTOM   next index the owner pushes at; written only by the owner,
 *            read by thieves with Atomics.load. Kept on its own cache line.
 *   slots    cap words (cap a power of two); slot i & (cap - 1) is written by
 *            the owner before it publishes BOTTOM = i + 1, read by thieves
 *            before their CAS on TOP.
 *
 * Protocol (Chase & Lev 2005; Le et al. 2013 for the fences, which JS gives
 * us for free because every Atomics operation is sequentially consistent):
 * - push: the owner writes the slot, then publishes BOTTOM. A full deque first
 *   moves half of itself to the injection queue, so push never fails.
 * - pop: the owner lowers BOTTOM, then reads TOP. With more than one task left
 *   no thief can reach the slot; for the last one the owner races thieves with
 *   a CAS on TOP, exactly like a thief.
 * - steal: read TOP, then BOTTOM, read the slot, CAS TOP → TOP + 1. A batch
 *   steal ("up to half") repeats the single-task steal: a multi-slot CAS would
 *   race the owner's CAS-free pop of a task inside the claimed range.
 * - The owner never overwrites a slot a thief may still read: it pushes only
 *   while BOTTOM - TOP < cap, with TOP read after the slot was last published.
 */
import { pop, pushChain } from './memory/tagged-stack';
import { T_NEXT, type SharedState } from './state';

const TOP = 0;
const RUNNEXT = 8;
const RUNSEQ = 9;
const RUNNEXT_GRACE_MS = 0.05;
const BOTTOM = 16;
const SLOTS = 32;
/** A thief takes at most this many tasks at once (the reference's 1 + 31). */
const MAX_BATCH = 32;

export class Deque {
  private readonly d: Int32Array;
  private readonly base: number;
  private readonly mask: number;
  /** Owner: spawns put in run-next so far. */
  private runSeq = 0;
  /** Thief: the victim's run-next spawn last seen (its RUNSEQ) and when. */
  private seenSeq = -1;
  private seenAt = 0;

  constructor(
    private readonly state: SharedState,
    readonly owner: number,
  ) {
    this.d = state.deques;
    this.mask = state.dequeCapacity - 1;
    this.base = owner * (SLOTS + state.dequeCapacity);
  }

  /** Owner only. */
  push(task: number): void {
    const d = this.d;
    const b = d[this.base + BOTTOM];
    if (b - Atomics.load(d, this.base + TOP) > this.mask) this.overflow();
    d[this.base + SLOTS + (b & this.mask)] = task;
    Atomics.store(d, this.base + BOTTOM, b + 1);
  }

  /** Owner only: LIFO; 0 when empty. */
  pop(): number {
    const d = this.d;
    const b = d[this.base + BOTTOM] - 1;
    Atomics.store(d, this.base + BOTTOM, b);
    const t = Atomics.load(d, this.base + TOP);
    if (t > b) {
      Atomics.store(d, this.base + BOTTOM, b + 1);
      return 0;
    }
    const task = d[this.base + SLOTS + (b & this.mask)];
    if (t === b) {
      const won = Atomics.compareExchange(d, this.base + TOP, t, t + 1) === t;
      Atomics.store(d, this.base + BOTTOM, b + 1);
      return won ? task : 0;
    }
    return task;
  }

  /** Any thread: takes the oldest task, or 0 when empty or when it lost a race. */
  stealOne(): number {
    const d = this.d;
    for (;;) {
      const t = Atomics.load(d, this.base + TOP);
      const b = Atomics.load(d, this.base + BOTTOM);
      if (t >= b) return 0;
      const task = Atomics.load(d, this.base + SLOTS + (t & this.mask));
      if (Atomics.compareExchange(d, this.base + TOP, t, t + 1) === t) return task;
    }
  }

  /**
   * Thief: moves up to half of this deque (at most MAX_BATCH) into `into`,
   * whose owner must be the calling thread, and returns one task to run now.
   * Falls back to the victim's run-next slot when its deque is empty.
   */
  stealBatch(into: Deque): { task: number; count: number } {
    const size = Atomics.load(this.d, this.base + BOTTOM) - Atomics.load(this.d, this.base + TOP);
    const want = Math.min(MAX_BATCH, Math.ceil(size / 2));
    let first = 0;
    let count = 0;
    for (let i = 0; i < want; i++) {
      const task = this.stealOne();
      if (task === 0) break;
      if (first === 0) first = task;
      else into.push(task);
      count++;
    }
    if (first === 0 && this.runNextIsStale()) {
      first = Atomics.exchange(this.d, this.base + RUNNEXT, 0);
      if (first !== 0) count = 1;
    }
    return { task: first, count };
  }

  /** Thief: whether the run-next task has waited out the owner's grace period (file comment). */
  private runNextIsStale(): boolean {
    if (Atomics.load(this.d, this.base + RUNNEXT) === 0) return false;
    const seq = Atomics.load(this.d, this.base + RUNSEQ);
    const now = performance.now();
    if (seq !== this.seenSeq) {
      this.seenSeq = seq;
      this.seenAt = now;
      return false;
    }
    return now - this.seenAt >= RUNNEXT_GRACE_MS;
  }

  /** Owner: makes `task` the run-next task and returns the one it displaced (or 0). */
  setRunNext(task: number): number {
    Atomics.store(this.d, this.base + RUNSEQ, ++this.runSeq);
    return Atomics.exchange(this.d, this.base + RUNNEXT, task);
  }

  /** Owner: takes the run-next task (0 when a thief got there first or none). */
  takeRunNext(): number {
    return Atomics.exchange(this.d, this.base + RUNNEXT, 0);
  }

  /** Tasks visible to thieves right now (approximate under concurrency). */
  size(): number {
    const n = Atomics.load(this.d, this.base + BOTTOM) - Atomics.load(this.d, this.base + TOP);
    return Math.max(0, n) + (Atomics.load(this.d, this.base + RUNNEXT) !== 0 ? 1 : 0);
  }

  /** Owner, deque full: moves the older half to the injection queue in one CAS. */
  private overflow(): void {
    const tasks = this.state.tasks;
    let first = 0;
    let last = 0;
    for (let i = (this.mask + 1) >> 1; i > 0; i--) {
      const task = this.stealOne();
      if (task === 0) break;
      if (last !== 0) Atomics.store(tasks.view(last), last * 4 + T_NEXT, task);
      else first = task;
      last = task;
    }
    if (first !== 0) pushChain(this.state.injectHead, 0, tasks, first, last);
  }
}

/** Any thread: puts one task on the global injection queue. */
export function inject(state: SharedState, task: number): void {
  pushChain(state.injectHead, 0, state.tasks, task, task);
}

/** Any thread: takes one task from the global injection queue, or 0. */
export function takeInjected(state: SharedState): number {
  return pop(state.injectHead, 0, state.tasks);
}
