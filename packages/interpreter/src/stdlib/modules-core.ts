// T1 library modules (STDLIB §9–§12): Math, StringBuilder, String, HashMap,
// Time/DateTime, System, Test. Everything in double precision (the
// reference's single-precision Math is a bug, STDLIB §9).

import { floatText } from '../runtime/format';
import { ExitSignal } from '../runtime/errors';
import * as I from '../runtime/int64';
import { fromUtf8, WMap } from '../runtime/values';
import { ANY, arrayOf, FLOAT, fresh, INT, STRING, type Type, VOID } from '../types';
import { cRound } from './number-methods';
import type { Entry, ModuleTable } from './modules';

const SB: Type = { k: 'handle', name: 'StringBuilder' };
const e = (params: Type[], ret: Entry['ret'], impl: Entry['impl'], optional = 0): Entry => ({ params, ret, impl, optional });
const f1 = (fn: (x: number) => number): Entry => e([FLOAT], FLOAT, (_rt, [x]) => fn(x as number));

const sb = (rt: Parameters<Entry['impl']>[0], h: unknown): { s: string } => (rt.handle('sb', h) as { s: string }) ?? { s: '' };

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export const CORE_MODULES: ModuleTable = {
  Math: {
    sqrt: f1(Math.sqrt), sin: f1(Math.sin), cos: f1(Math.cos), tan: f1(Math.tan), exp: f1(Math.exp), log: f1(Math.log),
    log10: f1(Math.log10), log2: f1(Math.log2), floor: f1(Math.floor), ceil: f1(Math.ceil), round: f1(cRound),
    asin: f1(Math.asin), acos: f1(Math.acos), atan: f1(Math.atan), cbrt: f1(Math.cbrt),
    abs: e([ANY], (ts) => ts[0], (_rt, [x]) => (typeof x === 'number' && x < 0 ? -x : typeof x === 'bigint' && x < 0 ? I.neg(x) : x)),
    pow: e([FLOAT, FLOAT], FLOAT, (_rt, [a, b]) => Math.pow(a as number, b as number)),
    atan2: e([FLOAT, FLOAT], FLOAT, (_rt, [a, b]) => Math.atan2(a as number, b as number)),
    hypot: e([FLOAT, FLOAT], FLOAT, (_rt, [a, b]) => Math.hypot(a as number, b as number)),
    min: e([ANY, ANY], (ts) => ts[0], (_rt, [a, b]) => ((b as number) < (a as number) ? b : a)),
    max: e([ANY, ANY], (ts) => ts[0], (_rt, [a, b]) => ((b as number) > (a as number) ? b : a)),
    clamp: e([ANY, ANY, ANY], (ts) => ts[0], (_rt, [x, lo, hi]) => ((x as number) < (lo as number) ? lo : (x as number) > (hi as number) ? hi : x)),
    sign: e([ANY], (ts) => ts[0], (_rt, [x]) => ((x as number) > 0 ? 1 : (x as number) < 0 ? -1 : 0)),
    pi: e([], FLOAT, () => Math.PI),
    e: e([], FLOAT, () => Math.E),
    lerp: e([FLOAT, FLOAT, FLOAT], FLOAT, (_rt, [a, b, t]) => (a as number) + ((b as number) - (a as number)) * (t as number)),
    map_range: e([FLOAT, FLOAT, FLOAT, FLOAT, FLOAT], FLOAT, (_rt, [x, a, b, c, d]) =>
      (c as number) + (((x as number) - (a as number)) * ((d as number) - (c as number))) / ((b as number) - (a as number))),
    round_to: e([FLOAT, INT], FLOAT, (_rt, [x, n]) => cRound((x as number) * 10 ** Number(n)) / 10 ** Number(n)),
  },
  StringBuilder: {
    new: e([], SB, (rt) => rt.newHandle('sb', { s: '' })),
    append: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += s as string; }),
    append_int: e([SB, INT], VOID, (rt, [h, n]) => { sb(rt, h).s += String(n); }),
    append_float: e([SB, FLOAT], VOID, (rt, [h, n]) => { sb(rt, h).s += floatText(n as number); }),
    append_line: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += (s as string) + '\n'; }),
    append_char: e([SB, STRING], VOID, (rt, [h, s]) => { sb(rt, h).s += s as string; }),
    len: e([SB], INT, (rt, [h]) => sb(rt, h).s.length),
    to_string: e([SB], STRING, (rt, [h]) => sb(rt, h).s),
    build: e([SB], STRING, (rt, [h]) => sb(rt, h).s),
    clear: e([SB], VOID, (rt, [h]) => { sb(rt, h).s = ''; }),
    free: e([SB], VOID, () => undefined),
  },
  String: {
    from_chars: e([arrayOf(STRING)], STRING, (_rt, [xs]) => (xs as string[]).join('')),
    char_from_int: e([INT], STRING, (_rt, [n]) => String.fromCharCode(Number(n) & 255)),
  },
  HashMap: {
    new: e([], () => ({ k: 'map', key: STRING, val: fresh() }), () => new WMap()),
  },
  Time: {
    micros: e([], INT, (rt) => Number(rt.host.monotonicNs() / 1000n)),
    millis: e([], INT, (rt) => Number(rt.host.monotonicNs() / 1000000n)),
    nanos: e([], INT, (rt) => I.norm(rt.host.monotonicNs())),
    now: e([], INT, (rt) => Math.floor(rt.host.now() / 1000)),
    now_millis: e([], INT, (rt) => rt.host.now()),
    sleep: e([INT], VOID, (rt, [ms]) => { rt.flush(); rt.host.sleepMs(Number(ms)); }),
    year: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCFullYear()),
    month: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCMonth() + 1),
    day: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCDate()),
    hour: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCHours()),
    minute: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCMinutes()),
    second: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCSeconds()),
    day_of_week: e([INT], INT, (_rt, [t]) => new Date(Number(t) * 1000).getUTCDay()),
    add_seconds: e([INT, INT], INT, (_rt, [t, s]) => I.add(t as I.Int, s as I.Int)),
    add_days: e([INT, INT], INT, (_rt, [t, d]) => I.add(t as I.Int, I.mul(d as I.Int, 86400))),
    diff: e([INT, INT], INT, (_rt, [a, b]) => I.sub(a as I.Int, b as I.Int)),
    to_iso: e([INT], STRING, (_rt, [t]) => new Date(Number(t) * 1000).toISOString().replace(/\.\d+Z$/, 'Z')),
    format: e([INT, STRING], STRING, (_rt, [t, fmt]) => {
      const d = new Date(Number(t) * 1000);
      const map: Record<string, string> = {
        '%Y': String(d.getUTCFullYear()), '%m': pad2(d.getUTCMonth() + 1), '%d': pad2(d.getUTCDate()),
        '%H': pad2(d.getUTCHours()), '%M': pad2(d.getUTCMinutes()), '%S': pad2(d.getUTCSeconds()), '%%': '%',
      };
      return (fmt as string).replace(/%[YmdHMS%]/g, (x) => map[x]);
    }),
    format_duration: e([INT], STRING, (_rt, [s]) => {
      const n = Number(s);
      const h = Math.floor(n / 3600);
      const m = Math.floor((n % 3600) / 60);
      const sec = n % 60;
      return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`;
    }),
  },
  System: {
    args: e([], arrayOf(STRING), (rt) => rt.host.args().map(fromUtf8)),
    argc: e([], INT, (rt) => rt.host.args().length),
    exit: e([INT], VOID, (_rt, [n]) => { throw new ExitSignal(Number(BigInt.asUintN(8, BigInt(n as number)))); }),
    env: e([STRING], STRING, (rt, [n]) => fromUtf8(rt.host.env(n as string) ?? '')),
    set_env: e([STRING, STRING], VOID, (rt, [n, v]) => rt.host.setEnv(n as string, v as string)),
    exec: e([STRING], STRING, (rt, [c]) => { rt.flush(); return fromUtf8(rt.host.exec(c as string).stdout.replace(/\n$/, '')); }),
    exec_code: e([STRING], INT, (rt, [c]) => { rt.flush(); return rt.host.exec(c as string).status; }),
    time: e([], INT, (rt) => Math.floor(rt.host.now() / 1000)),
  },
  Test: {},
};

