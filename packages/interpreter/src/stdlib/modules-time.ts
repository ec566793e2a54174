// DateTime and Time (STDLIB §11): one table, except that `DateTime.sleep`
// takes seconds and `Time.sleep` milliseconds.
// Timestamps are Unix seconds. Field accessors and `format` use the local
// time zone of the process (conformance runs set TZ=UTC); `to_iso` is UTC.

import * as I from '../runtime/int64';
import type { Runtime } from '../runtime/runtime';
import { INT, STRING, VOID } from '../types';
import { fn, type ModuleTable } from './entry';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);
const local = (t: unknown): Date => new Date(Number(t) * 1000);

/** Day of the year, 1-based, in local time (`%j`). */
function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86_400_000) + 1;
}

/** The zone abbreviation strftime's `%Z` prints; Intl names UTC "UTC". */
function zoneName(d: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** C strftime in the "C" locale for the conversions STDLIB §11 lists (and a few neighbours); unknown ones stay as written. */
export function strftime(t: unknown, fmt: string): string {
  const d = local(t);
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const conv: Record<string, () => string> = {
  Y: () => String(d.getFullYear()), y: () => pad(d.getFullYear() % 100), C: () => pad(Math.floor(d.getFullYear() / 100)),
  m: () => pad(d.getMonth() + 1), d: () => pad(d.getDate()), e: () => pad(d.getDate(), 2, ' '),
  H: () => pad(d.getHours()), I: () => pad(h12), M: () => pad(d.getMinutes()), S: () => pad(d.getSeconds()),
  p: () => (d.getHours() < 12 ? 'AM' : 'PM'), j: () => pad(dayOfYear(d), 3),
  A: () => DAYS[d.getDay()], a: () => DAYS[d.getDay()].slice(0, 3),
  B: () => MONTHS[d.getMonth()], b: () => MONTHS[d.getMonth()].slice(0, 3), h: () => MONTHS[d.getMonth()].slice(0, 3),
  u: () => String(d.getDay() === 0 ? 7 : d.getDay()), w: () => String(d.getDay()),
  F: () => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
  T: () => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
  R: () => `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  D: () => `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear() % 100)}`,
  s: () => String(t), Z: () => zoneName(d), n: () => '\n', t: () => '\t', '%': () => '%',
  };
  const out = fmt.replace(/%(.)/g, (all, c: string) => conv[c]?.() ?? all);
  // The reference formats into a 256-byte buffer.
  return out.slice(0, 255);
}

/** `< 1000`: `Nms`; `< 60000`: seconds with one decimal; `< 3600000`: `Mm Ss`; else `Hh Mm` (STDLIB §11). */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) {
  // printf's %.1f rounds exact halves to even; toFixed rounds them up.
  const tenths = (ms / 1000) * 10;
  const even = tenths - Math.floor(tenths) === 0.5 && Math.floor(tenths) % 2 === 0;
  return `${(even ? Math.floor(tenths) / 10 : ms / 1000).toFixed(1)}s`;
  }
  if (ms < 3_600_000) return `${Math.trunc(ms / 60_000)}m ${Math.trunc((ms % 60_000) / 1000)}s`;
  return `${Math.trunc(ms / 3_600_000)}h ${Math.trunc((ms % 3_600_000) / 60_000)}m`;
}

/**
 * Wall-clock microseconds that never run backwards: the wall clock read once
 * per run, advanced by the monotonic clock (Host.now has only millisecond
 * resolution, and `micros` must be monotonic, 362_time_clock).
 */
const epochs = new WeakMap<Runtime, { wallUs: bigint; monoNs: bigint }>();
function micros(rt: Runtime): I.Int {
  let e = epochs.get(rt);
  if (e === undefined) {
  e = { wallUs: BigInt(rt.host.now()) * 1000n, monoNs: rt.host.monotonicNs() };
  epochs.set(rt, e);
  }
  return I.norm(e.wallUs + (rt.host.monotonicNs() - e.monoNs) / 1000n);
}

const field = (get: (d: Date) => number) => fn([INT], INT, (_rt, [t]) => get(local(t)));
const sleep = (unitMs: number) => fn([INT], VOID, (rt, [n]) => {
  rt.flush();
  rt.host.sleepMs(Number(n) * unitMs);
});

const TIME: ModuleTable[string] = {
  now: fn([], INT, (rt) => Math.floor(rt.host.now() / 1000)),
  millis: fn([], INT, (rt) => rt.host.now()),
  now_millis: fn([], INT, (rt) => rt.host.now()),
  micros: fn([], INT, micros),
  nanos: fn([], INT, (rt) => I.norm(rt.host.monotonicNs())),
  year: field((d) => d.getFullYear()),
  month: field((d) => d.getMonth() + 1),
  day: field((d) => d.getDate()),
  hour: field((d) => d.getHours()),
  minute: field((d) => d.getMinutes()),
  second: field((d) => d.getSeconds()),
  day_of_week: field((d) => d.getDay()),
  format: fn([INT, STRING], STRING, (_rt, [t, f]) => strftime(t, (f as string | undefined) ?? '%Y-%m-%d %H:%M:%S'), 1),
  to_iso: fn([INT], STRING, (_rt, [t]) => local(t).toISOString().replace(/\.\d+Z$/, 'Z')),
  add_seconds: fn([INT, INT], INT, (_rt, [t, s]) => I.add(t as I.Int, s as I.Int)),
  add_days: fn([INT, INT], INT, (_rt, [t, d]) => I.add(t as I.Int, I.mul(d as I.Int, 86400))),
  diff: fn([INT, INT], INT, (_rt, [a, b]) => I.sub(a as I.Int, b as I.Int)),
  format_duration: fn([INT], STRING, (_rt, [ms]) => formatDuration(Number(ms))),
  sleep: sleep(1),
};

export const TIME_MODULES: ModuleTable = { Time: TIME, DateTime: { ...TIME, sleep: sleep(1000) } };
