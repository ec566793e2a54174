// Compile-time state: the whole program (`Compiler`) and one function body
// (`FnCtx`). Name resolution binds every name to a slot (§4.1, §4.2, §8.2):
//   local  — a slot of the current frame (an array);
//   global — a slot of the globals array (script top level, main-mode globals);
//   cap    — a slot of a lambda's private environment, frame slot 0 (§8.2:
//            a lambda copies every outer variable it mentions when created).

import { type Diagnostic, type DiagnosticCode, error, type Expr, type Span, type Stmt, type TypeNode } from '@wyn/parser';
import type { Host } from '../host';
import { EnumDef, FnDef, FnInstance, type ModuleCtx, StructDef, TraitDef, type TypeEnv } from '../program';
import type { Runtime } from '../runtime/runtime';
import { ANY, BOOL, FLOAT, fresh, INT, prune, STRING, type Type, unify, VOID } from '../types';
import { compileModuleInit } from './modules';
import type { Leaf } from '../conc/gen';

export interface VarInfo {
  name: string;
  slot: number;
  t: Type;
  isConst: boolean;
  readonly: boolean;
  global: boolean;
  /** A script-mode global declared ahead of its first assignment; cleared once the statement `declaredBy` is compiled. */
  prescanned?: boolean;
  declaredBy?: Stmt;
  /** A script-mode global: functions may run (and read it) before the top level assigns it. */
  late?: boolean;
  /** Declared by a bare assignment inside a nested block (§4.1): in scope after the block even when it never ran. */
  hoisted?: boolean;
  /** A module global declared `pub` (§12.2): importers may read it. */
  isPublic?: boolean;
  /** The imported module a global belongs to: reading it first makes sure the module is initialised. */
  home?: ModuleCtx;
}

export type Ref =
  | { k: 'local'; slot: number; info: VarInfo }
  | { k: 'global'; slot: number; info: VarInfo }
  | { k: 'cap'; idx: number; info: VarInfo };

/** A compiled expression: its static type and its closure. */
export interface Compiled {
  t: Type;
  ev: (f: unknown[]) => unknown;
  /**
   * Suspendable form, present only on expressions that contain a suspension
   * point, in a body that may suspend (conc/gen.ts); `ev` then blocks instead.
   */
  gen?: (f: unknown[]) => Generator<unknown, unknown, void>;
  /**
   * Present when the node is a suspension point whose operands cannot
   * suspend (a channel operation, an await, a sleep): the same as `gen`, in a
   * form its consumer runs inline, without a generator of its own (conc/gen.ts).
   */
  leaf?: Leaf;
}

