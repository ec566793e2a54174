// The suspendable (generator) form of functions that may suspend
// (DESIGN §2, CONCURRENCY.md §12.4). Such a function is compiled once, as
// usual; its statements that contain a suspension point additionally get a
// generator closure, so a task can park in the middle of its body and free
// its worker. Statements without one run their ordinary closure even inside
// the generator, and functions that cannot suspend get no generator at all:
// code that cannot suspend never pays for generators.
//
// Suspension points inside an expression are hoisted: the statement's
// generator runs each point's `gen` first, in evaluation order, and leaves
// the value in a frame slot that the point's ordinary closure then takes
// instead of blocking. Points under a short-circuit, a conditional
// expression or a lambda are not hoisted (they might not run); they block
// as before, like every point reached from main (main pumps, §12.4).

import type { Compiled, Exec, FnCtx } from '../compile/context';
import type { Gen } from './runtime';

export type GenExec = (f: unknown[]) => Gen<number>;
type PointGen = (f: unknown[]) => Generator<unknown, unknown, void>;

/** A hoisted suspension point: its generator and the slot its value waits in. */
export interface Point {
  slot: number;
  gen: PointGen;
}

/** A value a hoisted point left for its closure (a box, since the value may be `undefined`). */
interface Held {
  v: unknown;
}

const gens = new WeakMap<Exec, GenExec>();

export function genOf(e: Exec): GenExec | undefined {
  return gens.get(e);
}

export function setGen(e: Exec, g: GenExec): Exec {
  gens.set(e, g);
  return e;
}

/** Registers `c` as a hoisted point of the statement being compiled, when that is allowed. */
export function hoist(cx: FnCtx, c: Compiled): Compiled {
  const points = cx.points;
  if (c.gen === undefined || points === null || cx.noHoist > 0) return c;
  const slot = cx.temp();
  const ev = c.ev;
  points.push({ slot, gen: c.gen });
  return {
    t: c.t,
    ev: (f) => {
      const h = f[slot] as Held | undefined;
      if (h === undefined) return ev(f);
      f[slot] = undefined;
      return h.v;
    },
  };
}

/** Compiles with a fresh point list; returns the result and the points found. */
export function collect<T>(cx: FnCtx, compile: () => T): { value: T; points: Point[] } {
  const saved = cx.points;
  if (saved === null) return { value: compile(), points: [] };
  cx.points = [];
  try {
    return { value: compile(), points: cx.points };
  } finally {
    cx.points = saved;
  }
}

/** Runs hoisted points, leaving each value in its slot. */
export function* runPoints(points: Point[], f: unknown[]): Gen<void> {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const v = yield* (p.gen(f) as Gen<unknown>);
    f[p.slot] = { v } satisfies Held;
  }
}

/** Gives statement `e` a generator that first runs `points`, then `e`'s own generator or `e`. */
export function withPoints(e: Exec, points: Point[]): Exec {
  const own = gens.get(e);
  if (points.length === 0) return e;
  return setGen(e, function* (f): Gen<number> {
    yield* runPoints(points, f);
    return own !== undefined ? yield* own(f) : e(f);
  });
}

/** Runs `e` in its suspendable form when it has one. */
export function* step(e: Exec, f: unknown[]): Gen<number> {
  const g = gens.get(e);
  return g !== undefined ? yield* g(f) : e(f);
}

/** A statement sequence's generator, when any statement has one (else none). */
export function seqGen(execs: Exec[], NORMAL: number): GenExec | undefined {
  if (!execs.some((e) => gens.has(e))) return undefined;
  return function* (f): Gen<number> {
    for (let i = 0; i < execs.length; i++) {
      const c = yield* step(execs[i], f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

/** Whether any of `execs` has a suspendable form. */
export function anyGen(...execs: Array<Exec | null>): boolean {
  return execs.some((e) => e !== null && gens.has(e));
}
