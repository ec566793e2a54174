/**
 * A processor: one thread's share of the scheduler (the main thread is
 * processor 0, worker k is processor k).
 *
 * Where a processor looks for work, in order (DESIGN.md §3):
 *   1. its inbox of resumed continuations (they belong to this thread),
 *   2. its run-next slot, then its own deque (LIFO: the newest task is the
 *      hottest in cache and, under a join, usually the one being waited for),
 *   3. the global injection queue,
 *   4. a batch stolen from the other processors, starting at a random one.
 * An idle worker becomes a *searcher*: it spins, read-only, for up to
 * SPIN_MS, then parks on its PARK word with a short timeout. At most half
 * of the workers (at least one) search at once: on 2 cores a second spinner
 * only takes CPU from the thread doing the work. Spawners wake a parked
 * worker only when nobody searches and PARKED says one is parked, so the
 * spawn fast path is a few stores and two Atomics.loads; a searcher that
 * finds work while more is queued wakes the next one (tokio's hand-off).
 * Why no lost wake-up: a spawner publishes its task, then reads SEARCHING
 * and PARKED; a searcher that gives up decrements SEARCHING, raises PARK and
 * PARKED, then looks for work once more before it sleeps. All of these are
 * sequentially consistent Atomics, so one side always sees the other.
 *
 * A blocking join never sleeps while there is work: it runs queued tasks
 * (its own first) until the joined future completes. A task that instead
 * wants to give its thread back returns `ctx.suspend()` and resolves that
 * suspension later from a continuation registered with `ctx.onReady`.
 *
 * A continuation is a callback and its argument, kept on its thread under a
 * token (word 2 of its resume record) until it runs; tokens are reused. A
 * parked task thus costs its resume record and two array slots here, and
 * its embedder can pass the task itself as the argument of one shared
 * callback instead of making a closure per wait.
 */
import { Codec, S_UNDEFINED, type CustomTag } from './codec';
import { Deque, takeInjected } from './deque';
import { ERR, CANCEL_REQ, CANCELLED, DETACHED, DONE_MASK, OK, ROOT, addWaiter, complete, futureState, newFuture, takeInbox } from './future';
import { EXECUTED, INBOX, INJECT, RESUMING, F_PAYLOAD, F_TAG, PARK, PARKED, ROOTS, SEARCHING, SHUTDOWN, STOLEN, T_FUTURE, T_PAYLOAD, T_TAG, type SharedState } from './state';
import { TaskContext, Suspension, SUSPENDED } from './context';
import { decodeError, encodeError } from './errors';
import { Parking } from './parking';

export type TaskFunction = (task: unknown, ctx: TaskContext) => unknown;

/** Empty searches in a join before it starts sleeping briefly between looks. */
const SPINS = 64;
/** `current` while a detached task runs: it has no future record (newTask). */
export const RUNNING_DETACHED = -1;

export class Processor {
  readonly deque: Deque;
  readonly codec: Codec;
  readonly ctx: TaskContext;
  /** Future of the task running now on this thread (0 between tasks). */
  current = 0;
  private readonly victims: Deque[] = [];
  /** Continuations by token (token 0 is never used): callback and argument, undefined when free. */
  private readonly conts: Array<((arg: never) => void) | undefined> = [undefined];
  private readonly contArgs: unknown[] = [undefined];
  private readonly freeTokens: number[] = [];
  /** Tokens of continuations whose condition holds, in order: they run at the next steps. */
  private readonly ready: number[] = [];
  /** Resume records taken from the inbox or found ready (resumeHere) since `ready` was last empty. */
  private unsettled = 0;
  private executed = 0;
  private roots = 0;
  private stolen = 0;
  /** The worker loop: searching, parking, and waking other workers (parking.ts). */
  private readonly parking: Parking;

  constructor(
    readonly state: SharedState,
    readonly id: number,
    private fn: TaskFunction | undefined,
    customs: readonly CustomTag[] = [],
    /** The pool's `workerData` option, structured-cloned per thread (SharedArrayBuffers stay shared). */
    readonly workerData: unknown = undefined,
  ) {
    this.deque = new Deque(state, id);
    for (let p = 0; p < state.processors; p++) if (p !== id) this.victims.push(new Deque(state, p));
    this.codec = new Codec(state.heap, customs);
    this.ctx = new TaskContext(this);
    this.parking = new Parking(state, id, this.victims);
    // Records this thread frees and allocates again skip the shared free lists (slab.ts).
    state.tasks.cacheLocally();
    state.futures.cacheLocally();
    state.heap.cacheLocally();
  }

