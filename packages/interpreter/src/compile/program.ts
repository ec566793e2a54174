// From source to a runnable program: load modules, compile the top level
// (script mode or main mode, §1.2), compile every function once (so static
// errors anywhere reject the program, §1.5), then run with panics and
// `exit` turned into an exit status (§1.3, §13).

import { type Diagnostic, type SourceFile, type Stmt } from '@wyn/parser';
import type { Host } from '../host';
import { compileStmts } from '../exec/stmt';
import { callInstance } from '../eval/call';
import { ExitSignal, renderPanic, renderStackOverflow, WynPanic } from '../runtime/errors';
import { Runtime } from '../runtime/runtime';
import { fresh, prune, VOID } from '../types';
import { Compiler, type Exec, FnCtx } from './context';
import { compileInstance } from './function';
import { load } from './loader';
import { isReservedName } from '../stdlib/builtins';
import { checkSelectiveImports, compileModuleInits, initModule, moduleOrder } from './modules';
import { checkDeclarations } from './checks';
import { analyse } from '../conc/analysis';
import type { EnumDef, FnInstance, ModuleCtx, StructDef } from '../program';
import type { TypeTable } from '../conc/plain';
import type { Conc } from '../conc/runtime';

export interface Compiled {
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
  execute: () => number;
  rt: Runtime;
  /** Struct and enum definitions by name, for values crossing threads (conc/plain.ts). */
  types: TypeTable;
}

export function compileProgram(entryFile: string, text: string, host: Host): Compiled {
  const rt = new Runtime(host, entryFile);
  let comp: Compiler | null = null;
  const env = { resolveType: (n: Parameters<Compiler['resolveType']>[0], p: Parameters<Compiler['resolveType']>[1], m: ModuleCtx) => comp!.resolveType(n, p, m) };
  const loaded = load(entryFile, text, host, env);
  const types: TypeTable = { structs: new Map<string, StructDef>(), enums: new Map<string, EnumDef>(), closures: rt.closures };
  const fail = { diagnostics: loaded.diagnostics, sources: loaded.sources, execute: () => 1, rt, types };
  if (loaded.entry === null || loaded.diagnostics.length > 0) return fail;
  const entry = loaded.entry;
  const c = new Compiler(rt, host, entry, (inst) => compileInstance(c, inst));
  comp = c;
  const body0 = loaded.programs.get(entry)!;
  const checkRaces = analyse(c, loaded.modules, body0);
  // Imported modules' globals first, so entry code compiled next can use them (§12).
  compileModuleInits(c, entry);
  checkSelectiveImports(c, loaded.modules.values());
  const top = new FnCtx(c, entry, null, 'top', VOID, new Map(), null);
  top.scopes[0] = c.globalScope;
  const body = loaded.programs.get(entry)!;
  const mainDef = entry.fns.get('main');
  let topExec: Exec;
  let mainInst: FnInstance | null = null;
  if (mainDef === undefined) {
    prescanGlobals(c, body);
    topExec = compileStmts(top, body);
  } else {
    // Main mode: only declarations run before main (§1.2).
    const seen = new Set<string>();
    const isFirst = (name: string): boolean => !seen.has(name) && seen.add(name) !== undefined;
    const decls = body.filter((s) =>
      s.kind === 'VarDecl' || s.kind === 'DestructureDecl' ||
      (s.kind === 'AssignStmt' && s.op === '=' && s.target.kind === 'Ident' && isFirst(s.target.name)));
    topExec = compileStmts(top, decls);
    mainInst = c.instance(mainDef, new Map(), null);
    c.ensureCompiled(mainInst);
    const r = prune(mainInst.ret).k;
    if (r !== 'int' && r !== 'void') c.error('E0405', '`main` must return `int` or nothing', entry.file, mainDef.decl.nameSpan);
  }
  compileEverything(c, loaded.modules);
  checkRaces();
  if (c.diagnostics.length > 0) return { diagnostics: c.diagnostics, sources: loaded.sources, execute: () => 1, rt, types };
  for (const mod of loaded.modules.values()) {
    for (const [n, d] of mod.structs) if (!types.structs.has(n)) types.structs.set(n, d);
    for (const [n, d] of mod.enums) if (!types.enums.has(n)) types.enums.set(n, d);
  }
  const main = mainInst;
  const site = { file: entry.file, span: mainDef?.decl.nameSpan ?? { start: 0, end: 0, line: 1, col: 1 } };
  return {
    diagnostics: [],
    sources: loaded.sources,
    rt,
    types,
    execute: () => {
      let status = 0;
      try {
        for (const mod of moduleOrder(entry)) initModule(mod, rt.G);
        topExec(rt.G);
        if (main !== null) {
          const r = callInstance(rt, main, [], site);
          // Falling off the end of `main -> int` (even past a trailing expression) exits 0 (§1.3).
          if (prune(main.ret).k === 'int' && r !== undefined) status = Number(BigInt.asUintN(8, BigInt(r as number)));
        }
        // §4: the program ends only when every task ever spawned has finished.
        (rt.conc as Conc | null)?.drain();
        if (rt.assertFailed && status === 0) status = 1;
      } catch (e) {
        status = failure(rt, e);
      }
      rt.flush();
      return status;
    },
  };
}

/** Script-mode globals exist before the first statement runs, so functions compiled earlier see them. */
export function prescanGlobals(c: Compiler, body: Stmt[]): void {
  for (const s of body) {
    let name: string | null = null;
    if (s.kind === 'AssignStmt' && s.op === '=' && s.target.kind === 'Ident') name = s.target.name;
    if (s.kind === 'VarDecl') name = s.name;
    // A built-in name stays undeclared, so its assignment is reported (§2.4).
    if (name === null || c.globalScope.has(name) || isReservedName(name)) continue;
    const info = c.newGlobal(name, fresh(), false);
    info.prescanned = true;
    info.declaredBy = s;
    info.late = true;
    c.globalScope.set(name, info);
  }
}

/** Compiles every non-generic function and method, so errors in uncalled code still reject the program. */
export function compileEverything(c: Compiler, modules: Map<string, ModuleCtx>): void {
  checkDeclarations(c, modules.values());
  for (const mod of modules.values()) {
    for (const def of mod.fns.values()) if (def.decl.typeParams.length === 0) c.instance(def, new Map(), null);
    for (const sd of mod.structs.values()) {
      if (sd.decl.typeParams.length > 0) continue;
      for (const m of sd.methods.values()) {
        if (m.decl.typeParams.length === 0) c.instance(m, new Map(), m.isMethod ? { k: 'struct', def: sd, args: [] } : null);
      }
    }
  }
  while (c.pending.length > 0) {
    const inst = c.pending.shift()!;
    c.ensureCompiled(inst);
  }
}

/** Turns what ended a run early (exit, panic, stack overflow) into its status, printing panics. */
export function failure(rt: Runtime, e: unknown): number {
  rt.flush();
  if (e instanceof ExitSignal) return e.status;
  if (e instanceof WynPanic) {
    rt.writeStderr(renderPanic(e, rt.sites.slice(0, rt.depth)));
    return e.status;
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    rt.writeStderr(renderStackOverflow(rt.sites.slice(0, rt.depth)));
    return 1;
  }
  throw e;
}

