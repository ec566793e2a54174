/// <reference lib="es2024.sharedmemory" />
/**
 * The library face: a pool shaped after piscina (STYLE.md "Scheduler API").
 *
 * `run()` encodes the task into shared memory and pushes it on the main
 * thread's own deque (processor 0); workers steal it in batches. Results come
 * back without postMessage: a finishing worker pushes the root future onto
 * the COMPLETIONS stack and, when that stack was empty, bumps MAIN_SEQ. The
 * main thread waits on MAIN_SEQ with `Atomics.waitAsync` only while tasks are
 * outstanding, drains every completion per wake, and settles each promise.
 *
 * Settling exactly once: `resolvers[f]` holds a task's settle functions until
 * the first of completion, abort, crash or destroy clears it; later events
 * for that future find the slot empty and only release its records. A worker
 * crash (exit, uncaught error) fails every outstanding task and restarts the
 * pool on fresh shared memory: tasks on other workers may be joining the
 * dead worker's subtasks, so no narrower recovery is sound.
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { fillOptions, type FilledOptions, type SchedulerOptions } from './options';
import { SharedState, F_LINK, MAIN_SEQ, SHUTDOWN, EXECUTED, ROOTS, STOLEN } from './state';
import { Processor, type TaskFunction } from './processor';
import type { TaskContext } from './context';
import { ROOT, requestCancel, takeCompletions } from './future';
import { AbortError, QueueFullError, SchedulerClosedError, WorkerExitedError } from './errors';
import { workerEntry } from './entry';
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

type Settle = [resolve: (value: unknown) => void, reject: (error: unknown) => void];

export class Scheduler extends EventEmitter {
  readonly options: FilledOptions;
  private state: SharedState;
  private main: Processor;
  private workers: Worker[] = [];
  private readonly settlers: Array<Settle | undefined> = [];
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

  /** Runs `task` on a worker; the promise settles exactly once. */
  run(task: unknown, options: RunOptions = {}): Promise<unknown> {
    if (this.closing || this.destroyed) return Promise.reject(new SchedulerClosedError('the scheduler is closed'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new AbortError('the task was aborted', { cause: signal.reason }));
    if (this.options.maxQueue !== Infinity && this.stats.queued >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(`more than ${this.options.maxQueue} tasks queued`));
    }
    if (this.workers.length === 0) this.startWorkers();
    let f: number;
    try {
      f = this.main.spawn(task, ROOT);
    } catch (error) {
      return Promise.reject(error);
    }
    this.submitted++;
    const promise = new Promise((resolve, reject) => {
      this.settlers[f] = [resolve, reject];
    });
    if (signal) this.watchAbort(f, signal);
    // Last: the pump collects synchronously, and a spinning worker may
    // already have finished the task.
    if (this.outstanding++ === 0) this.startPump();
    return promise;
  }

  /**
   * Runs `task` on this thread and blocks until it is done, running queued
   * work (its own subtasks first) instead of sleeping. For callers that own
   * their thread; it blocks the event loop.
   */
  runSync(task: unknown): unknown {
    if (this.closing || this.destroyed) throw new SchedulerClosedError('the scheduler is closed');
    if (!this.mainLoaded) {
      this.main.setFunction(loadTaskModule(this.options.filename).fn as TaskFunction);
      this.mainLoaded = true;
    }
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
      for (let f = 0; f < this.settlers.length; f++) if (this.settlers[f]) requestCancel(this.state, f);
    }
    if (this.outstanding > 0) await new Promise((resolve) => this.once('drain', resolve));
    await this.stopWorkers();
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
    const filename = workerEntry();
    for (let id = 1; id <= this.options.workers; id++) {
      const worker = new Worker(filename, {
        workerData: {
          buffers: this.state.buffers(),
          id,
          filename: this.options.filename,
          idleTimeout: this.options.idleTimeout,
          data: this.options.workerData,
        },
      });
      worker.unref();
      const state = this.state;
      worker.on('error', (error) => this.crashed(state, error));
      worker.on('exit', (code) => this.crashed(state, new Error(`worker ${id} exited with code ${code}`)));
      this.workers.push(worker);
    }
  }

  private async stopWorkers(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    Atomics.store(this.state.control, SHUTDOWN, 1);
    await Promise.all(workers.map((w) => w.terminate()));
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
  }

  private failAll(error: Error): void {
    for (let f = 0; f < this.settlers.length; f++) {
      const settle = this.settlers[f];
      if (settle) this.settle(f, settle, undefined, error);
    }
    this.settlers.length = 0;
    this.outstanding = 0;
    this.submitted = this.completed;
    this.finishPump();
  }

  private watchAbort(f: number, signal: AbortSignal): void {
    const onAbort = (): void => {
      const settle = this.settlers[f];
      if (!settle) return;
      requestCancel(this.state, f);
      this.settle(f, settle, undefined, new AbortError('the task was aborted', { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.aborts.set(f, () => signal.removeEventListener('abort', onAbort));
  }

  private settle(f: number, settle: Settle, value: unknown, error?: unknown): void {
    this.settlers[f] = undefined;
    const unwatch = this.aborts.get(f);
    if (unwatch) {
      this.aborts.delete(f);
      unwatch();
    }
    if (error === undefined) settle[0](value);
    else settle[1](error);
  }

  private startPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.keepAlive.ref();
    void this.pump();
  }

  private async pump(): Promise<void> {
    const state = this.state;
    while (this.outstanding > 0 && state === this.state) {
      const seq = Atomics.load(state.control, MAIN_SEQ);
      this.collect(state);
      if (this.outstanding === 0 || state !== this.state) break;
      // The timeout is only a backstop: completions notify MAIN_SEQ.
      const waiting = Atomics.waitAsync(state.control, MAIN_SEQ, seq, 100);
      if (waiting.async) await waiting.value;
    }
    if (state === this.state) this.finishPump();
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
      const settle = this.settlers[f];
      this.outstanding--;
      this.completed++;
      if (settle) {
        this.settlers[f] = undefined;
        let value: unknown;
        let error: unknown;
        try {
          value = this.main.take(f);
        } catch (e) {
          error = e;
        }
        this.settle(f, settle, value, error);
      } else {
        this.main.release(f);
      }
      f = next;
    }
  }
}
