/**
 * Error classes with stable codes (STYLE.md "Scheduler API"), and how task
 * errors cross threads: as plain data (name, message, stack, code), rebuilt
 * as an Error on the receiving side, since Error objects cannot be copied
 * through the codec.
 */

export class SchedulerClosedError extends Error {
  readonly code = 'ERR_SCHEDULER_CLOSED';
  override name = 'SchedulerClosedError';
}

export class QueueFullError extends Error {
  readonly code = 'ERR_QUEUE_FULL';
  override name = 'QueueFullError';
}

export class WorkerExitedError extends Error {
  readonly code = 'ERR_WORKER_EXITED';
  override name = 'WorkerExitedError';
}

/** Rejects an aborted `run()`; `cause` is the signal's reason. */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  override name = 'AbortError';
}

interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** Turns anything thrown into codec-able data. */
export function encodeError(error: unknown): ErrorData {
  if (error instanceof Error) {
    const data: ErrorData = { name: error.name, message: error.message, stack: error.stack ?? '' };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') data.code = code;
    return data;
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an Error from `encodeError`'s data, keeping the worker's stack. */
export function decodeError(value: unknown): Error {
  const data = value as ErrorData;
  const error = data.name === 'AbortError' ? new AbortError(data.message) : new Error(data.message);
  if (data.name !== error.name) error.name = data.name;
  if (data.stack) error.stack = data.stack;
  if (data.code !== undefined) Object.assign(error, { code: data.code });
  return error;
}
