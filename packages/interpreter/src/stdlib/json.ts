// Json (STDLIB §16). Documents are trees of JNode kept in the runtime's
// handle table; a handle names one node, so nested values get handles of
// their own and documents stay independent (the reference's single global
// node table is a bug). Parsing works on Wyn byte strings directly: every
// structural character is ASCII, and `\uXXXX` escapes are encoded to UTF-8.
// Objects keep document / insertion order; setting an existing key replaces
// its value in place (reference bug: duplicates it).

import { floatDigits } from '../runtime/format';
import { fromUtf8 } from '../runtime/values';

export type JNode =
  | { k: 'obj'; keys: string[]; vals: Map<string, JNode> }
  | { k: 'arr'; items: JNode[] }
  | { k: 'str'; s: string }
  /** `text`: exact digits of an int stored with `set_int` (a double cannot hold every int64). */
  | { k: 'num'; n: number; text?: string }
  | { k: 'bool'; b: boolean }
  | { k: 'null' };

export const newObject = (): JNode => ({ k: 'obj', keys: [], vals: new Map() });

export function setMember(o: JNode, key: string, v: JNode): void {
  if (o.k !== 'obj') return;
  if (!o.vals.has(key)) o.keys.push(key);
  o.vals.set(key, v);
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new SyntaxError(`invalid JSON at byte ${this.i}`);
  }
  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }
  eat(c: string): boolean {
    this.ws();
    if (this.s[this.i] !== c) return false;
    this.i++;
    return true;
  }
  value(): JNode {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { k: 'str', s: this.string() };
    for (const [word, node] of [['true', { k: 'bool', b: true }], ['false', { k: 'bool', b: false }], ['null', { k: 'null' }]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return node;
      }
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m === null) this.fail();
    this.i += m[0].length;
    return { k: 'num', n: Number(m[0]) };
  }
  object(): JNode {
    this.i++;
    const o = newObject();
    if (this.eat('}')) return o;
    do {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      const key = this.string();
      if (!this.eat(':')) this.fail();
      setMember(o, key, this.value());
    } while (this.eat(','));
    if (!this.eat('}')) this.fail();
    return o;
  }
  array(): JNode {
    this.i++;
    const items: JNode[] = [];
    if (this.eat(']')) return { k: 'arr', items };
    do items.push(this.value());
    while (this.eat(','));
    if (!this.eat(']')) this.fail();
    return { k: 'arr', items };
  }
  string(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail();
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) out += simple[e];
      else if (e === 'u') {
        let code = parseInt(this.s.slice(this.i, this.i + 4), 16);
        this.i += 4;
        // A surrogate pair spells one character outside the BMP.
        if (code >= 0xd800 && code < 0xdc00 && this.s.startsWith('\\u', this.i)) {
          const low = parseInt(this.s.slice(this.i + 2, this.i + 6), 16);
          this.i += 6;
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        }
        if (Number.isNaN(code)) this.fail();
        out += fromUtf8(String.fromCodePoint(code));
      } else this.fail();
    }
  }
}

/** The root node of `text`, or null when it is not a JSON document. */
export function parseJson(text: string): JNode | null {
  try {
    const p = new Parser(text);
    const v = p.value();
    p.ws();
    return p.i === text.length ? v : null;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/** Number text per STDLIB §3.1 step 1 (`31`, `9.5`, no `.0` suffix). */
export function numberText(n: JNode & { k: 'num' }): string {
  return n.text ?? floatDigits(n.n);
}

function quote(s: string): string {
  // Wyn strings are byte strings: bytes ≥ 0x80 pass through as UTF-8.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
  return '"' + s.replace(/["\\\x00-\x1f]/g, (c) => {
    const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
    return esc[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  }) + '"';
}

/** `{"k1": v1, "k2": v2}` with `": "` and `", "` (STDLIB §16); `indent` > 0 gives the multi-line form. */
export function stringify(n: JNode, indent = 0, depth = 0): string {
  const pad = (d: number) => (indent > 0 ? '\n' + ' '.repeat(indent * d) : '');
  const sep = indent > 0 ? ',' : ', ';
  switch (n.k) {
    case 'obj':
      if (n.keys.length === 0) return '{}';
      return '{' + n.keys.map((k) => pad(depth + 1) + quote(k) + ': ' + stringify(n.vals.get(k)!, indent, depth + 1)).join(sep) + pad(depth) + '}';
    case 'arr':
      if (n.items.length === 0) return '[]';
      return '[' + n.items.map((x) => pad(depth + 1) + stringify(x, indent, depth + 1)).join(sep) + pad(depth) + ']';
    case 'str': return quote(n.s);
    case 'num': return numberText(n);
    case 'bool': return String(n.b);
    case 'null': return 'null';
  }
}
