import { Deque, Processor, SharedState, inject, takeInjected } from '@wyn/scheduler';
import { startGate, startThread } from './threads';

// Every deque test runs at capacity 4 (wrap-around and overflow on every run) and 256.
describe.each([4, 256])('deque with capacity %i', (capacity) => {
  const setup = (processors = 2) => {
    const state = SharedState.create(processors, capacity);
    const tasks = (n: number) => Array.from({ length: n }, () => state.tasks.alloc());
    return { state, owner: new Deque(state, 0), thief: new Deque(state, 1), tasks };
  };

  /** Everything a queue still holds: own deque, then the injection queue. */
  const drain = (state: SharedState, d: Deque) => {
    const out: number[] = [];
    for (let t = d.pop(); t !== 0; t = d.pop()) out.push(t);
    for (let t = takeInjected(state); t !== 0; t = takeInjected(state)) out.push(t);
    return out;
  };

  test('fits_capacity_one_at_a_time', () => {
    const { owner, tasks } = setup();
    for (let round = 0; round < 10; round++) {
      const ts = tasks(capacity);
      ts.forEach((t) => owner.push(t));
      expect(owner.size()).toBe(capacity);
      // LIFO for the owner.
      for (const t of [...ts].reverse()) expect(owner.pop()).toBe(t);
      expect(owner.pop()).toBe(0);
    }
  });

  test('overflow moves half to the injection queue and loses nothing', () => {
    const { state, owner, tasks } = setup();
    const ts = tasks(capacity * 3 + 1);
    ts.forEach((t) => owner.push(t));
    expect(owner.size()).toBeLessThanOrEqual(capacity);
    expect(drain(state, owner).sort((a, b) => a - b)).toEqual([...ts].sort((a, b) => a - b));
  });

  test('steal_batch takes up to half, oldest first, and leaves the rest to the owner', () => {
    const { state, owner, thief, tasks } = setup();
    const ts = tasks(capacity);
    ts.forEach((t) => owner.push(t));
    const { task, count } = owner.stealBatch(thief);
    expect(task).toBe(ts[0]);
    expect(count).toBe(Math.min(32, capacity / 2));
    const all = [task, ...drain(state, thief), ...drain(state, owner)];
    expect(all.sort((a, b) => a - b)).toEqual([...ts].sort((a, b) => a - b));
  });

  test('the last task goes to exactly one of owner and thief', () => {
    const { owner, thief, tasks } = setup();
    const [t] = tasks(1);
    owner.push(t);
    expect(owner.stealBatch(thief).task).toBe(t);
    expect(owner.pop()).toBe(0);
  });

  const pause = (ms: number): void => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Lets the run-next grace period pass.
    }
  };

  test('run-next is taken once, by the owner or, after its grace period, a thief', () => {
    const { owner, thief, tasks } = setup();
    const [a, b] = tasks(2);
    expect(owner.setRunNext(a)).toBe(0);
    expect(owner.setRunNext(b)).toBe(a);
    expect(owner.stealBatch(thief).task).toBe(0);
    pause(1);
    expect(owner.stealBatch(thief).task).toBe(b);
    expect(owner.takeRunNext()).toBe(0);
  });

  test('a thief leaves a fresh spawn in run-next to its owner', () => {
    const { owner, thief, tasks } = setup();
    const [a, b] = tasks(2);
    owner.setRunNext(a);
    expect(owner.stealBatch(thief).task).toBe(0);
    pause(1);
    // The owner ran `a` and spawned `b` meanwhile: the grace period starts again.
    expect(owner.takeRunNext()).toBe(a);
    owner.setRunNext(b);
    expect(owner.stealBatch(thief).task).toBe(0);
    expect(owner.takeRunNext()).toBe(b);
  });

  test('an emptied injection queue reads as no work, though its head keeps a tag', () => {
    // Regression: idle workers once saw the tag bits as work and never parked.
    const { state, tasks } = setup();
    const worker = new Processor(state, 1, undefined);
    const [t] = tasks(1);
    inject(state, t);
    expect(worker.hasWork()).toBe(true);
    expect(takeInjected(state)).toBe(t);
    expect(worker.hasWork()).toBe(false);
  });

  test('injection queue returns every task once', () => {
    const { state, tasks } = setup();
    const ts = tasks(50);
    ts.forEach((t) => inject(state, t));
    const out: number[] = [];
    for (let t = takeInjected(state); t !== 0; t = takeInjected(state)) out.push(t);
    expect(out.sort((a, b) => a - b)).toEqual([...ts].sort((a, b) => a - b));
  });

  test('stress: the owner pushes and pops while two thieves steal; every task is taken once', async () => {
    const { state, owner, tasks } = setup(3);
    const n = 40000;
    const ts = tasks(n);
    // Indexed by task record (the slab's header records are never tasks).
    const counts = new SharedArrayBuffer((Math.max(...ts) + 1) * 4);
    const seen = new Int32Array(counts);
    const done = new SharedArrayBuffer(4);
    const gate = startGate();
    // Thief 1 steals batches into its own deque (which overflows too at capacity 4), thief 2 one at a time.
    const thieves = [1, 2].map((id) => startThread(state, id, 'thief', { counts, done, batch: id === 1, go: gate.go }));
    await gate.open(2);
    let taken = 0;
    const take = (t: number) => {
      if (t === 0) return;
      seen[t]++;
      taken++;
    };
    for (let i = 0; i < n; i++) {
      // Every fifth spawn goes through run-next, as ctx.spawn does.
      if (i % 5 === 0) {
        const displaced = owner.setRunNext(ts[i]);
        if (displaced !== 0) owner.push(displaced);
      } else {
        owner.push(ts[i]);
      }
      if (i % 3 === 0) take(owner.pop());
      if (i % 7 === 0) take(owner.takeRunNext());
      if (i % 11 === 0) take(takeInjected(state));
    }
    Atomics.store(new Int32Array(done), 0, 1);
    take(owner.takeRunNext());
    for (let t = owner.pop(); t !== 0; t = owner.pop()) take(t);
    const stolen = (await Promise.all(thieves)) as number[];
    for (let t = takeInjected(state); t !== 0; t = takeInjected(state)) take(t);
    expect(ts.every((t) => seen[t] === 1)).toBe(true);
    expect(taken + stolen[0] + stolen[1]).toBe(n);
  });
});
