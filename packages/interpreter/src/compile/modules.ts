// Imported modules at compile time (§12).
//
// A module is a file of declarations (§12.1). Its `const`/`var` declarations
// (and bare first assignments, which declare as in §1.2) are the module's own
// globals: slots of the shared globals array that the module's functions read
// and write live, and that importers read as `mod.NAME` or, after
// `import { NAME } from mod`, as `NAME` (`pub const`, §12.2 — the reference
// rejects `pub const`; sane implementations support it).
//
// Initialisation order: every module's globals are initialised once, before
// the entry file's first statement, dependencies first (a module's imports
// before the module, in import order), so an initialiser may use the
// constants of the modules it imports. A module's declarations are compiled
// on first need, and a module global read before `run` initialised its module
// (the REPL and `wyn test` sessions reach modules that way) initialises it
// then: one flag test per module-global access.
//
// Other top-level statements (calls, loops, reassignments) are rejected: the
// spec says a module "should contain only declarations" and the reference
// fails on them (§12.1, T3). Running them silently at import or dropping them
// silently (as main mode does for the entry, §1.2) would both hide a mistake.

import type { Stmt } from '@wyn/parser';
import type { ModuleCtx } from '../program';
import { compileStmts } from '../exec/stmt';
import { fresh, VOID } from '../types';
import { type Compiler, FnCtx } from './context';

/** Modules reachable from `entry`, each after the modules it imports; the entry itself is not included. */
export function moduleOrder(entry: ModuleCtx): ModuleCtx[] {
  const out: ModuleCtx[] = [];
  const seen = new Set<ModuleCtx>([entry]);
  const visit = (m: ModuleCtx): void => {
    for (const dep of importsOf(m)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
      out.push(dep);
    }
  };
  visit(entry);
  return out;
}

/** The modules `m` imports, in the order of its import declarations. */
export function importsOf(m: ModuleCtx): ModuleCtx[] {
  return [...new Set([...m.namespaces.values(), ...[...m.selective.values()].map((s) => s.mod)])];
}

/** What a module's top level may hold besides declarations of functions and types: global declarations. */
function globalName(s: Stmt, declared: Set<string>): string | null | undefined {
  switch (s.kind) {
    case 'VarDecl': return s.name;
    case 'DestructureDecl': return null;
    case 'AssignStmt':
      // A bare first assignment declares (§4.1); assigning an existing global again is a statement.
      return s.op === '=' && s.target.kind === 'Ident' && !declared.has(s.target.name) ? s.target.name : undefined;
    case 'FnDecl': case 'StructDecl': case 'EnumDecl': case 'TraitDecl': case 'ImplDecl': case 'TypeAlias':
    case 'ImportDecl': case 'TestDecl': case 'ExternFnDecl':
      return null;
    default:
      return undefined;
  }
}

/**
 * Compiles one module's global declarations into `mod.init`. Names are
 * declared up front (as script mode does, `prescanGlobals`) so that a module
 * function compiled before the declaration it reads still finds its slot.
 * Runs on first need (`Compiler.moduleGlobals`), at most once per module.
 */
export function compileModuleInit(c: Compiler, mod: ModuleCtx): void {
  if (mod.initCompiled) return;
  mod.initCompiled = true;
  const decls: Stmt[] = [];
  const declared = new Set<string>();
  for (const s of mod.body) {
    const name = globalName(s, declared);
    if (name === undefined) {
      c.error('E0214', 'a module may contain only declarations', mod.file, s.span,
        'move this statement into a function, or into the file that is run');
      continue;
    }
    if (s.kind === 'VarDecl' || s.kind === 'DestructureDecl' || s.kind === 'AssignStmt') decls.push(s);
    if (name === null || declared.has(name)) continue;
    declared.add(name);
    const info = c.newGlobal(name, fresh(), false);
    info.prescanned = true;
    info.declaredBy = s;
    info.isPublic = s.kind === 'VarDecl' && s.visibility !== undefined && s.visibility !== null;
    mod.globals.set(name, info);
  }
  const top = new FnCtx(c, mod, null, 'top', VOID, new Map(), null);
  top.scopes[0] = mod.globals;
  const init = compileStmts(top, decls);
  // Destructured names are declared while compiling; every global now knows its module.
  for (const g of mod.globals.values()) g.home = mod;
  mod.init = init;
}

/** Compiles the global declarations of every module the entry imports, dependencies first. */
export function compileModuleInits(c: Compiler, entry: ModuleCtx): void {
  for (const mod of moduleOrder(entry)) compileModuleInit(c, mod);
}

/**
 * Initialises a module's globals once: its imports first, then its own
 * declarations. `run` calls it for every module before the entry's first
 * statement; reading a module global calls it too, for code (the REPL's) that
 * reaches a module another way.
 */
export function initModule(mod: ModuleCtx, G: unknown[]): void {
  if (mod.ready) return;
  mod.ready = true;
  for (const dep of importsOf(mod)) initModule(dep, G);
  mod.init?.(G);
}

/** `import { x } from m` names something public of `m`: a function or a global (§12.2). */
export function checkSelectiveImports(c: Compiler, modules: Iterable<ModuleCtx>): void {
  for (const mod of modules) {
    for (const imp of mod.imports) {
      if (imp.names === null) continue;
      const target = mod.selective.get(imp.names[0])?.mod;
      if (target === undefined) continue;
      const alias = imp.path[imp.path.length - 1];
      for (const name of imp.names) {
        const fn = target.fns.get(name);
        const g = c.moduleGlobals(target).get(name);
        if (fn === undefined && g === undefined) {
          c.error('E0203', `module \`${alias}\` has no function or constant \`${name}\``, mod.file, imp.span);
        } else if (fn !== undefined ? !fn.isPublic : !g!.isPublic) {
          c.error('E0205', `${fn !== undefined ? 'function' : 'constant'} '${name}' in module '${alias}' is private`, mod.file, imp.span,
            `declare it \`pub\` in ${target.file} to use it here`);
        }
      }
    }
  }
}
