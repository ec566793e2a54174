// The Wyn AST: plain objects, a discriminated union on `kind`, every node with
// a `span`. Produced once from Ohm's CST by `toAST`; nothing after the parser
// sees Ohm. Section numbers refer to shared/spec/LANGUAGE.md.

import type { Span } from './span';

interface NodeBase {
  span: Span;
}

// ---------------------------------------------------------------- types (§3.11)

export type TypeNode = NamedType | ArrayType | MapType | TupleType | FnType | OptionalType;

/** `int`, `Point`, `Box<int>`, `Result<T, E>`, `HashMap<K, V>`. */
export interface NamedType extends NodeBase { kind: 'NamedType'; name: string; args: TypeNode[] }
export interface ArrayType extends NodeBase { kind: 'ArrayType'; element: TypeNode }
export interface MapType extends NodeBase { kind: 'MapType'; key: TypeNode; value: TypeNode }
export interface TupleType extends NodeBase { kind: 'TupleType'; elements: TypeNode[] }
export interface FnType extends NodeBase { kind: 'FnType'; params: TypeNode[]; returnType: TypeNode | null }
export interface OptionalType extends NodeBase { kind: 'OptionalType'; inner: TypeNode }

// ---------------------------------------------------------------- expressions (§6)

export type Expr =
  | IntLit | FloatLit | StringLit | InterpolatedString | BoolLit | NoneLit | SomeExpr
  | Ident | ArrayLit | Comprehension | MapLit | TupleLit | StructLit | Lambda
  | IfExpr | MatchExpr | Binary | Unary | Ternary | Call | Index | Slice
  | Field | OptionalField | TryExpr | AwaitExpr | SpawnExpr;

/** Integer literal; `value` is exact (a literal above i64::MAX is a diagnostic). */
export interface IntLit extends NodeBase { kind: 'IntLit'; value: bigint; raw: string }
export interface FloatLit extends NodeBase { kind: 'FloatLit'; value: number; raw: string }
export type QuoteStyle = '"' | "'" | '"""';
/** A string without interpolation; escapes already decoded (§2.7). */
export interface StringLit extends NodeBase { kind: 'StringLit'; value: string; quote: QuoteStyle }
/** `"a ${x} b"`: literal text and embedded expressions, in order. */
export interface InterpolatedString extends NodeBase {
  kind: 'InterpolatedString';
  parts: Array<string | Expr>;
  quote: QuoteStyle;
}
export interface BoolLit extends NodeBase { kind: 'BoolLit'; value: boolean }
export interface NoneLit extends NodeBase { kind: 'NoneLit' }
export interface SomeExpr extends NodeBase { kind: 'SomeExpr'; value: Expr }
/** A name; also `self` and `channel` (both keywords, both usable as values). */
export interface Ident extends NodeBase { kind: 'Ident'; name: string }
export interface ArrayLit extends NodeBase { kind: 'ArrayLit'; elements: Expr[] }
/** `[expr for x in iter if cond]`; `rangeEnd` set for `a..b` / `a..=b` (§6.13). */
export interface Comprehension extends NodeBase {
  kind: 'Comprehension';
  element: Expr;
  binders: Binder[];
  iterable: Expr;
  rangeEnd: Expr | null;
  inclusive: boolean;
  condition: Expr | null;
}
export interface MapEntry extends NodeBase { key: Expr; value: Expr }
export interface MapLit extends NodeBase { kind: 'MapLit'; entries: MapEntry[] }
export interface TupleLit extends NodeBase { kind: 'TupleLit'; elements: Expr[] }
export interface FieldInit extends NodeBase { name: string; value: Expr }
export interface StructLit extends NodeBase { kind: 'StructLit'; name: string; typeArgs: TypeNode[]; fields: FieldInit[] }
export interface LambdaParam extends NodeBase { name: string; type: TypeNode | null }
export type LambdaStyle = 'arrow' | 'pipe' | 'fn';
/** All lambda spellings (§8.1); `body` is an expression or a block. */
export interface Lambda extends NodeBase {
  kind: 'Lambda';
  params: LambdaParam[];
  returnType: TypeNode | null;
  body: Expr | Block;
  style: LambdaStyle;
}
/** `if c { a } else { b }` used as a value; the value of a block is its last expression statement. */
export interface IfExpr extends NodeBase { kind: 'IfExpr'; condition: Expr; then: Block; else: Block | IfExpr | null }
export interface ExprArm extends NodeBase { pattern: Pattern; guard: Expr | null; body: Expr | Block }
export interface MatchExpr extends NodeBase { kind: 'MatchExpr'; subject: Expr; arms: ExprArm[] }

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'and' | 'or' | '??';
export interface Binary extends NodeBase { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; opSpan: Span }
export type UnaryOp = '-' | 'not' | '~';
export interface Unary extends NodeBase { kind: 'Unary'; op: UnaryOp; operand: Expr }
export interface Ternary extends NodeBase { kind: 'Ternary'; condition: Expr; then: Expr; else: Expr }
export interface Arg extends NodeBase { name: string | null; value: Expr }
export interface Call extends NodeBase { kind: 'Call'; callee: Expr; args: Arg[] }
export interface Index extends NodeBase { kind: 'Index'; object: Expr; index: Expr }
/** `a[s:e]` and `a[s..e]`; both bounds optional (§6.10). */
export interface Slice extends NodeBase { kind: 'Slice'; object: Expr; start: Expr | null; end: Expr | null }
/** `x.f`, `t.0`, `Type::name`; `path` records the `::` spelling. */
export interface Field extends NodeBase { kind: 'Field'; object: Expr; name: string; path: boolean }
export interface OptionalField extends NodeBase { kind: 'OptionalField'; object: Expr; name: string }
export interface TryExpr extends NodeBase { kind: 'TryExpr'; operand: Expr }
export interface AwaitExpr extends NodeBase { kind: 'AwaitExpr'; operand: Expr }
/** `spawn f(args)`; the operand is always a call (CONCURRENCY.md §2). */
export interface SpawnExpr extends NodeBase { kind: 'SpawnExpr'; call: Call }

