// A POSIX extended regular expression engine for Regex (STDLIB §20). POSIX
// asks for the leftmost-*longest* match, which a backtracking engine such as
// JS RegExp does not give (`a|ab` on "ab" is "a" there, "ab" in C), so the
// pattern becomes a Thompson NFA and is run as a set of states over the
// bytes, the way regexec does: linear in the subject, no captures needed
// (the library never exposes groups).
//
// Subjects are byte strings, so `.` and bracket expressions match one byte,
// as regexec does in the C locale. As regcomp without REG_NEWLINE: `.` and
// `[^…]` match a newline and `^`/`$` anchor only at the ends. GNU's `\w \W
// \s \S \b \B \< \>` keep their meaning; any other escaped character is
// itself. An invalid pattern throws SyntaxError.
//
// Search invariant: the thread list stays ordered by start position and a
// state is kept only for its earliest start, so the first match seen has the
// leftmost start; threads of that start then run on for the longest end.

type Node =
  | { k: 'set'; set: Uint8Array }
  | { k: 'assert'; a: 'bol' | 'eol' | 'b' | 'B' | '<' | '>' }
  | { k: 'cat'; xs: Node[] }
  | { k: 'alt'; xs: Node[] }
  | { k: 'rep'; x: Node; min: number; max: number };

/** glibc's RE_DUP_MAX; and the most NFA states a pattern may need (glibc says REG_ESPACE). */
const MAX_REPEAT = 32767;
const MAX_STATES = 200_000;
const setOf = (test: (c: number) => boolean): Uint8Array => Uint8Array.from({ length: 256 }, (_, c) => (test(c) ? 1 : 0));
const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const CLASSES: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c | 32) >= 97 && (c | 32) <= 122, digit: (c) => c >= 48 && c <= 57, alnum: (c) => isWord(c) && c !== 95,
  upper: (c) => c >= 65 && c <= 90, lower: (c) => c >= 97 && c <= 122, space: isSpace, blank: (c) => c === 32 || c === 9,
  punct: (c) => (c > 32 && c < 127 && !isWord(c)) || c === 95, xdigit: (c) => /[0-9A-Fa-f]/.test(String.fromCharCode(c)),
  cntrl: (c) => c < 32 || c === 127, print: (c) => c >= 32 && c < 127, graph: (c) => c > 32 && c < 127, word: isWord,
};

class Parser {
  i = 0;
  /** Groups open at `i`. */
  depth = 0;
  constructor(readonly p: string) {}

  fail(why: string): never {
    throw new SyntaxError(`${why} in regular expression at ${this.i}`);
  }
  alt(): Node {
    const xs = [this.cat()];
    while (this.p[this.i] === '|') {
      this.i++;
      xs.push(this.cat());
    }
    return xs.length === 1 ? xs[0] : { k: 'alt', xs };
  }
  cat(): Node {
    const xs: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && !(this.p[this.i] === ')' && this.depth > 0)) {
      let x = this.atom();
      for (let q = this.quantifier(); q !== null; q = this.quantifier()) {
        if (x.k === 'assert') this.fail('repetition of an anchor');
        x = { k: 'rep', x, min: q[0], max: q[1] };
      }
      xs.push(x);
    }
    return { k: 'cat', xs };
  }
  /** `*`, `+`, `?`, `{m}`, `{m,}`, `{,n}`, `{m,n}` as [min, max] (max Infinity), or null; as in glibc, `{` always starts a bound. */
  quantifier(): [number, number] | null {
    const c = this.p[this.i];
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      return c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    }
    if (c !== '{') return null;
    const m = /^\{(\d*)(,(\d*))?\}/.exec(this.p.slice(this.i));
    if (m === null || (m[1] === '' && (m[3] ?? '') === '')) this.fail('invalid repetition bounds');
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (max < min || min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail('invalid repetition bounds');
    this.i += m[0].length;
    return [min, max];
  }
  atom(): Node {
    const c = this.p[this.i++];
    switch (c) {
      case '(': {
        if (this.p[this.i] === '?') this.fail('repetition of nothing');
        this.depth++;
        const x = this.alt();
        this.depth--;
        if (this.p[this.i++] !== ')') this.fail('unmatched (');
        return x;
      }
      case '*': case '+': case '?': case '{': return this.fail('repetition of nothing');
      // A `)` with no group open is an ordinary character (glibc).
      case ')': return { k: 'set', set: setOf((b) => b === 41) };
      case '[': return { k: 'set', set: this.bracket() };
      case '.': return { k: 'set', set: setOf(() => true) };
      case '^': return { k: 'assert', a: 'bol' };
      case '$': return { k: 'assert', a: 'eol' };
      case '\\': {
        const d = this.p[this.i++];
        if (d === undefined) this.fail('trailing backslash');
        if (d === 'w' || d === 'W') return { k: 'set', set: setOf((b) => isWord(b) === (d === 'w')) };
        if (d === 's' || d === 'S') return { k: 'set', set: setOf((b) => isSpace(b) === (d === 's')) };
        if (d === 'b' || d === 'B' || d === '<' || d === '>') return { k: 'assert', a: d };
        return { k: 'set', set: setOf((b) => b === d.charCodeAt(0)) };
      }
      default: return { k: 'set', set: setOf((b) => b === c.charCodeAt(0)) };
    }
  }
  /** A bracket expression after its `[`: members, ranges and `[:class:]`; `]` first is a member, `\` is ordinary. */
  bracket(): Uint8Array {
    const set = new Uint8Array(256);
    const negate = this.p[this.i] === '^';
    if (negate) this.i++;
    for (let first = true; first || this.p[this.i] !== ']'; first = false) {
      if (this.i >= this.p.length) this.fail('unterminated bracket expression');
      const cls = /^\[:([a-z]+):\]/.exec(this.p.slice(this.i));
      if (cls !== null) {
        const test = CLASSES[cls[1]] ?? this.fail(`unknown class [:${cls[1]}:]`);
        for (let b = 0; b < 256; b++) if (test(b)) set[b] = 1;
        this.i += cls[0].length;
        continue;
      }
      const lo = this.p.charCodeAt(this.i++);
      let hi = lo;
      if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.i + 1 < this.p.length) {
        hi = this.p.charCodeAt(this.i + 1);
        this.i += 2;
        if (hi < lo) this.fail('invalid range end');
      }
      for (let b = lo; b <= hi; b++) set[b] = 1;
    }
    this.i++;
    return negate ? set.map((b) => 1 - b) : set;
  }
}

