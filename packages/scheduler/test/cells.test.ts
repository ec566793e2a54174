import { Processor, SharedState } from '@wyn/scheduler';
import { startGate, startThread } from './threads';

const setup = (threads = 0) => {
  const state = SharedState.create(threads + 1, 4);
  return { state, cells: new Processor(state, 0, undefined).ctx.cells };
};

test('load, store and exchange keep all 64 bits', () => {
  const { cells } = setup();
  const c = cells.create(2n ** 62n + 1n);
  expect(cells.load(c)).toBe(2n ** 62n + 1n);
  cells.store(c, -(2n ** 63n));
  expect(cells.exchange(c, 2n ** 53n + 1n)).toBe(-(2n ** 63n));
  expect(cells.load(c)).toBe(2n ** 53n + 1n);
  expect(cells.create(7).valueOf()).toBeGreaterThan(0); // numbers are accepted as initial values
});

test('add and sub wrap at 64 bits, like the reference', () => {
  const { cells } = setup();
  const c = cells.create(2n ** 63n - 1n);
  expect(cells.add(c, 1n)).toBe(2n ** 63n - 1n);
  expect(cells.load(c)).toBe(-(2n ** 63n));
  cells.sub(c, 1n);
  expect(cells.load(c)).toBe(2n ** 63n - 1n);
});

test('compare_exchange stores only over the expected value and returns what it found', () => {
  const { cells } = setup();
  const c = cells.create(5n);
  expect(cells.compareExchange(c, 4n, 9n)).toBe(5n);
  expect(cells.load(c)).toBe(5n);
  expect(cells.compareExchange(c, 5n, 2n ** 60n)).toBe(5n);
  expect(cells.load(c)).toBe(2n ** 60n);
});

test('freed cells are reused and the slab is back to full', () => {
  const { state, cells } = setup();
  const made = Array.from({ length: 100 }, (_, i) => cells.create(i));
  made.forEach((c) => cells.free(c));
  expect(state.cells.freeCount()).toBe(state.cells.used());
  expect(made).toContain(cells.create());
});

test('stress: adds, CAS loops and adds beyond 2^53 from three threads lose no update', async () => {
  const { state, cells } = setup(3);
  const n = 20000;
  const counter = cells.create();
  const casCell = cells.create();
  const big = cells.create(2n ** 60n);
  // Cells made here grow nothing later: allocate a few hundred more so the
  // threads' views must cover records past the first slab page too.
  const late = Array.from({ length: 200 }, () => cells.create());
  const gate = startGate();
  const threads = [1, 2, 3].map((id) => startThread(state, id, 'cells', { counter, casCell, big, n, go: gate.go }));
  await gate.open(3);
  expect(await Promise.all(threads)).toEqual([n, n, n]);
  expect(cells.load(counter)).toBe(BigInt(3 * n));
  expect(cells.load(casCell)).toBe(BigInt(3 * n));
  expect(cells.load(big)).toBe(2n ** 60n + BigInt(9 * n));
  expect(late.every((c) => cells.load(c) === 0n)).toBe(true);
});
