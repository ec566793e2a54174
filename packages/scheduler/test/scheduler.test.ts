import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Scheduler, type SchedulerOptions } from '@wyn/scheduler';

const filename = join(__dirname, 'fixtures', 'tasks.js');

/** Every record and heap block is back on its free list (run after close()). */
function expectNoLeaks(pool: Scheduler): void {
  const s = pool.shared;
  expect(s.tasks.freeCount()).toBe(s.tasks.used());
  expect(s.futures.freeCount()).toBe(s.futures.used());
  expect(s.heap.freeBlocks()).toBe(s.heap.carvedBlocks());
}

function counts(n: number): { buffer: SharedArrayBuffer; view: Int32Array } {
  const buffer = new SharedArrayBuffer(n * 4);
  return { buffer, view: new Int32Array(buffer) };
}

/**
 * Nested spawn/join on a pool whose records were just churned by a stress
 * run: a task's record is reused as soon as a thief frees it, which is how
 * a spawner once got another task's future (wrong sums, stray errors, hangs).
 */
async function expectNestedFib(pool: Scheduler): Promise<void> {
  expect(await Promise.all([pool.run({ op: 'fib', n: 20 }), pool.run({ op: 'fib', n: 16 })])).toEqual([6765, 987]);
}

// The first pool in a process may transpile the worker sources and start
// cold threads on a loaded 2-core machine: do it once, outside any test.
beforeAll(async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  await pool.run(0);
  await pool.close();
}, 60000);

describe.each([4, 256])('with deque capacity %i', (dequeCapacity) => {
  const make = (o: Partial<SchedulerOptions> = {}) => new Scheduler({ filename, workers: 2, dequeCapacity, ...o });

  test('smoke', async () => {
    const pool = make();
    expect(await pool.run(41)).toBe(42);
    expect(await pool.run({ op: 'echo', value: { a: [1, 'x', 2.5, 10n] } })).toEqual({ a: [1, 'x', 2.5, 10n] });
    await pool.close();
    expectNoLeaks(pool);
  });

  test.each([1, 2, 8])('stress: every task runs exactly once on %i workers', async (workers) => {
    const n = 20000;
    const { buffer, view } = counts(n);
    const pool = make({ workers, workerData: { counts: buffer } });
    const results = await Promise.all(Array.from({ length: n }, (_, i) => pool.run({ op: 'count', i })));
    expect(results.every((r, i) => r === i)).toBe(true);
    expect(view.every((c) => c === 1)).toBe(true);
    expect(pool.stats).toMatchObject({ completed: n, queued: 0, running: 0 });
    await expectNestedFib(pool);
    await pool.close();
    expectNoLeaks(pool);
  });

  test('nested spawns: parallel fib joins its subtasks', async () => {
    const pool = make();
    expect(await Promise.all([pool.run({ op: 'fib', n: 22 }), pool.run({ op: 'fib', n: 18 })])).toEqual([17711, 2584]);
    await pool.close();
    expectNoLeaks(pool);
  });

  test('stampede: fan-out tasks spawned inside tasks each run once', async () => {
    const per = 500;
    const { buffer, view } = counts(per * 20);
    const pool = make({ workers: 3, workerData: { counts: buffer } });
    const sums = await Promise.all(Array.from({ length: 20 }, (_, k) => pool.run({ op: 'fanout', n: per, base: k * per })));
    sums.forEach((s, k) => expect(s).toBe(((2 * k * per + per - 1) * per) / 2));
    expect(view.every((c) => c === 1)).toBe(true);
    await pool.close();
    expectNoLeaks(pool);
  });

  test('runSync makes the calling thread run work instead of sleeping', async () => {
    const pool = make();
    expect(pool.runSync({ op: 'fib', n: 20 })).toBe(6765);
    expect(pool.runSync({ op: 'worker' })).toBe(0);
    expect(() => pool.runSync({ op: 'throw', message: 'sync boom' })).toThrow('sync boom');
    await pool.close();
  });
});

