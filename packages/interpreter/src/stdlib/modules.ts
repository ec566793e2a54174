// Standard-library modules called as `Module.fn(args)` (STDLIB §9–§25), and
// methods on handle values (`sb.append(x)` is `StringBuilder.append(sb, x)`).
// Each module is a table of typed entries; the world is reached via Host.

import type { Call, Span } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { widen } from '../eval/call';
import { compileExpr } from '../eval/expr';
import { FLOAT, type Type } from '../types';
import { BAD } from './helpers';
import type { Entry, ModuleTable } from './entry';
import { CODEC_MODULES } from './modules-codec';
import { CORE_MODULES } from './modules-core';
import { DATA_MODULES } from './modules-data';
import { FILE_MODULES } from './modules-file';
import { SYSTEM_MODULES } from './modules-system';
import { TEST_MODULES } from './modules-test';
import { TIME_MODULES } from './modules-time';
import { WORLD_MODULES } from './modules-world';
import { TERMINAL_MODULES } from './modules-terminal';
import { REGEX_MODULES } from './regex';
import { SET_MODULES } from './modules-set';
import { RANDOM_MODULES } from './modules-random';

const MODULES: ModuleTable = {
  ...CORE_MODULES, ...TIME_MODULES, ...TEST_MODULES, ...FILE_MODULES, ...SYSTEM_MODULES,
  ...DATA_MODULES, ...CODEC_MODULES, ...REGEX_MODULES, ...WORLD_MODULES, ...TERMINAL_MODULES, ...SET_MODULES, ...RANDOM_MODULES,
};
const ALIASES: Record<string, string> = { Builder: 'StringBuilder', Map: 'HashMap', Dir: 'File' };

export function isStdlibModule(name: string): boolean {
  return name in MODULES || name in ALIASES;
}

/** Module name → its function names, aliases included: the REPL completes `Math.` with these. */
export function stdlibMembers(): Map<string, string[]> {
  const out = new Map(Object.entries(MODULES).map(([name, table]) => [name, Object.keys(table)]));
  for (const [alias, target] of Object.entries(ALIASES)) out.set(alias, out.get(target) ?? []);
  return out;
}

export function compileModuleCall(cx: FnCtx, mod: string, name: string, call: Call, _expected?: Type, self: Compiled | null = null): Compiled {
  const entry = MODULES[ALIASES[mod] ?? mod]?.[name];
  if (entry === undefined) {
    cx.error('E0213', `module \`${mod}\` has no function \`${name}\``, call.callee.span);
    call.args.forEach((a) => compileExpr(cx, a.value));
    return BAD;
  }
  return compileEntryCall(cx, `${mod}.${name}`, entry, call, self);
}

/** Whether module `mod` (its real name, not an alias) has a function `name`. */
export function hasModuleFunction(mod: string, name: string): boolean {
  return Object.hasOwn(MODULES, mod) && Object.hasOwn(MODULES[mod], name);
}

/** A call of one library entry, `label` naming it in errors; `self` is a handle receiver (`sb.append(x)`). */
export function compileEntryCall(cx: FnCtx, label: string, entry: Entry, call: Call, self: Compiled | null = null): Compiled {
  const given = (self === null ? 0 : 1) + call.args.length;
  const max = entry.params.length;
  const min = max - (entry.optional ?? 0);
  if (given < min || given > max) {
    cx.error('E0303', `\`${label}\` takes ${min === max ? max : `${min} to ${max}`} argument(s) but ${given} were given`, call.span);
    return BAD;
  }
  const args: Compiled[] = self === null ? [] : [self];
  call.args.forEach((a, i) => args.push(compileExpr(cx, a.value, entry.params[i + (self === null ? 0 : 1)])));
  const evs = args.map((a, i) => widen(cx, entry.params[i], a, call.args[i - (self === null ? 0 : 1)]?.span ?? call.span));
  const ret = typeof entry.ret === 'function' ? entry.ret(args.map((a) => a.t)) : entry.ret;
  const rt = cx.rt;
  const site = { file: cx.file, span: call.span };
  const impl = entry.impl;
  return { t: ret, ev: (f) => impl(rt, evs.map((e) => e(f)), site) };
}

/** Module constants read as `Module.NAME` (STDLIB §9: `Math.PI`). */
const CONSTANTS: Record<string, Record<string, Compiled>> = {
  Math: { PI: { t: FLOAT, ev: () => Math.PI } },
};

/** `Module.NAME` for a standard-library module, or null when `mod` is not one. */
export function compileModuleConstant(cx: FnCtx, mod: string, name: string, span: Span): Compiled | null {
  if (!isStdlibModule(mod)) return null;
  const c = CONSTANTS[ALIASES[mod] ?? mod]?.[name];
  if (c !== undefined) return c;
  const isFn = MODULES[ALIASES[mod] ?? mod]?.[name] !== undefined;
  cx.error('E0213', isFn ? `\`${mod}.${name}\` is a function: call it as \`${mod}.${name}(...)\`` : `module \`${mod}\` has no constant \`${name}\``, span);
  return BAD;
}

export function compileHandleMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call, expected?: Type): Compiled | null {
  if (t.k !== 'handle') return null;
  return compileModuleCall(cx, t.name, name, call, expected, recv);
}
