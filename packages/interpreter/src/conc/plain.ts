// Wyn values ↔ plain data the scheduler's codec can deep-copy
// (CONCURRENCY.md §12.2: spawn arguments, results, channel payloads and the
// global snapshot cross a task boundary as deep copies). Ints, floats,
// bools and strings are already plain; the classes of values.ts become small
// tagged objects, decoded against this thread's own compiled program
// (struct and enum definitions looked up by name).

import type { EnumDef, StructDef } from '../program';
import { panicAt } from '../runtime/errors';
import { EnumVal, ErrVal, FnVal, NONE, OkVal, SomeVal, StructVal, TupleVal, WMap } from '../runtime/values';

/** Who made a future that is not yet queued, and can queue it (Conc, conc/runtime.ts). */
export interface Publisher {
  publish(v: FutureVal): void;
}

/**
 * A future value: the handle of a process-wide future (§3.1), and the world
 * it belongs to. A REPL session that stops its tasks starts a new scheduler
 * later, whose handles start over (conc/session-world.ts); the world number
 * keeps an old future from naming a new task. Always 0 outside sessions.
 *
 * A task its spawner has not yet queued (lazy spawn, conc/held-task.ts) has
 * no handle yet (`id` 0): `msg` holds the task, and `owner` queues it the
 * moment the future leaves its thread (toPlain) or the spawner moves on. A
 * task its spawner ran inline keeps its result here as plain data (`plain`),
 * and so does a future whose REPL world stopped after its task had finished
 * (session-world.ts): it gives that value in any world.
 */
export class FutureVal {
  msg: unknown[] | null = null;
  owner: Publisher | null = null;
  /** Set when the task's result is kept here, as plain data (a fresh copy per await, as §3.1 memoises). */
  ran = false;
  plain: unknown = undefined;

  constructor(
    public id: number,
    readonly world = 0,
  ) {}
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
    if (v.msg !== null) v.owner!.publish(v);
    if (v.ran) return v.world === 0 ? { ra: v.plain } : { ra: v.plain, wo: v.world };
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
  const v = new FutureVal(0, world);
  v.ran = true;
  v.plain = plain;
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
  if ('fu' in o) return new FutureVal(o.fu as number, (o.wo as number | undefined) ?? 0);
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
