// `impl Trait for Type` across the whole program (§4.6).
//
// The loader records which traits a type implements by name; here, once every
// module is loaded, each impl is checked against its trait: the reference does
// not check that an impl provides every method, and the spec asks a sane
// implementation to report the missing ones statically. A trait method written
// with a body is a default: a type whose impl leaves it out gets that body as
// its own method (self is then the implementing type).
//
// Dispatch on trait-typed values needs, per method name, the instance of every
// implementing type in any module: `implementors` lists them, whichever module
// the call site, the trait and the implementing type live in.

import { type Diagnostic, error, type FnDecl, type ImplDecl, type Stmt, type TraitMethod } from '@wyn/parser';
import { type EnumDef, FnDef, type ModuleCtx, type StructDef, type TraitDef } from '../program';
import type { Compiler } from './context';
import { moduleOrder } from './modules';

/** The trait an impl names: the module's own, an imported module's, else one declared in any loaded module. */
function traitOf(mod: ModuleCtx, name: string, all: Iterable<ModuleCtx>): TraitDef | null {
  const direct = [mod, ...mod.namespaces.values(), ...[...mod.selective.values()].map((s) => s.mod)];
  for (const m of [...direct, ...all]) {
    const found = m.traits.get(name);
    if (found !== undefined) return found;
  }
  return null;
}

function defaultMethod(m: TraitMethod, body: NonNullable<TraitMethod['body']>): FnDecl {
  return {
    kind: 'FnDecl', visibility: 'pub', receiver: null, name: m.name, nameSpan: m.span, typeParams: [],
    params: m.params, returnType: m.returnType, body, span: m.span,
  };
}

/**
 * Checks the impls of `programs` against their traits and gives their types
 * the default methods they leave out. Runs in the loader, once every module
 * of a load is parsed, so the REPL's entries get the same treatment as a run.
 */
export function bindTraitImpls(programs: Map<ModuleCtx, Stmt[]>, all: Iterable<ModuleCtx>, diags: Diagnostic[]): void {
  const modules = [...all];
  for (const [mod, body] of programs) {
    for (const s of body) {
      if (s.kind === 'ImplDecl' && s.trait !== null) bindImpl(mod, s, modules, diags);
    }
  }
}

function bindImpl(mod: ModuleCtx, s: ImplDecl, all: ModuleCtx[], diags: Diagnostic[]): void {
  const owner = mod.structs.get(s.target) ?? mod.enums.get(s.target);
  if (owner === undefined) return; // the loader reported it
  const trait = traitOf(mod, s.trait!, all);
  if (trait === null) {
    diags.push(error('E0201', `unknown trait \`${s.trait}\``, mod.file, s.span));
    return;
  }
  const missing: string[] = [];
  for (const m of trait.decl.methods) {
    if (s.methods.some((d) => d.name === m.name) || owner.methods.has(m.name)) continue;
    if (m.body !== null) owner.methods.set(m.name, new FnDef(defaultMethod(m, m.body), trait.mod, owner));
    else missing.push(m.name);
  }
  if (missing.length > 0) {
    diags.push(error('E0305', `\`${owner.name}\` does not implement ${missing.map((n) => `\`${n}\``).join(', ')} of trait \`${trait.name}\``, mod.file, s.span,
      { hint: `add ${missing.length === 1 ? 'this method' : 'these methods'} to the impl block` }));
  }
}

/** Every struct or enum of the program that has a method `name` (candidates for dynamic dispatch). */
export function implementors(c: Compiler, name: string): { def: StructDef | EnumDef; fn: FnDef }[] {
  const out: { def: StructDef | EnumDef; fn: FnDef }[] = [];
  for (const mod of [c.entry, ...moduleOrder(c.entry)]) {
    for (const def of [...mod.structs.values(), ...mod.enums.values()]) {
      const fn = def.methods.get(name);
      if (fn !== undefined && fn.isMethod) out.push({ def, fn });
    }
  }
  return out;
}
