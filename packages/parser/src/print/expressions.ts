// Prints expressions, patterns and types back to Wyn source. Parentheses are
// added from precedence (LANGUAGE.md §6.1), so the printed text parses back to
// the same AST. Where Wyn's free-form syntax would read the text differently
// (a `?` before an operand is a ternary, §6.14; a struct literal in an `if`
// head, §5.2) the printer adds parentheses too.

import type { Block, Expr, Pattern, StringLit, InterpolatedString, TypeNode, QuoteStyle } from '../ast';

/** Binding strength of an expression's outermost operator (higher binds tighter). */
const binaryLevel: Record<string, number> = {
  '??': 3, or: 4, and: 5,
  '==': 6, '!=': 6, '<': 6, '<=': 6, '>': 6, '>=': 6, in: 6, 'not in': 6,
  '<<': 7, '>>': 7, '+': 8, '-': 8, '&': 9, '|': 9, '^': 9, '*': 10, '/': 10, '%': 10,
};
const POSTFIX = 12;
const UNARY = 11;

function level(e: Expr): number {
  switch (e.kind) {
    case 'Lambda':
      return 1;
    case 'Ternary':
      return 2;
    case 'Binary':
      return binaryLevel[e.op];
    case 'Unary':
    case 'AwaitExpr':
    case 'SpawnExpr':
      return UNARY;
    case 'Call':
    case 'Index':
    case 'Slice':
    case 'Field':
    case 'OptionalField':
    case 'TryExpr':
      return POSTFIX;
    default:
      return 13;
  }
}

/** Hooks the statement printer supplies, so blocks inside expressions indent correctly. */
export interface BlockPrinter {
  block(b: Block, indent: string): string;
}

export class ExprPrinter {
  constructor(private readonly blocks: BlockPrinter) {}

