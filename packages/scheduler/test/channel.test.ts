import { CLOSED_CHANNEL, EMPTY, Processor, SharedState } from '@wyn/scheduler';
import { settled, sleep, startGate, startThread } from './threads';

type Item = [producer: number, index: number];

// Threads hand items over one at a time at capacity 1: slow on a loaded 2-core machine, not stuck.
jest.setTimeout(30000);

/** Each producer's items arrive in the order it sent them, and none twice or missing. */
function expectFifoPerProducer(received: Item[], producers: number[], n: number): void {
  for (const p of producers) {
    expect(received.filter(([from]) => from === p).map(([, i]) => i)).toEqual(Array.from({ length: n }, (_, i) => i));
  }
  expect(received).toHaveLength(producers.length * n);
}

// Capacity 1 makes every send after the first wait; capacity 4 wraps the ring
// around every four items.
describe.each([1, 4])('channel with capacity %i', (capacity) => {
  /** A state for the main thread (processor 0) and `threads` bare threads. */
  const setup = (threads = 0) => {
    const state = SharedState.create(threads + 1, 4);
    const main = new Processor(state, 0, undefined);
    return { state, main, channels: main.ctx.channels, ch: main.ctx.channels.create(capacity) };
  };

  test('try_recv: empty, then the items in order, then closed once drained', () => {
    const { channels, ch } = setup();
    expect(channels.tryRecv(ch)).toBe(EMPTY);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < capacity; i++) expect(channels.trySend(ch, { round, i })).toBe(true);
      for (let i = 0; i < capacity; i++) expect(channels.tryRecv(ch)).toEqual({ round, i });
      expect(channels.tryRecv(ch)).toBe(EMPTY);
    }
    channels.trySend(ch, 'last');
    channels.close(ch);
    expect(channels.tryRecv(ch)).toBe('last'); // a closed channel still delivers what it holds
    expect(channels.tryRecv(ch)).toBe(CLOSED_CHANNEL);
  });

  test('try_send fails when full and throws ERR_CHANNEL_CLOSED once closed', () => {
    const { channels, ch } = setup();
    for (let i = 0; i < capacity; i++) expect(channels.trySend(ch, i)).toBe(true);
    expect(channels.trySend(ch, 'extra')).toBe(false);
    channels.close(ch);
    expect(() => channels.trySend(ch, 'late')).toThrow(expect.objectContaining({ code: 'ERR_CHANNEL_CLOSED' }));
  });

  test('try_select takes the first ready case, sends included', () => {
    const { channels, ch } = setup();
    const other = channels.create(1);
    expect(channels.trySelect([{ channel: ch, recv: true }, { channel: other, recv: true }])).toBeUndefined();
    channels.trySend(other, 'b');
    expect(channels.trySelect([{ channel: ch, recv: true }, { channel: other, recv: true }])).toEqual({ index: 1, value: 'b' });
    expect(channels.trySelect([{ channel: ch, recv: true }, { channel: other, send: 'c' }])).toEqual({ index: 1 });
    expect(channels.trySelect([{ channel: other, send: 'd' }, { channel: ch, send: 'e' }])).toEqual({ index: 1 });
    expect(channels.tryRecv(ch)).toBe('e');
  });

  test('destroy frees the ring and the values still in it', () => {
    const { state, main, channels, ch } = setup();
    for (let i = 0; i < capacity; i++) channels.trySend(ch, `value ${i}`);
    channels.destroy(ch);
    main.flushCaches();
    expect(state.channels.freeCount()).toBe(state.channels.used());
    expect(state.heap.freeBlocks()).toBe(state.heap.carvedBlocks());
  });

  test('spsc: every item arrives once and in order', async () => {
    const { state, channels, ch } = setup(2);
    const gate = startGate();
    const consumer = startThread(state, 1, 'consume', { ch, go: gate.go });
    const producer = startThread(state, 2, 'produce', { ch, n: 1000, go: gate.go });
    await gate.open(2);
    await producer;
    channels.close(ch);
    expectFifoPerProducer((await consumer) as Item[], [2], 1000);
  });

  test('mpmc: two producers and two consumers, FIFO per producer', async () => {
    const { state, channels, ch } = setup(4);
    const gate = startGate();
    const consumers = [1, 2].map((id) => startThread(state, id, 'consume', { ch, go: gate.go }));
    const producers = [3, 4].map((id) => startThread(state, id, 'produce', { ch, n: 500, go: gate.go }));
    await gate.open(4);
    await Promise.all(producers);
    channels.close(ch);
    const [a, b] = (await Promise.all(consumers)) as Item[][];
    // Each consumer sees each producer's items in order; together they see all.
    for (const got of [a, b]) {
      for (const p of [3, 4]) {
        const order = got.filter(([from]) => from === p).map(([, i]) => i);
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
    }
    expect([...a, ...b].sort((x, y) => x[0] - y[0] || x[1] - y[1])).toEqual(
      [3, 4].flatMap((p) => Array.from({ length: 500 }, (_, i) => [p, i])),
    );
  });

  test('send blocks while the channel is full, until a receive makes room', async () => {
    const { state, channels, ch } = setup(1);
    const producer = startThread(state, 1, 'produce', { ch, n: capacity + 5 });
    await sleep(150);
    // Nobody receives yet, so the producer cannot have finished, however long we wait.
    expect(await settled(producer)).toBe(false);
    const got = Array.from({ length: capacity + 5 }, () => channels.recv(ch));
    expect(got).toEqual(Array.from({ length: capacity + 5 }, (_, i) => [1, i]));
    await producer;
  });

  test('recv blocks on an empty channel until a send arrives', async () => {
    const { state, channels, ch } = setup(1);
    const consumer = startThread(state, 1, 'consume', { ch });
    await sleep(150);
    expect(await settled(consumer)).toBe(false);
    channels.send(ch, 'hello');
    channels.close(ch);
    expect(await consumer).toEqual(['hello']);
  });

  test('close wakes every blocked receiver and sender', async () => {
    const { state, channels, ch } = setup(5);
    const full = channels.create(capacity);
    for (let i = 0; i < capacity; i++) channels.trySend(full, i);
    const gate = startGate();
    const receivers = [1, 2, 3].map((id) => startThread(state, id, 'consume', { ch, go: gate.go }));
    const senders = [4, 5].map((id) => startThread(state, id, 'sendUntilClosed', { ch: full, go: gate.go }));
    await gate.open(5);
    await sleep(50);
    channels.close(ch);
    channels.close(full);
    expect(await Promise.all(receivers)).toEqual([[], [], []]);
    expect(await Promise.all(senders)).toEqual(['ERR_CHANNEL_CLOSED', 'ERR_CHANNEL_CLOSED']);
  });

  test('select receives from several channels until all are closed', async () => {
    const { state, channels, ch } = setup(3);
    const other = channels.create(capacity);
    const gate = startGate();
    const selector = startThread(state, 1, 'selectAll', { chs: [ch, other], go: gate.go });
    const producers = [
      startThread(state, 2, 'produce', { ch, n: 1000, go: gate.go }),
      startThread(state, 3, 'produce', { ch: other, n: 1000, go: gate.go }),
    ];
    await gate.open(3);
    await Promise.all(producers);
    channels.close(ch);
    channels.close(other);
    expectFifoPerProducer((await selector) as Item[], [2, 3], 1000);
  });
});
