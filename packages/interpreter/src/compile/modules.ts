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
// constants of the modules it imports.
//
// Other top-level statements (calls, loops, reassignments) are rejected: the
// spec says a module "should contain only declarations" and the reference
// fails on them (§12.1, T3). Running them silently at import or dropping them
// silently (as main mode does for the entry, §1.2) would both hide a mistake.

import type { Stmt } from '@wyn/parser';
import type { ModuleCtx } from '../program';
import { compileStmts } from '../exec/stmt';
import { fresh, VOID } from '../types';
import { type Compiler, type Exec, FnCtx } from './context';

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
 * Compiles the global declarations of every imported module, in `moduleOrder`,
 * and returns what initialises them. Names are declared up front (as script
 * mode does, `prescanGlobals`) so that a module function compiled before the
 * declaration it reads still finds its slot.
 */
export function compileModuleInits(c: Compiler, entry: ModuleCtx, programs: Map<ModuleCtx, Stmt[]>): Exec[] {
  const inits: Exec[] = [];
  for (const mod of moduleOrder(entry)) {
    if (mod.initCompiled) continue;
    mod.initCompiled = true;
    const decls: Stmt[] = [];
    const declared = new Set<string>();
    for (const s of programs.get(mod) ?? []) {
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
      info.isPublic = s.kind === 'VarDecl' && s.visibility !== undefined && s.visibility !== null;
      mod.globals.set(name, info);
    }
    const top = new FnCtx(c, mod, null, 'top', VOID, new Map(), null);
    top.scopes[0] = mod.globals;
    inits.push(compileStmts(top, decls));
  }
  return inits;
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
        const g = target.globals.get(name);
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
