// The reference's legacy free functions (STDLIB §2, last paragraph): thin
// aliases of the methods and module functions that replaced them, so
// `str_upper(s)` is `s.upper()` and `file_read(p)` is `File.read(p)`. The
// spec lists only the names; each alias keeps the meaning of what it names,
// and the few with no modern twin (`bit_*`, `clamp_float`, `print_*`, `todo`)
// do what their names say. A user function of the same name shadows the
// alias, since user functions are looked up first (eval/call.ts).

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { compileExpr } from '../eval/expr';
import { compileMethodCall } from '../eval/method-call';
import { compareValues } from '../runtime/equality';
import { panicAt } from '../runtime/errors';
import { floatText } from '../runtime/format';
import * as I from '../runtime/int64';
import { arrayOf, BOOL, FLOAT, fresh, INT, STRING, type Type, VOID } from '../types';
import { type Entry, fn } from './entry';
import { BAD } from './helpers';
import { compileEntryCall, compileModuleCall, hasModuleFunction } from './modules';
import { radix } from './number-methods';

const ARRAY = (): Type => arrayOf(fresh());
const MAP = (): Type => ({ k: 'map', key: STRING, val: fresh() });
const STR = (): Type => STRING;
const NUM = (): Type => INT;

/** `name(x, args...)` is `x.method(args...)`: the receiver's type, the method, the accepted argument counts (receiver included). */
const METHODS: Record<string, [recv: () => Type, method: string, counts: number[]]> = {
  str_len: [STR, 'len', [1]], str_upper: [STR, 'upper', [1]], str_lower: [STR, 'lower', [1]],
  str_contains: [STR, 'contains', [2]], str_split: [STR, 'split', [2]], str_replace: [STR, 'replace', [3]],
  str_repeat: [STR, 'repeat', [2]], str_reverse: [STR, 'reverse', [1]], str_trim: [STR, 'trim', [1]],
  str_to_int: [STR, 'to_int', [1]], is_numeric: [STR, 'is_numeric', [1]], char_at: [STR, 'char_at', [2]],
  split_get: [STR, 'split_at', [3]], split_count: [STR, 'split_count', [2]],
  str_join: [ARRAY, 'join', [2]], int_to_str: [NUM, 'to_string', [1]], is_even: [NUM, 'is_even', [1]], is_odd: [NUM, 'is_odd', [1]],
  arr_sum: [ARRAY, 'sum', [1]], arr_max: [ARRAY, 'max', [1]], arr_min: [ARRAY, 'min', [1]],
  arr_contains: [ARRAY, 'contains', [2]], arr_find: [ARRAY, 'index_of', [2]],
  hashmap_insert: [MAP, 'insert', [3]], hashmap_set: [MAP, 'insert', [3]], hashmap_get: [MAP, 'get', [2, 3]],
  hashmap_has: [MAP, 'has', [2]], hashmap_contains: [MAP, 'has', [2]], hashmap_remove: [MAP, 'remove', [2]],
  hashmap_len: [MAP, 'len', [1]], hashmap_size: [MAP, 'len', [1]], hashmap_keys: [MAP, 'keys', [1]],
  hashmap_values: [MAP, 'values', [1]], hashmap_clear: [MAP, 'clear', [1]], hashmap_is_empty: [MAP, 'is_empty', [1]],
};

/** `name(args)` is `Module.fn(args)`. `file_*` and `json_*` are matched by prefix below. */
const MODULE_FNS: Record<string, [mod: string, fn: string]> = {
  getenv_var: ['System', 'env'], setenv_var: ['System', 'set_env'], exit_program: ['System', 'exit'],
  time_now: ['Time', 'now'], lerp: ['Math', 'lerp'], map_range: ['Math', 'map_range'], hashmap_new: ['HashMap', 'new'],
  random_int: ['Random', 'int'], random_range: ['Random', 'range'], random_float: ['Random', 'float'], random_bool: ['Random', 'bool'],
  seed_random: ['Random', 'seed'], random_string: ['Random', 'string'], random_hex: ['Random', 'hex'], random_uuid: ['Random', 'uuid'],
  random_choice_int: ['Random', 'choice_int'], random_choice_str: ['Random', 'choice_str'],
};

/** The module function a `file_*` / `json_*` name stands for: `file_size` keeps its own File entry (-1 when missing). */
function prefixed(name: string): [string, string] | null {
  for (const [prefix, mod] of [['file_', 'File'], ['json_', 'Json']] as const) {
    if (!name.startsWith(prefix)) continue;
    if (hasModuleFunction(mod, name)) return [mod, name];
    if (hasModuleFunction(mod, name.slice(prefix.length))) return [mod, name.slice(prefix.length)];
  }
  return null;
}

