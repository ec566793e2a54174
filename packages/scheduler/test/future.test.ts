import { join } from 'node:path';
import { Processor, Scheduler, SharedState } from '@wyn/scheduler';
import { startThread } from './threads';
import { OK, addWaiter, complete, futureState, newFuture } from '../src/future';
import { F_STATE, T_FUTURE } from '../src/state';
import { S_INT } from '../src/codec';

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
    main.flushCaches();
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

// Records are reused LIFO, so a record freed by one thread is usually the
// next one another thread allocates. These tests replay, on one thread and
// in a fixed order, the interleavings that used to corrupt nested joins.
describe('records freed while another thread still acts on them', () => {
  test('spawn returns its own future even when a thief runs and frees the task at once', () => {
    const state = SharedState.create(2, 4);
    const main = new Processor(state, 0, undefined);
    const thief = new Processor(state, 1, (n) => (n as number) * 10);
    let expected = 0;
    let reused = -1;
    let freed = 0;
    // Right after the task is published, the thief takes it, runs it
    // (freeing its record) and reuses the record for a task of its own,
    // with another future.
    const setRunNext = main.deque.setRunNext.bind(main.deque);
    main.deque.setRunNext = (task: number) => {
      const displaced = setRunNext(task);
      const t = main.deque.takeRunNext();
      expected = state.tasks.view(t)[t * 4 + T_FUTURE];
      thief.runTask(t);
      freed = t;
      reused = thief.newTask('other', 0);
      return displaced;
    };
    const f = main.spawn(4, 0);
    expect(reused).toBe(freed);
    expect(f).toBe(expected);
    expect(main.join(f)).toBe(40);
  });

  test('a completed future can be freed and reused as soon as its state is published', () => {
    const state = SharedState.create(2, 4);
    const joiner = new Processor(state, 0, undefined);
    const f = newFuture(state, 0);
    let reused = -1;
    const or = Atomics.or;
    // The joiner sees the final state, takes the value (freeing the record)
    // and allocates a future again, all before the completer's next step.
    // Only the Int32Array overload is used here; the cast picks it for the type checker.
    const spy = jest.spyOn(Atomics, 'or').mockImplementation(((view: Int32Array, index: number, value: number): number => {
      const old = or(view, index, value);
      if (reused === -1 && view === state.futures.view(f) && index === f * 4 + F_STATE) {
        expect(joiner.take(f)).toBe(7);
        reused = newFuture(state, 0);
      }
      return old;
    }) as never);
    try {
      complete(state, f, OK, S_INT, 7);
    } finally {
      spy.mockRestore();
    }
    expect(reused).toBe(f);
    // The new future's waiter list is open: a waiter registers instead of
    // being told that the future has completed.
    expect(futureState(state, reused)).toBe(0);
    expect(addWaiter(state, reused, joiner.resumeRecord(() => undefined))).toBe(true);
  });
});

describe('futures for embedders that read results many times', () => {
  const file = join(__dirname, 'fixtures', 'tasks.js');

  test.each([1, 2])('detached tasks run once each and leave no future behind (%i workers)', async (workers) => {
    const n = 300;
    const buffer = new SharedArrayBuffer(n * 4);
    const pool = new Scheduler({ filename: file, workers, dequeCapacity: 4, workerData: { counts: buffer } });
    expect(await pool.run({ op: 'detachMany', n, base: 0 })).toBe(n);
    expect(new Int32Array(buffer).every((c) => c === 1)).toBe(true);
    await pool.close();
    // Detached tasks get no future record: the run() task's root future is the only one ever made.
    expect(pool.shared.futures.used()).toBe(1);
    expect(pool.shared.futures.freeCount()).toBe(pool.shared.futures.used());
    expect(pool.shared.heap.freeBlocks()).toBe(pool.shared.heap.carvedBlocks());
  });

  test('peek decodes the same result on every call; resolved futures are complete at once', async () => {
    const pool = new Scheduler({ filename: file, workers: 1 });
    expect(await pool.run({ op: 'peekTwice', value: { s: 'x', n: [1, 2] } })).toEqual([{ s: 'x', n: [1, 2] }, { s: 'x', n: [1, 2] }, true, { already: true }]);
    await pool.close();
  });

  test('a marked task still runs to its result and sees its own mark', async () => {
    const pool = new Scheduler({ filename: file, workers: 1 });
    expect(await pool.run({ op: 'markOwn' })).toEqual([true, true]);
    await pool.close();
  });
});
