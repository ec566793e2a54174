// HashSet (STDLIB §23): a set of strings named by a handle, like the other
// runtime-table objects of STDLIB §0, so `s.add(x)` is `HashSet.add(s, x)`
// and two variables holding one handle share the set (as maps share, §3.9).
// Set operations return new sets; the receiver is never changed by them.

import type { Runtime } from '../runtime/runtime';
import { BOOL, INT, STRING, type Type, VOID } from '../types';
import { type Entry, fn, type ModuleTable } from './entry';

const SET: Type = { k: 'handle', name: 'HashSet' };

/** The set behind a handle; an invalid handle reads as an empty set. */
const set = (rt: Runtime, h: unknown): Set<string> => (rt.handle('set', h) as Set<string> | undefined) ?? new Set();

const derive = (op: (a: Set<string>, b: Set<string>) => Iterable<string>): Entry =>
  fn([SET, SET], SET, (rt, [a, b]) => rt.newHandle('set', new Set(op(set(rt, a), set(rt, b)))));

const test = (p: (a: Set<string>, b: Set<string>) => boolean): Entry => fn([SET, SET], BOOL, (rt, [a, b]) => p(set(rt, a), set(rt, b)));

const subset = (a: Set<string>, b: Set<string>): boolean => [...a].every((x) => b.has(x));

const add = fn([SET, STRING], VOID, (rt, [h, x]) => {
  set(rt, h).add(x as string);
});

export const SET_MODULES: ModuleTable = {
  HashSet: {
    new: fn([], SET, (rt) => rt.newHandle('set', new Set<string>())),
    add,
    insert: add,
    contains: fn([SET, STRING], BOOL, (rt, [h, x]) => set(rt, h).has(x as string)),
    remove: fn([SET, STRING], VOID, (rt, [h, x]) => {
      set(rt, h).delete(x as string);
    }),
    len: fn([SET], INT, (rt, [h]) => set(rt, h).size),
    is_empty: fn([SET], BOOL, (rt, [h]) => set(rt, h).size === 0),
    clear: fn([SET], VOID, (rt, [h]) => set(rt, h).clear()),
    union: derive((a, b) => [...a, ...b]),
    intersection: derive((a, b) => [...a].filter((x) => b.has(x))),
    difference: derive((a, b) => [...a].filter((x) => !b.has(x))),
    is_subset: test(subset),
    is_superset: test((a, b) => subset(b, a)),
    is_disjoint: test((a, b) => [...a].every((x) => !b.has(x))),
  },
};
