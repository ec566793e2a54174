/**
 * @wyn/scheduler — a work-stealing task scheduler on SharedArrayBuffer and
 * worker_threads. See README.md for the design.
 */
export { Scheduler, type RunOptions, type SchedulerStats } from './scheduler';
export { type SchedulerOptions } from './options';
export { TaskContext, Suspension, SUSPENDED, type FutureHandle } from './context';
export { Channels, ChannelClosedError, EMPTY, CLOSED_CHANNEL, type SelectCase, type SelectResult } from './channel';
export { Cells } from './cells';
export { Codec, type CustomTag } from './codec';
export { SharedState } from './state';
export { Slab } from './memory/slab';
export { Heap } from './memory/heap';
export { Deque, inject, takeInjected } from './deque';
export { Processor, type TaskFunction } from './processor';
export { AbortError, QueueFullError, SchedulerClosedError, WorkerExitedError } from './errors';
