import { Processor, SharedState } from '@wyn/scheduler';
import { startThread } from './threads';

// The main thread (processor 0) spawns; a bare thread (processor 1) steals
// and runs the tasks, so every future here completes on another thread.
describe.each([4, 256])('futures with deque capacity %i', (capacity) => {
  test('futures completed on another thread resume continuations once, on the registering thread', async () => {
    const state = SharedState.create(2, capacity);
    const main = new Processor(state, 0, undefined);
    const n = 2000;
    const resumed = new Int32Array(n);
    const futures = Array.from({ length: n }, (_, i) => main.spawn(i, 0));
    // Half register before anything runs; the other half after completion.
    futures.forEach((f, i) => i % 2 === 0 && main.onFuture(f, () => resumed[i]++));
    // The worker returns after 200 ms without work. The main thread does not
    // step meanwhile, so it runs none of the tasks itself.
    await startThread(state, 1, 'worker', { idleMs: 200 });
    futures.forEach((f, i) => i % 2 === 1 && main.onFuture(f, () => resumed[i]++));
    while (main.step()) {
      // Runs the continuations: resumed from the inbox, or ready at once.
    }
    expect(resumed.every((c) => c === 1)).toBe(true);
    expect(futures.map((f) => main.join(f))).toEqual(Array.from({ length: n }, (_, i) => ({ value: i * 2, by: 1 })));
    expect(state.futures.freeCount()).toBe(state.futures.used());
    expect(state.tasks.freeCount()).toBe(state.tasks.used());
  });

  test('join on the main thread waits for a task another thread took', async () => {
    const state = SharedState.create(2, capacity);
    const main = new Processor(state, 0, undefined);
    const thread = startThread(state, 1, 'worker', { idleMs: 100 });
    const f = main.spawn(21, 0);
    // Once the task has left the main deque only the other thread can run
    // it (the main thread has no task function), so join must wait for it.
    while (main.deque.size() > 0) await new Promise((r) => setTimeout(r, 5));
    expect(main.join(f)).toEqual({ value: 42, by: 1 });
    await thread;
  });
});
