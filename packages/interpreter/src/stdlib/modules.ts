// Standard-library modules called as `Module.fn(args)` (STDLIB §9–§25), and
// methods on handle values (`sb.append(x)` is `StringBuilder.append(sb, x)`).
// Each module is a table of typed entries; the world is reached via Host.

import type { Call, Span } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { widen } from '../eval/call-args';
import { compileExpr } from '../eval/expr';
import { FLOAT, type Type } from '../types';
import { BAD } from './helpers';
import type { Entry, ModuleTable } from './entry';

/* eslint-disable @typescript-eslint/no-require-imports */
// Each file's modules are built on the first use of one of them: most programs
// use few, and building every table cost each `wyn run` ~2 ms. The names are
// listed here so that a name is known without building anything;
// test/stdlib-modules.test.ts checks the lists against the files.
const SOURCES: [names: string[], load: () => ModuleTable][] = [
  [['Math', 'StringBuilder', 'String', 'HashMap'], () => (require('./modules-core') as typeof import('./modules-core')).CORE_MODULES],
  [['Time', 'DateTime'], () => (require('./modules-time') as typeof import('./modules-time')).TIME_MODULES],
  [['Test'], () => (require('./modules-test') as typeof import('./modules-test')).TEST_MODULES],
  [['File', 'Path'], () => (require('./modules-file') as typeof import('./modules-file')).FILE_MODULES],
  [['System', 'Env', 'Process', 'Os'], () => (require('./modules-system') as typeof import('./modules-system')).SYSTEM_MODULES],
  [['Json', 'Csv'], () => (require('./modules-data') as typeof import('./modules-data')).DATA_MODULES],
  [['Encoding', 'Base64', 'Url', 'Crypto', 'Uuid'], () => (require('./modules-codec') as typeof import('./modules-codec')).CODEC_MODULES],
  [['Regex'], () => (require('./regex') as typeof import('./regex')).REGEX_MODULES],
  [['Color', 'Log'], () => (require('./modules-world') as typeof import('./modules-world')).WORLD_MODULES],
  [['Terminal'], () => (require('./modules-terminal') as typeof import('./modules-terminal')).TERMINAL_MODULES],
  [['HashSet'], () => (require('./modules-set') as typeof import('./modules-set')).SET_MODULES],
  [['Random'], () => (require('./modules-random') as typeof import('./modules-random')).RANDOM_MODULES],
];
/* eslint-enable @typescript-eslint/no-require-imports */
const SOURCE_OF = new Map(SOURCES.flatMap(([names, load]) => names.map((n) => [n, load] as const)));
const MODULES: ModuleTable = {};

/** The table of module `name` (its real name, not an alias), or undefined when there is no such module. */
function moduleTable(name: string): ModuleTable[string] | undefined {
  if (!Object.hasOwn(MODULES, name)) {
    const load = SOURCE_OF.get(name);
    if (load === undefined) return undefined;
    Object.assign(MODULES, load());
  }
  return MODULES[name];
}

const ALIASES: Record<string, string> = { Builder: 'StringBuilder', Map: 'HashMap', Dir: 'File' };

export function isStdlibModule(name: string): boolean {
  return SOURCE_OF.has(name) || name in ALIASES;
}

/** Module name → its function names, aliases included: the REPL completes `Math.` with these. */
export function stdlibMembers(): Map<string, string[]> {
  const out = new Map([...SOURCE_OF.keys()].map((name) => [name, Object.keys(moduleTable(name) ?? {})]));
  for (const [alias, target] of Object.entries(ALIASES)) out.set(alias, out.get(target) ?? []);
  return out;
}

export function compileModuleCall(cx: FnCtx, mod: string, name: string, call: Call, _expected?: Type, self: Compiled | null = null): Compiled {
  const entry = moduleTable(ALIASES[mod] ?? mod)?.[name];
  if (entry === undefined) {
    cx.error('E0213', `module \`${mod}\` has no function \`${name}\``, call.callee.span);
    call.args.forEach((a) => compileExpr(cx, a.value));
    return BAD;
  }
  return compileEntryCall(cx, `${mod}.${name}`, entry, call, self);
}

/** Whether module `mod` (its real name, not an alias) has a function `name`. */
export function hasModuleFunction(mod: string, name: string): boolean {
  const table = moduleTable(mod);
  return table !== undefined && Object.hasOwn(table, name);
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
  const isFn = moduleTable(ALIASES[mod] ?? mod)?.[name] !== undefined;
  cx.error('E0213', isFn ? `\`${mod}.${name}\` is a function: call it as \`${mod}.${name}(...)\`` : `module \`${mod}\` has no constant \`${name}\``, span);
  return BAD;
}

export function compileHandleMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call, expected?: Type): Compiled | null {
  if (t.k !== 'handle') return null;
  return compileModuleCall(cx, t.name, name, call, expected, recv);
}
