// The compiling half of a session (session.ts), shared by the thread that
// runs the entries and by the worker threads that only need the same code
// (conc/session-replay.ts).
//
// A session is one long-lived program built an entry at a time. Each entry is
// parsed on its own (its diagnostics point into the entry's text, under the
// session's file name), its declarations join one entry module that holds
// those of every earlier entry, and its statements are compiled against the
// globals earlier entries declared.
//
// Invariants and catches:
// - Compiling is deterministic: the same entries compiled in the same order
//   (undone the same way) give the same global slots, the same function
//   instances and the same spawnable indices on every thread. That is what
//   lets a task name its function by index (DESIGN §3) in a session too.
// - A step with static errors has been undone already: the module's tables
//   and the global scope are as they were. Type variables of earlier globals
//   that it unified stay bound (a global first set to `[]` and then used as
//   `[int]` by a rejected entry stays `[int]`), and slot numbers are not
//   reused: both happen alike on every thread.
// - A declaration may be repeated; the new one serves later entries, while
//   functions compiled earlier keep calling the one they were compiled
//   against (static binding, as in OCaml's toplevel).
// - The concurrency analysis (conc/analysis.ts) runs over every function
//   declared so far at each step: it decides which new functions get a
//   suspendable form and rejects data races (CONCURRENCY.md §9, §12.3) that
//   a `spawn` in this step makes possible, even in a function of an earlier
//   entry; such a race is reported under `<repl#N>`, entry N's label.

import { type Diagnostic, type FnDecl, SourceFile, type Stmt, type TestDecl } from '@wyn/parser';
import { type Compiled, Compiler, type Exec, FnCtx, NORMAL } from './compile/context';
import { compileInstance } from './compile/function';
import { extendModule } from './compile/loader';
import { checkSelectiveImports } from './compile/modules';
import { compileEverything, prescanGlobals } from './compile/program';
import { analyse } from './conc/analysis';
import type { TypeTable } from './conc/plain';
import { compileExpr } from './eval/expr';
import { compileBlock, compileStmts } from './exec/stmt';
import type { Host } from './host';
import { ModuleCtx } from './program';
import { Runtime } from './runtime/runtime';
import { VOID } from './types';

/** One compiled entry or test block. */
export interface Step {
  /** Static errors; when there are any, the step is undone already and must not run. */
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
  exec: Exec;
  /** The entry's trailing expression, whose value the REPL echoes. */
  tail: Compiled | null;
  /** Puts the names back as they were before this step (after a panic). */
  undo: () => void;
  /** False for a step of declarations only: running it does nothing. */
  runs: boolean;
}

/** Statements that only declare: an entry made of these has nothing to run. */
const DECLARATIONS = new Set(['FnDecl', 'StructDecl', 'EnumDecl', 'TraitDecl', 'ImplDecl', 'TypeAlias', 'ImportDecl', 'TestDecl', 'ExternFnDecl']);

export class SessionCore {
  readonly rt: Runtime;
  readonly comp: Compiler;
  readonly mod: ModuleCtx;
  /** Struct and enum definitions by name, for values crossing threads (conc/plain.ts). */
  readonly types: TypeTable;
  private readonly top: FnCtx;
  /** Every module loaded so far, the entry module first. */
  private readonly modules = new Map<string, ModuleCtx>();
  /** Entry number (from 1) of each declared function, and each entry's source: for race reports. */
  private readonly entryOf = new WeakMap<FnDecl, number>();
  private readonly entrySources: SourceFile[] = [];

  constructor(readonly host: Host, readonly file: string) {
    this.rt = new Runtime(host, file);
    this.types = { structs: new Map(), enums: new Map(), closures: this.rt.closures };
    this.mod = new ModuleCtx(file, new SourceFile(file, ''), true);
    const comp: Compiler = new Compiler(this.rt, host, this.mod, (inst) => compileInstance(comp, inst));
    this.comp = comp;
    this.top = new FnCtx(comp, this.mod, null, 'top', VOID, new Map(), null);
    this.top.scopes[0] = comp.globalScope;
    this.modules.set(file, this.mod);
  }

  /** Entries compiled so far (including rejected ones): the next entry's number is this plus one. */
  get entries(): number {
    return this.entrySources.length;
  }

