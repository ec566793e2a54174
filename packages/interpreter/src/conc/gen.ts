// The suspendable (generator) forms of bodies that may suspend (DESIGN §2,
// CONCURRENCY.md §12.4). Such a body is compiled once, as usual; every node
// that contains a suspension point additionally gets a generator closure
// (`Compiled.gen` for expressions, `genOf(exec)` for statements), composed
// from its children's forms in their evaluation order, so a task can park in
// the middle of any expression and free its worker. Nodes without a
// suspension point have no generator: a statement or operand that cannot
// suspend runs its ordinary closure even inside the generator, and bodies
// that cannot suspend get no generator at all (code that cannot suspend never
// pays for generators).
//
// Expressions come in two shapes:
//   - strict nodes evaluate each of their operands once, left to right, then
//     do their own work (calls, operators, literals, indexing, channel
//     operations...). They get their generator generically (`compileForms`,
//     conc/strict-forms.ts):
//     when an operand has a generator, the node is compiled a second time
//     over frame slots: each direct operand compiles to a read of its slot,
//     and the generator first fills the slots in order (running each
//     operand's generator, or its closure) and then runs that second form.
//     No node needs a hand-written generator for its operands.
//   - conditional nodes (`and`, `or`, `??`, `?:`, if and match expressions,
//     comprehensions) write their generators by hand, so an operand that does
//     not run does not suspend either.
// Lambdas whose body may suspend get a generator form too, reached through
// `FnVal.gen` by calls of function values (eval/call.ts).
//
// What a parked task keeps is its chain of suspended generators: every
// level costs a generator object and its register file (~170 bytes), and
// each level above the innermost also holds the IteratorResult passing
// through it (DESIGN §4: memory per blocked task). So the common shapes
// need no generator at all:
//   - a suspension point whose operands cannot suspend (recv, send, await,
//     sleep, a call of a function that may suspend) is a `Leaf`: its
//     operands are evaluated once, then it is attempted until it completes,
//     keeping what it needs between attempts in frame slots (a call keeps
//     its callee's frame, or its callee's generator, there).
//   - nodes made of leaves are leaves in turn, with the place where they
//     are pending in a frame slot when there are several: a strict node
//     whose suspending operands are leaves, the statements `e`, `return e`,
//     `x = e` and `var x = e` of a leaf (statement leaves, whose value is a
//     completion), sequences, `if`, `while` and `for` over a range.
//   - a function body that is a statement leaf runs as one: Conc.drive and
//     callers take `FnInstance.leaf`, and the task parks as its frames.
//   - everything else keeps generators, and runs leaves inline rather than
//     through `leafGen`; consumers call their children's generators directly
//     (no `valueOf` or `step` helper generator in between).

import type { Compiled, Exec, FnCtx } from '../compile/context';
import type { FnVal } from '../runtime/values';
import type { Gen, Req } from './runtime';

export type GenExec = (f: unknown[]) => Gen<number>;
export type ExprGen = (f: unknown[]) => Gen<unknown>;

/** What a Leaf's attempt returns while its operation cannot complete yet. */
export const PENDING: unique symbol = Symbol('pending');

/**
 * A suspension point whose operands cannot suspend (see the file comment).
 * Run as: `let v = l.start(f); while (v === PENDING) { yield l.req(f); v = l.retry(f); }`.
 * A statement leaf's value is the statement's completion.
 */
export interface Leaf {
  /** Evaluates the operands, in order, and makes the first attempt: the value, or PENDING. */
  start(f: unknown[]): unknown;
  /** Attempts again, after the task was woken: the value, or PENDING. */
  retry(f: unknown[]): unknown;
  /** What the task parks on after an attempt returned PENDING. */
  req(f: unknown[]): Req;
}

const gens = new WeakMap<Exec, GenExec>();
const leaves = new WeakMap<Exec, Leaf>();

export function genOf(e: Exec): GenExec | undefined {
  return gens.get(e);
}

export function setGen(e: Exec, g: GenExec): Exec {
  gens.set(e, g);
  return e;
}

/** Gives statement `e` the statement leaf `l` (and the generator running it). */
export function setLeaf(e: Exec, l: Leaf): Exec {
  leaves.set(e, l);
  gens.set(e, leafGen(l) as GenExec);
  return e;
}

export function leafOf(e: Exec): Leaf | undefined {
  return leaves.get(e);
}

/** A leaf's generator, for consumers that do not run it inline. */
export function leafGen(l: Leaf): ExprGen {
  return function* (f) {
    let v = l.start(f);
    while (v === PENDING) {
      yield l.req(f);
      v = l.retry(f);
    }
    return v;
  };
}

/**
 * The statement leaf of a statement that evaluates leaf `l` and then does
 * `then` with its value (the statement's completion).
 */
export function stmtLeaf(l: Leaf, then: (f: unknown[], v: unknown) => number): Leaf {
  return {
    start: (f) => {
      const v = l.start(f);
      return v === PENDING ? PENDING : then(f, v);
    },
    retry: (f) => {
      const v = l.retry(f);
      return v === PENDING ? PENDING : then(f, v);
    },
    req: l.req,
  };
}

