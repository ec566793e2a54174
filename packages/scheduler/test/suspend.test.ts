import { join } from 'node:path';
import { Scheduler } from '@wyn/scheduler';

const filename = join(__dirname, 'fixtures', 'tasks.js');

function counts(n: number): { buffer: SharedArrayBuffer; view: Int32Array } {
  const buffer = new SharedArrayBuffer(n * 4);
  return { buffer, view: new Int32Array(buffer) };
}

function expectNoLeaks(pool: Scheduler): void {
  const s = pool.shared;
  expect(s.tasks.freeCount()).toBe(s.tasks.used());
  expect(s.futures.freeCount()).toBe(s.futures.used());
  expect(s.channels.freeCount()).toBe(s.channels.used());
  expect(s.heap.freeBlocks()).toBe(s.heap.carvedBlocks());
}

/** Waits until counts[at] reaches `n` (tasks registering their waits on other threads). */
async function registered(view: Int32Array, at: number, n: number): Promise<void> {
  while (Atomics.load(view, at) < n) await new Promise((r) => setTimeout(r, 1));
}

// With one worker, nothing but suspension can free the thread: a task that
// kept it while waiting would deadlock these tests instead of failing them.
describe.each([
  [1, 4],
  [2, 4],
  [1, 256],
  [2, 256],
])('suspension hook, %i worker(s), deque capacity %i', (workers, dequeCapacity) => {
  test('a task parked on a future resumes once, on its own thread, when the child completes', async () => {
    const n = 200;
    const { buffer, view } = counts(n);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const results = await Promise.all(Array.from({ length: n }, (_, i) => pool.run({ op: 'parkOnFuture', i, ms: i % 3 })));
    expect(results).toEqual(Array.from({ length: n }, (_, i) => ({ i, child: i % 3, sameThread: true })));
    expect(view.every((c) => c === 1)).toBe(true);
    await pool.close();
    expectNoLeaks(pool);
  });

  test.each([1, 4])('receivers parked on a channel of capacity %i each take one value', async (capacity) => {
    const n = 50;
    const { buffer, view } = counts(n);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const ch = (await pool.run({ op: 'makeChannel', capacity })) as number;
    // Receivers first: they park on an empty channel and free the worker for the sender.
    const received = Array.from({ length: n }, (_, i) => pool.run({ op: 'parkOnRecv', ch, i }));
    const sent = pool.run({ op: 'parkOnSend', ch, values: Array.from({ length: n }, (_, i) => `v${i}`) });
    expect(await sent).toBe(n);
    expect(((await Promise.all(received)) as string[]).sort()).toEqual(Array.from({ length: n }, (_, i) => `v${i}`).sort());
    expect(view.every((c) => c === 1)).toBe(true);
    await pool.run({ op: 'dropChannel', ch });
    await pool.close();
    expectNoLeaks(pool);
  });

  test('each send wakes one parked receiver, not all of them', async () => {
    const n = 40;
    const { buffer, view } = counts(n + 1);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const ch = (await pool.run({ op: 'makeChannel', capacity: 4 })) as number;
    const received = Array.from({ length: n }, (_, i) => pool.run({ op: 'recvCountingWakes', ch, i, reg: n }));
    await registered(view, n, n);
    // Every receiver is parked before the first send: none can take an item meant for another.
    const sent = pool.run({ op: 'parkOnSend', ch, values: Array.from({ length: n }, (_, i) => i) });
    expect(await sent).toBe(n);
    expect(((await Promise.all(received)) as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(Array.from(view.subarray(0, n))).toEqual(Array.from({ length: n }, () => 1));
    await pool.run({ op: 'dropChannel', ch });
    await pool.close();
    expectNoLeaks(pool);
  });

  test('a task returning SUSPENDED is completed by handle from a shared continuation with an argument', async () => {
    const n = 40;
    const { buffer, view } = counts(n);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const ch = (await pool.run({ op: 'makeChannel', capacity: 2 })) as number;
    const received = Array.from({ length: n }, (_, i) => pool.run({ op: 'parkQuietly', ch, i }));
    const sent = pool.run({ op: 'parkOnSend', ch, values: Array.from({ length: n }, (_, i) => i) });
    expect(await sent).toBe(n);
    const got = (await Promise.all(received)) as Array<{ i: number; value: number; sameThread: boolean }>;
    expect(got.map((r) => r.i)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(got.map((r) => r.value).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(got.every((r) => r.sameThread)).toBe(true);
    // Each task ran its continuation at least once (a woken receiver may lose a race and wait again).
    expect(Array.from(view).every((c) => c >= 1)).toBe(true);
    await pool.run({ op: 'dropChannel', ch });
    await pool.close();
    expectNoLeaks(pool);
  });

  test('a wait on two channels woken by one does not swallow the other channel\'s wake-up', async () => {
    const { buffer, view } = counts(2);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const a = (await pool.run({ op: 'makeChannel', capacity: 1 })) as number;
    const b = (await pool.run({ op: 'makeChannel', capacity: 1 })) as number;
    // Registered before the plain receiver, so first in line on `a` (waiters are woken in order).
    const either = pool.run({ op: 'parkOnEither', a, b, reg: 1 });
    await registered(view, 1, 1);
    const plain = pool.run({ op: 'recvCountingWakes', ch: a, i: 0, reg: 1 });
    await registered(view, 1, 2);
    expect(await pool.run({ op: 'send', ch: b, value: 'on b' })).toBe(true);
    expect(await either).toEqual({ index: 1, value: 'on b' });
    // `either`'s record on `a` is stale now; the send must still reach the plain receiver.
    expect(await pool.run({ op: 'send', ch: a, value: 'on a' })).toBe(true);
    expect(await plain).toBe('on a');
    for (const ch of [a, b]) await pool.run({ op: 'dropChannel', ch });
    await pool.close();
    expectNoLeaks(pool);
  });

  test('a sender parked on a full channel resumes as receivers make room', async () => {
    const n = 30;
    const { buffer, view } = counts(n);
    const pool = new Scheduler({ filename, workers, dequeCapacity, workerData: { counts: buffer } });
    const ch = (await pool.run({ op: 'makeChannel', capacity: 1 })) as number;
    // Sender first: it fills the channel, parks, and resumes once per receive.
    const sent = pool.run({ op: 'parkOnSend', ch, values: Array.from({ length: n }, (_, i) => i) });
    const received = Array.from({ length: n }, (_, i) => pool.run({ op: 'parkOnRecv', ch, i }));
    expect(((await Promise.all(received)) as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(await sent).toBe(n);
    expect(view.every((c) => c === 1)).toBe(true);
    await pool.run({ op: 'dropChannel', ch });
    await pool.close();
    expectNoLeaks(pool);
  });
});

test('a woken continuation counts as pending until its own thread has run it', async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  const ctx = pool.mainContext(() => undefined);
  const ch = ctx.channels.create(1);
  const ran: number[] = [];
  ctx.channels.onReady(ch, 'recv', () => ran.push(ctx.channels.tryRecv(ch) as number));
  expect(ctx.resumesPending()).toBe(0);
  expect(ctx.channels.trySend(ch, 7)).toBe(true);
  // Woken, not yet run: an "every task is blocked" check must not fire now.
  expect(ctx.resumesPending()).toBe(1);
  while (ctx.step());
  expect(ran).toEqual([7]);
  expect(ctx.resumesPending()).toBe(0);
  ctx.channels.destroy(ch);
  await pool.close();
  expectNoLeaks(pool);
});

test('blocked receivers and senders are woken in the order they blocked (FIFO)', async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  const ctx = pool.mainContext(() => undefined);
  const ch = ctx.channels.create(1);
  const got: string[] = [];
  for (const name of ['a', 'b', 'c']) ctx.channels.onReady(ch, 'recv', () => got.push(`${name}${String(ctx.channels.tryRecv(ch))}`));
  for (const x of [1, 2, 3]) {
    expect(ctx.channels.trySend(ch, x)).toBe(true);
    while (ctx.step());
  }
  expect(got).toEqual(['a1', 'b2', 'c3']);
  // Senders: the channel is full; each receive makes room for the one that blocked first.
  expect(ctx.channels.trySend(ch, 0)).toBe(true);
  const sent: string[] = [];
  for (const name of ['x', 'y', 'z']) ctx.channels.onReady(ch, 'send', () => sent.push(ctx.channels.trySend(ch, name) ? name : '-'));
  for (let i = 0; i < 3; i++) {
    ctx.channels.tryRecv(ch);
    while (ctx.step());
  }
  expect(sent).toEqual(['x', 'y', 'z']);
  expect(ctx.channels.tryRecv(ch)).toBe('z');
  ctx.channels.destroy(ch);
  await pool.close();
  expectNoLeaks(pool);
});

test('a continuation whose condition already holds when registered counts as pending until it has run', async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  const ctx = pool.mainContext(() => undefined);
  const ch = ctx.channels.create(1);
  const ran: number[] = [];
  expect(ctx.channels.trySend(ch, 7)).toBe(true);
  ctx.channels.onReady(ch, 'recv', () => ran.push(ctx.channels.tryRecv(ch) as number));
  expect(ctx.resumesPending()).toBe(1);
  while (ctx.step());
  expect(ran).toEqual([7]);
  expect(ctx.resumesPending()).toBe(0);
  ctx.channels.destroy(ch);
  await pool.close();
  expectNoLeaks(pool);
});

test('queuedHere counts the tasks this thread queued that nobody has taken yet', async () => {
  const pool = new Scheduler({ filename, workers: 1 });
  const ran: unknown[] = [];
  const ctx = pool.mainContext((task) => ran.push(task));
  expect(ctx.queuedHere()).toBe(0);
  ctx.spawnDetached('a');
  ctx.spawnDetached('b');
  expect(ctx.queuedHere()).toBe(2);
  while (ctx.step());
  expect(ran.sort()).toEqual(['a', 'b']);
  expect(ctx.queuedHere()).toBe(0);
  await pool.close();
  expectNoLeaks(pool);
});

test('stepResumes runs only woken continuations, stepTask only queued tasks', async () => {
  // No worker is started (nothing ran through the pool), so the queued task waits for this thread.
  const pool = new Scheduler({ filename, workers: 1 });
  const ran: unknown[] = [];
  const ctx = pool.mainContext((task) => ran.push(task));
  const ch = ctx.channels.create(1);
  ctx.spawnDetached('task');
  expect(ctx.channels.trySend(ch, 1)).toBe(true);
  ctx.channels.onReady(ch, 'recv', () => ran.push('continuation'));
  expect(ctx.stepResumes()).toBe(true);
  expect(ctx.stepResumes()).toBe(false);
  expect(ran).toEqual(['continuation']);
  expect(ctx.stepTask()).toBe(true);
  expect(ctx.stepTask()).toBe(false);
  expect(ran).toEqual(['continuation', 'task']);
  ctx.channels.destroy(ch);
  await pool.close();
  expectNoLeaks(pool);
});
