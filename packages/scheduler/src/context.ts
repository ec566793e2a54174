/**
 * What a task sees: the `ctx` argument of the worker module's function.
 *
 * Handles returned here (futures, channels, cells) are plain integers, valid
 * on every thread, so they can be passed inside task arguments and results.
 */
import type { Processor } from './processor';
import { CANCEL_REQ, DETACHED, DONE_MASK, ERR, MARK, OK, futureState } from './future';
import { F_STATE, ONLINE, RESUMING, SHUTDOWN } from './state';
import { encodeError } from './errors';
import { Channels, type SelectCase, type SelectResult } from './channel';
import { Cells } from './cells';

/** A future handle: an index into the futures slab. */
export type FutureHandle = number;

/**
 * Returned by a task that gives its thread back before it has a result; the
 * task's future completes when `resolve` or `reject` is called, normally from
 * a continuation registered with `ctx.onReady` (CONCURRENCY.md §12.4).
 */
export class Suspension {
  private settled = false;

  constructor(
    readonly future: FutureHandle,
    private readonly processor: Processor,
  ) {}

  resolve(value: unknown): void {
    this.settle(OK, value);
  }

  reject(error: unknown): void {
    this.settle(ERR, encodeError(error));
  }

  private settle(status: number, value: unknown): void {
    if (this.settled) throw new Error('a suspension settles once');
    this.settled = true;
    this.processor.finish(this.future, status, value);
  }
}

/**
 * The lighter form of a Suspension, for embedders that park very many tasks
 * (an object per parked task adds up): a task function returns SUSPENDED,
 * keeps its `currentFuture`, and later completes that future exactly once
 * with `ctx.complete`. A registered symbol, like channel.ts's EMPTY, so that
 * every copy of this package a thread loads agrees on it.
 */
export const SUSPENDED: unique symbol = Symbol.for('@wyn/scheduler.suspended') as never;

export class TaskContext {
  readonly channels: Channels;
  readonly cells: Cells;

  constructor(private readonly p: Processor) {
    this.channels = new Channels(p);
    this.cells = new Cells(p.state);
  }

  /** The pool's `workerData` option (a structured clone: SharedArrayBuffers are shared). */
  get workerData(): unknown {
    return this.p.workerData;
  }

  /** 0 on the main thread, 1..n on workers. */
  get workerId(): number {
    return this.p.id;
  }

  /** Queues `task` for the same worker module; returns its future. Join it exactly once. */
  spawn(task: unknown): FutureHandle {
    return this.p.spawn(task, 0);
  }

  /**
   * Queues `task` with no future to join: its result is dropped, and an error
   * it throws is lost (catch inside the task). Costs no future record once done.
   */
  spawnDetached(task: unknown): void {
    this.p.spawn(task, DETACHED);
  }

  /** A future already complete with `value`, for code that treats results and futures alike. */
  resolved(value: unknown): FutureHandle {
    return this.p.resolved(value);
  }

  /** Whether `future` is complete (it can then be read without waiting). */
  isDone(future: FutureHandle): boolean {
    return (futureState(this.p.state, future) & DONE_MASK) !== 0;
  }

  /**
   * The result of a complete future, decoded afresh on every call, for
   * embedders whose futures may be read many times (Wyn's memoised futures).
   * Such a future is never freed: use it instead of `join`, never with it.
   */
  peek(future: FutureHandle): unknown {
    return this.p.peek(future);
  }

  /** Sets the embedder's own bit on `future` (the scheduler gives it no meaning). */
  mark(future: FutureHandle): void {
    Atomics.or(this.p.state.futures.view(future), future * 4 + F_STATE, MARK);
  }

  isMarked(future: FutureHandle): boolean {
    return (futureState(this.p.state, future) & MARK) !== 0;
  }

  /** The future of the task running now on this thread; 0 between tasks and in a detached task (it has none). */
  get currentFuture(): FutureHandle {
    return Math.max(0, this.p.current);
  }

  /** Waits for a spawned task, running queued work meanwhile; returns its result or throws its error. */
  join(future: FutureHandle): unknown {
    return this.p.join(future);
  }

  /** Cooperative cancellation: true once the running task was aborted or the pool is shutting down. */
  cancelled(): boolean {
    const p = this.p;
    if (Atomics.load(p.state.control, SHUTDOWN) !== 0) return true;
    return p.current > 0 && (futureState(p.state, p.current) & CANCEL_REQ) !== 0;
  }

  /**
   * Runs one unit of queued work on this thread (a resumed continuation or a
   * task); false when none was found. For embedders whose own flow blocks on
   * the calling thread and must keep the pool progressing meanwhile (the Wyn
   * interpreter's main, CONCURRENCY.md §12.4 "Main participates").
   */
  step(): boolean {
    return this.p.step();
  }

  /**
   * `step()` in two halves, for an embedder that picks what its blocked
   * thread takes on: `stepResumes()` runs a continuation woken on this
   * thread (only this thread can), `stepTask()` a queued task (which a
   * worker could run instead).
   */
  stepResumes(): boolean {
    return this.p.stepResumes();
  }

  stepTask(): boolean {
    return this.p.stepTask();
  }

  /** Workers started and able to take tasks (they start lazily, in ~100 ms of Node's own start-up each). */
  workersOnline(): number {
    return Atomics.load(this.p.state.control, ONLINE);
  }

  /** SUSPENDED, for embedders that load this package lazily (a task function returns it to give its thread back). */
  suspended(): typeof SUSPENDED {
    return SUSPENDED;
  }

  /**
   * Completes the future of a task that returned SUSPENDED with `value`;
   * nothing for 0 (a detached task's `currentFuture`). Call it exactly once
   * per such task, on any thread.
   */
  complete(future: FutureHandle, value: unknown): void {
    if (future > 0) this.p.finish(future, OK, value);
  }

  /** Lets the running task return without a result; see Suspension. */
  suspend(): Suspension {
    if (this.p.current === 0) throw new Error('suspend() outside a task');
    return new Suspension(this.p.current, this.p);
  }

  /** Tasks queued on this thread that no thief has taken yet (approximate: thieves race it). */
  queuedHere(): number {
    return this.p.deque.size();
  }

  /**
   * Continuations woken on some thread (a future completed, a channel became
   * ready) that have not run there yet. An embedder that detects "every task
   * is blocked" must wait for 0: a woken task still counts as blocked to it
   * until its continuation runs, however long its thread is busy.
   */
  resumesPending(): number {
    return Atomics.load(this.p.state.control, RESUMING);
  }

  /**
   * Calls `cb(arg)` on this thread once `future` is complete (then `join`
   * returns at once). One callback for many waits, each with its own `arg`,
   * costs less than a closure per wait.
   */
  onReady<T>(future: FutureHandle, cb: (arg: T) => void, arg?: T): void {
    this.p.onFuture(future, cb, arg);
  }

  /** Non-blocking select over channel operations; see channel.ts. */
  trySelect(cases: readonly SelectCase[]): SelectResult | undefined {
    return this.channels.trySelect(cases);
  }
}