// ---------------------------------------------------------------- patterns (§7.2)

export type Pattern =
  | WildcardPattern | LiteralPattern | RangePattern | NamePattern | VariantPattern
  | SomePattern | NonePattern | StructPattern | TuplePattern | ArrayPattern | OrPattern;

export interface WildcardPattern extends NodeBase { kind: 'WildcardPattern' }
/** Int, float, string or bool literal; numbers may carry a leading minus. */
export interface LiteralPattern extends NodeBase { kind: 'LiteralPattern'; value: IntLit | FloatLit | StringLit | BoolLit; negative: boolean }
export interface RangePattern extends NodeBase { kind: 'RangePattern'; start: bigint; end: bigint; inclusive: boolean }
/** A bare name: a binding, or a variant of the subject's enum; the checker decides. */
export interface NamePattern extends NodeBase { kind: 'NamePattern'; name: string }
/** `Color.Red`, `Shape::Rect(w, h)`, `Rect(w, h)`, `Ok(v)`, `Err(e)`; `args` null when no parentheses. */
export interface VariantPattern extends NodeBase {
  kind: 'VariantPattern';
  enumName: string | null;
  name: string;
  args: Pattern[] | null;
}
export interface SomePattern extends NodeBase { kind: 'SomePattern'; inner: Pattern }
export interface NonePattern extends NodeBase { kind: 'NonePattern' }
export interface FieldPattern extends NodeBase { name: string; pattern: Pattern | null }
export interface StructPattern extends NodeBase { kind: 'StructPattern'; name: string; fields: FieldPattern[] }
export interface TuplePattern extends NodeBase { kind: 'TuplePattern'; elements: Pattern[] }
/** `[a, b]`, `[first, ...rest]`; `rest` is the rest name, '' for an anonymous `...`, null when absent. */
export interface ArrayPattern extends NodeBase { kind: 'ArrayPattern'; elements: Pattern[]; rest: string | null }
export interface OrPattern extends NodeBase { kind: 'OrPattern'; alternatives: Pattern[] }

// ---------------------------------------------------------------- statements (§5)

export type Stmt =
  | ExprStmt | AssignStmt | IncDecStmt | VarDecl | DestructureDecl | MultiAssign
  | IfStmt | IfLetStmt | WhileStmt | ForStmt | CForStmt | MatchStmt | ReturnStmt
  | BreakStmt | ContinueStmt | DeferStmt | Block | SelectStmt | ParallelStmt | Decl;

export interface ExprStmt extends NodeBase { kind: 'ExprStmt'; expr: Expr }
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=';
/** `target op= value`; the target is an `Ident`, `Index` or `Field` (§5.1). */
export interface AssignStmt extends NodeBase { kind: 'AssignStmt'; target: Expr; op: AssignOp; value: Expr }
export interface IncDecStmt extends NodeBase { kind: 'IncDecStmt'; target: Expr; op: '++' | '--' }
/**
 * `var x = e`, `const X: T = e`, and the bare annotated `x: T = e` (§4.1).
 * `declKind` 'bare' behaves like 'var'.
 */
export interface VarDecl extends NodeBase {
  kind: 'VarDecl';
  declKind: 'var' | 'const' | 'bare';
  /** `pub const X = …` at the top level of a module (§12.2); absent means private. */
  visibility?: Visibility;
  name: string;
  type: TypeNode | null;
  value: Expr;
}
/** A binder slot: a name, or null for `_`. */
export interface Binder extends NodeBase { name: string | null }
/**
 * Destructuring declarations: `var (a, b) = t` ('tuple'), `var [a, ...r] = xs`
 * ('array'), `var a, b = 1, 2` / `var a, b = t` ('list').
 */