  /** Gives this thread's cached free records back to the shared lists: before parking or stopping. */
  flushCaches(): void {
    this.state.tasks.flushLocal();
    this.state.futures.flushLocal();
    this.state.heap.flushLocal();
  }

  /** Sets the task function later (the main thread loads it only for runSync). */
  /**
   * The task module's `idle(ctx)` export, if any: a worker with nothing to
   * run calls it before each park, for the module's own timed work (timers
   * that wake suspended tasks); it returns how long, in ms, the worker may
   * sleep before calling it again (Infinity: until woken).
   */
  idle: ((ctx: TaskContext) => number) | null = null;

  /** Runs the idle hook; the longest this thread may park, in ms. */
  idleWork(): number {
    if (this.idle === null) return Infinity;
    const ms = this.idle(this.ctx);
    return ms >= 0 ? ms : 0;
  }

  setFunction(fn: TaskFunction): void {
    this.fn = fn;
  }

  /** Queues a task on this processor; `flags` is ROOT for `run()` tasks, DETACHED for `spawnDetached`. Returns its future. */
  spawn(value: unknown, flags: number): number {
    const t = this.newTask(value, flags);
    // Read before publishing: a thief may run and free `t` at once, and its
    // record then holds another task's future.
    const f = this.state.tasks.view(t)[t * 4 + T_FUTURE];
    // A root or detached task is not joined by its spawner: thieves may take it at once.
    if (flags & (ROOT | DETACHED)) {
      this.deque.push(t);
      this.notify();
    } else {
      // The run-next task is the spawner's to run next (it usually joins it at
      // once): waking a worker for it costs a futex wake and then races the
      // spawner for the task. Only work that overflows to the deque wakes one;
      // a parked worker still finds a lone run-next task at its next timeout.
      const displaced = this.deque.setRunNext(t);
      if (displaced !== 0) {
        this.deque.push(displaced);
        this.notify();
      }
    }
    return f;
  }

  /**
   * Encodes `value` into a new task record with a new future (in T_FUTURE);
   * queues nothing. A detached task gets no future record (T_FUTURE 0): nobody
   * could read it, so it would only cost an allocation, its flags and its free.
   */
  newTask(value: unknown, flags: number): number {
    const codec = this.codec;
    codec.encode(value);
    const state = this.state;
    const f = flags & DETACHED ? 0 : newFuture(state, flags);
    const t = state.tasks.alloc();
    const v = state.tasks.view(t);
    v[t * 4 + T_FUTURE] = f;
    v[t * 4 + T_TAG] = codec.tag;
    Atomics.store(v, t * 4 + T_PAYLOAD, codec.payload);
    return t;
  }

  /**
   * Pushes a task made by `newTask` onto this processor's deque, where
   * thieves can take it; wakes a parked worker only with `wake` (a searching
   * one finds it either way).
   */
  publish(t: number, wake: boolean): void {
    this.deque.push(t);
    if (wake) this.notify();
  }

  /** After publishing work: wakes a parked worker unless one is searching already. */
  private notify(): void {
    const c = this.state.control;
    if (Atomics.load(c, SEARCHING) === 0 && Atomics.load(c, PARKED) > 0) this.parking.wakeOne();
  }

  /** Runs queued work until future `f` completes; returns its value or throws its error. */
  join(f: number): unknown {
    let idle = 0;
    while ((futureState(this.state, f) & DONE_MASK) === 0) {
      if (this.step()) {
        idle = 0;
      } else if (++idle > SPINS) {
        if (Atomics.load(this.state.control, SHUTDOWN) !== 0) throw new Error('scheduler shut down during a join');
        // Nothing to help with: the future's task runs on another thread.
        Atomics.wait(this.state.control, this.state.proc(this.id, PARK), 0, Math.min(1, idle / 10000));
      }
    }
    return this.take(f);
  }

