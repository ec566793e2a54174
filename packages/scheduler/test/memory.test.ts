import { Heap, SharedState, Slab } from '@wyn/scheduler';

describe('slab', () => {
  test('alloc hands out distinct records and free makes them reusable', () => {
    const slab = new Slab(4, 2);
    const a = slab.alloc();
    const b = slab.alloc();
    expect(a).not.toBe(0);
    expect(b).not.toBe(a);
    slab.free(a);
    expect(slab.alloc()).toBe(a);
  });

  test('grows past its initial capacity and keeps earlier records', () => {
    const slab = new Slab(4, 2);
    const records: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const r = slab.alloc();
      slab.view(r)[r * 4 + 2] = i;
      records.push(r);
    }
    expect(new Set(records).size).toBe(1000);
    records.forEach((r, i) => expect(slab.view(r)[r * 4 + 2]).toBe(i));
    expect(slab.bytes()).toBeGreaterThanOrEqual(1001 * 16);
  });

  test('a second view of the same buffer sees growth made through the first', () => {
    const slab = new Slab(4, 2);
    const other = new Slab(4, 2, undefined, slab.buffer);
    const records = Array.from({ length: 100 }, () => slab.alloc());
    const last = records[records.length - 1];
    slab.view(last)[last * 4 + 3] = 77;
    expect(other.view(last)[last * 4 + 3]).toBe(77);
  });

  test('free list is back to full after freeing everything', () => {
    const slab = new Slab(4, 4);
    const records = Array.from({ length: 300 }, () => slab.alloc());
    for (const r of records.slice(0, 150)) slab.free(r);
    for (const r of records.slice(150)) slab.free(r);
    expect(slab.freeCount()).toBe(slab.used());
  });

  test('freeChain returns a linked chain in one step', () => {
    const slab = new Slab(4, 4);
    const [a, b, c] = [slab.alloc(), slab.alloc(), slab.alloc()];
    slab.view(a)[a * 4] = b;
    slab.view(b)[b * 4] = c;
    slab.freeChain(a, c);
    expect(slab.freeCount()).toBe(3);
  });

  test('a caching thread takes what another freed as one chain, hands each record out once, and gives the rest back', () => {
    const spawner = new Slab(4, 2);
    spawner.cacheLocally();
    const runner = new Slab(4, 2, undefined, spawner.buffer);
    const records = Array.from({ length: 200 }, () => spawner.alloc());
    records.forEach((r) => runner.free(r));
    const again = Array.from({ length: 150 }, () => spawner.alloc());
    expect(new Set(again).size).toBe(150);
    expect(again.every((r) => records.includes(r))).toBe(true);
    // The 50 not handed out again are this thread's until it flushes.
    expect(spawner.freeCount()).toBe(0);
    spawner.flushLocal();
    expect(spawner.freeCount()).toBe(50);
    again.forEach((r) => spawner.free(r));
    spawner.flushLocal();
    expect(spawner.freeCount()).toBe(spawner.used());
  });

  test('exhaustion is a RangeError, not corruption', () => {
    // Five records, two of them the header (4-word records): room for three.
    const slab = new Slab(4, 2, 5);
    for (let i = 0; i < 3; i++) slab.alloc();
    expect(() => slab.alloc()).toThrow(RangeError);
  });
});

describe('heap', () => {
  test('blocks of each size class round-trip their bytes', () => {
    const heap = new Heap(4096);
    const ptrs = [1, 8, 9, 100, 5000, 70000].map((n) => {
      const ptr = heap.alloc(n);
      heap.u8.fill(n & 255, ptr, ptr + n);
      return { ptr, n };
    });
    for (const { ptr, n } of ptrs) {
      expect(heap.length(ptr)).toBe(n);
      expect(ptr % 8).toBe(0);
      expect(heap.u8[ptr + n - 1]).toBe(n & 255);
    }
  });

  test('a freed block is reused by the next allocation of its class', () => {
    const heap = new Heap(4096);
    const a = heap.alloc(40);
    heap.free(a);
    expect(heap.alloc(33)).toBe(a);
  });

  test('a caching thread takes blocks another freed as one chain per class, each handed out once', () => {
    const spawner = new Heap(4096);
    spawner.cacheLocally();
    const runner = new Heap(4096, spawner.buffer);
    const ptrs = Array.from({ length: 300 }, (_, i) => spawner.alloc(i % 2 === 0 ? 20 : 200));
    ptrs.forEach((p) => runner.free(p));
    const again = Array.from({ length: 200 }, (_, i) => spawner.alloc(i % 2 === 0 ? 20 : 200));
    expect(new Set(again).size).toBe(200);
    expect(again.every((p) => ptrs.includes(p))).toBe(true);
    spawner.flushLocal();
    expect(spawner.freeBlocks()).toBe(100);
    again.forEach((p) => spawner.free(p));
    spawner.flushLocal();
    expect(spawner.freeBlocks()).toBe(spawner.carvedBlocks());
  });

  test('free lists are back to full after freeing everything', () => {
    const heap = new Heap(4096);
    const ptrs = Array.from({ length: 500 }, (_, i) => heap.alloc((i * 37) % 3000));
    ptrs.forEach((p) => heap.free(p));
    expect(heap.freeBlocks()).toBe(heap.carvedBlocks());
  });
});

test('shared state attaches to the same buffers', () => {
  const state = SharedState.create(3, 4);
  const other = SharedState.attach(state.buffers());
  const t = state.tasks.alloc();
  state.tasks.view(t)[t * 4 + 3] = 5;
  expect(other.tasks.view(t)[t * 4 + 3]).toBe(5);
  expect(other.processors).toBe(3);
});
