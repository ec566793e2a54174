/**
 * Bare threads for the structure tests (channels, cells, futures, deques).
 *
 * Each thread runs fixtures/thread.js: it attaches to a SharedState the test
 * created, as processor `id`, and plays one role. The package's sources are
 * the same JavaScript the scheduler's own workers load (workerEntry()), so
 * these threads exercise the shipped code, not a copy.
 */
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SharedState } from '@wyn/scheduler';
import { workerEntry } from '../src/entry';

const script = join(__dirname, 'fixtures', 'thread.js');

/** Starts one thread in `role`; resolves with what the role returns. */
export function startThread(state: SharedState, id: number, role: string, args: object = {}): Promise<unknown> {
  const worker = new Worker(script, { workerData: { lib: dirname(workerEntry()), buffers: state.buffers(), id, role, args } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`thread ${id} (${role}) exited with code ${code} before answering`)));
  });
}

/** A start gate: threads given `gate.go` count themselves ready, then wait for `open()`. */
export function startGate(): { go: SharedArrayBuffer; open(threads: number): Promise<void> } {
  const go = new SharedArrayBuffer(8);
  const view = new Int32Array(go);
  return {
    go,
    async open(threads: number) {
      while (Atomics.load(view, 1) < threads) await sleep(5);
      Atomics.store(view, 0, 1);
      Atomics.notify(view, 0);
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `p` has settled by now (without waiting for it). */
export async function settled(p: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  return (await Promise.race([p.then(() => true, () => true), Promise.resolve(marker)])) !== marker;
}