test('stealing happens: idle workers take queued tasks from the main deque', async () => {
  const pool = new Scheduler({ filename, workers: 2 });
  const ids = await Promise.all(Array.from({ length: 2000 }, () => pool.run({ op: 'worker' })));
  expect(new Set(ids).size).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 20)); // workers publish counters when they go idle
  expect(pool.stats.stolen).toBeGreaterThan(0);
  await pool.close();
});

test('a task that throws rejects its promise with the error, code and stack', async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  const error = await pool.run({ op: 'throw', message: 'boom' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'TypeError', message: 'boom', code: 'E_TASK' });
  expect((error as Error).stack).toContain('tasks.js');
  expect(await pool.run(1)).toBe(2);
  await pool.close();
});

test('options are validated eagerly, naming the option', () => {
  expect(() => new Scheduler({ filename: '' })).toThrow(/options.filename/);
  expect(() => new Scheduler({ filename, workers: 0 })).toThrow(/options.workers/);
  expect(() => new Scheduler({ filename, dequeCapacity: 6 })).toThrow(/options.dequeCapacity/);
  expect(() => new Scheduler({ filename, maxQueue: -1 })).toThrow(/options.maxQueue/);
  expect(() => new Scheduler({ filename, idleTimeout: NaN })).toThrow(TypeError);
  expect(() => new Scheduler({ filename, resourceLimits: 12 as never })).toThrow(/options.resourceLimits/);
});

