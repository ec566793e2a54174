// Whole-program concurrency analysis over the AST (DESIGN §2 "Resolver"):
//   - which functions can run concurrently: spawn targets (explicit, or
//     implicit in `parallel` blocks) and everything they call, transitively
//     (CONCURRENCY.md §9), and the lambdas created in them and the functions
//     they use as values. A spawned function value (§2.2) may be any of them,
//     so once a program spawns one, every lambda and every function used as
//     a value counts as concurrent (conservative, but the reference cannot
//     spawn function values at all, so no program it accepts is refused);
//   - the data-race check: such a function must not write a mutable global
//     (§9) nor mutate a global container in place (§12.3);
//   - which functions and lambdas may suspend: they contain `await`, a
//     channel operation, `select`, `parallel`, a sleep, or call a function
//     that may (§12.4); only those get a suspendable (generator) form.
// Calls are resolved by name, conservatively: a method call `x.m()` counts as
// a call of every method named `m` (trait objects included). A call that no
// name resolves (a parameter, variable or field holding a function value, a
// call of a call, a built-in like `map` given a function) is dynamic: it may
// suspend as soon as any function value may, that is any lambda that may
// suspend or any function that may and is used as a value. Then every call of
// a function value in suspendable code tries the value's generator form
// (eval/call.ts, stdlib/array-methods.ts).

import type { FnDecl, Stmt, StructDecl } from '@wyn/parser';
import type { Compiler } from '../compile/context';
import type { ModuleCtx } from '../program';

const MUTATORS = new Set(['push', 'pop', 'insert', 'remove_at', 'remove', 'clear', 'sort', 'set', 'append', 'reverse', 'extend', 'shift', 'unshift']);
const SUSPENDING_TASK = new Set(['recv', 'send', 'select_2', 'select_3']);
/** Built-in methods that call a function value they are given (stdlib/array-methods.ts): dynamic calls. */
const CALLS_VALUES = new Set(['map', 'flat_map', 'filter', 'any', 'all', 'every', 'each', 'reduce', 'sort_by', 'min_by', 'max_by']);

type Node = { kind: string } & Record<string, unknown>;
/** `spawnsValue`: spawns a call of a function value (`spawn g(4)`, `spawn s.f()`, `spawn ((x) => x)(1)`). */
interface Scan { calls: Set<string>; spawns: Set<string>; suspends: boolean; dyn: boolean; refs: Set<string>; spawnsValue: boolean }
interface FnInfo extends Scan { decl: FnDecl; mod: ModuleCtx }

interface Result { fns: Set<FnDecl>; lambdas: WeakSet<object>; values: boolean }
const results = new WeakMap<Compiler, Result>();

export function isSuspendable(comp: Compiler, decl: FnDecl): boolean {
  return results.get(comp)?.fns.has(decl) ?? false;
}

/** Whether the body of this `Lambda` node may suspend. */
export function lambdaMaySuspend(comp: Compiler, lambda: object): boolean {
  return results.get(comp)?.lambdas.has(lambda) ?? false;
}

/** Whether some function value may be one that suspends (then calls of function values try its generator form). */
export function valuesMaySuspend(comp: Compiler): boolean {
  return results.get(comp)?.values ?? false;
}

/** Visits every node with a kind, not descending into lambdas (they are visited, their bodies are not). */
function walk(node: unknown, visit: (n: Node) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  const o = node as { kind?: string } & Record<string, unknown>;
  if (typeof o.kind === 'string') visit(o as Node);
  if (o.kind === 'Lambda') return;
  for (const k in o) if (k !== 'span' && typeof o[k] === 'object') walk(o[k], visit);
}

/** Whether `node` starts tasks itself (`spawn`, `parallel`), lambdas' bodies aside. */
export function startsTasks(node: unknown): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.kind === 'SpawnExpr' || n.kind === 'ParallelStmt') found = true;
  });
  return found;
}

