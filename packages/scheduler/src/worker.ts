/// <reference lib="es2024.sharedmemory" />
/**
 * Worker thread entry (shipped as compiled JS: Node 20 cannot start a `.ts`
 * worker). Loads the user's module, then runs the processor loop.
 *
 * The loop blocks this thread's event loop while it spins or sits in
 * `Atomics.wait`: timers and I/O started by tasks make no progress then.
 * After `idleTimeout` ms without work the worker leaves the loop and waits
 * with `Atomics.waitAsync` instead, so its event loop runs until a spawner
 * wakes it through the same PARK word.
 */
import { workerData } from 'node:worker_threads';
import { ONLINE, PARK, SHUTDOWN, STOPPED, SharedState, type StateBuffers } from './state';
import { Processor, type TaskFunction } from './processor';
import type { CustomTag } from './codec';
import { loadTaskModule } from './load';

interface WorkerData {
  buffers: StateBuffers;
  id: number;
  filename: string;
  idleTimeout: number;
  data: unknown;
}

const data = workerData as WorkerData;
const state = SharedState.attach(data.buffers);
const { fn, codecTags, idle } = loadTaskModule(data.filename) as { fn: TaskFunction; codecTags: CustomTag[]; idle: Processor['idle'] };
const processor = new Processor(state, data.id, fn, codecTags, data.data);
processor.idle = idle;
Atomics.add(state.control, ONLINE, 1);

function run(): void {
  processor.loop(data.idleTimeout);
  processor.publishStats();
  if (Atomics.load(state.control, SHUTDOWN) !== 0) {
    // loop() flushed this thread's caches on its way out: tell close() it may terminate us.
    Atomics.add(state.control, STOPPED, 1);
    Atomics.notify(state.control, STOPPED);
    return;
  }
  processor.parkAsync();
  if (processor.hasWork()) {
    processor.unparkAsync();
    setImmediate(run);
    return;
  }
  const park = state.proc(data.id, PARK);
  // Back in the loop when the idle hook's time comes, if nobody woke us first.
  const ms = processor.idleWork();
  const waiting = Atomics.waitAsync(state.control, park, 1, ms === Infinity ? undefined : ms);
  const resumeLoop = (): void => {
    processor.unparkAsync();
    run();
  };
  if (waiting.async) void waiting.value.then(resumeLoop);
  else resumeLoop();
}

// Keeps this thread alive while it waits asynchronously: a pending
// Atomics.waitAsync does not. The main thread terminates workers.
setInterval(() => undefined, 1 << 30);
run();
