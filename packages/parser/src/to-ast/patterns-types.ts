// CST→AST for patterns (LANGUAGE.md §7.2) and type annotations (§3.11).

import type { Node } from 'ohm-js';
import type { BoolLit, FieldPattern, FloatLit, IntLit, Pattern, StringLit, TypeNode } from '../ast';
import { ast, listAst, optional, optionalAst, spanOf } from './context';

function signedInt(node: Node): bigint {
  return ast<bigint>(node);
}

export const patternTypeActions = {
  Pattern(this: Node, list: Node): Pattern {
    const alternatives = listAst<Pattern>(list);
    if (alternatives.length === 1) return alternatives[0];
    return { kind: 'OrPattern', alternatives, span: spanOf(this) };
  },
  PatternAtom_wildcard(this: Node, _a0: Node): Pattern {
    return { kind: 'WildcardPattern', span: spanOf(this) };
  },
  PatternAtom_range(this: Node, start: Node, op: Node, end: Node): Pattern {
    return { kind: 'RangePattern', start: signedInt(start), end: signedInt(end), inclusive: op.sourceString === '..=', span: spanOf(this) };
  },
  SignedInt(this: Node, minus: Node, value: Node): bigint {
    const v = ast<IntLit>(value).value;
    return optional(minus) === null ? v : -v;
  },
  PatternAtom_none(this: Node, _a0: Node, _a1: Node, _a2: Node): Pattern {
    return { kind: 'NonePattern', span: spanOf(this) };
  },
  PatternAtom_some(this: Node, _s: Node, _o: Node, inner: Node, _a3: Node): Pattern {
    return { kind: 'SomePattern', inner: ast(inner), span: spanOf(this) };
  },
  PatternAtom_qualified(this: Node, enumName: Node, _sep: Node, name: Node, _o: Node, args: Node, _a5: Node, _a6: Node): Pattern {
    const list = optional(args);
    return {
      kind: 'VariantPattern', enumName: enumName.sourceString, name: name.sourceString,
      args: list === null ? null : listAst<Pattern>(list), span: spanOf(this),
    };
  },
  PatternAtom_call(this: Node, name: Node, _o: Node, args: Node, _a3: Node, _a4: Node): Pattern {
    return { kind: 'VariantPattern', enumName: null, name: name.sourceString, args: listAst<Pattern>(args), span: spanOf(this) };
  },
  PatternAtom_struct(this: Node, name: Node, _o: Node, fields: Node, _a3: Node, _a4: Node): Pattern {
    return { kind: 'StructPattern', name: name.sourceString, fields: listAst<FieldPattern>(fields), span: spanOf(this) };
  },
  FieldPattern_named(this: Node, name: Node, _c: Node, pattern: Node): FieldPattern {
    return { name: name.sourceString, pattern: ast(pattern), span: spanOf(this) };
  },
  FieldPattern_short(this: Node, name: Node): FieldPattern {
    return { name: name.sourceString, pattern: null, span: spanOf(this) };
  },
  PatternAtom_tuple(this: Node, _o: Node, first: Node, _comma: Node, rest: Node, _a4: Node, _a5: Node): Pattern {
    return { kind: 'TuplePattern', elements: [ast<Pattern>(first), ...listAst<Pattern>(rest)], span: spanOf(this) };
  },
  PatternAtom_array(this: Node, _o: Node, list: Node, _comma: Node, dots: Node, rest: Node, _a5: Node): Pattern {
    const restName = optional(dots) === null ? null : (optional(rest)?.sourceString ?? '');
    return { kind: 'ArrayPattern', elements: listAst<Pattern>(list), rest: restName, span: spanOf(this) };
  },
  PatternAtom_arrayRest(this: Node, _o: Node, _dots: Node, rest: Node, _a3: Node): Pattern {
    return { kind: 'ArrayPattern', elements: [], rest: optional(rest)?.sourceString ?? '', span: spanOf(this) };
  },
  PatternAtom_number(this: Node, n: Node) {
    return ast(n);
  },
  SignedNumber(this: Node, minus: Node, n: Node): Pattern {
    return { kind: 'LiteralPattern', value: ast<IntLit | FloatLit>(n), negative: optional(minus) !== null, span: spanOf(this) };
  },
  PatternAtom_string(this: Node, s: Node): Pattern {
    return { kind: 'LiteralPattern', value: ast<StringLit>(s), negative: false, span: spanOf(this) };
  },
  PatternAtom_true(this: Node, _a0: Node): Pattern {
    const value: BoolLit = { kind: 'BoolLit', value: true, span: spanOf(this) };
    return { kind: 'LiteralPattern', value, negative: false, span: spanOf(this) };
  },
  PatternAtom_false(this: Node, _a0: Node): Pattern {
    const value: BoolLit = { kind: 'BoolLit', value: false, span: spanOf(this) };
    return { kind: 'LiteralPattern', value, negative: false, span: spanOf(this) };
  },
  PatternAtom_name(this: Node, name: Node): Pattern {
    return { kind: 'NamePattern', name: name.sourceString, span: spanOf(this) };
  },

  Type_optional(this: Node, base: Node, _a1: Node): TypeNode {
    return { kind: 'OptionalType', inner: ast(base), span: spanOf(this) };
  },
  BaseType_fn(this: Node, _fn: Node, _o: Node, params: Node, _comma: Node, _c: Node, ret: Node): TypeNode {
    return { kind: 'FnType', params: listAst<TypeNode>(params), returnType: optionalAst<TypeNode>(ret), span: spanOf(this) };
  },
  BaseType_array(this: Node, _o: Node, element: Node, _a2: Node): TypeNode {
    return { kind: 'ArrayType', element: ast(element), span: spanOf(this) };
  },
  BaseType_map(this: Node, _o: Node, key: Node, _c: Node, value: Node, _a4: Node): TypeNode {
    return { kind: 'MapType', key: ast(key), value: ast(value), span: spanOf(this) };
  },
  BaseType_tuple(this: Node, _o: Node, first: Node, _comma: Node, rest: Node, _a4: Node, _a5: Node): TypeNode {
    return { kind: 'TupleType', elements: [ast<TypeNode>(first), ...listAst<TypeNode>(rest)], span: spanOf(this) };
  },
  BaseType_paren(this: Node, _o: Node, inner: Node, _a2: Node) {
    return ast(inner);
  },
  BaseType_named(this: Node, name: Node, args: Node): TypeNode {
    return { kind: 'NamedType', name: name.sourceString, args: optionalAst<TypeNode[]>(args) ?? [], span: spanOf(this) };
  },
  TypeArgs(this: Node, _o: Node, list: Node, _a2: Node) {
    return listAst<TypeNode>(list);
  },
};