const emptyScan = (): Scan => ({ calls: new Set(), spawns: new Set(), suspends: false, dyn: false, refs: new Set(), spawnsValue: false });

/** `bound`: the names the lambda and the code around it bind (not globals there); `owner`: the body it is in. */
interface LambdaInfo extends Scan { node: Node; mod: ModuleCtx; bound: Set<string>; owner: Scan }

/** What the scans share: names that may hold function values, the module being scanned, and the lambdas found (scanned as they are). */
interface ScanEnv { globals: Set<string>; fnFields: Set<string>; mod: ModuleCtx; lambdas: Map<object, LambdaInfo> }

function scan(body: unknown, info: Scan, env: ScanEnv, bound: Set<string>): void {
  const callees = new WeakSet<object>();
  walk(body, (n) => {
    switch (n.kind) {
      case 'AwaitExpr': case 'SelectStmt': info.suspends = true; break;
      case 'ParallelStmt': {
        info.suspends = true;
        for (const s of (n.body as { body: Stmt[] }).body) {
          const v = s.kind === 'VarDecl' || s.kind === 'AssignStmt' ? s.value : null;
          if (v !== null && v.kind === 'Call' && v.callee.kind === 'Ident') info.spawns.add(v.callee.name);
        }
        break;
      }
      case 'SpawnExpr': {
        const callee = (n.call as { callee: { kind: string; name?: string; object?: { kind: string; name?: string } } }).callee;
        // `spawn obj.m()` runs a method: every method named `m`, as for calls (see the top).
        if (callee.kind === 'Ident' || callee.kind === 'Field') info.spawns.add(callee.name!);
        if (callee.kind === 'Ident' ? bound.has(callee.name!) || env.globals.has(callee.name!) : callee.kind !== 'Field' || env.fnFields.has(callee.name!)) info.spawnsValue = true;
        break;
      }
      case 'Lambda': {
        // A lambda sees its own parameters and locals, and the names around it (captures).
        const inner = new Set([...bound, ...boundNames(n)]);
        const own: LambdaInfo = { ...emptyScan(), node: n, mod: env.mod, bound: inner, owner: info };
        env.lambdas.set(n, own);
        scan(n.body, own, env, inner);
        break;
      }
      case 'Ident': if (!callees.has(n) && !bound.has(n.name as string)) info.refs.add(n.name as string); break;
      case 'Call': {
        const callee = n.callee as { kind: string; name: string; object?: { kind: string; name?: string } };
        callees.add(callee);
        if (callee.kind === 'Ident') {
          info.calls.add(callee.name);
          if (bound.has(callee.name) || env.globals.has(callee.name)) info.dyn = true;
          if (['await_all', 'await_any', 'sleep_ms'].includes(callee.name)) info.suspends = true;
        } else if (callee.kind === 'Field') {
          const owner = callee.object?.kind === 'Ident' ? callee.object.name : '';
          if (owner === 'Task' && SUSPENDING_TASK.has(callee.name)) info.suspends = true;
          else if (owner === 'Time' && callee.name === 'sleep') info.suspends = true;
          else if (callee.name === 'recv' || callee.name === 'send') info.suspends = true;
          if (env.fnFields.has(callee.name) || CALLS_VALUES.has(callee.name) || /^\d+$/.test(callee.name)) info.dyn = true;
          info.calls.add(callee.name);
        } else info.dyn = true;
        break;
      }
    }
  });
}