  /** Reads a completed future without freeing it: every call decodes a fresh copy. */
  peek(f: number): unknown {
    const v = this.state.futures.view(f);
    const status = Atomics.load(v, f * 4) & DONE_MASK;
    const value = this.codec.decode(v[f * 4 + F_TAG], v[f * 4 + F_PAYLOAD], true);
    if (status === OK) return value;
    throw decodeError(status === CANCELLED ? { name: 'AbortError', message: 'the task was cancelled' } : value);
  }

  /** A future that is already complete with `value` (no task behind it). */
  resolved(value: unknown): number {
    const f = newFuture(this.state, 0);
    this.finish(f, OK, value);
    return f;
  }

  /** Reads and frees a completed future, returning its value or throwing its error. */
  take(f: number): unknown {
    const state = this.state;
    const v = state.futures.view(f);
    const status = Atomics.load(v, f * 4) & DONE_MASK;
    const value = this.codec.decode(v[f * 4 + F_TAG], v[f * 4 + F_PAYLOAD]);
    state.futures.free(f);
    if (status === OK) return value;
    throw decodeError(status === CANCELLED ? { name: 'AbortError', message: 'the task was cancelled' } : value);
  }

  /** Frees a completed future nobody will read (its promise already settled). */
  release(f: number): void {
    const v = this.state.futures.view(f);
    this.codec.discard(v[f * 4 + F_TAG], v[f * 4 + F_PAYLOAD]);
    this.state.futures.free(f);
  }

  /** Registers `cb(arg)` to run on this thread once future `f` completes. */
  onFuture<T>(f: number, cb: (arg: T) => void, arg?: T): void {
    const w = this.resumeRecord(cb, 0, arg);
    if (!addWaiter(this.state, f, w)) this.resumeHere(w);
  }

  /** A resume record for `cb(arg)`, owned by the caller until registered somewhere. */
  resumeRecord<T>(cb: (arg: T) => void, flags = 0, arg?: T): number {
    const token = this.freeTokens.pop() ?? this.conts.length;
    this.conts[token] = cb as (arg: never) => void;
    this.contArgs[token] = arg;
    const w = this.state.tasks.alloc();
    const v = this.state.tasks.view(w);
    v[w * 4 + 1] = this.id;
    v[w * 4 + 3] = flags;
    Atomics.store(v, w * 4 + 2, token);
    return w;
  }

  /**
   * Runs resume record `w`'s continuation on the next step: its condition
   * held when it was registered. Counted in RESUMING like one sent to the
   * inbox, so that until it runs nobody sees its task as blocked for good.
   */
  resumeHere(w: number): void {
    Atomics.add(this.state.control, RESUMING, 1);
    this.unsettled++;
    this.runSoon(w);
  }

  /** Moves resume record `w`'s continuation to the ready list (its condition holds). */
  private runSoon(w: number): void {
    const token = this.state.tasks.view(w)[w * 4 + 2];
    this.state.tasks.free(w);
    if (this.conts[token] !== undefined) this.ready.push(token);
  }

  /** Runs the oldest ready continuation; false when there is none. */
  private runReady(): boolean {
    if (this.ready.length === 0) return false;
    const token = this.ready.shift()!;
    const cb = this.conts[token] as (arg: unknown) => void;
    const arg = this.contArgs[token];
    this.conts[token] = undefined;
    this.contArgs[token] = undefined;
    this.freeTokens.push(token);
    cb(arg);
    return true;
  }

  /** Does one unit of work; false when none was found. */
  step(): boolean {
    return this.stepResumes() || this.stepTask();
  }

  /** Runs one continuation woken on this thread; false when none is due. */
  stepResumes(): boolean {
    for (let w = takeInbox(this.state, this.id); w !== 0; ) {
      const next = Atomics.load(this.state.tasks.view(w), w * 4);
      this.runSoon(w);
      this.unsettled++;
      w = next;
    }
    if (this.runReady()) return true;
    if (this.unsettled !== 0) {
      // Every continuation resumed through the inbox has run (see RESUMING in state.ts).
      Atomics.sub(this.state.control, RESUMING, this.unsettled);
      this.unsettled = 0;
    }
    return false;
  }

