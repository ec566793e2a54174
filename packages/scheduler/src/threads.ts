/**
 * Starting and stopping the pool's worker threads, moved out of the
 * Scheduler (scheduler.ts) to keep that file within the style guide's size.
 * The Scheduler still owns the list of workers and decides when to call
 * these; a crash is reported back through the `crashed` callback, tagged with
 * the shared state the worker was started on so that exits from an older
 * pool (after a restart) are told apart.
 */
import type { Worker } from 'node:worker_threads';
import type { FilledOptions } from './options';
import { SHUTDOWN, STOPPED, type SharedState } from './state';
import { wakeProcessor } from './future';
import { workerEntry } from './entry';

/** How long close() waits for a worker to leave its loop before terminating it regardless. */
const STOP_WAIT_MS = 2000;

/** Starts `options.workers` threads on `state`, pushing each onto `workers` as it starts. */
export function startWorkerThreads(
  options: FilledOptions,
  state: SharedState,
  workers: Worker[],
  crashed: (cause: unknown) => void,
): void {
  const filename = workerEntry();
  // Loaded here, not at the top: a program that never starts a worker should not pay for the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  for (let id = 1; id <= options.workers; id++) {
    const worker = new Worker(filename, {
      resourceLimits: options.resourceLimits,
      workerData: {
        buffers: state.buffers(),
        id,
        filename: options.filename,
        idleTimeout: options.idleTimeout,
        data: options.workerData,
      },
    });
    worker.unref();
    worker.on('error', (error) => crashed(error));
    worker.on('exit', (code) => crashed(new Error(`worker ${id} exited with code ${code}`)));
    workers.push(worker);
  }
}

/**
 * Sets SHUTDOWN and terminates the workers. With `orderly` (close), each
 * worker first leaves its loop and returns its cached free records
 * (STOPPED counts them; parked ones are woken), so the shared free lists
 * account for every record afterwards; a worker stuck for STOP_WAIT_MS is
 * terminated anyway. destroy() and crashes do not wait.
 */
export async function stopWorkerThreads(state: SharedState, workers: readonly Worker[], orderly: boolean): Promise<void> {
  const c = state.control;
  Atomics.store(c, SHUTDOWN, 1);
  if (orderly) {
    for (let p = 1; p <= workers.length; p++) wakeProcessor(state, p);
    const deadline = Date.now() + STOP_WAIT_MS;
    for (let n = Atomics.load(c, STOPPED); n < workers.length && Date.now() < deadline; n = Atomics.load(c, STOPPED)) {
      const waiting = Atomics.waitAsync(c, STOPPED, n, 50);
      if (waiting.async) await waiting.value;
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));
}