  /**
   * Compiles entry number `entries + 1`: its declarations, then its
   * statements and a trailing expression. `readModule` reads the files its
   * imports name (default: the host's readFile); a replaying thread serves
   * the texts main read, so it compiles the same modules whatever the disk
   * holds by then.
   */
  compileEntry(body: Stmt[], source: SourceFile, readModule?: Host['readFile']): Step {
    const n = this.entrySources.push(source);
    for (const s of body) {
      if (s.kind === 'FnDecl') this.entryOf.set(s, n);
      if (s.kind === 'StructDecl' || s.kind === 'ImplDecl') for (const m of s.methods) this.entryOf.set(m, n);
    }
    const runs = body.some((s) => !DECLARATIONS.has(s.kind));
    return this.step(source, runs, () => {
      forgetRedefined(this.mod, body);
      const loaded = extendModule(this.mod, body, readModule === undefined ? this.host : { ...this.host, readFile: readModule }, this.comp);
      for (const [k, m] of loaded.modules) this.modules.set(k, m);
      // A duplicate declaration or a missing module: compiling the statements would only add cascades.
      if (loaded.diagnostics.length > 0) {
        this.comp.diagnostics.push(...loaded.diagnostics);
        return { exec: () => NORMAL, tail: null, sources: loaded.sources, compiled: loaded.modules };
      }
      // What this entry's imports name must be public (§12.2), as in a program.
      checkSelectiveImports(this.comp, [this.mod, ...loaded.modules.values()]);
      const races = this.analyse(body);
      prescanGlobals(this.comp, body);
      const last = body[body.length - 1];
      const exec = compileStmts(this.top, last?.kind === 'ExprStmt' ? body.slice(0, -1) : body);
      const tail = last?.kind === 'ExprStmt' ? compileExpr(this.top, last.expr) : null;
      return { exec, tail, sources: loaded.sources, compiled: loaded.modules, races };
    });
  }

  /** Compiles a `test "name" { }` block of an earlier entry, like top-level code. */
  compileTest(test: TestDecl, source: SourceFile): Step {
    return this.step(source, true, () => {
      const races = this.analyse(test.body.body);
      return { exec: compileBlock(this.top, test.body.body), tail: null, sources: new Map(), compiled: new Map(), races };
    });
  }

  /** Names an entry may use now: globals, functions, types and imported modules. */
  names(): string[] {
    const mod = this.mod;
    const fromImports = [...mod.namespaces.keys(), ...mod.selective.keys()];
    return [...new Set([...this.comp.globalScope.keys(), ...mod.fns.keys(), ...mod.structs.keys(), ...mod.enums.keys(), ...mod.traits.keys(), ...mod.aliases.keys(), ...fromImports])].sort();
  }

  private step(source: SourceFile, runs: boolean, build: () => Built): Step {
    const undo = this.snapshot();
    const { exec, tail, sources, compiled, races } = build();
    // Functions of this step and of modules it imported; earlier ones are compiled already.
    compileEverything(this.comp, compiled);
    races?.();
    this.top.scopes.length = 1;
    const all = new Map([...sources, [this.file, source]]);
    const diagnostics = this.comp.diagnostics.splice(0);
    for (const d of diagnostics) {
      const n = /^<repl#(\d+)>$/.exec(d.file);
      if (n !== null) all.set(d.file, this.entrySources[Number(n[1]) - 1]);
    }
    if (diagnostics.length > 0) undo();
    else this.refreshTypes();
    return { diagnostics, sources: all, exec, tail, runs, undo: () => { undo(); this.refreshTypes(); } };
  }

  private analyse(top: Stmt[]): () => void {
    const current = this.entrySources.length;
    return analyse(this.comp, this.modules, top, (decl) => {
      // Functions of imported modules keep their module's file.
      const n = this.entryOf.get(decl);
      return n === undefined ? undefined : n === current ? this.file : `<repl#${n}>`;
    });
  }

  /** Latest definitions win in the entry module; imported modules only fill names it lacks. */
  private refreshTypes(): void {
    const { structs, enums } = this.types;
    structs.clear();
    enums.clear();
    for (const mod of this.modules.values()) {
      for (const [n, d] of mod.structs) if (!structs.has(n)) structs.set(n, d);
      for (const [n, d] of mod.enums) if (!enums.has(n)) enums.set(n, d);
    }
  }

  /** Records the module's tables, the global scope and the module list; the returned function puts them back. */
  private snapshot(): () => void {
    const { comp, mod } = this;
    const tables = [comp.globalScope, mod.fns, mod.structs, mod.enums, mod.traits, mod.aliases, mod.namespaces, mod.selective, this.modules] as Map<string, unknown>[];
    const saved = tables.map((t) => new Map(t));
    const imports = mod.imports.length;
    return () => {
      tables.forEach((t, i) => {
        t.clear();
        for (const [k, v] of saved[i]) t.set(k, v);
      });
      mod.imports.length = imports;
    };
  }
}

interface Built {
  exec: Exec;
  tail: Compiled | null;
  sources: Map<string, SourceFile>;
  /** Modules whose functions this step declared (the entry module and new imports). */
  compiled: Map<string, ModuleCtx>;
  /** The data-race check, run once the step's globals are declared. */
  races?: () => void;
}

/** Drops the earlier declarations an entry declares again, so they are replaced rather than reported twice. */
function forgetRedefined(mod: ModuleCtx, body: Stmt[]): void {
  for (const s of body) {
    if (s.kind === 'FnDecl' && s.receiver === null) mod.fns.delete(s.name);
    if (s.kind === 'StructDecl') mod.structs.delete(s.name);
    if (s.kind === 'EnumDecl') mod.enums.delete(s.name);
    if (s.kind === 'TraitDecl') mod.traits.delete(s.name);
    if (s.kind === 'TypeAlias') mod.aliases.delete(s.name);
  }
}
