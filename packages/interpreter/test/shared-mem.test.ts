// The channel table of conc/shared-mem.ts (CONCURRENCY.md §7.1: no limit on
// the number of channels). Two SharedMem objects over the same buffers stand
// for two threads: each reads through its own view of the growable table, so
// a handle one of them made past the other's view must still resolve there.

import { NEXT_CH, SharedMem } from '../src/conc/shared-mem';

test('a run that makes no channel keeps the table at its first few pages', () => {
  const sh = SharedMem.create();
  expect(sh.b.chans.byteLength).toBeLessThanOrEqual(4096);
  expect(sh.chanOf(1)).toBe(0);
});

test('handles past 2^18 resolve on the thread that made them and on another that saw the table small', () => {
  const maker = SharedMem.create();
  const other = new SharedMem(maker.b);
  const n = (1 << 18) + 1000;
  const wrong: number[] = [];
  for (let i = 1; i <= n; i++) if (maker.addChan(i + 10) !== i) wrong.push(i);
  expect(wrong).toEqual([]);
  expect(maker.chanOf(n)).toBe(n + 10);
  expect(other.chanOf(n)).toBe(n + 10);
  expect(other.chanOf(1)).toBe(11);
  maker.setChanKind(n, 3);
  expect(other.chanKind(n)).toBe(3);
  // Never made, or not a handle at all (§7.2).
  for (const bad of [0, -1, n + 1, 2 ** 40, NaN]) expect([bad, other.chanOf(bad)]).toEqual([bad, 0]);
  expect(maker.b.chans.byteLength).toBeLessThan(16 * n);
});

test('two threads that take turns making handles, each with a stale view, lose none', () => {
  const a = SharedMem.create();
  const b = new SharedMem(a.b);
  const made = new Map<number, number>();
  for (let i = 0; i < 20_000; i++) {
    const sh = i % 3 === 0 ? b : a;
    made.set(sh.addChan(i + 1), i + 1);
  }
  expect(Atomics.load(a.ctl, NEXT_CH)).toBe(20_000);
  const wrong = [...made].filter(([h, ch]) => a.chanOf(h) !== ch || b.chanOf(h) !== ch);
  expect(wrong).toEqual([]);
});

test('Task.value cells past 65,535 take the lowest free handle and resolve on another thread (§8.2)', () => {
  const a = SharedMem.create();
  const b = new SharedMem(a.b);
  const n = 70_000;
  const wrong: number[] = [];
  for (let i = 1; i <= n; i++) if (a.tvNew(BigInt(i)) !== i) wrong.push(i);
  expect(wrong).toEqual([]);
  const cells = b.tvCell(n);
  expect(cells === null ? null : cells[2 * n]).toBe(BigInt(n));
  expect([0, -1, n + 1, 2 ** 40, NaN].map((h) => b.tvCell(h))).toEqual([null, null, null, null, null]);
  b.tvFree(500);
  b.tvFree(7);
  b.tvFree(7);
  expect(b.tvCell(7)).toBeNull();
  expect([a.tvNew(1n), a.tvNew(2n), a.tvNew(3n)]).toEqual([7, 500, n + 1]);
  expect(a.tvCell(7)?.[14]).toBe(1n);
});

test('a REPL world after a stopped one keeps the Task.value cells and their free handles', () => {
  const first = SharedMem.create();
  for (let i = 1; i <= 300; i++) first.tvNew(BigInt(i));
  first.tvFree(2);
  const next = SharedMem.carryOver(first);
  expect(next.tvCell(300)?.[600]).toBe(300n);
  expect(next.tvNew(9n)).toBe(2);
  expect(next.tvNew(9n)).toBe(301);
});
