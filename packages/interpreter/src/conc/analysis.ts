// Whole-program concurrency analysis over the AST (DESIGN §2 "Resolver"):
//   - which functions can run concurrently: spawn targets (explicit, or
//     implicit in `parallel` blocks) and everything they call, transitively
//     (CONCURRENCY.md §9);
//   - the data-race check: such a function must not write a mutable global
//     (§9) nor mutate a global container in place (§12.3);
//   - which functions may suspend: they contain `await`, a channel
//     operation, `select`, `parallel`, a sleep, or call a function that may
//     (§12.4); only those get a suspendable (generator) form.
// Calls are resolved by name, conservatively: a method call `x.m()` counts as
// a call of every method named `m`.

import type { FnDecl, Stmt } from '@wyn/parser';
import type { Compiler } from '../compile/context';
import type { ModuleCtx } from '../program';

const MUTATORS = new Set(['push', 'pop', 'insert', 'remove_at', 'remove', 'clear', 'sort', 'set', 'append', 'reverse', 'extend', 'shift', 'unshift']);
const SUSPENDING_TASK = new Set(['recv', 'send', 'select_2', 'select_3']);

interface FnInfo { decl: FnDecl; mod: ModuleCtx; calls: Set<string>; spawns: Set<string>; suspends: boolean }

const maySuspend = new WeakMap<Compiler, Set<FnDecl>>();

export function isSuspendable(comp: Compiler, decl: FnDecl): boolean {
  return maySuspend.get(comp)?.has(decl) ?? false;
}

function walk(node: unknown, visit: (n: { kind: string } & Record<string, unknown>) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  const o = node as { kind?: string } & Record<string, unknown>;
  if (o.kind === 'Lambda') return;
  if (typeof o.kind === 'string') visit(o as { kind: string } & Record<string, unknown>);
  for (const k in o) if (k !== 'span' && typeof o[k] === 'object') walk(o[k], visit);
}

function scan(body: unknown, info: { calls: Set<string>; spawns: Set<string>; suspends: boolean }): void {
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
        const callee = (n.call as { callee: { kind: string; name?: string } }).callee;
        if (callee.kind === 'Ident') info.spawns.add(callee.name!);
        break;
      }
      case 'Call': {
        const callee = n.callee as { kind: string; name: string; object?: { kind: string; name?: string } };
        if (callee.kind === 'Ident') {
          info.calls.add(callee.name);
          if (['await_all', 'await_any', 'sleep_ms'].includes(callee.name)) info.suspends = true;
        } else if (callee.kind === 'Field') {
          const owner = callee.object?.kind === 'Ident' ? callee.object.name : '';
          if (owner === 'Task' && SUSPENDING_TASK.has(callee.name)) info.suspends = true;
          else if (owner === 'Time' && callee.name === 'sleep') info.suspends = true;
          else if (callee.name === 'recv' || callee.name === 'send') info.suspends = true;
          info.calls.add(callee.name);
        }
        break;
      }
    }
  });
}

/**
 * Runs the analysis; the returned check reports data races. `top` is the
 * entry's top-level code. `fileOf` names the file a race is reported in: a
 * REPL session labels functions of earlier entries by their entry.
 */
export function analyse(comp: Compiler, modules: Map<string, ModuleCtx>, top: Stmt[], fileOf?: (decl: FnDecl) => string): () => void {
  const fns: FnInfo[] = [];
  for (const mod of modules.values()) {
    const decls = [...mod.fns.values(), ...[...mod.structs.values()].flatMap((s) => [...s.methods.values()])];
    for (const d of decls) {
      const info: FnInfo = { decl: d.decl, mod, calls: new Set(), spawns: new Set(), suspends: false };
      scan(d.decl.body, info);
      fns.push(info);
    }
  }
  const byName = new Map<string, FnInfo[]>();
  for (const f of fns) byName.set(f.decl.name, [...(byName.get(f.decl.name) ?? []), f]);
  // May suspend: fixpoint over calls.
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of fns) {
      if (f.suspends) continue;
      for (const c of f.calls) if (byName.get(c)?.some((g) => g.suspends)) f.suspends = changed = true;
    }
  }
  maySuspend.set(comp, new Set(fns.filter((f) => f.suspends).map((f) => f.decl)));
  // Concurrent: spawn targets and their callees.
  const topInfo = { calls: new Set<string>(), spawns: new Set<string>(), suspends: false };
  scan(top, topInfo);
  const roots = [...topInfo.spawns, ...fns.flatMap((f) => [...f.spawns])];
  const concurrent = new Set<FnInfo>();
  const stack = roots.flatMap((n) => byName.get(n) ?? []);
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (concurrent.has(f)) continue;
    concurrent.add(f);
    for (const c of f.calls) stack.push(...(byName.get(c) ?? []));
  }
  // Run once the globals are declared (after the top level is compiled).
  return () => {
    for (const f of concurrent) if (f.mod.isEntry) checkRaces(comp, f, fileOf?.(f.decl) ?? f.mod.file);
  };
}

function checkRaces(comp: Compiler, f: FnInfo, file: string): void {
  const locals = new Set(f.decl.params.map((p) => p.name));
  walk(f.decl.body, (n) => {
    if (n.kind === 'VarDecl') locals.add(n.name as string);
    if (n.kind === 'ForStmt') for (const b of n.binders as Array<{ name: string | null }>) if (b.name !== null) locals.add(b.name);
  });
  const global = (name: string): boolean => {
    const g = comp.globalScope.get(name);
    return g !== undefined && !g.isConst && !locals.has(name);
  };
  const root = (e: { kind: string; name?: string; object?: unknown }): string | null => {
    while (e.kind === 'Index' || e.kind === 'Field') e = e.object as typeof e;
    return e.kind === 'Ident' ? e.name! : null;
  };
  const hint = 'use Shared.new/Shared.add/Shared.get, a channel, or return the result from the task';
  const report = (name: string, verb: string, span: FnDecl['span']): void =>
    comp.error('E0503', `data race: shared mutable global '${name}' is ${verb} from '${f.decl.name}', which runs concurrently`, file, span, hint);
  walk(f.decl.body, (n) => {
    if (n.kind === 'AssignStmt' || n.kind === 'IncDecStmt') {
      const t = n.target as { kind: string; name?: string; object?: unknown };
      if (t.kind === 'Ident' && global(t.name!)) report(t.name!, 'written', n.span as FnDecl['span']);
      else if (t.kind !== 'Ident') {
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
