import { Deque, SharedState, inject, takeInjected } from '@wyn/scheduler';

// Every deque test runs at capacity 4 (wrap-around and overflow on every run) and 256.
describe.each([4, 256])('deque with capacity %i', (capacity) => {
  const setup = () => {
    const state = SharedState.create(2, capacity);
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

  test('run-next is taken once, by the owner or a thief', () => {
    const { owner, thief, tasks } = setup();
    const [a, b] = tasks(2);
    expect(owner.setRunNext(a)).toBe(0);
    expect(owner.setRunNext(b)).toBe(a);
    expect(owner.stealBatch(thief).task).toBe(b);
    expect(owner.takeRunNext()).toBe(0);
  });

  test('injection queue returns every task once', () => {
    const { state, tasks } = setup();
    const ts = tasks(50);
    ts.forEach((t) => inject(state, t));
    const out: number[] = [];
    for (let t = takeInjected(state); t !== 0; t = takeInjected(state)) out.push(t);
    expect(out.sort((a, b) => a - b)).toEqual([...ts].sort((a, b) => a - b));
  });
});