/** Every name a function or lambda binds: parameters, variables, loop and pattern bindings (over-approximated). */
function boundNames(root: unknown): Set<string> {
  const out = new Set<string>();
  const add = (x: unknown): void => {
    const name = (x as { name?: unknown } | null)?.name;
    if (typeof name === 'string') out.add(name);
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const o = node as Record<string, unknown>;
    switch (o.kind) {
      case 'VarDecl': case 'NamePattern': add(o); break;
      case 'AssignStmt': add(o.target); break;
      case 'SelectStmt': (o.arms as unknown[]).forEach(add); break;
      case 'StructPattern': for (const f of o.fields as Array<{ name: string; pattern: unknown }>) if (f.pattern === null) add(f); break;
    }
    for (const key of ['params', 'binders', 'targets']) if (Array.isArray(o[key])) (o[key] as unknown[]).forEach(add);
    if (typeof o.rest === 'string') out.add(o.rest);
    for (const k in o) if (k !== 'span' && typeof o[k] === 'object') visit(o[k]);
  };
  visit(root);
  return out;
}

/** Struct fields that may hold a function value: typed `fn(..)`, or by a type parameter or an alias. */
function fnFieldNames(modules: Map<string, ModuleCtx>): Set<string> {
  const out = new Set<string>();
  for (const mod of modules.values()) {
    for (const s of mod.structs.values()) {
      const decl: StructDecl = s.decl;
      const params = new Set(decl.typeParams.map((p) => p.name));
      for (const f of decl.fields) {
        const t = f.type;
        if (t.kind === 'FnType' || (t.kind === 'NamedType' && (params.has(t.name) || mod.aliases.has(t.name)))) out.add(f.name);
      }
    }
  }
  return out;
}

/**
 * Runs the analysis; the returned check reports data races. `top` is the
 * entry's top-level code. `fileOf` names the file a race is reported in: a
 * REPL session labels functions of earlier entries by their entry.
 */
export function analyse(comp: Compiler, modules: Map<string, ModuleCtx>, top: Stmt[], fileOf?: (decl: FnDecl) => string | undefined): () => void {
  // Function and method bodies are scanned as functions, below; the rest of the top level is the script.
  const script = top.filter((s) => !['FnDecl', 'StructDecl', 'ImplDecl', 'TraitDecl', 'EnumDecl', 'ExternFnDecl'].includes(s.kind));
  const entry = [...modules.values()].find((m) => m.isEntry) ?? [...modules.values()][0];
  const env: ScanEnv = { globals: boundNames(script.filter((s) => s.kind !== 'TestDecl')), fnFields: fnFieldNames(modules), mod: entry, lambdas: new Map() };
  // In a REPL session, the globals of earlier entries too (before a run compiles anything, there are none).
  for (const name of comp.globalScope.keys()) env.globals.add(name);
  const fns: FnInfo[] = [];
  for (const mod of modules.values()) {
    const decls = [...mod.fns.values(), ...[...mod.structs.values()].flatMap((s) => [...s.methods.values()])];
    for (const d of decls) {
      const info: FnInfo = { decl: d.decl, mod, ...emptyScan() };
      env.mod = mod;
      scan(d.decl.body, info, env, boundNames(d.decl));
      fns.push(info);
    }
  }
  const topInfo = emptyScan();
  env.mod = entry;
  scan(script, topInfo, env, new Set());
  const byName = new Map<string, FnInfo[]>();
  for (const f of fns) byName.set(f.decl.name, [...(byName.get(f.decl.name) ?? []), f]);
  // May suspend: a fixpoint over calls, by name and through function values.
  const all: Scan[] = [...fns, ...env.lambdas.values()];
  const used = new Set([...all, topInfo].flatMap((s) => [...s.refs]));
  let values = false;
  for (let changed = true; changed; ) {
    changed = false;
    values = [...env.lambdas.values()].some((l) => l.suspends) || fns.some((f) => f.suspends && used.has(f.decl.name));
    for (const f of all) {
      if (f.suspends) continue;
      if ((f.dyn && values) || [...f.calls].some((c) => byName.get(c)?.some((g) => g.suspends))) f.suspends = changed = true;
    }
  }
  const lambdas = new WeakSet<object>();
  for (const [node, l] of env.lambdas) if (l.suspends) lambdas.add(node);
  results.set(comp, { fns: new Set(fns.filter((f) => f.suspends).map((f) => f.decl)), lambdas, values });
  // Concurrent: spawn targets, their callees, and what they create and use as values (see the top).
  const lambdaInfos = [...env.lambdas.values()];
  const valuesRun = [topInfo, ...fns, ...lambdaInfos].some((x) => x.spawnsValue);
  const concurrent = new Set<Scan>();
  const stack: Scan[] = [...topInfo.spawns, ...fns.flatMap((f) => [...f.spawns])].flatMap((n) => byName.get(n) ?? []);
  if (valuesRun) stack.push(...lambdaInfos, ...[...used].flatMap((n) => byName.get(n) ?? []));
  for (let added = true; added; ) {
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (concurrent.has(f)) continue;
      concurrent.add(f);
      for (const c of [...f.calls, ...f.refs]) stack.push(...(byName.get(c) ?? []));
    }
    stack.push(...lambdaInfos.filter((l) => !concurrent.has(l) && concurrent.has(l.owner)));
    added = stack.length > 0;
  }
  // Run once the globals are declared (after the top level is compiled).
  return () => {
    for (const f of fns) if (concurrent.has(f)) checkRaces(comp, f.decl.name, f.decl.params.map((p) => p.name), f.decl.body, f.mod, fileOf?.(f.decl) ?? f.mod.file, true);
    // In-place mutations from a lambda reach the global it captured (LANGUAGE.md §8.2: arrays and maps share their contents).
    for (const l of lambdaInfos) if (concurrent.has(l)) checkRaces(comp, 'lambda', [...l.bound], l.node.body, l.mod, l.mod.file, false);
  };
}