  /** Runs one queued task (its own first, then stolen); false when there is none. */
  stepTask(): boolean {
    const t = this.findTask();
    if (t === 0) return false;
    this.runTask(t);
    return true;
  }

  /** Worker loop: runs until shutdown, or returns after `idleMs` without work. */
  loop(idleMs: number): void {
    this.parking.loop(this, idleMs);
  }

  /** Marks this processor parked so spawners notify it; used before an async wait. */
  parkAsync(): void {
    Atomics.store(this.state.control, this.state.proc(this.id, PARK), 1);
    Atomics.add(this.state.control, PARKED, 1);
  }

  unparkAsync(): void {
    Atomics.store(this.state.control, this.state.proc(this.id, PARK), 0);
    Atomics.sub(this.state.control, PARKED, 1);
  }

  /** Whether any queue this processor can take from is non-empty. */
  hasWork(): boolean {
    if (this.ready.length > 0 || this.deque.size() > 0) return true;
    const c = this.state.control;
    // INJECT is the index half of a tagged head: 0 when the queue is empty.
    if (Atomics.load(c, this.state.proc(this.id, INBOX)) !== 0) return true;
    if (Atomics.load(c, INJECT) !== 0) return true;
    for (let i = 0; i < this.victims.length; i++) if (this.victims[i].size() > 0) return true;
    return false;
  }

  /** Publishes the owner-written counters (cheap stores, read by stats). */
  publishStats(): void {
    const c = this.state.control;
    Atomics.store(c, this.state.proc(this.id, EXECUTED), this.executed);
    Atomics.store(c, this.state.proc(this.id, ROOTS), this.roots);
    Atomics.store(c, this.state.proc(this.id, STOLEN), this.stolen);
  }

  private findTask(): number {
    let t = this.deque.takeRunNext();
    if (t !== 0) return t;
    t = this.deque.pop();
    if (t !== 0) return t;
    t = takeInjected(this.state);
    if (t !== 0) return t;
    const n = this.victims.length;
    const start = (Math.random() * n) | 0;
    for (let i = 0; i < n; i++) {
      const got = this.victims[(start + i) % n].stealBatch(this.deque);
      if (got.task !== 0) {
        this.stolen += got.count;
        return got.task;
      }
    }
    return 0;
  }

  /** Runs task `t` (taken from a queue by this thread) to completion or suspension. */
  runTask(t: number): void {
    const state = this.state;
    const tv = state.tasks.view(t);
    const f = tv[t * 4 + T_FUTURE];
    const tag = tv[t * 4 + T_TAG];
    const payload = Atomics.load(tv, t * 4 + T_PAYLOAD);
    state.tasks.free(t);
    const flags = f === 0 ? 0 : futureState(state, f);
    // Published at once: maxQueue and stats.queued depend on it.
    if (flags & ROOT) Atomics.store(state.control, state.proc(this.id, ROOTS), ++this.roots);
    this.executed++;
    if (flags & CANCEL_REQ) {
      this.codec.discard(tag, payload);
      complete(state, f, CANCELLED, S_UNDEFINED, 0);
      return;
    }
    const outer = this.current;
    this.current = f === 0 ? RUNNING_DETACHED : f;
    try {
      const fn = this.fn;
      if (!fn) throw new Error('no task function loaded on this thread');
      const result = fn(this.codec.decode(tag, payload), this.ctx);
      if (result === SUSPENDED || (result instanceof Suspension && result.future === this.current)) return;
      this.finish(this.current, OK, result);
    } catch (error) {
      this.finish(this.current, ERR, encodeError(error));
    } finally {
      this.current = outer;
      if ((this.executed & 255) === 0) this.publishStats();
    }
  }

  /** Completes future `f` with `value` (a result, or an encoded error for ERR). */
  finish(f: number, status: number, value: unknown): void {
    // A detached task's result has no reader (and its error nobody to tell): it has no future to complete.
    if (f === RUNNING_DETACHED) return;
    try {
      this.codec.encode(value);
    } catch (error) {
      this.codec.encode(encodeError(error));
      status = ERR;
    }
    complete(this.state, f, status, this.codec.tag, this.codec.payload);
  }
}