test('resourceLimits apply to the worker threads', async () => {
  const pool = new Scheduler({ filename, workers: 2, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
  const limits = (await Promise.all([pool.run({ op: 'resourceLimits' }), pool.run({ op: 'resourceLimits' })])) as Array<{ maxYoungGenerationSizeMb: number }>;
  expect(limits.map((l) => l.maxYoungGenerationSizeMb)).toEqual([12, 12]);
  await pool.close();
});

test('workers default to availableParallelism and start lazily', async () => {
  const pool = new Scheduler({ filename });
  expect(pool.options.workers).toBe(availableParallelism());
  expect(pool.stats.workers).toBe(0);
  await pool.close();
});

test('maxQueue rejects with ERR_QUEUE_FULL and drain fires when work is done', async () => {
  const pool = new Scheduler({ filename, workers: 1, maxQueue: 2 });
  const running = [pool.run({ op: 'busy', ms: 50 }), pool.run(1), pool.run(2), pool.run(3), pool.run(4)];
  const settled = await Promise.allSettled(running);
  expect(settled.some((s) => s.status === 'rejected' && (s.reason as { code: string }).code === 'ERR_QUEUE_FULL')).toBe(true);
  const drained = new Promise((r) => pool.once('drain', r));
  void pool.run(5);
  await drained;
  await pool.close();
});

describe('cancellation', () => {
  test('aborting a queued task rejects with AbortError and does not block later tasks', async () => {
    const pool = new Scheduler({ filename, workers: 1 });
    const busy = pool.run({ op: 'busy', ms: 30 });
    const controllers = Array.from({ length: 10 }, () => new AbortController());
    const aborted = controllers.map((c, i) => pool.run(i, { signal: c.signal }));
    // Abort in a scrambled order.
    for (const i of [3, 0, 9, 5, 1, 7, 2, 8, 4, 6]) controllers[i].abort(new Error(`stop ${i}`));
    const results = await Promise.allSettled(aborted);
    results.forEach((r, i) => {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'AbortError', cause: { message: `stop ${i}` } });
    });
    expect(await pool.run(10)).toBe(11);
    await busy;
    await pool.close();
    expectNoLeaks(pool);
  });

  test('an already aborted signal rejects at once', async () => {
    const pool = new Scheduler({ filename, workers: 1 });
    await expect(pool.run(1, { signal: AbortSignal.abort('why') })).rejects.toMatchObject({ name: 'AbortError', cause: 'why' });
    await pool.close();
  });

  test('a running task sees ctx.cancelled() after abort', async () => {
    const pool = new Scheduler({ filename, workers: 1 });
    const c = new AbortController();
    const p = pool.run({ op: 'spin' }, { signal: c.signal });
    setTimeout(() => c.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(await pool.run(1)).toBe(2);
    await pool.close();
  });
});

describe('failures', () => {
  test('a worker crash rejects outstanding tasks with ERR_WORKER_EXITED and the pool recovers', async () => {
    const pool = new Scheduler({ filename, workers: 2 });
    const pending = Array.from({ length: 50 }, (_, i) => pool.run({ op: 'busy', ms: i % 5 }));
    const crash = pool.run({ op: 'exit' });
    const results = await Promise.allSettled([...pending, crash]);
    expect((results[results.length - 1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_WORKER_EXITED' });
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('ERR_WORKER_EXITED');
    expect(await pool.run(1)).toBe(2);
    await pool.close();
  });

  test('destroy() during heavy load settles every promise exactly once', async () => {
    const pool = new Scheduler({ filename, workers: 2 });
    let settledTwice = false;
    const seen = new Set<number>();
    const all = Array.from({ length: 20000 }, (_, i) =>
      pool.run({ op: 'fib', n: 10 }).then(
        () => (seen.has(i) ? (settledTwice = true) : seen.add(i)),
        (e: { code: string }) => {
          if (seen.has(i)) settledTwice = true;
          seen.add(i);
          expect(e.code).toBe('ERR_SCHEDULER_CLOSED');
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    await pool.destroy();
    await Promise.all(all);
    expect(seen.size).toBe(20000);
    expect(settledTwice).toBe(false);
    await expect(pool.run(1)).rejects.toMatchObject({ code: 'ERR_SCHEDULER_CLOSED' });
  });

  test('close() finishes queued work, then run() rejects with ERR_SCHEDULER_CLOSED', async () => {
    const pool = new Scheduler({ filename, workers: 2 });
    const work = Array.from({ length: 100 }, (_, i) => pool.run(i));
    await pool.close();
    expect(await Promise.all(work)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await expect(pool.run(1)).rejects.toMatchObject({ code: 'ERR_SCHEDULER_CLOSED' });
  });

  test('Symbol.asyncDispose closes the pool', async () => {
    const pool = new Scheduler({ filename, workers: 1 });
    expect(await pool.run(1)).toBe(2);
    await pool[Symbol.asyncDispose]();
    await expect(pool.run(1)).rejects.toMatchObject({ code: 'ERR_SCHEDULER_CLOSED' });
  });
});

describe.each([4, 256])('inline, deque capacity %i', (dequeCapacity) => {
  test('a lone run+await runs on the main thread, without a worker', async () => {
    const pool = new Scheduler({ filename, inline: true, dequeCapacity });
    for (let i = 0; i < 20; i++) expect(await pool.run({ op: 'worker' })).toBe(0);
    await pool.close();
    expectNoLeaks(pool);
  });

  test.each([1, 2])('stress: every task runs exactly once, main thread and %i worker(s) together', async (workers) => {
    const n = 20000;
    const { buffer, view } = counts(n);
    const pool = new Scheduler({ filename, inline: true, workers, dequeCapacity, workerData: { counts: buffer } });
    const results = await Promise.all(Array.from({ length: n }, (_, i) => pool.run({ op: 'count', i })));
    expect(results.every((r, i) => r === i)).toBe(true);
    expect(view.every((c) => c === 1)).toBe(true);
    await expectNestedFib(pool);
    await pool.close();
    expectNoLeaks(pool);
  });

  test('a task that throws on the main thread rejects its promise only', async () => {
    const pool = new Scheduler({ filename, inline: true, dequeCapacity });
    await expect(pool.run({ op: 'throw', message: 'inline boom' })).rejects.toMatchObject({ message: 'inline boom', code: 'E_TASK' });
    expect(await pool.run(1)).toBe(2);
    await pool.close();
  });
});

test('inline defaults to one fewer worker (at least one) and is validated', () => {
  expect(new Scheduler({ filename, inline: true }).options.workers).toBe(Math.max(1, availableParallelism() - 1));
  expect(() => new Scheduler({ filename, inline: 1 as unknown as boolean })).toThrow(/options.inline/);
});