/** `writes`: whether plain assignments count (not in lambdas: they assign their own copies, LANGUAGE.md §8.2). */
function checkRaces(comp: Compiler, fname: string, bound: string[], body: unknown, mod: ModuleCtx, file: string, writes: boolean): void {
  const locals = new Set(bound);
  walk(body, (n) => {
    if (n.kind === 'VarDecl') locals.add(n.name as string);
    if (n.kind === 'ForStmt') for (const b of n.binders as Array<{ name: string | null }>) if (b.name !== null) locals.add(b.name);
  });
  // An imported module's functions see that module's globals, the entry's see the entry's (§9, §12).
  const scope = mod.isEntry ? comp.globalScope : mod.globals;
  const global = (name: string): boolean => {
    const g = scope.get(name);
    return g !== undefined && !g.isConst && !locals.has(name);
  };
  const root = (e: { kind: string; name?: string; object?: unknown }): string | null => {
    while (e.kind === 'Index' || e.kind === 'Field') e = e.object as typeof e;
    return e.kind === 'Ident' ? e.name! : null;
  };
  const hint = 'use Shared.new/Shared.add/Shared.get, a channel, or return the result from the task';
  const report = (name: string, verb: string, span: FnDecl['span']): void =>
    comp.error('E0503', `data race: shared mutable global '${name}' is ${verb} from '${fname}', which runs concurrently`, file, span, hint);
  walk(body, (n) => {
    if (n.kind === 'AssignStmt' || n.kind === 'IncDecStmt') {
      const t = n.target as { kind: string; name?: string; object?: unknown };
      if (t.kind === 'Ident') {
        if (writes && global(t.name!)) report(t.name!, 'written', n.span as FnDecl['span']);
      } else {
        const r = root(t);
        if (r !== null && global(r)) report(r, 'mutated', n.span as FnDecl['span']);
      }
    }
    if (n.kind === 'Call') {
      const c = n.callee as { kind: string; name: string; object: { kind: string; name?: string; object?: unknown } };
      if (c.kind === 'Field' && MUTATORS.has(c.name)) {
        const r = root(c.object);
        if (r !== null && global(r)) report(r, 'mutated', n.span as FnDecl['span']);
      }
    }
  });
}
