// Random numbers (STDLIB §24): the `Random` module, which the legacy free
// functions `random_int(lo, hi)`, `seed_random(n)`, … name (STDLIB §2,
// legacy.ts). Nondeterministic unless seeded, and never compared with the
// reference's sequence (which comes from C's rand), so any good
// generator will do: mulberry32, one 32-bit state per run, seeded from the
// Host's random bytes on first use. `Math.random()` draws from it too, so
// `seed_random(n)` makes a whole run repeatable.
//
// The spec lists the names without ranges; this file picks what C-style
// helpers usually mean: `random_int(lo, hi)` includes both ends,
// `random_range(lo, hi)` excludes `hi`, floats are in [0, 1).

import type { Runtime } from '../runtime/runtime';
import { fromBytes } from '../runtime/values';
import * as I from '../runtime/int64';
import { arrayOf, BOOL, FLOAT, INT, STRING, VOID } from '../types';
import { type Entry, fn, type ModuleTable } from './entry';

const states = new WeakMap<Runtime, { s: number }>();

function state(rt: Runtime): { s: number } {
  let st = states.get(rt);
  if (st === undefined) {
    const b = rt.host.randomBytes(4);
    st = { s: (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0 };
    states.set(rt, st);
  }
  return st;
}

/** A float in [0, 1) (mulberry32). */
export function nextFloat(rt: Runtime): number {
  const st = state(rt);
  st.s = (st.s + 0x6d2b79f5) >>> 0;
  let t = st.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An int in [lo, hi] (empty range: lo). */
function between(rt: Runtime, lo: I.Int, hi: I.Int): I.Int {
  const span = BigInt(hi) - BigInt(lo) + 1n;
  if (span <= 0n) return lo;
  // Two draws give 53 random bits; enough for every range a program uses.
  const r = BigInt(Math.floor(nextFloat(rt) * 2 ** 21)) * 2n ** 32n + BigInt(Math.floor(nextFloat(rt) * 2 ** 32));
  return I.norm(BigInt(lo) + (r % span));
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const pick = (rt: Runtime, alphabet: string, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(nextFloat(rt) * alphabet.length)];
  return out;
};

function uuid(rt: Runtime): string {
  const h = pick(rt, HEX, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[Math.floor(nextFloat(rt) * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const choice = (zero: unknown): Entry['impl'] => (rt, [xs]) => {
  const a = xs as unknown[];
  return a.length === 0 ? zero : a[Math.floor(nextFloat(rt) * a.length)];
};

const RANDOM: Record<string, Entry> = {
  int: fn([INT, INT], INT, (rt, [lo, hi]) => between(rt, lo as I.Int, hi as I.Int)),
  range: fn([INT, INT], INT, (rt, [lo, hi]) => between(rt, lo as I.Int, I.sub(hi as I.Int, 1))),
  float: fn([], FLOAT, (rt) => nextFloat(rt)),
  bool: fn([], BOOL, (rt) => nextFloat(rt) < 0.5),
  seed: fn([INT], VOID, (rt, [n]) => {
    states.set(rt, { s: Number(BigInt.asUintN(32, BigInt(n as I.Int))) });
  }),
  string: fn([INT], STRING, (rt, [n]) => pick(rt, ALNUM, Number(n))),
  hex: fn([INT], STRING, (rt, [n]) => pick(rt, HEX, Number(n))),
  uuid: fn([], STRING, (rt) => uuid(rt)),
  choice_int: fn([arrayOf(INT)], INT, choice(0)),
  choice_str: fn([arrayOf(STRING)], STRING, choice('')),
  bytes: fn([INT], STRING, (rt, [n]) => fromBytes(Uint8Array.from({ length: Number(n) }, () => Math.floor(nextFloat(rt) * 256)))),
};

export const RANDOM_MODULES: ModuleTable = { Random: RANDOM };