// NFA states, in parallel arrays: kind, byte set or assertion, and up to two successors.
const SET = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;

export class Prog {
  readonly kind: number[] = [];
  readonly sets: (Uint8Array | null)[] = [];
  readonly asserts: (string | null)[] = [];
  readonly out1: number[] = [];
  readonly out2: number[] = [];
  readonly start: number;

  constructor(pattern: string) {
    const parser = new Parser(pattern);
    const tree = parser.alt();
    this.start = this.emit(tree, this.state(MATCH));
  }

  private state(kind: number, set: Uint8Array | null = null, assert: string | null = null, o1 = -1, o2 = -1): number {
    if (this.kind.length >= MAX_STATES) throw new SyntaxError('regular expression too big');
    this.kind.push(kind);
    this.sets.push(set);
    this.asserts.push(assert);
    this.out1.push(o1);
    this.out2.push(o2);
    return this.kind.length - 1;
  }

  /** States for `n` that continue to `next`, built back to front; returns the entry state. */
  private emit(n: Node, next: number): number {
    switch (n.k) {
      case 'set': return this.state(SET, n.set, null, next);
      case 'assert': return this.state(ASSERT, null, n.a, next);
      case 'cat': return n.xs.reduceRight((to, x) => this.emit(x, to), next);
      case 'alt': return n.xs.map((x) => this.emit(x, next)).reduce((a, b) => this.state(SPLIT, null, null, a, b));
      case 'rep': {
        let entry = next;
        if (n.max === Infinity) {
          // A loop: the split is patched to enter the body once the body (which returns to it) exists.
          const loop = this.state(SPLIT, null, null, -1, next);
          this.out1[loop] = this.emit(n.x, loop);
          entry = loop;
        } else {
          // Each optional copy either matches and goes on to the next one, or skips to `next`.
          for (let i = n.min; i < n.max; i++) entry = this.state(SPLIT, null, null, this.emit(n.x, entry), next);
        }
        for (let i = 0; i < n.min; i++) entry = this.emit(n.x, entry);
        return entry;
      }
    }
  }

  /** Whether assertion `a` holds between byte `pos - 1` and byte `pos` of `s`. */
  private holds(a: string, s: string, pos: number): boolean {
    const before = pos > 0 && isWord(s.charCodeAt(pos - 1));
    const after = pos < s.length && isWord(s.charCodeAt(pos));
    switch (a) {
      case 'bol': return pos === 0;
      case 'eol': return pos === s.length;
      case 'b': return before !== after;
      case 'B': return before === after;
      case '<': return !before && after;
      default: return before && !after;
    }
  }

  /** Adds `st` and what it reaches without reading a byte, unless the list has it already (from an earlier start). */
  private add(list: number[], starts: number[], mark: Int32Array, gen: number, st: number, start: number, s: string, pos: number): void {
    if (mark[st] === gen) return;
    mark[st] = gen;
    const k = this.kind[st];
    if (k === SPLIT) {
      this.add(list, starts, mark, gen, this.out1[st], start, s, pos);
      this.add(list, starts, mark, gen, this.out2[st], start, s, pos);
    } else if (k === ASSERT) {
      if (this.holds(this.asserts[st]!, s, pos)) this.add(list, starts, mark, gen, this.out1[st], start, s, pos);
    } else {
      list.push(st);
      starts.push(start);
    }
  }

  /** The leftmost-longest match at or after `from` as [start, end], or null. */
  search(s: string, from: number): [number, number] | null {
    const mark = new Int32Array(this.kind.length).fill(-1);
    let gen = 0;
    let list: number[] = [];
    let starts: number[] = [];
    let best: [number, number] | null = null;
    for (let pos = from; pos <= s.length; pos++) {
      if (best === null) this.add(list, starts, mark, gen, this.start, pos, s, pos);
      for (let t = 0; t < list.length; t++) {
        if (this.kind[list[t]] !== MATCH) continue;
        if (best === null || starts[t] < best[0] || (starts[t] === best[0] && pos > best[1])) best = [starts[t], pos];
      }
      if (pos === s.length || (list.length === 0 && best !== null)) break;
      const c = s.charCodeAt(pos);
      const nextList: number[] = [];
      const nextStarts: number[] = [];
      gen++;
      for (let t = 0; t < list.length; t++) {
        const st = list[t];
        if (best !== null && starts[t] > best[0]) break;
        if (this.kind[st] === SET && this.sets[st]![c] === 1) this.add(nextList, nextStarts, mark, gen, this.out1[st], starts[t], s, pos + 1);
      }
      list = nextList;
      starts = nextStarts;
    }
    return best;
  }
}
