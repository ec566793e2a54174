// A lexical pre-pass over the source, before Ohm runs. It finds what a PEG
// reports badly — an unterminated string or block comment (Ohm would fail far
// away, at the end of input) and a closing bracket that does not match — and
// records every bracket pair, so that a later "unexpected end of input" can
// name the block left open, and so that input nested deeper than the matcher's
// stack can take is refused with a diagnostic instead of a RangeError.
//
// It understands exactly the lexical rules of LANGUAGE.md §2: `//`, `#` and
// non-nesting `/* */` comments, `"…"`/`'…'` (single line, `\` escapes) and
// `"""…"""` strings, with `${ … }` interpolations holding code of their own.

import { type Diagnostic, error } from './diagnostics';
import type { SourceFile } from './span';

export interface Bracket {
  char: '(' | '[' | '{';
  offset: number;
  /** Offset of the matching closer; -1 while (or if) it stays open. */
  close: number;
}

/** A comment in the source, `[start, end)`; line comments end before their newline. */
export interface Comment {
  start: number;
  end: number;
  text: string;
}

export interface ScanResult {
  diagnostics: Diagnostic[];
  brackets: Bracket[];
  comments: Comment[];
}

/** Deepest bracket nesting accepted; deeper input would overflow the matcher's stack. */
export const MAX_NESTING = 64;

const closerOf = { '(': ')', '[': ']', '{': '}' } as const;
const openerOf: Record<string, '(' | '[' | '{'> = { ')': '(', ']': '[', '}': '{' };

class Scanner {
  readonly brackets: Bracket[] = [];
  readonly stack: Bracket[] = [];
  readonly comments: Comment[] = [];
  diagnostic: Diagnostic | null = null;

  constructor(readonly source: SourceFile) {}

  private fail(code: Diagnostic['code'], message: string, start: number, end: number, hint?: string): number {
    if (this.diagnostic === null) {
      this.diagnostic = error(code, message, this.source.name, this.source.span(start, end), hint === undefined ? {} : { hint });
    }
    return -1;
  }

  private where(offset: number): string {
    const p = this.source.position(offset);
    return `${p.line}:${p.col}`;
  }

  /** Scans code from `i`; inside an interpolation, stops at its closing `}` and returns its index. */
  code(i: number, interpolation: boolean): number {
    const text = this.source.text;
    const base = this.stack.length;
    while (i < text.length) {
      const ch = text[i];
      if ((ch === '/' && text[i + 1] === '/') || ch === '#') i = this.comment(i, this.lineEnd(i));
      else if (ch === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return this.fail('E0103', 'unterminated block comment', i, i + 2, 'close it with `*/` (block comments do not nest)');
        i = this.comment(i, end + 2);
      } else if (ch === '"' || ch === "'") {
        i = this.string(i);
        if (i < 0) return -1;
      } else if (ch === '(' || ch === '[' || ch === '{') {
        const b: Bracket = { char: ch, offset: i, close: -1 };
        this.brackets.push(b);
        this.stack.push(b);
        if (this.stack.length > MAX_NESTING) {
          return this.fail('E0108', `nesting too deep: more than ${MAX_NESTING} levels of brackets`, i, i + 1,
            'split the expression into smaller pieces with intermediate variables');
        }
        i++;
      } else if (ch === ')' || ch === ']' || ch === '}') {
        if (interpolation && ch === '}' && this.stack.length === base) return i;
        const top = this.stack.pop();
        if (top === undefined || this.stack.length < base) {
          return this.fail('E0116', `unexpected \`${ch}\` with nothing to close`, i, i + 1, 'remove it, or add the opening bracket it belongs to');
        }
        if (top.char !== openerOf[ch]) {
          return this.fail('E0116', `mismatched \`${ch}\`: expected \`${closerOf[top.char]}\` to close the \`${top.char}\` opened at ${this.where(top.offset)}`,
            i, i + 1);
        }
        top.close = i;
        i++;
      } else i++;
    }
    return interpolation ? this.fail('E0109', 'unterminated interpolation: expected `}`', i, i) : i;
  }

  private comment(start: number, end: number): number {
    this.comments.push({ start, end, text: this.source.text.slice(start, end).trimEnd() });
    return end;
  }

  private lineEnd(i: number): number {
    const nl = this.source.text.indexOf('\n', i);
    return nl < 0 ? this.source.text.length : nl;
  }

  /** Scans the string literal at `i`; returns the offset just past it, or -1. */
  private string(i: number): number {
    const text = this.source.text;
    const triple = text.startsWith('"""', i);
    const quote = triple ? '"""' : text[i];
    let j = i + quote.length;
    while (j < text.length) {
      if (text.startsWith(quote, j)) return j + quote.length;
      const ch = text[j];
      if (ch === '\\' && !triple) j += 2;
      else if (ch === '\n' && !triple) break;
      else if (ch === '$' && text[j + 1] === '{') {
        const end = this.code(j + 2, true);
        if (end < 0) return -1;
        j = end + 1;
      } else j++;
    }
    const stop = triple ? text.length : this.lineEnd(i);
    return this.fail('E0102', 'unterminated string literal', i, Math.max(stop, i + 1),
      triple ? 'close it with `"""`' : `close it with \`${quote}\` on the same line; use \`"""\` for text over several lines`);
  }
}

export function scan(source: SourceFile): ScanResult {
  const s = new Scanner(source);
  s.code(0, false);
  return { diagnostics: s.diagnostic === null ? [] : [s.diagnostic], brackets: s.brackets, comments: s.comments };
}

/** The innermost bracket open at `offset` (opened before it and not closed before it). */
export function openBracketAt(brackets: readonly Bracket[], offset: number): Bracket | null {
  let found: Bracket | null = null;
  for (const b of brackets) {
    if (b.offset >= offset) break;
    if (b.close === -1 || b.close >= offset) found = b;
  }
  return found;
}
