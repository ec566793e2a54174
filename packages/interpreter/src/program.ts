// Program-level definitions shared by the checker/compiler and the runtime:
// modules, structs, enums, traits and functions with their monomorphised
// instances (LANGUAGE.md §4, §12).

import type { EnumDecl, FnDecl, ImportDecl, SourceFile, Stmt, StructDecl, TraitDecl, TypeNode } from '@wyn/parser';
import type { VarInfo } from './compile/context';
import { ANY, type Type } from './types';
import type { Site } from './runtime/errors';
import type { Leaf } from './conc/gen';

export interface TypeEnv {
  resolveType(node: TypeNode, params: Map<string, Type>, mod: ModuleCtx): Type;
}

export class ModuleCtx {
  readonly fns = new Map<string, FnDef>();
  readonly structs = new Map<string, StructDef>();
  readonly enums = new Map<string, EnumDef>();
  readonly traits = new Map<string, TraitDef>();
  readonly aliases = new Map<string, TypeNode>();
  /** Namespace name → module (`import a.b` binds `b`, `import a.b as c` binds `c`). */
  readonly namespaces = new Map<string, ModuleCtx>();
  /** Names brought in by `import { x } from m`. */
  readonly selective = new Map<string, { mod: ModuleCtx; name: string }>();
  readonly imports: ImportDecl[] = [];
  /**
   * An imported module's own globals (`const LIMIT = 10`, `var calls = 0`),
   * slots of the shared globals array initialised once before the entry runs.
   * The entry file keeps its globals in `Compiler.globalScope` instead (§1.2).
   */
  readonly globals = new Map<string, VarInfo>();
  /** The module's top-level statements, as parsed (compile/modules.ts compiles its global declarations). */
  body: readonly Stmt[] = [];
  /** Set once the module's global declarations are compiled; `init` then initialises them. */
  initCompiled = false;
  init: ((G: unknown[]) => unknown) | null = null;
  /** Set when `init` has started: a module's globals are initialised once (compile/modules.ts). */
  ready = false;
  constructor(readonly file: string, readonly source: SourceFile, readonly isEntry: boolean) {}
}

export class StructDef {
  readonly fieldIndex = new Map<string, number>();
  readonly methods = new Map<string, FnDef>();
  readonly traits = new Set<string>();
  constructor(
    readonly name: string,
    readonly decl: StructDecl,
    readonly mod: ModuleCtx,
    readonly env: TypeEnv,
  ) {
    decl.fields.forEach((f, i) => this.fieldIndex.set(f.name, i));
  }
  get fields() {
    return this.decl.fields;
  }
  fieldType(i: number, args: Type[]): Type {
    const params = new Map<string, Type>();
    this.decl.typeParams.forEach((p, j) => params.set(p.name, args[j] ?? ANY));
    return this.env.resolveType(this.decl.fields[i].type, params, this.mod);
  }
}

export class EnumDef {
  readonly hasPayloads: boolean;
  readonly methods = new Map<string, FnDef>();
  readonly traits = new Set<string>();
  constructor(
    readonly name: string,
    readonly decl: EnumDecl,
    readonly mod: ModuleCtx,
    readonly env: TypeEnv,
  ) {
    this.hasPayloads = decl.variants.some((v) => v.payload.length > 0);
  }
  get variants() {
    return this.decl.variants;
  }
  variantIndex(name: string): number {
    return this.decl.variants.findIndex((v) => v.name === name);
  }
  payloadType(tag: number, i: number, args: Type[]): Type {
    const params = new Map<string, Type>();
    this.decl.typeParams.forEach((p, j) => params.set(p.name, args[j] ?? ANY));
    return this.env.resolveType(this.decl.variants[tag].payload[i], params, this.mod);
  }
}

export class TraitDef {
  constructor(readonly name: string, readonly decl: TraitDecl, readonly mod: ModuleCtx) {}
}

/** A declared function or method; generic ones get one instance per type-argument list (§4.7). */
export class FnDef {
  readonly instances = new Map<string, FnInstance>();
  constructor(
    readonly decl: FnDecl,
    readonly mod: ModuleCtx,
    readonly owner: StructDef | EnumDef | null,
  ) {}
  get name(): string {
    return this.decl.name;
  }
  get isMethod(): boolean {
    return this.decl.params.length > 0 && this.decl.params[0].name === 'self';
  }
  get isPublic(): boolean {
    return this.decl.visibility !== null;
  }
}

export class FnInstance {
  /** Compiled body: runs on a frame whose first slots hold the arguments. */
  body: (fr: unknown[]) => number = () => 0;
  nslots = 0;
  /** Suspendable form (functions that may suspend, DESIGN §2): a generator over the same completion codes. */
  gen: ((fr: unknown[]) => Generator<unknown, number, void>) | null = null;
  /** When the suspendable body is a statement leaf (conc/gen.ts): that leaf, which runs without a generator. */
  leaf: Leaf | null = null;
  genSlots = 0;
  state: 'new' | 'compiling' | 'done' = 'new';
  /** The first frame of a task that runs this function (its call stack in panics, §10.1); made at its first run. */
  taskSite: Site | null = null;
  /** The call stack such a task starts with, `[taskSite]`, shared by its tasks (conc/runtime.ts). */
  taskSites: Site[] | null = null;
  constructor(
    readonly def: FnDef,
    readonly typeArgs: Map<string, Type>,
    readonly params: Type[],
    readonly ret: Type,
  ) {}
}
