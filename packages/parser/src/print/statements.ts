// Prints statements and declarations back to Wyn source, two spaces per block
// level. Newlines are not separators in Wyn (LANGUAGE.md §2.1), so a statement
// that starts with `(`, `[` or `-` gets a leading `;` (otherwise it would
// continue the previous expression), and a bare `return` that is not last
// gets a `;` (otherwise it would return the next statement's expression).

import type { Block, Decl, FnDecl, Param, Program, Stmt, TypeParam } from '../ast';
import type { Comment } from '../scan';
import type { SourceFile } from '../span';
import { CommentPlacer } from './comments';
import { ExprPrinter, printPattern, printType } from './expressions';

const STEP = '  ';

class StmtPrinter {
  readonly exprs = new ExprPrinter(this);

  constructor(private readonly comments: CommentPlacer | null = null) {}

  block(b: Block, indent: string): string {
    if (b.body.length === 0 && !(this.comments?.hasAny(b.span.start, b.span.end) ?? false)) return '{}';
    return `{\n${this.statements(b.body, indent + STEP, b.span.start, b.span.end)}${indent}}`;
  }

  /** The statements of a block or program that spans `[from, to)` of the source. */
  statements(list: Stmt[], indent: string, from: number, to: number): string {
    const out: string[] = [];
    let boundary = from;
    list.forEach((s, i) => {
      let text = this.stmt(s, indent);
      if (/^[([-]/.test(text)) text = ';' + text;
      if (s.kind === 'ReturnStmt' && s.value === null && i < list.length - 1) text += ';';
      if (this.comments !== null) {
        const lead = this.comments.take(boundary, s.span.end);
        const first = lead.length > 0 ? lead[0].start : s.span.start;
        if (i > 0 && this.comments.blankLineBetween(boundary, first)) out.push('\n');
        for (const c of lead) out.push(indent + c.text + '\n');
        const trailing = this.comments.takeTrailing(s.span.end, i + 1 < list.length ? list[i + 1].span.start : to);
        if (trailing !== null) text += ' ' + trailing.text;
      }
      out.push(indent + text + '\n');
      boundary = s.span.end;
    });
    if (this.comments !== null) {
      const rest = this.comments.take(boundary, to);
      if (rest.length > 0 && list.length > 0 && this.comments.blankLineBetween(boundary, rest[0].start)) out.push('\n');
      for (const c of rest) out.push(indent + c.text + '\n');
    }
    return out.join('');
  }

  /** The body of `if`/`while`/`for`: a block, or the one statement of a braceless body. */
  private body(s: Stmt, indent: string): string {
    return s.kind === 'Block' ? this.block(s, indent) : this.stmt(s, indent);
  }

  private e(x: Parameters<ExprPrinter['expr']>[0], indent: string): string {
    return this.exprs.expr(x, indent);
  }

  stmt(s: Stmt, indent: string): string {
    switch (s.kind) {
      case 'ExprStmt': {
        const text = this.e(s.expr, indent);
        // A leading `{`, `if` or `match` would be read as a block or a statement.
        return /^(\{|if\b|match\b)/.test(text) ? `(${text})` : text;
      }
      case 'AssignStmt':
        return `${this.e(s.target, indent)} ${s.op} ${this.e(s.value, indent)}`;
      case 'IncDecStmt':
        return `${this.e(s.target, indent)}${s.op}`;
      case 'VarDecl': {
        const type = s.type === null ? '' : `: ${printType(s.type)}`;
        const head = s.declKind === 'bare' ? s.name : `${s.declKind} ${s.name}`;
        return `${vis(s.visibility ?? null)}${head}${type} = ${this.e(s.value, indent)}`;
      }
      case 'DestructureDecl': {
        const kw = s.constant ? 'const' : 'var';
        const names = s.binders.map((b) => b.name ?? '_');
        const values = s.values.map((v) => this.e(v, indent)).join(', ');
        if (s.shape === 'tuple') return `${kw} (${names.join(', ')}) = ${values}`;
        if (s.shape === 'array') {
          if (s.rest !== null) names.push('...' + s.rest);
          return `${kw} [${names.join(', ')}] = ${values}`;
        }
        return `${kw} ${names.join(', ')} = ${values}`;
      }
      case 'MultiAssign':
        return `${s.targets.map((b) => b.name ?? '_').join(', ')} = ${s.values.map((v) => this.e(v, indent)).join(', ')}`;
      case 'IfStmt': {
        const rest = s.else === null ? '' : ` else ${this.body(s.else, indent)}`;
        return `if ${this.exprs.head(s.condition, indent)} ${this.body(s.then, indent)}${rest}`;
      }
      case 'IfLetStmt': {
        const rest = s.else === null ? '' : ` else ${this.body(s.else, indent)}`;
        return `if let ${printPattern(s.pattern)} = ${this.exprs.head(s.value, indent)} ${this.block(s.then, indent)}${rest}`;
      }
      case 'WhileStmt':
        return `while ${this.exprs.head(s.condition, indent)} ${this.body(s.body, indent)}`;
      case 'ForStmt': {
        const binders = s.binders.map((b) => b.name ?? '_').join(', ');
        const range = s.rangeEnd === null ? '' : (s.inclusive ? '..=' : '..') + this.exprs.head(s.rangeEnd, indent);
        return `for ${binders} in ${this.exprs.head(s.iterable, indent)}${range} ${this.body(s.body, indent)}`;
      }
      case 'CForStmt':
        return `for ${this.stmt(s.init, indent)}; ${this.e(s.condition, indent)}; ${this.stmt(s.update, indent)} ${this.body(s.body, indent)}`;
      case 'MatchStmt': {
        const inner = indent + STEP;
        const arms = s.arms.map((a) => {
          const guard = a.guard === null ? '' : ` if ${this.e(a.guard, inner)}`;
          return `${inner}${printPattern(a.pattern)}${guard} => ${this.body(a.body, inner)},\n`;
        });
        return `match ${this.e(s.subject, indent)} {\n${arms.join('')}${indent}}`;
      }
      case 'ReturnStmt':
        return s.value === null ? 'return' : `return ${this.e(s.value, indent)}`;
      case 'BreakStmt':
        return 'break';
      case 'ContinueStmt':
        return 'continue';
      case 'DeferStmt':
        return `defer ${this.e(s.expr, indent)}`;
      case 'Block':
        return this.block(s, indent);
      case 'SelectStmt': {
        const inner = indent + STEP;
        const arms = s.arms.map((a) => `${inner}${a.name} = ${this.e(a.channel, inner)}.recv() => ${this.body(a.body, inner)},\n`);
        return `select {\n${arms.join('')}${indent}}`;
      }
      case 'ParallelStmt': {
        const timeout = s.timeout === null ? '' : `(timeout: ${this.e(s.timeout, indent)})`;
        return `parallel${timeout} ${this.block(s.body, indent)}`;
      }
      default:
        return this.decl(s, indent);
    }
  }

  private decl(s: Decl, indent: string): string {
    switch (s.kind) {
      case 'FnDecl':
        return this.fn(s, indent);
      case 'ExternFnDecl':
        return `extern fn ${s.name}(${this.params(s.params, indent)})${ret(s.returnType)}`;
      case 'StructDecl': {
        const inner = indent + STEP;
        const fields = s.fields.map((f) => `${inner}${f.name}: ${printType(f.type)}\n`);
        const methods = s.methods.map((m) => `${inner}${this.fn(m, inner)}\n`);
        return `${vis(s.visibility)}struct ${s.name}${typeParams(s.typeParams)} {\n${fields.join('')}${methods.join('')}${indent}}`;
      }
      case 'EnumDecl': {
        const variants = s.variants.map((v) => (v.payload.length === 0 ? v.name : `${v.name}(${v.payload.map(printType).join(', ')})`));
        return `${vis(s.visibility)}enum ${s.name}${typeParams(s.typeParams)} { ${variants.join(', ')} }`;
      }
      case 'TraitDecl': {
        const inner = indent + STEP;
        const methods = s.methods.map((m) => {
          const body = m.body === null ? '' : ' ' + this.block(m.body, inner);
          return `${inner}fn ${m.name}(${this.params(m.params, inner)})${ret(m.returnType)}${body}\n`;
        });
        return `${vis(s.visibility)}trait ${s.name}${typeParams(s.typeParams)} {\n${methods.join('')}${indent}}`;
      }
      case 'ImplDecl': {
        const inner = indent + STEP;
        const args = s.targetArgs.length === 0 ? '' : `<${s.targetArgs.map(printType).join(', ')}>`;
        const head = s.trait === null ? `${s.target}${args}` : `${s.trait} for ${s.target}${args}`;
        const methods = s.methods.map((m) => `${inner}${this.fn(m, inner)}\n`);
        return `impl${typeParams(s.typeParams)} ${head} {\n${methods.join('')}${indent}}`;
      }
      case 'TypeAlias':
        return `type ${s.name} = ${printType(s.type)}`;
      case 'ImportDecl': {
        const path = (s.root === null ? '' : s.root + '::') + s.path.join('.');
        if (s.names !== null) return `import { ${s.names.join(', ')} } from ${path}`;
        return `import ${path}${s.alias === null ? '' : ' as ' + s.alias}`;
      }
      case 'TestDecl':
        return `test ${JSON.stringify(s.name)} ${this.block(s.body, indent)}`;
    }
  }

  private fn(f: FnDecl, indent: string): string {
    const name = f.receiver === null ? f.name : `${f.receiver}.${f.name}`;
    const body = f.body.kind === 'Block' ? ' ' + this.block(f.body, indent) : ' => ' + this.e(f.body, indent);
    return `${vis(f.visibility)}fn ${name}${typeParams(f.typeParams)}(${this.params(f.params, indent)})${ret(f.returnType)}${body}`;
  }

  private params(params: Param[], indent: string): string {
    return params
      .map((p) => {
        const type = p.type === null ? '' : `: ${printType(p.type)}`;
        const def = p.defaultValue === null ? '' : ` = ${this.e(p.defaultValue, indent)}`;
        return `${p.mutable ? 'mut ' : ''}${p.name}${type}${def}`;
      })
      .join(', ');
  }
}

function vis(v: FnDecl['visibility']): string {
  return v === null ? '' : v + ' ';
}

function ret(t: FnDecl['returnType']): string {
  return t === null ? '' : ' -> ' + printType(t);
}

function typeParams(tps: TypeParam[]): string {
  if (tps.length === 0) return '';
  return `<${tps.map((t) => (t.bounds.length === 0 ? t.name : `${t.name}: ${t.bounds.join(' + ')}`)).join(', ')}>`;
}

/** Canonical source text of a program; parsing it gives back the same AST (spans aside). */
export function printProgram(program: Program): string {
  return new StmtPrinter().statements(program.body, '', 0, program.span.end);
}

/** Like `printProgram`, with the source's comments put back (for `wyn fmt`). */
export function printProgramWithComments(program: Program, source: SourceFile, comments: readonly Comment[]): string {
  return new StmtPrinter(new CommentPlacer(comments, source)).statements(program.body, '', 0, source.text.length);
}
