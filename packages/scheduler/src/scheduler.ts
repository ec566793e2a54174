/// <reference lib="es2024.sharedmemory" />
/**
 * The library face: a pool shaped after piscina (STYLE.md "Scheduler API").
 *
 * `run()` encodes the task into shared memory and pushes it on the main
 * thread's own deque (processor 0); workers steal it in batches. Results come
 * back without postMessage: a finishing worker pushes the root future onto
 * the COMPLETIONS stack and, when that stack was empty, bumps MAIN_SEQ.
 *
 * The pump runs on the main thread while tasks are outstanding, starting in
 * a microtask so that a batch of `run()` calls is queued before it looks:
 *   1. with `inline`, it runs queued work itself for a time slice (the newest
 *      task, which `run()` keeps private for this thread, then its own deque);
 *   2. it settles every completed promise;
 *   3. it spins on MAIN_SEQ for MAIN_SPIN_MS, since small tasks finish
 *      sooner than a wake-up through the event loop takes (tens of µs);
 *   4. then it waits with `Atomics.waitAsync`, so the event loop runs.
 *
 * Settling exactly once: `resolvers[f]` holds a task's settle functions until
 * the first of completion, abort, crash or destroy clears it; later events
 * for that future find the slot empty and only release its records. A worker
 * crash (exit, uncaught error) fails every outstanding task and restarts the
 * pool on fresh shared memory: tasks on other workers may be joining the
 * dead worker's subtasks, so no narrower recovery is sound.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { fillOptions, type FilledOptions, type SchedulerOptions } from './options';
import { SharedState, F_LINK, MAIN_SEQ, SHUTDOWN, EXECUTED, ROOTS, STOLEN, T_FUTURE } from './state';
import { Processor, type TaskFunction } from './processor';
import type { TaskContext } from './context';
import { ROOT, requestCancel, takeCompletions } from './future';
import { AbortError, QueueFullError, SchedulerClosedError, WorkerExitedError } from './errors';
import { startWorkerThreads, stopWorkerThreads } from './threads';
import { loadTaskModule } from './load';

export interface RunOptions {
  signal?: AbortSignal;
  /** A label for debugging; not used by the scheduler itself. */
  name?: string;
}

export interface SchedulerStats {
  workers: number;
  queued: number;
  running: number;
  completed: number;
  stolen: number;
  executed: number;
}

type Resolve = (value: unknown) => void;
type Reject = (error: unknown) => void;

/** How long the pump spins for completions before it waits through the event loop. */
const MAIN_SPIN_MS = 0.05;
/** With `inline`, tasks queued on the main thread before run() wakes a parked worker. */
const INLINE_WAKE_BACKLOG = 16;
/** With `inline`, how long the main thread runs tasks before it lets the event loop run. */
const INLINE_SLICE_MS = 2;

// One executor for every run() promise: it parks the resolving functions
// here, so a run() allocates no closure of its own.
let capturedResolve: Resolve;
let capturedReject: Reject;
function capture(resolve: Resolve, reject: Reject): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

export class Scheduler extends EventEmitter {
  readonly options: FilledOptions;
  private state: SharedState;
  private main: Processor;
  private workers: Worker[] = [];
  /** A task's settle functions, by future, until the first of completion, abort, crash or destroy. */
  private readonly resolves: Array<Resolve | undefined> = [];
  private readonly rejects: Array<Reject | undefined> = [];
  /** With `inline`: the newest run() task, not yet visible to thieves; the pump runs it here. */
  private held = 0;
  private readonly aborts = new Map<number, () => void>();
  private outstanding = 0;
  private submitted = 0;
  private completed = 0;
  private pumping = false;
  private closing = false;
  private destroyed = false;
  private mainLoaded = false;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(options: SchedulerOptions) {
    super();
    this.options = fillOptions(options);
    this.state = SharedState.create(this.options.workers + 1, this.options.dequeCapacity);
    this.main = new Processor(this.state, 0, undefined, this.options.codecTags, this.options.workerData);
    // One ref'd timer keeps the process alive while tasks are outstanding:
    // neither Atomics.waitAsync nor the (unref'd) workers do.
    this.keepAlive = setInterval(() => undefined, 1 << 30);
    this.keepAlive.unref();
  }

