// Wyn values ↔ plain data the scheduler's codec can deep-copy
// (CONCURRENCY.md §12.2: spawn arguments, results, channel payloads and the
// global snapshot cross a task boundary as deep copies). Ints, floats,
// bools and strings are already plain; the classes of values.ts become small
// tagged objects, decoded against this thread's own compiled program
// (struct and enum definitions looked up by name).

import type { EnumDef, StructDef } from '../program';
import { panicAt } from '../runtime/errors';
import { EnumVal, ErrVal, FnVal, NONE, OkVal, SomeVal, StructVal, TupleVal, WMap } from '../runtime/values';

/** Queues a held-back task (conc/held-task.ts): the one HeldTask of this thread. */
export interface Publisher {
  publish(v: FutureVal): void;
}

let publisher: Publisher | null = null;

/** Each thread has one HeldTask at a time (a REPL world's replaces the previous one's). */
export function setPublisher(p: Publisher): void {
  publisher = p;
}

/** `FutureVal.id` of a future whose task is held back by its spawner (lazy spawn, conc/held-task.ts). */
export const HELD = 0;
/** `FutureVal.id` of a future that keeps its task's result itself. */
export const RAN = -1;

/**
 * A future value: the handle of a process-wide future (§3.1), and the world
 * it belongs to. A REPL session that stops its tasks starts a new scheduler
 * later, whose handles start over (conc/session-world.ts); the world number
 * keeps an old future from naming a new task. Always 0 outside sessions.
 *
 * Two more states live in `id`, so that a million outstanding futures stay
 * small (two fields; the world is a method): HELD, a task its spawner has not queued yet, with
 * its message in `slot` (null once dropped); and RAN, a future keeping its
 * task's result as plain data in `slot` (a fresh copy per await, as §3.1
 * memoises): a task run inline, or one that finished before its REPL world
 * stopped (session-world.ts), which then answers in any world.
 */
export class FutureVal {
  slot: unknown = null;

  constructor(public id: number) {}

  /** The REPL world it belongs to: 0 outside sessions and in a session's first world (WorldFuture). */
  get world(): number {
    return 0;
  }

  get ran(): boolean {
    return this.id === RAN;
  }

  /** The held task's message, or null. */
  get msg(): unknown[] | null {
    return this.id === HELD ? (this.slot as unknown[] | null) : null;
  }

  keep(plain: unknown): void {
    this.id = RAN;
    this.slot = plain;
  }

  /** Printed where its task's result type is expected (printing a future is unspecified, §3.1). */
  toString(): string {
    return '<future>';
  }
}

/** A future of a later REPL world: only these pay for a third field. */
class WorldFuture extends FutureVal {
  constructor(
    id: number,
    private readonly w: number,
  ) {
    super(id);
  }

  override get world(): number {
    return this.w;
  }
}

export function newFuture(id: number, world: number): FutureVal {
  return world === 0 ? new FutureVal(id) : new WorldFuture(id, world);
}

type Plain = unknown;

/** `lenient` drops closures (global snapshots) instead of failing (§12.1 closures). */
export function toPlain(v: unknown, lenient = false): Plain {
  if (v === null || typeof v !== 'object') {
    if (v instanceof FnVal || typeof v === 'function') return closure(lenient);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => toPlain(x, lenient));
  if (v instanceof StructVal) return { s: v.def.name, f: v.f.map((x) => toPlain(x, lenient)) };
  if (v instanceof EnumVal) return { e: v.def.name, t: v.tag, v: v.vals.map((x) => toPlain(x, lenient)) };
  if (v instanceof SomeVal) return { o: toPlain(v.v, lenient) };
  if (v === NONE) return { n: 1 };
  if (v instanceof OkVal) return { ok: toPlain(v.v, lenient) };
  if (v instanceof ErrVal) return { er: toPlain(v.e, lenient) };
  if (v instanceof TupleVal) return { tu: v.items.map((x) => toPlain(x, lenient)) };
  if (v instanceof FutureVal) {
    if (v.msg !== null) publisher!.publish(v);
    if (v.ran) return v.world === 0 ? { ra: v.slot } : { ra: v.slot, wo: v.world };
    return v.world === 0 ? { fu: v.id } : { fu: v.id, wo: v.world };
  }
  if (v instanceof WMap) {
    const keys = v.keys().slice().reverse();
    return { m: keys.map((k) => [k, toPlain(v.get(k), lenient)]) };
  }
  if (v instanceof FnVal) return v.code >= 0 ? { fn: v.code, env: toPlain(v.env, lenient) } : closure(lenient);
  return lenient ? null : closure(false);
}

/** A future whose task already ran inline, holding its result as plain data. */
export function ranFuture(plain: unknown, world: number): FutureVal {
  const v = newFuture(RAN, world);
  v.slot = plain;
  return v;
}

/** A value that no thread can rebuild (a built-in's, say): dropped from a global snapshot, else an error (§12.1 closures). */
function closure(lenient: boolean): null {
  if (lenient) return null;
  return panicAt(null, 'E0920', 'cannot send a closure to another task');
}

export interface TypeTable {
  structs: Map<string, StructDef>;
  enums: Map<string, EnumDef>;
  /** This thread's `Runtime.closures`: rebuilds a copied function value. */
  closures: ReadonlyArray<(env: unknown[]) => unknown>;
}

export function fromPlain(p: Plain, types: TypeTable): unknown {
  if (p === null || typeof p !== 'object') return p;
  if (Array.isArray(p)) return p.map((x) => fromPlain(x, types));
  const o = p as Record<string, unknown>;
  if ('s' in o) return new StructVal(types.structs.get(o.s as string)!, (o.f as Plain[]).map((x) => fromPlain(x, types)));
  if ('e' in o) return new EnumVal(types.enums.get(o.e as string)!, o.t as number, (o.v as Plain[]).map((x) => fromPlain(x, types)));
  if ('o' in o) return new SomeVal(fromPlain(o.o, types));
  if ('n' in o) return NONE;
  if ('ok' in o) return new OkVal(fromPlain(o.ok, types));
  if ('er' in o) return new ErrVal(fromPlain(o.er, types));
  if ('tu' in o) return new TupleVal((o.tu as Plain[]).map((x) => fromPlain(x, types)));
  if ('fn' in o) return types.closures[o.fn as number](fromPlain(o.env, types) as unknown[]);
  if ('fu' in o) return newFuture(o.fu as number, (o.wo as number | undefined) ?? 0);
  if ('ra' in o) return ranFuture(o.ra, (o.wo as number | undefined) ?? 0);
  if ('m' in o) {
    const m = new WMap();
    for (const [k, v] of o.m as [string, Plain][]) m.set(k, fromPlain(v, types));
    return m;
  }
  return p;
}

/** The kind recorded per channel so recv on a closed, drained channel yields the right zero (§7.4). */
export function kindOf(v: unknown): number {
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  return 1;
}

export function zeroOfKind(kind: number): unknown {
  return kind === 2 ? '' : kind === 3 ? false : 0;
}