export interface DestructureDecl extends NodeBase {
  kind: 'DestructureDecl';
  constant: boolean;
  shape: 'tuple' | 'array' | 'list';
  binders: Binder[];
  rest: string | null;
  values: Expr[];
}
/** `a, b = b, a`: values evaluated first, then assigned left to right (§4.1). */
export interface MultiAssign extends NodeBase { kind: 'MultiAssign'; targets: Binder[]; values: Expr[] }
export interface IfStmt extends NodeBase { kind: 'IfStmt'; condition: Expr; then: Stmt; else: Stmt | null }
export interface IfLetStmt extends NodeBase { kind: 'IfLetStmt'; pattern: Pattern; value: Expr; then: Block; else: Stmt | null }
export interface WhileStmt extends NodeBase { kind: 'WhileStmt'; condition: Expr; body: Stmt }
/** `for i in a..b`, `for x in xs`, `for i, x in xs`, `for k, v in m` (§5.4). */
export interface ForStmt extends NodeBase {
  kind: 'ForStmt';
  binders: Binder[];
  iterable: Expr;
  rangeEnd: Expr | null;
  inclusive: boolean;
  body: Stmt;
}
/** C-style `for var i = 0; i < n; i = i + 1 { }` (T3). */
export interface CForStmt extends NodeBase {
  kind: 'CForStmt';
  init: VarDecl;
  condition: Expr;
  update: Stmt;
  body: Stmt;
}
export interface StmtArm extends NodeBase { pattern: Pattern; guard: Expr | null; body: Stmt }
export interface MatchStmt extends NodeBase { kind: 'MatchStmt'; subject: Expr; arms: StmtArm[] }
export interface ReturnStmt extends NodeBase { kind: 'ReturnStmt'; value: Expr | null }
export interface BreakStmt extends NodeBase { kind: 'BreakStmt' }
export interface ContinueStmt extends NodeBase { kind: 'ContinueStmt' }
export interface DeferStmt extends NodeBase { kind: 'DeferStmt'; expr: Expr }
export interface Block extends NodeBase { kind: 'Block'; body: Stmt[] }
/** `select { v = ch.recv() => body }` (CONCURRENCY.md §7.5). */
export interface SelectArm extends NodeBase { name: string; channel: Expr; body: Stmt }
export interface SelectStmt extends NodeBase { kind: 'SelectStmt'; arms: SelectArm[] }
/** `parallel { }` and `parallel(timeout: ms) { }` (CONCURRENCY.md §6). */
export interface ParallelStmt extends NodeBase { kind: 'ParallelStmt'; timeout: Expr | null; body: Block }

// ---------------------------------------------------------------- declarations (§4, §12)

export type Decl =
  | FnDecl | StructDecl | EnumDecl | TraitDecl | ImplDecl | TypeAlias
  | ImportDecl | TestDecl | ExternFnDecl;

export type Visibility = 'pub' | 'export' | null;
export interface TypeParam extends NodeBase { name: string; bounds: string[] }
export interface Param extends NodeBase {
  name: string;
  type: TypeNode | null;
  defaultValue: Expr | null;
  mutable: boolean;
}
/**
 * A function or method. `receiver` is set for the extension syntax
 * `fn Type.name(...)`; methods inside `struct`/`impl` bodies appear in their
 * owner's `methods`. An `=> expr` body is kept as an expression (`exprBody`).
 */
export interface FnDecl extends NodeBase {
  kind: 'FnDecl';
  visibility: Visibility;
  receiver: string | null;
  name: string;
  nameSpan: Span;
  typeParams: TypeParam[];
  params: Param[];
  returnType: TypeNode | null;
  body: Block | Expr;
}
export interface ExternFnDecl extends NodeBase { kind: 'ExternFnDecl'; name: string; params: Param[]; returnType: TypeNode | null }
export interface StructField extends NodeBase { name: string; type: TypeNode }
export interface StructDecl extends NodeBase {
  kind: 'StructDecl';
  visibility: Visibility;
  name: string;
  typeParams: TypeParam[];
  fields: StructField[];
  methods: FnDecl[];
}
export interface EnumVariant extends NodeBase { name: string; payload: TypeNode[] }
export interface EnumDecl extends NodeBase {
  kind: 'EnumDecl';
  visibility: Visibility;
  name: string;
  typeParams: TypeParam[];
  variants: EnumVariant[];
}
export interface TraitMethod extends NodeBase { name: string; params: Param[]; returnType: TypeNode | null; body: Block | null }
export interface TraitDecl extends NodeBase { kind: 'TraitDecl'; visibility: Visibility; name: string; typeParams: TypeParam[]; methods: TraitMethod[] }
export interface ImplDecl extends NodeBase {
  kind: 'ImplDecl';
  typeParams: TypeParam[];
  /** With `impl Trait for Type`, `target` is Type and `trait` is Trait. */
  target: string;
  targetArgs: TypeNode[];
  trait: string | null;
  methods: FnDecl[];
}
export interface TypeAlias extends NodeBase { kind: 'TypeAlias'; name: string; type: TypeNode }
/** `import a.b [as c]` or `import { x, y } from a.b` (§12.2). */
export interface ImportDecl extends NodeBase {
  kind: 'ImportDecl';
  root: 'root' | 'self' | null;
  path: string[];
  alias: string | null;
  names: string[] | null;
}
export interface TestDecl extends NodeBase { kind: 'TestDecl'; name: string; body: Block }

export interface Program extends NodeBase { kind: 'Program'; body: Stmt[] }

export type Node = Program | Stmt | Expr | Pattern | TypeNode;