/** Runs `e` in its suspendable form when it has one. */
export function* step(e: Exec, f: unknown[]): Gen<number> {
  const g = gens.get(e);
  return g !== undefined ? yield* g(f) : e(f);
}

/** A statement sequence's generator, when any statement has one (else none); statement leaves run inline. */
export function seqGen(execs: Exec[], NORMAL: number): GenExec | undefined {
  const gs = execs.map((e) => gens.get(e));
  if (gs.every((g) => g === undefined)) return undefined;
  const ls = execs.map((e) => leaves.get(e));
  return function* (f): Gen<number> {
    for (let i = 0; i < execs.length; i++) {
      const l = ls[i];
      let c: unknown;
      if (l !== undefined) {
        c = l.start(f);
        while (c === PENDING) {
          yield l.req(f);
          c = l.retry(f);
        }
      } else {
        const g = gs[i];
        c = g === undefined ? execs[i](f) : yield* g(f);
      }
      if (c !== NORMAL) return c as number;
    }
    return NORMAL;
  };
}

/**
 * Gives the statement sequence `e` (running `execs`) its suspendable form,
 * if any statement has one: a statement leaf when every such statement is a
 * leaf (the index of the pending one in a fresh frame slot), else seqGen's.
 */
export function suspendableSeq(cx: FnCtx, e: Exec, execs: Exec[], NORMAL: number): Exec {
  const g = seqGen(execs, NORMAL);
  if (g === undefined) return e;
  const ls = execs.map((x) => leaves.get(x));
  if (execs.some((x, i) => ls[i] === undefined && gens.has(x))) return setGen(e, g);
  // With a single leaf statement, the pending one is always that one: no slot.
  const single = ls.filter((l) => l !== undefined).length === 1 ? ls.findIndex((l) => l !== undefined) : -1;
  const pc = single >= 0 ? -1 : cx.temp();
  const at = (f: unknown[]): number => (single >= 0 ? single : (f[pc] as number));
  const n = execs.length;
  /** Runs the statements from `i` on (the previous one completed normally). */
  const from = (f: unknown[], i: number): unknown => {
    for (; i < n; i++) {
      const l = ls[i];
      const c = l === undefined ? execs[i](f) : l.start(f);
      if (c === PENDING) {
        if (pc >= 0) f[pc] = i;
        return PENDING;
      }
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
  return setLeaf(e, {
    start: (f) => from(f, 0),
    retry: (f) => {
      const i = at(f);
      const c = ls[i]!.retry(f);
      if (c === PENDING || c !== NORMAL) return c;
      return from(f, i + 1);
    },
    req: (f) => ls[at(f)]!.req(f),
  });
}

/**
 * `if c { a } else { b }` as a statement leaf, when `c` cannot suspend and
 * each branch that can is a leaf (the branch taken in a fresh frame slot);
 * else undefined.
 */
export function ifLeaf(cx: FnCtx, c: (f: unknown[]) => boolean, a: Exec, b: Exec | null, NORMAL: number): Leaf | undefined {
  const la = leaves.get(a);
  const lb = b === null ? undefined : leaves.get(b);
  if ((la === undefined && gens.has(a)) || (b !== null && lb === undefined && gens.has(b))) return undefined;
  const s = cx.temp();
  return {
    start: (f) => {
      if (c(f)) {
        if (la === undefined) return a(f);
        f[s] = la;
        return la.start(f);
      }
      if (b === null) return NORMAL;
      if (lb === undefined) return b(f);
      f[s] = lb;
      return lb.start(f);
    },
    retry: (f) => (f[s] as Leaf).retry(f),
    req: (f) => (f[s] as Leaf).req(f),
  };
}

/** Whether any of `execs` has a suspendable form. */
export function anyGen(...execs: Array<Exec | null>): boolean {
  return execs.some((e) => e !== null && gens.has(e));
}

/** Whether any of these expressions has a suspendable form. */
export function anyExprGen(...cs: Array<{ gen?: unknown } | null | undefined>): boolean {
  return cs.some((c) => c !== null && c !== undefined && c.gen !== undefined);
}

/** A slot for a value a generator computes, and an expression reading it (to reuse a closure builder over values). */
export function slotOf(cx: FnCtx, t: Compiled['t']): { slot: number; read: Compiled } {
  const slot = cx.temp();
  return { slot, read: { t, ev: (f) => f[slot] } };
}

/** An expression's value inside a generator: through its own generator when it has one. */
export function* valueOf<T = unknown>(c: { ev: (f: unknown[]) => unknown; gen?: (f: unknown[]) => Generator<unknown, unknown, void> }, f: unknown[]): Gen<T> {
  return (c.gen !== undefined ? yield* (c.gen(f) as Gen<unknown>) : c.ev(f)) as T;
}

/** Calls a function value from a generator: through its suspendable form when it has one (lambdas, functions that may suspend). */
export function* callValueG(fv: FnVal, args: unknown[]): Gen<unknown> {
  const g = fv.gen;
  return g === null ? fv.call(args) : yield* (g(args) as Gen<unknown>);
}