export type Exec = (f: unknown[]) => number;
/** Statement completions: the value of a `return` travels in `rt.ret`. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export class Compiler implements TypeEnv {
  readonly diagnostics: Diagnostic[] = [];
  readonly globalScope = new Map<string, VarInfo>();
  nglobals = 0;
  /** Function instances waiting for their body to be compiled. */
  readonly pending: FnInstance[] = [];
  constructor(
    readonly rt: Runtime,
    readonly host: Host,
    readonly entry: ModuleCtx,
    readonly compileBody: (inst: FnInstance) => void,
  ) {}

  error(code: DiagnosticCode, message: string, file: string, span: Span, hint?: string): void {
    // One diagnostic per position keeps cascades out of the output.
    if (this.diagnostics.some((d) => d.span.start === span.start && d.file === file)) return;
    this.diagnostics.push(error(code, message, file, span, hint === undefined ? {} : { hint }));
  }

  newGlobal(name: string, t: Type, isConst: boolean): VarInfo {
    return { name, slot: this.nglobals++, t, isConst, readonly: false, global: true };
  }

  resolveType(node: TypeNode, params: Map<string, Type>, mod: ModuleCtx = this.entry): Type {
    switch (node.kind) {
      case 'ArrayType': return { k: 'array', el: this.resolveType(node.element, params, mod) };
      case 'MapType': return { k: 'map', key: STRING, val: this.resolveType(node.value, params, mod) };
      case 'TupleType': return { k: 'tuple', els: node.elements.map((e) => this.resolveType(e, params, mod)) };
      case 'OptionalType': return { k: 'option', inner: this.resolveType(node.inner, params, mod) };
      case 'FnType':
        return { k: 'fn', params: node.params.map((p) => this.resolveType(p, params, mod)), ret: node.returnType ? this.resolveType(node.returnType, params, mod) : VOID };
      case 'NamedType': {
        const args = node.args.map((a) => this.resolveType(a, params, mod));
        const p = params.get(node.name);
        if (p !== undefined) return p;
        switch (node.name) {
          case 'int': return INT;
          case 'float': return FLOAT;
          case 'bool': return BOOL;
          case 'string': case 'str': return STRING;
          case 'void': return VOID;
          case 'any': return ANY;
          case 'Option': return { k: 'option', inner: args[0] ?? fresh() };
          case 'Result': return { k: 'result', ok: args[0] ?? fresh(), err: args[1] ?? fresh() };
          case 'HashMap': case 'Map': return { k: 'map', key: STRING, val: args[1] ?? fresh() };
          // Library objects named by handles (STDLIB §0, §10, §16, §23).
          case 'HashSet': case 'StringBuilder': case 'Json': return { k: 'handle', name: node.name };
        }
        const found = this.lookupType(node.name, mod);
        if (found instanceof StructDef) return { k: 'struct', def: found, args: fillArgs(args, found.decl.typeParams.length) };
        if (found instanceof EnumDef) return { k: 'enum', def: found, args: fillArgs(args, found.decl.typeParams.length) };
        if (found instanceof TraitDef) return { k: 'trait', def: found };
        const alias = mod.aliases.get(node.name);
        if (alias !== undefined) return this.resolveType(alias, params, mod);
        this.error('E0201', `unknown type \`${node.name}\``, mod.file, node.span);
        return ANY;
      }
    }
  }

  lookupType(name: string, mod: ModuleCtx): StructDef | EnumDef | TraitDef | null {
    const own = mod.structs.get(name) ?? mod.enums.get(name) ?? mod.traits.get(name);
    if (own !== undefined) return own;
    // Types of imported modules are visible by name (§12 T3: sane behaviour).
    for (const m of [...mod.namespaces.values(), ...[...mod.selective.values()].map((s) => s.mod)]) {
      const t = m.structs.get(name) ?? m.enums.get(name) ?? m.traits.get(name);
      if (t !== undefined) return t;
    }
    if (mod !== this.entry) {
      const t = this.entry.structs.get(name) ?? this.entry.enums.get(name) ?? this.entry.traits.get(name);
      if (t !== undefined) return t;
    }
    return null;
  }

  /** The instance of `def` for these type arguments, created (not yet compiled) on first use. */
  instance(def: FnDef, typeArgs: Map<string, Type>, selfType: Type | null): FnInstance {
    const key = [...typeArgs.values()].map((t) => typeKeyOf(t)).join(',') + (selfType ? '|' + typeKeyOf(selfType) : '');
    let inst = def.instances.get(key);
    if (inst !== undefined) return inst;
    const params = def.decl.params.map((p) => {
      if (p.name === 'self') return selfType ?? ANY;
      if (p.type !== null) return this.resolveType(p.type, typeArgs, def.mod);
      return fresh();
    });
    let ret: Type;
    if (def.decl.returnType !== null) ret = this.resolveType(def.decl.returnType, typeArgs, def.mod);
    else if (def.decl.body.kind !== 'Block' || hasReturnValue(def.decl.body.body)) ret = fresh();
    else ret = VOID;
    inst = new FnInstance(def, typeArgs, params, ret);
    def.instances.set(key, inst);
    this.pending.push(inst);
    return inst;
  }

  /**
   * An imported module's globals, its declarations compiled on first need
   * (compile/modules.ts), so a function of the module may be compiled first.
   */
  moduleGlobals(mod: ModuleCtx): Map<string, VarInfo> {
    if (!mod.initCompiled && !mod.isEntry) compileModuleInit(this, mod);
    return mod.globals;
  }

  /** Compiles a pending instance now when its inferred return type is needed. */
  ensureCompiled(inst: FnInstance): void {
    if (inst.state === 'new') this.compileBody(inst);
  }
}

