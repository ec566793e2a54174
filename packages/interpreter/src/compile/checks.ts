// Whole-program checks on declarations, made once every module is loaded and
// before anything runs (§1.5).
//
// - A struct may not contain itself (§4.4): structs are values, so a field of
//   the struct's own type, directly or through other structs or tuples held by
//   value, would make it infinitely large. Arrays, maps and function values
//   are references and break the chain; enums may recurse (§4.5), so they do
//   too. An optional (`next: Node?`) is let through: the spec forbids "a field
//   of its own type", this interpreter can represent the optional, and linked
//   structures written that way are common.
// - Built-in names cannot be redefined as functions (§2.4: `fn max` fails in
//   the reference).
// - A struct field, an enum variant or a parameter is named once: a literal
//   gives "every field exactly once" (§4.4), and a second `A` variant or `x`
//   parameter could never be told apart from the first.

import type { Span, TypeNode } from '@wyn/parser';
import { type ModuleCtx, StructDef } from '../program';
import { isReservedName } from '../stdlib/builtins';
import type { Compiler } from './context';

/** The structs a type holds by value (type parameters and references excluded). */
function heldStructs(c: Compiler, node: TypeNode, mod: ModuleCtx, params: Set<string>): StructDef[] {
  switch (node.kind) {
    case 'TupleType': return node.elements.flatMap((e) => heldStructs(c, e, mod, params));
    case 'NamedType': {
      if (params.has(node.name)) return [];
      const t = c.lookupType(node.name, mod);
      return t instanceof StructDef ? [t] : [];
    }
    default: return [];
  }
}

/** The first by-value path from `start` back to itself, as field names, or null. */
function selfPath(c: Compiler, start: StructDef): string[] | null {
  const seen = new Set<StructDef>();
  const walk = (s: StructDef, path: string[]): string[] | null => {
    const params = new Set(s.decl.typeParams.map((p) => p.name));
    for (const f of s.fields) {
      for (const inner of heldStructs(c, f.type, s.mod, params)) {
        if (inner === start) return [...path, f.name];
        if (seen.has(inner)) continue;
        seen.add(inner);
        const found = walk(inner, [...path, f.name]);
        if (found !== null) return found;
      }
    }
    return null;
  };
  return walk(start, []);
}

export function checkDeclarations(c: Compiler, modules: Iterable<ModuleCtx>): void {
  for (const mod of modules) {
    for (const s of mod.structs.values()) {
      const path = selfPath(c, s);
      if (path === null) continue;
      c.error('E0207', `struct \`${s.name}\` contains itself (through \`${path.join('.')}\`)`, mod.file, s.decl.span,
        'structs are stored by value: hold the inner values in an array, or use an enum for recursive data');
    }
    for (const s of mod.structs.values()) reportRepeats(c, mod, s.fields, 'field', `struct \`${s.name}\``);
    for (const e of mod.enums.values()) reportRepeats(c, mod, e.variants, 'variant', `enum \`${e.name}\``);
    const fns = [...mod.fns.values(), ...[...mod.structs.values(), ...mod.enums.values()].flatMap((t) => [...t.methods.values()])];
    for (const def of new Set(fns)) {
      if (def.mod === mod) reportRepeats(c, mod, def.decl.params, 'parameter', `function \`${def.name}\``);
    }
    for (const def of mod.fns.values()) {
      if (isReservedName(def.name)) {
        c.error('E0208', `\`${def.name}\` is a built-in name and cannot be redefined`, mod.file, def.decl.nameSpan, 'choose another name for the function');
      }
    }
  }
}

function reportRepeats(c: Compiler, mod: ModuleCtx, items: ReadonlyArray<{ name: string; span: Span }>, what: string, owner: string): void {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.name)) c.error('E0212', `${owner} declares the ${what} \`${it.name}\` twice`, mod.file, it.span);
    seen.add(it.name);
  }
}
