/**
 * Scheduler options: every default in one place, validated eagerly so a bad
 * option fails at `new Scheduler()` with a TypeError naming it, not later
 * inside a worker (the shape of piscina's kDefaultOptions/FilledOptions).
 */
import type * as Os from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import type { CustomTag } from './codec';

export interface SchedulerOptions {
  /** Absolute path (or file: URL) of a CommonJS module exporting `(task, ctx) => result`. */
  filename: string;
  /**
   * Worker threads; default `os.availableParallelism()`, or one fewer (at
   * least one) with `inline`, since the main thread then works too.
   */
  workers?: number;
  /**
   * Lets the main thread run queued tasks itself while it waits for their
   * results (DESIGN.md §3, "Main participates"): `await pool.run(x)` then
   * costs no thread hop. The catch: tasks may run on the main thread (with
   * `ctx.workerId === 0`), where a long task delays the event loop and a
   * task that waits for the main thread deadlocks. Default false.
   */
  inline?: boolean;
  /** Slots per deque, a power of two ≥ 4; default 256. */
  dequeCapacity?: number;
  /** Milliseconds a worker stays parked in `Atomics.wait` before yielding to its event loop; default 1000. */
  idleTimeout?: number;
  /** Most tasks queued but not started before `run()` rejects with ERR_QUEUE_FULL; default Infinity. */
  maxQueue?: number;
  /** Structured-cloned to every thread as `ctx.workerData` (share SharedArrayBuffers this way). */
  workerData?: unknown;
  /** Custom codec tags for values `run()` sends; the worker module exports the same as `codecTags`. */
  codecTags?: readonly CustomTag[];
  /**
   * V8 heap limits of each worker thread, as `new Worker`'s (piscina has the
   * same option); default: Node's, those of the main thread. A smaller
   * `maxYoungGenerationSizeMb` bounds what a worker's young generation may
   * grow to: V8 grows it up to 16 MB per semi-space (48 MB in all) while much
   * of what is allocated survives, and that memory stays resident.
   */
  resourceLimits?: ResourceLimits;
}

export type FilledOptions = Required<SchedulerOptions>;

export const defaultOptions = {
  inline: false,
  dequeCapacity: 256,
  idleTimeout: 1000,
  maxQueue: Infinity,
  codecTags: [] as readonly CustomTag[],
  workerData: undefined as unknown,
  resourceLimits: {} as ResourceLimits,
};

function positiveInteger(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TypeError(`options.${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

// Loaded when a scheduler starts, not by every program that loads this package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const os = () => require('node:os') as typeof Os;

export function fillOptions(options: SchedulerOptions): FilledOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { filename } = options;
  if (typeof filename !== 'string' || filename === '') throw new TypeError('options.filename must be a non-empty string');
  const inline = options.inline ?? defaultOptions.inline;
  if (typeof inline !== 'boolean') throw new TypeError('options.inline must be a boolean');
  const workers = positiveInteger(options.workers ?? Math.max(1, os().availableParallelism() - (inline ? 1 : 0)), 'workers', 1);
  if (workers > 255) throw new TypeError('options.workers must be at most 255');
  const dequeCapacity = positiveInteger(options.dequeCapacity ?? defaultOptions.dequeCapacity, 'dequeCapacity', 4);
  if ((dequeCapacity & (dequeCapacity - 1)) !== 0) throw new TypeError('options.dequeCapacity must be a power of two');
  const idleTimeout = options.idleTimeout ?? defaultOptions.idleTimeout;
  if (typeof idleTimeout !== 'number' || !(idleTimeout >= 0)) throw new TypeError('options.idleTimeout must be a number ≥ 0');
  const maxQueue = options.maxQueue ?? defaultOptions.maxQueue;
  if (maxQueue !== Infinity) positiveInteger(maxQueue, 'maxQueue', 1);
  const codecTags = options.codecTags ?? defaultOptions.codecTags;
  if (!Array.isArray(codecTags)) throw new TypeError('options.codecTags must be an array');
  const resourceLimits = options.resourceLimits ?? defaultOptions.resourceLimits;
  if (typeof resourceLimits !== 'object' || resourceLimits === null) throw new TypeError('options.resourceLimits must be an object');
  return { filename, workers, inline, dequeCapacity, idleTimeout, maxQueue, codecTags, workerData: options.workerData, resourceLimits };
}
