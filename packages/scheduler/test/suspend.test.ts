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