function typeKeyOf(t: Type): string {
  const p = prune(t);
  if (p.k === 'struct' || p.k === 'enum') return p.def.name + '<' + p.args.map(typeKeyOf).join(',') + '>';
  if (p.k === 'array') return '[' + typeKeyOf(p.el) + ']';
  if (p.k === 'map') return '{' + typeKeyOf(p.val) + '}';
  if (p.k === 'option') return typeKeyOf(p.inner) + '?';
  if (p.k === 'result') return 'R<' + typeKeyOf(p.ok) + ',' + typeKeyOf(p.err) + '>';
  if (p.k === 'tuple') return '(' + p.els.map(typeKeyOf).join(',') + ')';
  if (p.k === 'fn') return 'fn(' + p.params.map(typeKeyOf).join(',') + ')' + typeKeyOf(p.ret);
  if (p.k === 'trait') return p.def.name;
  if (p.k === 'var') return 'any';
  // A generic instance for a channel argument keeps the channel type in its result (§7.1).
  if (p.k === 'int' && p.chan) return 'channel';
  return p.k;
}

function fillArgs(args: Type[], n: number): Type[] {
  const out = args.slice(0, n);
  while (out.length < n) out.push(fresh());
  return out;
}

/** Whether a body has a `return expr` (then an unannotated function returns a value, §4.3.3). */
function hasReturnValue(stmts: readonly unknown[]): boolean {
  const stack: unknown[] = [...stmts];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || typeof n !== 'object') continue;
    const o = n as { kind?: string; value?: unknown };
    if (o.kind === 'Lambda') continue;
    if (o.kind === 'ReturnStmt' && o.value !== null) return true;
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') stack.push(v);
  }
  return false;
}

/** One function body (or lambda body, or the script's top level) being compiled. */
export class FnCtx {
  readonly scopes: Map<string, VarInfo>[] = [new Map()];
  nslots: number;
  readonly captures: { from: Ref; info: VarInfo }[] = [];
  loopDepth = 0;
  hasDefer = false;
  hasTry = false;
  /** Frame slot holding the list of pending defers, or -1 when the body has no `defer` (§5.8). */
  deferSlot = -1;
  /** `main` is exempt from implicit returns and returns its status (§1.3). */
  isMain = false;
  /** The body may suspend (conc/analysis.ts): its expressions and statements get generator forms (conc/gen.ts). */
  suspends = false;
  /** The expressions compiled directly inside the expression being compiled, in order (conc/gen.ts); null elsewhere. */
  kids: Compiled[] | null = null;
  /** While an expression is recompiled over slots: what its direct sub-expressions compile to (conc/gen.ts). */
  replay: { items: Compiled[]; next: number } | null = null;
  /**
   * Set by `spawn` around its call: the call compiled for exactly this node
   * reports its instance (a user call) or its callee (a call of a function
   * value), and its argument closures (conc/compile.ts).
   */
  spawnCapture: {
    call: object;
    take: (inst: FnInstance, evs: Array<(f: unknown[]) => unknown>) => void;
    takeValue: (callee: (f: unknown[]) => unknown, evs: Array<(f: unknown[]) => unknown>) => void;
  } | null = null;
  constructor(
    readonly comp: Compiler,
    readonly mod: ModuleCtx,
    readonly parent: FnCtx | null,
    readonly kind: 'fn' | 'lambda' | 'top',
    public ret: Type,
    readonly typeParams: Map<string, Type>,
    readonly inst: FnInstance | null,
  ) {
    // Lambda frames keep their captured environment in slot 0.
    this.nslots = kind === 'lambda' ? 1 : 0;
  }

  get file(): string {
    return this.mod.file;
  }
  get rt(): Runtime {
    return this.comp.rt;
  }

  error(code: DiagnosticCode, message: string, span: Span, hint?: string): void {
    this.comp.error(code, message, this.file, span, hint);
  }

  /** Unifies, reporting a type mismatch at `span` when impossible. */
  expect(want: Type, got: Type, span: Span, what = 'type mismatch'): boolean {
    if (unify(want, got)) return true;
    this.error('E0301', `${what}: expected \`${typeNameOf(want)}\`, found \`${typeNameOf(got)}\``, span);
    return false;
  }

