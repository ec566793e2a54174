// `value.method(args)` (§4.4.1, §6.9, STDLIB §4–§8): user methods of structs
// and enums (with dynamic dispatch for trait-typed receivers, §4.6), then the
// built-in methods of the receiver's static type.

import type { Call } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { EnumDef, type FnInstance, StructDef } from '../program';
import { EnumVal, fromUtf8, StructVal } from '../runtime/values';
import { compileArrayMethod } from '../stdlib/array-methods';
import { compileMapMethod } from '../stdlib/map-methods';
import { compileHandleMethod } from '../stdlib/modules';
import { compileNumberMethod } from '../stdlib/number-methods';
import { compileOptionMethod } from '../stdlib/option-methods';
import { compileStringMethod } from '../stdlib/string-methods';
import { ANY, arrayOf, fresh, isChan, prune, STRING, type Type, unify } from '../types';
import { callInstance, callInstanceG, compileUserCall, compileValueCall } from './call';
import { isSuspendable } from '../conc/analysis';
import { implementors } from '../compile/traits';
import { moduleOrder } from '../compile/modules';
import { panicAt } from '../runtime/errors';
import { compileExpr } from './expr';

/**
 * Built-in methods that only one type has: an unannotated lambda parameter
 * (`shout = (s) => s.upper()`) gets its type from them, as it would from a
 * call site (§3.10), since the body is compiled before any call is seen.
 */
const STRING_ONLY = new Set(['upper', 'lower', 'capitalize', 'title', 'trim', 'trim_left', 'trim_right', 'starts_with', 'ends_with',
  'last_index_of', 'replace', 'replace_all', 'substring', 'char_at', 'repeat', 'split', 'split_at', 'split_count', 'lines', 'words',
  'chars', 'bytes', 'to_bytes', 'pad_left', 'pad_right', 'is_alpha', 'is_digit', 'is_alnum', 'is_whitespace', 'is_numeric',
  'parse_int', 'parse_float', 'ascii', 'format']);
const ARRAY_ONLY = new Set(['push', 'pop', 'first', 'last', 'insert', 'remove_at', 'take', 'skip', 'join', 'sort', 'sorted', 'sort_by',
  'min_by', 'max_by', 'map', 'flat_map', 'filter', 'any', 'all', 'every', 'each', 'reduce', 'flatten', 'unique', 'average']);
const MAP_ONLY = new Set(['keys', 'values', 'has']);

function receiverFromMethod(cx: FnCtx, name: string): Type | null {
  const userMethod = [cx.comp.entry, ...moduleOrder(cx.comp.entry)].some((m) =>
    [...m.structs.values(), ...m.enums.values()].some((d) => d.methods.has(name)));
  if (userMethod) return null;
  if (STRING_ONLY.has(name)) return STRING;
  if (ARRAY_ONLY.has(name)) return arrayOf(fresh());
  if (MAP_ONLY.has(name)) return { k: 'map', key: STRING, val: fresh() };
  return null;
}