  /** Runs `task` on a worker (or, with `inline`, maybe on this thread); the promise settles exactly once. */
  run(task: unknown, options?: RunOptions): Promise<unknown> {
    if (this.closing) return Promise.reject(new SchedulerClosedError('the scheduler is closed'));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new AbortError('the task was aborted', { cause: signal.reason }));
    if (this.options.maxQueue !== Infinity && this.stats.queued >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(`more than ${this.options.maxQueue} tasks queued`));
    }
    if (this.workers.length === 0) this.startWorkers();
    let f: number;
    try {
      f = this.options.inline ? this.hold(task) : this.main.spawn(task, ROOT);
    } catch (error) {
      return Promise.reject(error);
    }
    this.submitted++;
    const promise = new Promise(capture);
    this.resolves[f] = capturedResolve;
    this.rejects[f] = capturedReject;
    if (signal) this.watchAbort(f, signal);
    if (this.outstanding++ === 0) this.startPump();
    return promise;
  }

  /**
   * `inline` run(): keeps the new task private and publishes the one it
   * replaces. A lone `await pool.run(x)` is then never seen by a worker (no
   * wake-up, no race), while in a batch every task but the newest can be
   * stolen as soon as it is queued.
   */
  private hold(task: unknown): number {
    this.loadMain();
    const t = this.main.newTask(task, ROOT);
    // Waking a parked worker costs the main thread a system call and the
    // worker tens of µs: worth it for a backlog, not for a batch of eight.
    if (this.held !== 0) this.main.publish(this.held, this.main.deque.size() >= INLINE_WAKE_BACKLOG);
    this.held = t;
    return this.state.tasks.view(t)[t * 4 + T_FUTURE];
  }

  private loadMain(): void {
    if (this.mainLoaded) return;
    this.main.setFunction(loadTaskModule(this.options.filename).fn as TaskFunction);
    this.mainLoaded = true;
  }

  /**
   * Runs `task` on this thread and blocks until it is done, running queued
   * work (its own subtasks first) instead of sleeping. For callers that own
   * their thread; it blocks the event loop.
   */
  runSync(task: unknown): unknown {
    if (this.closing || this.destroyed) throw new SchedulerClosedError('the scheduler is closed');
    this.loadMain();
    if (this.workers.length === 0) this.startWorkers();
    const result = this.main.join(this.main.spawn(task, 0));
    this.main.publishStats();
    return result;
  }

  /**
   * Makes the calling (main) thread processor 0 for an embedder whose main
   * flow runs outside any task: `fn` runs the tasks this thread picks up, and
   * the returned context spawns, steps and suspends on this thread. Workers
   * start at `start()` (or the first `run`), so an embedder can use channels
   * and cells without starting a thread. Call once, before any `run`/`runSync`.
   */
  mainContext(fn: TaskFunction): TaskContext {
    if (this.closing || this.destroyed) throw new SchedulerClosedError('the scheduler is closed');
    this.main.setFunction(fn);
    this.mainLoaded = true;
    return this.main.ctx;
  }

  /** Starts the worker threads if they are not running yet. */
  start(): void {
    if (this.workers.length === 0 && !this.closing && !this.destroyed) this.startWorkers();
  }

  get stats(): SchedulerStats {
    const c = this.state.control;
    let roots = 0;
    let executed = 0;
    let stolen = 0;
    for (let p = 0; p < this.state.processors; p++) {
      roots += Atomics.load(c, this.state.proc(p, ROOTS));
      executed += Atomics.load(c, this.state.proc(p, EXECUTED));
      stolen += Atomics.load(c, this.state.proc(p, STOLEN));
    }
    const queued = Math.max(0, this.submitted - roots);
    return {
      workers: this.workers.length,
      queued,
      running: Math.max(0, this.outstanding - queued),
      completed: this.completed,
      stolen,
      executed,
    };
  }

  /** True while `maxQueue` tasks are queued; wait for 'drain'. */
  get needsDrain(): boolean {
    return this.outstanding >= this.options.maxQueue;
  }

  /** The shared state, for embedders and tests (slab accounting, channels, cells). */
  get shared(): SharedState {
    return this.state;
  }

  /** Finishes queued work, then stops the workers. With `force`, tasks not yet started are cancelled. */
  async close(options: { force?: boolean } = {}): Promise<void> {
    if (this.destroyed) return;
    this.closing = true;
    if (options.force) {
      for (let f = 0; f < this.resolves.length; f++) if (this.resolves[f]) requestCancel(this.state, f);
    }
    if (this.outstanding > 0) await new Promise((resolve) => this.once('drain', resolve));
    await this.stopWorkers(true);
  }

  /** Stops the workers now; every outstanding promise rejects with ERR_SCHEDULER_CLOSED. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closing = true;
    const stopping = this.stopWorkers();
    this.failAll(new SchedulerClosedError('the scheduler was destroyed'));
    await stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private startWorkers(): void {
    const state = this.state;
    startWorkerThreads(this.options, state, this.workers, (cause) => this.crashed(state, cause));
  }

  /** Stops the worker threads (threads.ts), then returns this thread's cached free records. */
  private async stopWorkers(orderly = false): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await stopWorkerThreads(this.state, workers, orderly);
    this.main.flushCaches();
  }

  /** A worker died unexpectedly: fail everything outstanding and start over on fresh memory. */
  private crashed(state: SharedState, cause: unknown): void {
    // Exits we caused (close, destroy, an earlier crash) set SHUTDOWN first.
    if (state !== this.state || Atomics.load(state.control, SHUTDOWN) !== 0) return;
    const workers = this.workers;
    this.workers = [];
    Atomics.store(state.control, SHUTDOWN, 1);
    for (const w of workers) void w.terminate();
    this.failAll(new WorkerExitedError('a worker exited while tasks were running', { cause }));
    this.state = SharedState.create(this.options.workers + 1, this.options.dequeCapacity);
    this.main = new Processor(this.state, 0, undefined, this.options.codecTags, this.options.workerData);
    this.mainLoaded = false;
    this.held = 0;
  }

  private failAll(error: Error): void {
    for (let f = 0; f < this.resolves.length; f++) if (this.resolves[f]) this.settle(f, undefined, error);
    this.resolves.length = 0;
    this.rejects.length = 0;
    this.held = 0; // its records go with the state: crashes replace it, destroy ends it
    this.outstanding = 0;
    this.submitted = this.completed;
    this.finishPump();
  }

  private watchAbort(f: number, signal: AbortSignal): void {
    const onAbort = (): void => {
      if (!this.resolves[f]) return;
      requestCancel(this.state, f);
      this.settle(f, undefined, new AbortError('the task was aborted', { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.aborts.set(f, () => signal.removeEventListener('abort', onAbort));
  }

  /** Settles future `f`'s promise (its entry must be set) and forgets it. */
  private settle(f: number, value: unknown, error?: unknown): void {
    const resolve = this.resolves[f] as Resolve;
    const reject = this.rejects[f] as Reject;
    this.resolves[f] = undefined;
    this.rejects[f] = undefined;
    if (this.aborts.size > 0) {
      const unwatch = this.aborts.get(f);
      if (unwatch) {
        this.aborts.delete(f);
        unwatch();
      }
    }
    if (error === undefined) resolve(value);
    else reject(error);
  }

  private startPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.keepAlive.ref();
    void this.pump();
  }

  private async pump(): Promise<void> {
    const state = this.state;
    // Let the caller finish queuing its batch: the pump never runs inside run().
    await undefined;
    while (this.outstanding > 0 && state === this.state) {
      const seq = Atomics.load(state.control, MAIN_SEQ);
      const more = this.options.inline && this.runInline(state);
      this.collect(state);
      if (this.outstanding === 0 || state !== this.state) break;
      if (more) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (this.spin(state, seq)) continue;
      // The timeout is only a backstop: completions notify MAIN_SEQ.
      const waiting = Atomics.waitAsync(state.control, MAIN_SEQ, seq, 100);
      if (waiting.async) await waiting.value;
    }
    if (state === this.state) this.finishPump();
  }

  /** `inline`: runs queued work on this thread for one slice; true when it stopped with work left. */
  private runInline(state: SharedState): boolean {
    const main = this.main;
    const end = performance.now() + INLINE_SLICE_MS;
    const t = this.held;
    if (t !== 0) {
      this.held = 0;
      main.runTask(t);
    }
    for (let i = 1; state === this.state && main.step(); i++) {
      if ((i & 15) === 0 && performance.now() > end) return true;
    }
    return false;
  }

  /** Spins until MAIN_SEQ moves from `seq` (true) or MAIN_SPIN_MS pass (false). */
  private spin(state: SharedState, seq: number): boolean {
    const end = performance.now() + MAIN_SPIN_MS;
    for (let i = 1; ; i++) {
      if (Atomics.load(state.control, MAIN_SEQ) !== seq) return true;
      if ((i & 15) === 0 && performance.now() > end) return false;
    }
  }

  private finishPump(): void {
    if (!this.pumping) return;
    this.pumping = false;
    this.keepAlive.unref();
    if (this.outstanding === 0) this.emit('drain');
  }

  /** Settles every completed root future. */
  private collect(state: SharedState): void {
    for (let f = takeCompletions(state); f !== 0; ) {
      const next = Atomics.load(state.futures.view(f), f * 4 + F_LINK);
      this.outstanding--;
      this.completed++;
      if (this.resolves[f]) {
        let value: unknown;
        let error: unknown;
        try {
          value = this.main.take(f);
        } catch (e) {
          error = e;
        }
        this.settle(f, value, error);
      } else {
        this.main.release(f);
      }
      f = next;
    }
  }
}
