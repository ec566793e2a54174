/**
 * Loading the user's task module, the same way on the main thread (for
 * `runSync`) and in workers. CommonJS only: the scheduler must load it
 * synchronously before the worker's loop starts.
 */
import type { CustomTag } from './codec';

export interface TaskModule {
  fn: (task: unknown, ctx: never) => unknown;
  codecTags: readonly CustomTag[];
  /** The module's optional `idle` export (Processor.idleWork). */
  idle: ((ctx: never) => number) | null;
}

export function loadTaskModule(filename: string): TaskModule {
  // Loaded on demand: only a scheduler that runs tasks needs them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createRequire } = require('node:module') as typeof import('node:module');
  const { fileURLToPath } = require('node:url') as typeof import('node:url');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const path = filename.startsWith('file:') ? fileURLToPath(filename) : filename;
  const exports = createRequire(__filename)(path) as { default?: unknown; codecTags?: unknown } | TaskModule['fn'];
  const fn = typeof exports === 'function' ? exports : exports.default;
  if (typeof fn !== 'function') throw new TypeError(`${filename} must export a function (task, ctx) => result`);
  const codecTags = ((exports as { codecTags?: unknown }).codecTags ?? []) as readonly CustomTag[];
  const idle = (exports as { idle?: unknown }).idle;
  return { fn: fn as TaskModule['fn'], codecTags, idle: typeof idle === 'function' ? (idle as TaskModule['idle']) : null };
}