  /**
   * Reports the use of a call that returns nothing as a value (§3.1: `void`
   * is "no value"); without this, `y = log("x")` would store JS `undefined`.
   * A future is typed by its task's result, so `f = spawn log("x")` and
   * `await f` are let through (CONCURRENCY.md §2: a void task's future).
   */
  value(c: Compiled, e: Expr): Compiled {
    const span = e.span;
    if (prune(c.t).k === 'void' && e.kind !== 'SpawnExpr' && e.kind !== 'AwaitExpr') this.error('E0301', 'this expression returns nothing and cannot be used as a value', span);
    return c;
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }
  popScope(): void {
    this.scopes.pop();
  }

  /** Declares in the innermost block (`var`, loop variables, pattern bindings). */
  declare(name: string, t: Type, isConst = false, readonly = false): VarInfo {
    const info = this.newVar(name, t, isConst, readonly);
    this.scopes[this.scopes.length - 1].set(name, info);
    return info;
  }

  /** Declares at function level (a bare first assignment, §4.1). */
  declareFunctionLevel(name: string, t: Type): VarInfo {
    const info = this.newVar(name, t, false, false);
    if (this.scopes.length > 1) info.hoisted = true;
    this.scopes[0].set(name, info);
    return info;
  }

  private newVar(name: string, t: Type, isConst: boolean, readonly: boolean): VarInfo {
    if (this.kind === 'top') {
      const g = this.comp.newGlobal(name, t, isConst);
      g.readonly = readonly;
      return g;
    }
    return { name, slot: this.nslots++, t, isConst, readonly, global: false };
  }

  /** A scratch slot for loop counters and match subjects. */
  temp(): number {
    if (this.kind === 'top') return this.comp.nglobals++;
    return this.nslots++;
  }

  lookup(name: string): Ref | null {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v !== undefined) return v.global ? { k: 'global', slot: v.slot, info: v } : { k: 'local', slot: v.slot, info: v };
    }
    if (this.kind === 'lambda') {
      const c = this.captures.findIndex((x) => x.info.name === name);
      if (c >= 0) return { k: 'cap', idx: c, info: this.captures[c].info };
      const outer = this.parent!.lookup(name);
      if (outer === null) return null;
      // §8.2: the lambda gets its own copy, made when the lambda is evaluated.
      const info: VarInfo = { ...outer.info, global: false };
      this.captures.push({ from: outer, info });
      return { k: 'cap', idx: this.captures.length - 1, info };
    }
    if (this.kind === 'fn') {
      // Functions see the globals of their own file: the entry's (§1.2) or a module's.
      const g = this.mod.isEntry ? this.comp.globalScope.get(name) : this.comp.moduleGlobals(this.mod).get(name);
      if (g !== undefined) return { k: 'global', slot: g.slot, info: g };
    }
    // `import { LIMIT } from m` reads m's constant unqualified; it cannot be assigned here.
    const sel = this.mod.selective.get(name);
    const g = sel === undefined ? undefined : this.comp.moduleGlobals(sel.mod).get(sel.name);
    if (g !== undefined) return { k: 'global', slot: g.slot, info: { ...g, isConst: true } };
    return null;
  }
}

export function typeNameOf(t: Type): string {
  const p = prune(t);
  switch (p.k) {
    case 'array': return `[${typeNameOf(p.el)}]`;
    case 'map': return `{string: ${typeNameOf(p.val)}}`;
    case 'option': return `${typeNameOf(p.inner)}?`;
    case 'result': return `Result<${typeNameOf(p.ok)}, ${typeNameOf(p.err)}>`;
    case 'tuple': return `(${p.els.map(typeNameOf).join(', ')})`;
    case 'fn': return `fn(${p.params.map(typeNameOf).join(', ')}) -> ${typeNameOf(p.ret)}`;
    case 'struct': case 'enum': case 'trait': return p.def.name;
    case 'handle': return p.name;
    case 'var': return '_';
    case 'int': return p.chan ? 'channel' : 'int';
    default: return p.k;
  }
}
