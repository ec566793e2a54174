// The generic suspendable forms of strict expression nodes (conc/gen.ts's
// file comment, CONCURRENCY.md §12.4): `compileForms` records the operands a
// node compiles, and when one of them may suspend compiles the node a second
// time over frame slots (`replaying`), so the generator (or leaf) fills the
// slots in order and then runs that second form (`overSlots`). It lives apart
// from conc/gen.ts, which holds the Leaf protocol and the statement forms,
// because only expression compilation (eval/expr.ts, exec/stmt.ts,
// exec/assign.ts) needs this recording and replaying machinery.

import type { Compiled, FnCtx } from '../compile/context';
import { anyExprGen, type ExprGen, type Leaf, leafGen, PENDING } from './gen';
import type { Gen } from './runtime';

/**
 * Compiles one expression node (`compile` compiles its operands with
 * compileExpr). Outside a body that may suspend, the result never has a
 * generator: whoever runs it blocks (main pumps, §12.4). `strict` says the
 * node evaluates every operand once, in compile order, before its own work.
 */
export function compileForms(cx: FnCtx, strict: boolean, compile: () => Compiled): Compiled {
  const r = cx.replay;
  if (r !== null) return r.items[r.next++] ?? r.items[0];
  if (!cx.suspends) {
    const c = compile();
    return c.gen === undefined ? c : { t: c.t, ev: c.ev };
  }
  const outer = cx.kids;
  const { value, kids } = recording(cx, compile);
  let c = value;
  if (strict && anyExprGen(...kids)) {
    const again = replaying(cx, kids, compile);
    if (again !== null) c = overSlots(cx, c, again.value, again.slots, kids);
  }
  if (outer !== null) outer.push(c);
  return c;
}

/**
 * `c`'s suspendable form: fills the slots of its operands (`kids`) in
 * order, leaves inline, then runs `c2` over them. A leaf itself when every
 * operand that may suspend is a leaf and `c2` is one or cannot suspend.
 */
function overSlots(cx: FnCtx, c: Compiled, c2: Compiled, slots: number[], kids: Compiled[]): Compiled {
  const ev2 = c2.ev;
  const g2 = c2.gen as ExprGen | undefined;
  const n = kids.length;
  const evs = kids.map((k) => k.ev);
  const gs = kids.map((k) => k.gen as ExprGen | undefined);
  const ls = kids.map((k) => k.leaf);
  if ((g2 === undefined || c2.leaf !== undefined) && kids.every((k, i) => ls[i] !== undefined || gs[i] === undefined)) {
    const leaf = operandsLeaf(cx, slots, evs, ls, ev2, c2.leaf);
    return { t: c.t, ev: c.ev, gen: leafGen(leaf), leaf };
  }
  const gen: ExprGen = function* (f) {
    for (let i = 0; i < n; i++) {
      const l = ls[i];
      let v: unknown;
      if (l !== undefined) {
        v = l.start(f);
        while (v === PENDING) {
          yield l.req(f);
          v = l.retry(f);
        }
      } else {
        const g = gs[i];
        v = g === undefined ? evs[i](f) : yield* g(f);
      }
      f[slots[i]] = v;
    }
    return g2 === undefined ? ev2(f) : yield* g2(f);
  };
  return { t: c.t, ev: c.ev, gen };
}

/**
 * overSlots' leaf: which operand is pending in a fresh frame slot (`n`: the
 * node's own operation, `last`, a leaf over the filled slots).
 */
function operandsLeaf(
  cx: FnCtx, slots: number[], evs: Array<Compiled['ev']>, ls: Array<Leaf | undefined>, ev2: Compiled['ev'], last: Leaf | undefined,
): Leaf {
  const n = slots.length;
  // Where it can be pending: a leaf operand, or the operation itself; with one such place, no slot.
  const places = [...ls.keys()].filter((i) => ls[i] !== undefined);
  if (last !== undefined) places.push(n);
  const single = places.length === 1 ? places[0] : -1;
  const pc = single >= 0 ? -1 : cx.temp();
  const at = (f: unknown[]): number => (single >= 0 ? single : (f[pc] as number));
  /** Fills the operands from `i` on, then does the operation. */
  const from = (f: unknown[], i: number): unknown => {
    for (; i < n; i++) {
      const l = ls[i];
      if (l === undefined) {
        f[slots[i]] = evs[i](f);
        continue;
      }
      const v = l.start(f);
      if (v === PENDING) {
        if (pc >= 0) f[pc] = i;
        return PENDING;
      }
      f[slots[i]] = v;
    }
    if (last === undefined) return ev2(f);
    if (pc >= 0) f[pc] = n;
    return last.start(f);
  };
  return {
    start: (f) => from(f, 0),
    retry: (f) => {
      const i = at(f);
      if (i === n) return last!.retry(f);
      const v = ls[i]!.retry(f);
      if (v === PENDING) return PENDING;
      f[slots[i]] = v;
      return from(f, i + 1);
    },
    req: (f) => {
      const i = at(f);
      return i === n ? last!.req(f) : ls[i]!.req(f);
    },
  };
}

/** Runs `compile`, returning the expressions compiled directly inside it, in order. */
export function recording<T>(cx: FnCtx, compile: () => T): { value: T; kids: Compiled[] } {
  const outer = cx.kids;
  const kids: Compiled[] = [];
  cx.kids = kids;
  try {
    return { value: compile(), kids };
  } finally {
    cx.kids = outer;
  }
}

/**
 * Runs `compile` again with each direct sub-expression replaced by a read of
 * a fresh frame slot; `fill` computes `kids` into those slots, in order,
 * suspending where they do. Null when the second compile asked for other
 * sub-expressions than the first (then the node keeps its blocking form).
 */
export function replaying<T>(cx: FnCtx, kids: Compiled[], compile: () => T): { value: T; slots: number[]; fill: (f: unknown[]) => Gen<void> } | null {
  const slots = kids.map(() => cx.temp());
  const items: Compiled[] = kids.map((k, i) => {
    const s = slots[i];
    return { t: k.t, ev: (f) => f[s] };
  });
  const outer = cx.kids;
  cx.kids = null;
  cx.replay = { items, next: 0 };
  let value: T;
  let used: number;
  try {
    value = compile();
  } finally {
    used = cx.replay.next;
    cx.replay = null;
    cx.kids = outer;
  }
  if (used !== kids.length) return null;
  const n = kids.length;
  const evs = kids.map((k) => k.ev);
  const gs = kids.map((k) => k.gen as ExprGen | undefined);
  const ls = kids.map((k) => k.leaf);
  return {
    value,
    slots,
    fill: function* (f) {
      for (let i = 0; i < n; i++) {
        const l = ls[i];
        let v: unknown;
        if (l !== undefined) {
          v = l.start(f);
          while (v === PENDING) {
            yield l.req(f);
            v = l.retry(f);
          }
        } else {
          const g = gs[i];
          v = g === undefined ? evs[i](f) : yield* g(f);
        }
        f[slots[i]] = v;
      }
    },
  };
}
