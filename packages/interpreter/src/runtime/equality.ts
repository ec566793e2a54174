// Value equality (§4.4, §4.5, §6.3): structural for structs, enums, options,
// results and tuples; by content for strings; int and float compare as numbers.

import { EnumVal, ErrVal, OkVal, SomeVal, StructVal, TupleVal, WMap } from './values';

export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === 'number' || ta === 'bigint') {
    const tb = typeof b;
    return (tb === 'number' || tb === 'bigint') && Number(a) === Number(b) && (ta === tb || a == b);
  }
  if (a instanceof StructVal) return b instanceof StructVal && a.def === b.def && listEquals(a.f, b.f);
  if (a instanceof EnumVal) return b instanceof EnumVal && a.def === b.def && a.tag === b.tag && listEquals(a.vals, b.vals);
  if (a instanceof SomeVal) return b instanceof SomeVal && valueEquals(a.v, b.v);
  if (a instanceof OkVal) return b instanceof OkVal && valueEquals(a.v, b.v);
  if (a instanceof ErrVal) return b instanceof ErrVal && valueEquals(a.e, b.e);
  if (a instanceof TupleVal) return b instanceof TupleVal && listEquals(a.items, b.items);
  if (Array.isArray(a)) return Array.isArray(b) && listEquals(a, b);
  if (a instanceof WMap) {
    return b instanceof WMap && a.size === b.size && a.keys().every((k) => b.has(k) && valueEquals(a.get(k), b.get(k)));
  }
  return false;
}

function listEquals(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
  return true;
}

/** Ordering for sort/min/max: numbers numerically, strings byte-wise (§11.4). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
