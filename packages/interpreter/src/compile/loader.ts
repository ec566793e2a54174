// Loading a program (§1.1, §12): parse the entry file and every file it
// imports (paths relative to the importing file, each loaded once), and
// collect the declarations of each module before anything is compiled, so
// declarations are order-independent.

import { type Diagnostic, error, type ImportDecl, parse, type SourceFile, type Stmt } from '@wyn/parser';
import { dirname, type Host, joinPath } from '../host';
import { EnumDef, FnDef, ModuleCtx, StructDef, TraitDef, type TypeEnv } from '../program';
import { bindTraitImpls } from './traits';

export interface Loaded {
  /** The entry file's directory: `import root::a.b` starts there, a plain `import a.b` beside the importing file. */
  root?: string;
  entry: ModuleCtx | null;
  modules: Map<string, ModuleCtx>;
  programs: Map<ModuleCtx, Stmt[]>;
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

/** Strips a UTF-8 BOM; the parser handles `#!` as a hash comment (§1.1). */
function clean(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function load(entryFile: string, text: string, host: Host, env: TypeEnv): Loaded {
  const out: Loaded = { root: dirname(entryFile), entry: null, modules: new Map(), programs: new Map(), diagnostics: [], sources: new Map() };
  out.entry = visit(out, entryFile, text, true, host, env);
  bindTraitImpls(out.programs, out.modules.values(), out.diagnostics);
  return out;
}

/**
 * The REPL's way in: adds the declarations of one more parsed entry to a
 * module that already holds the earlier ones, and loads what the entry imports.
 */
export function extendModule(mod: ModuleCtx, body: Stmt[], host: Host, env: TypeEnv): Loaded {
  const out: Loaded = { entry: mod, modules: new Map([[mod.file, mod]]), programs: new Map([[mod, body]]), diagnostics: [], sources: new Map() };
  const known = mod.imports.length;
  collect(mod, body, env, out.diagnostics);
  loadImports(out, mod, mod.imports.slice(known), host, env);
  bindTraitImpls(out.programs, out.modules.values(), out.diagnostics);
  return out;
}

function visit(out: Loaded, file: string, src: string, isEntry: boolean, host: Host, env: TypeEnv): ModuleCtx | null {
  const existing = out.modules.get(file);
  if (existing !== undefined) return existing;
  const r = parse(clean(src), file);
  out.sources.set(file, r.source);
  out.diagnostics.push(...r.diagnostics);
  if (r.program === null) return null;
  const mod = new ModuleCtx(file, r.source, isEntry);
  out.modules.set(file, mod);
  out.programs.set(mod, r.program.body);
  mod.body = r.program.body;
  collect(mod, r.program.body, env, out.diagnostics);
  loadImports(out, mod, mod.imports, host, env);
  return mod;
}

function loadImports(out: Loaded, mod: ModuleCtx, imports: readonly ImportDecl[], host: Host, env: TypeEnv): void {
  for (const imp of imports) {
    // §14 `path = [ ( "root" | "self" ) "::" ] IDENT { "." IDENT }`: `self::` is the importing file's directory.
    const base = imp.root === 'root' ? (out.root ?? dirname(mod.file)) : dirname(mod.file);
    const path = joinPath(base, imp.path.join('/') + '.wyn');
    const bytes = host.readFile(path);
    if (bytes === null) {
      out.diagnostics.push(error('E0211', `cannot find module \`${imp.path.join('.')}\` (looked for ${path})`, mod.file, imp.span));
      continue;
    }
    const m = visit(out, path, new TextDecoder().decode(bytes), false, host, env);
    if (m === null) continue;
    if (imp.names !== null) for (const n of imp.names) mod.selective.set(n, { mod: m, name: n });
    else mod.namespaces.set(imp.alias ?? imp.path[imp.path.length - 1], m);
  }
}

function collect(mod: ModuleCtx, body: Stmt[], env: TypeEnv, diags: Diagnostic[]): void {
  const dup = (name: string, span: Stmt['span']) => diags.push(error('E0212', `\`${name}\` is declared twice`, mod.file, span));
  for (const s of body) {
    switch (s.kind) {
      case 'StructDecl':
        if (mod.structs.has(s.name)) dup(s.name, s.span);
        mod.structs.set(s.name, new StructDef(s.name, s, mod, env));
        break;
      case 'EnumDecl':
        mod.enums.set(s.name, new EnumDef(s.name, s, mod, env));
        break;
      case 'TraitDecl':
        mod.traits.set(s.name, new TraitDef(s.name, s, mod));
        break;
      case 'TypeAlias':
        mod.aliases.set(s.name, s.type);
        break;
      case 'ImportDecl':
        mod.imports.push(s);
        break;
      default:
        break;
    }
  }
  for (const s of body) {
    if (s.kind === 'FnDecl') {
      if (s.receiver !== null) {
        const owner = mod.structs.get(s.receiver) ?? mod.enums.get(s.receiver);
        if (owner === undefined) diags.push(error('E0207', `unknown type \`${s.receiver}\``, mod.file, s.span));
        else owner.methods.set(s.name, new FnDef(s, mod, owner));
        continue;
      }
      if (mod.fns.has(s.name)) dup(s.name, s.nameSpan);
      mod.fns.set(s.name, new FnDef(s, mod, null));
    } else if (s.kind === 'StructDecl') {
      const def = mod.structs.get(s.name)!;
      for (const m of s.methods) def.methods.set(m.name, new FnDef(m, mod, def));
    } else if (s.kind === 'ImplDecl') {
      const owner = mod.structs.get(s.target) ?? mod.enums.get(s.target);
      if (owner === undefined) {
        diags.push(error('E0207', `unknown type \`${s.target}\``, mod.file, s.span));
        continue;
      }
      if (s.trait !== null) owner.traits.add(s.trait);
      for (const m of s.methods) owner.methods.set(m.name, new FnDef(m, mod, owner));
    }
  }
}
