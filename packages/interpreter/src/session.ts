// An incremental session: the REPL's and `wyn test`'s way into the interpreter.
//
// A session is one long-lived program built an entry at a time. Each entry is
// parsed on its own (its diagnostics point into the entry's text, under the
// session's file name), its declarations join one entry module that holds
// those of every earlier entry, its statements are compiled against the
// globals earlier entries declared, and it runs on the same Runtime, so values
// persist in the same globals array.
//
// Invariants and catches:
// - An entry with static errors runs nothing and leaves no names behind: the
//   module's tables and the global scope are put back as they were. Type
//   variables of earlier globals that it unified stay bound (a global first
//   set to `[]` and then used as `[int]` by a rejected entry stays `[int]`).
// - A declaration may be repeated; the new one serves later entries, while
//   functions compiled earlier keep calling the one they were compiled
//   against (static binding, as in OCaml's toplevel).
// - A panic unwinds past `callInstance`, which does not restore `rt.depth`,
//   so the session resets it after every entry.
// - `spawn`/`await` are not supported here yet (they come with concurrency).

import { type Diagnostic, parse, SourceFile, type Stmt, type TestDecl } from '@wyn/parser';
import { type Compiled, Compiler, type Exec, FnCtx, NORMAL } from './compile/context';
import { compileInstance } from './compile/function';
import { extendModule, type Loaded } from './compile/loader';
import { compileEverything, failure, prescanGlobals } from './compile/program';
import { compileExpr } from './eval/expr';
import { compileBlock, compileStmts } from './exec/stmt';
import type { Host } from './host';
import { ModuleCtx } from './program';
import { ExitSignal } from './runtime/errors';
import { display } from './runtime/format';
import { Runtime } from './runtime/runtime';
import { toUtf8 } from './runtime/values';
import { BUILTIN_NAMES } from './stdlib/builtins';
import { stdlibMembers } from './stdlib/modules';
import { prune, VOID } from './types';

export interface EntryResult {
  /** Static errors; when there are any, nothing ran. */
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
  /** Display text of a trailing expression that has a value (strings quoted, as inside containers). */
  display?: string;
  /** True after static errors, a panic (already printed to stderr) or a failed assertion. */
  failed: boolean;
  /** The status passed to `exit(n)`, when the entry called it. */
  exit: number | null;
  /** The entry's `test "name" { }` blocks, not run: `runTest` runs one. */
  tests: TestDecl[];
}

export interface Session {
  evaluate(text: string): EntryResult;
  runTest(test: TestDecl): EntryResult;
  /** Names an entry may use now: globals, functions, types and imported modules. */
  names(): string[];
}

/** Words worth completing that are not names in scope: built-in functions and the stdlib modules' members. */
export function completionWords(): { builtins: readonly string[]; modules: Map<string, string[]> } {
  return { builtins: BUILTIN_NAMES, modules: stdlibMembers() };
}

interface Built {
  exec: Exec;
  tail: Compiled | null;
  loaded: Loaded | null;
}

export function createSession(host: Host, file = '<repl>'): Session {
  const rt = new Runtime(host, file);
  const mod = new ModuleCtx(file, new SourceFile(file, ''), true);
  const comp: Compiler = new Compiler(rt, host, mod, (inst) => compileInstance(comp, inst));
  const top = new FnCtx(comp, mod, null, 'top', VOID, new Map(), null);
  top.scopes[0] = comp.globalScope;

  /** Where each test block came from, so its diagnostics point into the right entry. */
  const testSources = new WeakMap<TestDecl, SourceFile>();

  /** Compiles statements (and a trailing expression), then runs them unless compiling failed. */
  const compileAndRun = (build: () => Built, source: SourceFile, tests: TestDecl[]): EntryResult => {
    const undo = snapshot(comp, mod);
    const { exec, tail, loaded } = build();
    const sources = new Map([...(loaded?.sources ?? []), [file, source]]);
    if (loaded !== null) comp.diagnostics.push(...loaded.diagnostics);
    // Functions of this entry and of modules it imported; earlier ones are compiled already.
    compileEverything(comp, loaded?.modules ?? new Map());
    top.scopes.length = 1;
    if (comp.diagnostics.length > 0) {
      const diagnostics = comp.diagnostics.splice(0);
      undo();
      return { diagnostics, sources, failed: true, exit: null, tests };
    }
    rt.assertFailed = false;
    const result: EntryResult = { diagnostics: [], sources, failed: false, exit: null, tests };
    try {
      exec(rt.G);
      if (tail !== null) {
        const v = tail.ev(rt.G);
        if (prune(tail.t).k !== 'void') result.display = toUtf8(display(v, tail.t, true));
      }
    } catch (e) {
      if (e instanceof ExitSignal) result.exit = e.status;
      else {
        failure(rt, e);
        // A panicking entry declares nothing: its names would otherwise stay
        // without values. (What it did to earlier globals cannot be undone.)
        undo();
      }
      result.failed = !(e instanceof ExitSignal);
      rt.depth = 0;
    }
    rt.flush();
    if (rt.assertFailed) result.failed = true;
    return result;
  };

  return {
    evaluate(text) {
      const parsed = parse(text, file);
      if (parsed.program === null || parsed.diagnostics.length > 0) {
        return { diagnostics: parsed.diagnostics, sources: new Map([[file, parsed.source]]), failed: true, exit: null, tests: [] };
      }
      const body = parsed.program.body;
      const tests = body.filter((s): s is TestDecl => s.kind === 'TestDecl');
      for (const t of tests) testSources.set(t, parsed.source);
      return compileAndRun(() => {
        forgetRedefined(mod, body);
        const loaded = extendModule(mod, body, host, comp);
        // A duplicate declaration or a missing module: compiling the statements would only add cascades.
        if (loaded.diagnostics.length > 0) return { exec: () => NORMAL, tail: null, loaded };
        prescanGlobals(comp, body);
        const last = body[body.length - 1];
        if (last?.kind !== 'ExprStmt') return { exec: compileStmts(top, body), tail: null, loaded };
        const exec = compileStmts(top, body.slice(0, -1));
        return { exec, tail: compileExpr(top, last.expr), loaded };
      }, parsed.source, tests);
    },
    runTest(test) {
      return compileAndRun(() => ({ exec: compileBlock(top, test.body.body), tail: null, loaded: null }), testSources.get(test) ?? mod.source, []);
    },
    names() {
      const fromImports = [...mod.namespaces.keys(), ...mod.selective.keys()];
      return [...new Set([...comp.globalScope.keys(), ...mod.fns.keys(), ...mod.structs.keys(), ...mod.enums.keys(), ...mod.traits.keys(), ...mod.aliases.keys(), ...fromImports])].sort();
    },
  };
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

/** Records the module's tables and the global scope; the returned function puts them back. */
function snapshot(comp: Compiler, mod: ModuleCtx): () => void {
  const tables = [comp.globalScope, mod.fns, mod.structs, mod.enums, mod.traits, mod.aliases, mod.namespaces, mod.selective] as Map<string, unknown>[];
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