/** Bit `i` of a 64-bit int; an index outside 0..63 names no bit (C's shift would be undefined). */
const bit = (impl: (n: bigint, mask: bigint) => bigint): Entry => fn([INT, INT], INT, (_rt, [n, i]) => {
  const k = BigInt(i as I.Int);
  return k < 0n || k > 63n ? n : I.norm(BigInt.asIntN(64, impl(BigInt(n as I.Int), 1n << k)));
});

/** Aliases with no modern twin, as library entries. */
const OWN: Record<string, Entry> = {
  print_str: fn([STRING], VOID, (rt, [s]) => rt.write(`${s as string}\n`)),
  print_float: fn([FLOAT], VOID, (rt, [x]) => rt.write(`${floatText(x as number)}\n`)),
  print_bool: fn([BOOL], VOID, (rt, [b]) => rt.write(`${String(b)}\n`)),
  print_hex: fn([INT], VOID, (rt, [n]) => rt.write(`${radix(n as I.Int, 16)}\n`)),
  print_bin: fn([INT], VOID, (rt, [n]) => rt.write(`${radix(n as I.Int, 2)}\n`)),
  clamp_float: fn([FLOAT, FLOAT, FLOAT], FLOAT, (_rt, [x, lo, hi]) => ((x as number) < (lo as number) ? lo : (x as number) > (hi as number) ? hi : x)),
  bit_set: bit((n, m) => n | m),
  bit_clear: bit((n, m) => n & ~m),
  bit_toggle: bit((n, m) => n ^ m),
  bit_check: fn([INT, INT], BOOL, (_rt, [n, i]) => {
    const k = BigInt(i as I.Int);
    return k >= 0n && k <= 63n && ((BigInt(n as I.Int) >> k) & 1n) === 1n;
  }),
  bit_count: fn([INT], INT, (_rt, [n]) => [...BigInt.asUintN(64, BigInt(n as I.Int)).toString(2)].filter((c) => c === '1').length),
  // Fatal like `panic`; its type fits any context, as it never returns.
  todo: fn([STRING], () => fresh(), (_rt, [msg], site) =>
    panicAt(site, 'E0909', msg === undefined ? 'not yet implemented' : `not yet implemented: ${msg as string}`), 1),
};

/** Legacy names that sort or reverse: in place, as their C originals did, and also returning the array for `ys = arr_sort(xs)`. */
const IN_PLACE: Record<string, (xs: unknown[]) => void> = {
  arr_sort: (xs) => xs.sort(compareValues),
  arr_reverse: (xs) => xs.reverse(),
};

export function compileLegacyCall(cx: FnCtx, name: string, call: Call, expected?: Type): Compiled | null {
  const own = Object.hasOwn(OWN, name) ? OWN[name] : undefined;
  if (own !== undefined) return compileEntryCall(cx, name, own, call);
  const target = Object.hasOwn(MODULE_FNS, name) ? MODULE_FNS[name] : prefixed(name);
  if (target !== null) return compileModuleCall(cx, target[0], target[1], call, expected);
  if (Object.hasOwn(METHODS, name)) {
    const [recvType, methodName, counts] = METHODS[name];
    const recv = receiver(cx, name, call, counts, recvType());
    return recv === null ? BAD : compileMethodCall(cx, recv, methodName, { ...call, args: call.args.slice(1) }, expected);
  }
  if (Object.hasOwn(IN_PLACE, name)) {
    const recv = receiver(cx, name, call, [1], ARRAY());
    if (recv === null) return BAD;
    const ev = recv.ev;
    const apply = IN_PLACE[name];
    return { t: recv.t, ev: (f) => { const xs = ev(f) as unknown[]; apply(xs); return xs; } };
  }
  return null;
}

/** The compiled first argument, after checking the argument count and the receiver's type. */
function receiver(cx: FnCtx, name: string, call: Call, counts: number[], want: Type): Compiled | null {
  if (!counts.includes(call.args.length)) {
    cx.error('E0303', `\`${name}\` takes ${counts.join(' or ')} argument(s) but ${call.args.length} were given`, call.span);
    call.args.forEach((a) => compileExpr(cx, a.value));
    return null;
  }
  const recv = compileExpr(cx, call.args[0].value, want);
  return cx.expect(want, recv.t, call.args[0].span, 'mismatched argument') ? recv : null;
}