export function compileMethodCall(cx: FnCtx, recv: Compiled, name: string, call: Call, expected?: Type): Compiled {
  const rt0 = prune(recv.t);
  if (rt0.k === 'var') {
    const guess = receiverFromMethod(cx, name);
    if (guess !== null) unify(rt0, guess);
  }
  const t = prune(recv.t);
  if (t.k === 'struct' || t.k === 'enum') {
    const m = t.def.methods.get(name);
    if (m !== undefined && m.isMethod) return compileUserCall(cx, m, call, recv, expected);
    if (t.k === 'struct') {
      // A field holding a function value: `obj.callback(x)`.
      const fi = t.def.fieldIndex.get(name);
      if (fi !== undefined) {
        const ft = t.def.fieldType(fi, t.args);
        const rev = recv.ev;
        return compileValueCall(cx, { t: ft, ev: (f) => (rev(f) as StructVal).f[fi] }, call);
      }
    }
    if (t.k === 'enum' && name === 'to_string' && call.args.length === 0) {
      const rev = recv.ev;
      return { t: STRING, ev: (f) => fromUtf8(t.def.variants[(rev(f) as EnumVal).tag].name) };
    }
    cx.error('E0305', `\`${t.def.name}\` has no method \`${name}\``, call.callee.span);
    return { t: ANY, ev: () => undefined };
  }
  if (t.k === 'trait') return compileTraitCall(cx, recv, t.def.decl.methods.find((m) => m.name === name), name, call);
  const c =
    compileStringMethod(cx, t, recv, name, call) ??
    compileNumberMethod(cx, t, recv, name, call) ??
    compileArrayMethod(cx, t, recv, name, call, expected) ??
    compileMapMethod(cx, t, recv, name, call) ??
    compileOptionMethod(cx, t, recv, name, call) ??
    compileHandleMethod(cx, t, recv, name, call, expected);
  if (c !== null) return c;
  if (t.k === 'var') {
    cx.error('E0305', `cannot tell the type of the value \`${name}\` is called on`, call.callee.span,
      'annotate the lambda parameter or variable, e.g. `(s: string) => ...`');
  } else if (isChan(t)) {
    cx.error('E0305', `no method \`${name}\` on type \`channel\``, call.callee.span,
      'a channel has the methods `send`, `recv` and `close`; the other operations are `Task.*` functions, e.g. `Task.try_recv(ch)`');
  } else cx.error('E0305', `no method \`${name}\` on type \`${t.k}\``, call.callee.span);
  call.args.forEach((a) => compileExpr(cx, a.value));
  return { t: ANY, ev: () => undefined };
}

/** Dynamic dispatch on the struct behind a trait-typed value (§4.6). */
function compileTraitCall(
  cx: FnCtx, recv: Compiled, sig: { returnType: import('@wyn/parser').TypeNode | null } | undefined, name: string, call: Call,
): Compiled {
  if (sig === undefined) {
    cx.error('E0305', `trait has no method \`${name}\``, call.callee.span);
    return { t: ANY, ev: () => undefined };
  }
  const ret = sig.returnType !== null ? cx.comp.resolveType(sig.returnType, new Map(), cx.mod) : fresh();
  const evs = call.args.map((a) => compileExpr(cx, a.value).ev);
  // Instances per concrete struct are created at compile time for every
  // implementor, so the runtime lookup is one Map get.
  // Implementing types of every module count, not only the caller's (§4.6, §12).
  const table = new Map<StructDef | EnumDef, FnInstance>();
  for (const { def, fn } of implementors(cx.comp, name)) {
    table.set(def, cx.comp.instance(fn, new Map(), def instanceof StructDef ? { k: 'struct', def, args: [] } : { k: 'enum', def, args: [] }));
  }
  const rev = recv.ev;
  const site = { file: cx.file, span: call.span };
  const rt = cx.rt;
  const out: Compiled = {
    t: ret,
    ev: (f) => {
      const self = rev(f) as StructVal | EnumVal;
      const inst = table.get(self.def);
      if (inst === undefined) panicAt(site, 'E0909', `\`${self.def.name}\` has no method \`${name}\``);
      return callInstance(rt, inst, [self, ...evs.map((e) => e(f))], site);
    },
  };
  // An implementation that may suspend runs in its suspendable form from suspendable code (§12.4).
  if (cx.suspends && [...table.values()].some((inst) => isSuspendable(cx.comp, inst.def.decl))) {
    out.gen = function* (f) {
      const self = rev(f) as StructVal | EnumVal;
      const inst = table.get(self.def);
      if (inst === undefined) panicAt(site, 'E0909', `\`${self.def.name}\` has no method \`${name}\``);
      return yield* callInstanceG(rt, inst, [self, ...evs.map((e) => e(f))], site);
    };
  }
  return out;
}