  expr(e: Expr, indent: string): string {
    switch (e.kind) {
      case 'IntLit':
      case 'FloatLit':
        return e.raw;
      case 'StringLit':
        return stringLiteral(e);
      case 'InterpolatedString':
        return this.interpolated(e, indent);
      case 'BoolLit':
        return e.value ? 'true' : 'false';
      case 'NoneLit':
        return 'None';
      case 'SomeExpr':
        return `Some(${this.expr(e.value, indent)})`;
      case 'Ident':
        return e.name;
      case 'ArrayLit':
        return `[${this.list(e.elements, indent)}]`;
      case 'Comprehension': {
        const binders = e.binders.map((b) => b.name ?? '_').join(', ');
        const range = e.rangeEnd === null ? '' : (e.inclusive ? '..=' : '..') + this.operand(e.rangeEnd, 3, indent);
        const cond = e.condition === null ? '' : ` if ${this.expr(e.condition, indent)}`;
        return `[${this.expr(e.element, indent)} for ${binders} in ${this.operand(e.iterable, 3, indent)}${range}${cond}]`;
      }
      case 'MapLit':
        return `{${e.entries.map((m) => `${this.expr(m.key, indent)}: ${this.expr(m.value, indent)}`).join(', ')}}`;
      case 'TupleLit':
        return `(${this.list(e.elements, indent)})`;
      case 'StructLit': {
        const args = e.typeArgs.length > 0 ? `<${e.typeArgs.map(printType).join(', ')}>` : '';
        const fields = e.fields.map((f) => `${f.name}: ${this.expr(f.value, indent)}`).join(', ');
        return `${e.name}${args} { ${fields} }`;
      }
      case 'Lambda': {
        const params = e.params.map((p) => (p.type === null ? p.name : `${p.name}: ${printType(p.type)}`)).join(', ');
        const ret = e.returnType === null ? '' : ` -> ${printType(e.returnType)}`;
        const body = e.body.kind === 'Block' ? this.blocks.block(e.body, indent) : this.expr(e.body, indent);
        if (e.style === 'pipe' && ret === '' && e.params.every((p) => p.type === null || p.type.kind !== 'OptionalType')) {
          return `|${params}| ${body}`;
        }
        if (e.style === 'fn') return e.body.kind === 'Block' ? `fn(${params})${ret} ${body}` : `fn(${params})${ret} => ${body}`;
        return `(${params})${ret} => ${body}`;
      }
      case 'IfExpr': {
        const rest = e.else === null ? '' : ` else ${e.else.kind === 'Block' ? this.blocks.block(e.else, indent) : this.expr(e.else, indent)}`;
        return `if ${this.head(e.condition, indent)} ${this.blocks.block(e.then, indent)}${rest}`;
      }
      case 'MatchExpr': {
        const inner = indent + '  ';
        const arms = e.arms.map((a) => {
          const guard = a.guard === null ? '' : ` if ${this.expr(a.guard, inner)}`;
          const body = a.body.kind === 'Block' ? this.blocks.block(a.body, inner) : this.expr(a.body, inner);
          return `${inner}${printPattern(a.pattern)}${guard} => ${body},\n`;
        });
        return `match ${this.expr(e.subject, indent)} {\n${arms.join('')}${indent}}`;
      }
      case 'Binary': {
        const lv = binaryLevel[e.op];
        // Comparisons never chain (§6.1), so both sides of one bind tighter than it.
        const leftMin = lv === 6 ? lv + 1 : lv;
        let left = this.operand(e.left, leftMin, indent);
        if (e.left.kind === 'TryExpr') left = `(${left})`;
        return `${left} ${e.op} ${this.operand(e.right, lv + 1, indent)}`;
      }
      case 'Unary': {
        const operand = this.operand(e.operand, UNARY, indent);
        if (e.op === 'not') return `not ${operand}`;
        return operand.startsWith('-') || operand.startsWith('~') ? `${e.op}(${operand})` : `${e.op}${operand}`;
      }
      case 'Ternary': {
        let then = this.operand(e.then, 2, indent);
        if (!/^([A-Za-z0-9_"'(-])/.test(then) || /^(return|var|const|while|for|break|continue|fn|struct|enum|impl|trait|import|type|else|defer|pub|let|use|mod|test)\b/.test(then)) {
          then = `(${then})`;
        }
        return `${this.operand(e.condition, 3, indent)} ? ${then} : ${this.operand(e.else, 2, indent)}`;
      }
      case 'Call': {
        const args = e.args.map((a) => (a.name === null ? '' : `${a.name}: `) + this.expr(a.value, indent)).join(', ');
        return `${this.object(e.callee, indent)}(${args})`;
      }
      case 'Index':
        return `${this.object(e.object, indent)}[${this.expr(e.index, indent)}]`;
      case 'Slice': {
        const start = e.start === null ? '' : this.expr(e.start, indent);
        const end = e.end === null ? '' : this.expr(e.end, indent);
        return `${this.object(e.object, indent)}[${start}:${end}]`;
      }
      case 'Field': {
        const object = e.object.kind === 'IntLit' ? `(${e.object.raw})` : this.object(e.object, indent);
        return `${object}${e.path ? '::' : '.'}${e.name}`;
      }
      case 'OptionalField':
        return `${this.object(e.object, indent)}?.${e.name}`;
      case 'TryExpr':
        return `${this.object(e.operand, indent)}?`;
      case 'AwaitExpr':
        return `await ${this.operand(e.operand, UNARY, indent)}`;
      case 'SpawnExpr':
        return `spawn ${this.expr(e.call, indent)}`;
    }
  }

  /** An `if`/`while`/`for` head: a struct literal there would open the body (§5.2). */
  head(e: Expr, indent: string): string {
    const text = this.expr(e, indent);
    return hasBareStruct(e) ? `(${text})` : text;
  }

  private list(items: Expr[], indent: string): string {
    return items.map((x) => this.expr(x, indent)).join(', ');
  }

  private operand(e: Expr, min: number, indent: string): string {
    const text = this.expr(e, indent);
    return level(e) < min ? `(${text})` : text;
  }

  private object(e: Expr, indent: string): string {
    return this.operand(e, POSTFIX, indent);
  }

  private interpolated(e: InterpolatedString, indent: string): string {
    const q = e.quote;
    const body = e.parts.map((p) => (typeof p === 'string' ? escapeText(p, q) : '${' + this.expr(p, indent) + '}')).join('');
    return q + body + q;
  }
}

/** True when a struct literal sits in `e` outside any bracket. */
function hasBareStruct(e: Expr): boolean {
  switch (e.kind) {
    case 'StructLit':
      return true;
    case 'Binary':
      return hasBareStruct(e.left) || hasBareStruct(e.right);
    case 'Unary':
    case 'AwaitExpr':
      return hasBareStruct(e.operand);
    case 'Ternary':
      return hasBareStruct(e.condition) || hasBareStruct(e.then) || hasBareStruct(e.else);
    case 'Call':
      return hasBareStruct(e.callee);
    case 'Index':
    case 'Slice':
    case 'Field':
    case 'OptionalField':
      return hasBareStruct(e.object);
    case 'TryExpr':
      return hasBareStruct(e.operand);
    case 'Lambda':
      return e.body.kind !== 'Block' && hasBareStruct(e.body);
    case 'SpawnExpr':
      return hasBareStruct(e.call);
    default:
      return false;
  }
}

function escapeText(text: string, quote: QuoteStyle): string {
  if (quote === '"""') return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (ch.charCodeAt(0) < 32) out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else if (isRawByte(text, i)) out += '\\x' + (ch.charCodeAt(0) - 0xdc00).toString(16);
    else out += ch;
  }
  return out;
}

/** A `\\xHH` byte past ASCII, which the parser keeps as a lone surrogate U+DC80..U+DCFF (to-ast/literals.ts). */
function isRawByte(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  return c >= 0xdc80 && c <= 0xdcff && !(before >= 0xd800 && before <= 0xdbff);
}

/** A triple-quoted string can hold any text but `"""`, an interpolation opener, or a trailing quote. */
function fitsTriple(text: string): boolean {
  return !text.includes('"""') && !text.includes('${') && !text.endsWith('"');
}

function stringLiteral(s: StringLit): string {
  const quote = s.quote === '"""' && !fitsTriple(s.value) ? '"' : s.quote;
  return quote + escapeText(s.value, quote) + quote;
}

export function printType(t: TypeNode): string {
  switch (t.kind) {
    case 'NamedType':
      return t.args.length === 0 ? t.name : `${t.name}<${t.args.map(printType).join(', ')}>`;
    case 'ArrayType':
      return `[${printType(t.element)}]`;
    case 'MapType':
      return `{${printType(t.key)}: ${printType(t.value)}}`;
    case 'TupleType':
      return `(${t.elements.map(printType).join(', ')})`;
    case 'FnType':
      return `fn(${t.params.map(printType).join(', ')})${t.returnType === null ? '' : ' -> ' + printType(t.returnType)}`;
    case 'OptionalType':
      return `${printType(t.inner)}?`;
  }
}

export function printPattern(p: Pattern): string {
  switch (p.kind) {
    case 'WildcardPattern':
      return '_';
    case 'LiteralPattern': {
      const v = p.value;
      const text = v.kind === 'StringLit' ? stringLiteral(v) : v.kind === 'BoolLit' ? String(v.value) : v.raw;
      return p.negative ? `-${text}` : text;
    }
    case 'RangePattern':
      return `${p.start}${p.inclusive ? '..=' : '..'}${p.end}`;
    case 'NamePattern':
      return p.name;
    case 'VariantPattern': {
      const head = p.enumName === null ? p.name : `${p.enumName}.${p.name}`;
      return p.args === null ? head : `${head}(${p.args.map(printPattern).join(', ')})`;
    }
    case 'SomePattern':
      return `Some(${printPattern(p.inner)})`;
    case 'NonePattern':
      return 'None';
    case 'StructPattern':
      return `${p.name} { ${p.fields.map((f) => (f.pattern === null ? f.name : `${f.name}: ${printPattern(f.pattern)}`)).join(', ')} }`;
    case 'TuplePattern':
      return `(${p.elements.map(printPattern).join(', ')})`;
    case 'ArrayPattern': {
      const items = p.elements.map(printPattern);
      if (p.rest !== null) items.push('...' + p.rest);
      return `[${items.join(', ')}]`;
    }
    case 'OrPattern':
      return p.alternatives.map(printPattern).join(' | ');
  }
}
