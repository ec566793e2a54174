// Numbers and strings (LANGUAGE.md §2.5–2.7). The grammar has already checked
// a string's shape (balanced `${ }`, terminated); here escapes are decoded and
// each interpolation is parsed as an expression of its own.

import type { Node } from 'ohm-js';
import type { Expr, FloatLit, IntLit, QuoteStyle } from '../ast';
import { ctx, report, spanOf } from './context';

const I64_MAX = (1n << 63n) - 1n;

function intLiteral(node: Node, value: bigint): IntLit {
  const raw = node.sourceString;
  const span = spanOf(node);
  if (value > I64_MAX) {
    report('E0105', `integer literal \`${raw}\` is too large for a 64-bit int`, span, {
      hint: 'the largest int is 9223372036854775807; write the smallest as `-9223372036854775807 - 1`',
    });
  }
  return { kind: 'IntLit', value, raw, span };
}

function badNumberHint(raw: string): string {
  if (/^0[oO]/.test(raw)) return 'octal literals do not exist in Wyn; write the value in decimal or hex (`0x..`)';
  if (/^0[xX]$/.test(raw)) return '`0x` must be followed by hex digits, as in `0xff`';
  if (/^0[xX]/.test(raw)) return 'hex literals use the digits 0-9 and a-f';
  if (/^0[bB]/.test(raw)) return 'binary literals use only the digits 0 and 1, as in `0b1010`';
  return 'a number cannot run straight into letters; separate them with a space or an operator';
}

export const literalActions = {
  number(this: Node, n: Node): IntLit | FloatLit {
    return n['toAST']() as IntLit | FloatLit;
  },
  float_fraction(this: Node, _a0: Node, _a1: Node, _a2: Node, _a3: Node, _a4: Node): FloatLit {
    return floatLiteral(this);
  },
  float_exponent(this: Node, _a0: Node, _a1: Node): FloatLit {
    return floatLiteral(this);
  },
  intLit_hex(this: Node, _a0: Node, _a1: Node, _a2: Node): IntLit {
    return intLiteral(this, BigInt(this.sourceString.toLowerCase()));
  },
  intLit_bin(this: Node, _a0: Node, _a1: Node, _a2: Node): IntLit {
    return intLiteral(this, BigInt(this.sourceString.toLowerCase()));
  },
  intLit_dec(this: Node, _a0: Node): IntLit {
    return intLiteral(this, BigInt(this.sourceString.replace(/_/g, '')));
  },
  badNumber(this: Node, _a0: Node, _a1: Node): IntLit {
    const raw = this.sourceString;
    report('E0104', `invalid number literal \`${raw}\``, spanOf(this), { hint: badNumberHint(raw) });
    return { kind: 'IntLit', value: 0n, raw, span: spanOf(this) };
  },
  stringLit(this: Node, s: Node): Expr {
    return s['toAST']() as Expr;
  },
  tripleString(this: Node, _a0: Node, _a1: Node, _a2: Node): Expr {
    return stringLiteral(this, '"""');
  },
  doubleString(this: Node, _a0: Node, _a1: Node, _a2: Node): Expr {
    return stringLiteral(this, '"');
  },
  singleString(this: Node, _a0: Node, _a1: Node, _a2: Node): Expr {
    return stringLiteral(this, "'");
  },
};

function floatLiteral(node: Node): FloatLit {
  const raw = node.sourceString;
  return { kind: 'FloatLit', value: Number(raw.replace(/_/g, '')), raw, span: spanOf(node) };
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** Builds a StringLit, or an InterpolatedString when the text holds `${ }`. */
function stringLiteral(node: Node, quote: QuoteStyle): Expr {
  const span = spanOf(node);
  const raw = node.sourceString;
  const body = raw.slice(quote.length, raw.length - quote.length);
  const bodyStart = span.start + quote.length;
  const parts: Array<string | Expr> = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '\\' && quote !== '"""') {
      const next = body[i + 1];
      const hex = /^[0-9a-fA-F]{2}/.exec(body.slice(i + 2, i + 4));
      if (next === 'x' && hex !== null) {
        // `\xHH` is one byte (§2.7). A byte past ASCII is not a character of
        // the JS text, so it travels as a lone surrogate U+DC80..U+DCFF (as
        // Python's surrogateescape does) and the interpreter's `fromUtf8`
        // turns it back into that byte: "\xc3\xa9" is the two bytes of `é`.
        const b = parseInt(hex[0], 16);
        text += String.fromCharCode(b < 0x80 ? b : 0xdc00 + b);
        i += 4;
      } else {
        text += simpleEscapes[next] ?? next;
        i += 2;
      }
    } else if (ch === '$' && body[i + 1] === '{') {
      const end = interpolationEnd(body, i + 2);
      if (text !== '') parts.push(text);
      text = '';
      parts.push(interpolation(body.slice(i + 2, end), bodyStart + i + 2));
      i = end + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (parts.length === 0) return { kind: 'StringLit', value: text, quote, span };
  if (text !== '') parts.push(text);
  return { kind: 'InterpolatedString', parts, quote, span };
}

function interpolation(text: string, offset: number): Expr {
  const c = ctx();
  const span = c.source.span(offset - 2, offset + text.length + 1);
  if (text.trim() === '') {
    report('E0109', 'empty interpolation `${}`', span, { hint: 'put an expression between the braces, as in `${count}`' });
    return { kind: 'StringLit', value: '', quote: '"', span };
  }
  return c.parseInterpolation(text, offset) ?? { kind: 'StringLit', value: '', quote: '"', span };
}

/**
 * Index of the `}` that closes an interpolation whose text starts at `from`:
 * braces balance, and nested string literals (which may hold `}`) are skipped.
 */
export function interpolationEnd(body: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '"' || ch === "'") {
      i = skipString(body, i);
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return body.length;
}

/** Index just past the string literal starting at `i` (its own interpolations included). */
function skipString(text: string, i: number): number {
  const quote = text.startsWith('"""', i) ? '"""' : text[i];
  let j = i + quote.length;
  while (j < text.length && !text.startsWith(quote, j)) {
    if (text[j] === '\\' && quote !== '"""') j += 2;
    else if (text[j] === '$' && text[j + 1] === '{') j = interpolationEnd(text, j + 2) + 1;
    else j++;
  }
  return j + quote.length;
}
