// CST→AST for top-level declarations (LANGUAGE.md §4, §12) and test blocks.

import type { Node } from 'ohm-js';
import type {
  Block, Decl, EnumVariant, Expr, FnDecl, Param, Stmt, StructField, TraitMethod, TypeNode, TypeParam,
  Visibility,
} from '../ast';
import { ast, ctx, iterAst, listAst, optional, optionalAst, report, spanOf } from './context';

function visibility(node: Node): Visibility {
  const v = optional(node);
  return v === null ? null : (v.sourceString as Visibility);
}

function typeParams(node: Node): TypeParam[] {
  return optionalAst<TypeParam[]>(node) ?? [];
}

export const declarationActions = {
  Program(this: Node, items: Node) {
    const body = iterAst<Stmt | null>(items).filter((s): s is Stmt => s !== null);
    return { kind: 'Program', body, span: spanOf(this) };
  },
  FnDecl(this: Node, vis: Node, _fn: Node, name: Node, tps: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, body: Node): FnDecl {
    const names = ast<{ receiver: string | null; name: string; span: ReturnType<typeof spanOf> }>(name);
    if (ctx().blockDepth > 0) {
      report('E0110', 'functions cannot be nested', names.span, {
        label: 'declared inside a block',
        hint: `declare \`${names.name}\` at the top level, or use a lambda: \`${names.name} = (x) => ...\``,
      });
    }
    return {
      kind: 'FnDecl', visibility: visibility(vis), receiver: names.receiver, name: names.name, nameSpan: names.span,
      typeParams: typeParams(tps), params: listAst<Param>(params), returnType: optionalAst<TypeNode>(ret),
      body: ast<Block | Expr>(body), span: spanOf(this),
    };
  },
  FnName_method(this: Node, receiver: Node, _dot: Node, name: Node) {
    return { receiver: receiver.sourceString, name: name.sourceString, span: spanOf(name) };
  },
  FnName_plain(this: Node, name: Node) {
    return { receiver: null, name: name.sourceString, span: spanOf(name) };
  },
  FnBody_block(this: Node, b: Node) {
    return ast(b);
  },
  FnBody_expr(this: Node, _arrow: Node, e: Node) {
    return ast(e);
  },
  ReturnType(this: Node, _arrow: Node, type: Node) {
    return ast(type);
  },
  Param(this: Node, mut: Node, core: Node): Param {
    const p = ast<Omit<Param, 'mutable' | 'span'>>(core);
    return { ...p, mutable: optional(mut) !== null, span: spanOf(this) };
  },
  ParamCore_self(this: Node, _self: Node, _c: Node, type: Node) {
    return { name: 'self', type: optionalAst<TypeNode>(type), defaultValue: null };
  },
  ParamCore_typed(this: Node, name: Node, _c: Node, type: Node, _eq: Node, value: Node) {
    return { name: name.sourceString, type: ast<TypeNode>(type), defaultValue: optionalAst<Expr>(value) };
  },
  ParamCore_defaulted(this: Node, name: Node, _eq: Node, value: Node) {
    return { name: name.sourceString, type: null, defaultValue: ast<Expr>(value) };
  },
  ParamCore_untyped(this: Node, name: Node) {
    return { name: name.sourceString, type: null, defaultValue: null };
  },
  TypeParams(this: Node, _o: Node, list: Node, _a2: Node) {
    return listAst<TypeParam>(list);
  },
  TypeParam(this: Node, name: Node, _c: Node, bounds: Node): TypeParam {
    const b = optional(bounds);
    const names = b === null ? [] : b.asIteration().children.map((n: Node) => n.sourceString);
    return { name: name.sourceString, bounds: names, span: spanOf(this) };
  },
  ExternDecl(this: Node, _extern: Node, _fn: Node, name: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node): Decl {
    return { kind: 'ExternFnDecl', name: name.sourceString, params: listAst<Param>(params), returnType: optionalAst<TypeNode>(ret), span: spanOf(this) };
  },
  StructDecl(this: Node, vis: Node, _s: Node, name: Node, tps: Node, _o: Node, members: Node, _a6: Node): Decl {
    const all = iterAst<StructField | FnDecl>(members);
    return {
      kind: 'StructDecl', visibility: visibility(vis), name: name.sourceString, typeParams: typeParams(tps),
      fields: all.filter((m): m is StructField => !('kind' in m)),
      methods: all.filter((m): m is FnDecl => 'kind' in m),
      span: spanOf(this),
    };
  },
  StructMember_method(this: Node, fn: Node) {
    return ast(fn);
  },
  StructMember_field(this: Node, name: Node, _c: Node, type: Node, _a3: Node): StructField {
    return { name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  EnumDecl(this: Node, vis: Node, _e: Node, name: Node, tps: Node, _o: Node, variants: Node, _a6: Node): Decl {
    return {
      kind: 'EnumDecl', visibility: visibility(vis), name: name.sourceString, typeParams: typeParams(tps),
      variants: iterAst<EnumVariant>(variants), span: spanOf(this),
    };
  },
  EnumVariant(this: Node, name: Node, _o: Node, fields: Node, _a3: Node, _a4: Node, _a5: Node): EnumVariant {
    const list = optional(fields);
    return { name: name.sourceString, payload: list === null ? [] : listAst<TypeNode>(list), span: spanOf(this) };
  },
  VariantField_named(this: Node, _name: Node, _c: Node, type: Node) {
    return ast(type);
  },
  VariantField_plain(this: Node, type: Node) {
    return ast(type);
  },
  TraitDecl(this: Node, vis: Node, _t: Node, name: Node, tps: Node, _o: Node, methods: Node, _a6: Node): Decl {
    return {
      kind: 'TraitDecl', visibility: visibility(vis), name: name.sourceString, typeParams: typeParams(tps),
      methods: iterAst<TraitMethod>(methods), span: spanOf(this),
    };
  },
  TraitMethod(this: Node, _fn: Node, name: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node, body: Node): TraitMethod {
    const b = optional(body);
    return {
      name: name.sourceString, params: listAst<Param>(params), returnType: optionalAst<TypeNode>(ret),
      body: b === null || b.sourceString === ';' ? null : ast<Block>(b), span: spanOf(this),
    };
  },
  ImplDecl(this: Node, _impl: Node, tps: Node, first: Node, firstArgs: Node, _for: Node, target: Node, targetArgs: Node, _o: Node, fns: Node, _a9: Node): Decl {
    const t = optional(target);
    const firstTypeArgs = optionalAst<TypeNode[]>(firstArgs) ?? [];
    return {
      kind: 'ImplDecl', typeParams: typeParams(tps),
      target: t === null ? first.sourceString : t.sourceString,
      targetArgs: t === null ? firstTypeArgs : (optionalAst<TypeNode[]>(targetArgs) ?? []),
      trait: t === null ? null : first.sourceString,
      methods: iterAst<FnDecl>(fns), span: spanOf(this),
    };
  },
  TypeAlias(this: Node, _vis: Node, _t: Node, name: Node, _eq: Node, type: Node): Decl {
    return { kind: 'TypeAlias', name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  ImportDecl_selective(this: Node, _imp: Node, _o: Node, names: Node, _comma: Node, _c: Node, _from: Node, path: Node): Decl {
    const p = ast<{ root: 'root' | 'self' | null; path: string[] }>(path);
    const list = names.asIteration().children.map((n: Node) => n.sourceString);
    return { kind: 'ImportDecl', ...p, alias: null, names: list, span: spanOf(this) };
  },
  ImportDecl_plain(this: Node, _imp: Node, path: Node, _as: Node, alias: Node): Decl {
    const p = ast<{ root: 'root' | 'self' | null; path: string[] }>(path);
    const a = optional(alias);
    return { kind: 'ImportDecl', ...p, alias: a === null ? null : a.sourceString, names: null, span: spanOf(this) };
  },
  ModulePath(this: Node, root: Node, _sep: Node, parts: Node) {
    const r = optional(root);
    return {
      root: r === null ? null : (r.sourceString as 'root' | 'self'),
      path: parts.asIteration().children.map((n: Node) => n.sourceString),
    };
  },
  TestDecl(this: Node, _t: Node, name: Node, body: Node): Decl {
    const n = ast<Expr>(name);
    const title = n.kind === 'StringLit' ? n.value : name.sourceString;
    return { kind: 'TestDecl', name: title, body: ast(body), span: spanOf(this) };
  },
};
