// Runtime values (DESIGN §2, LANGUAGE.md §3.9).
//
// int: a JS number while it is a safe integer, a bigint beyond (see int64.ts).
// float: a JS number; static types decide how it prints.
// string: a "byte string": a JS string whose every char code is one UTF-8 byte
//   (0..255), so `len`, indexing, slicing and `<` are byte based for free and
//   ASCII stays as fast as JS strings (§3.5). Text enters through `fromUtf8`.
// array: a JS array (shared reference). map: WMap (shared reference).
// struct: StructVal, treated as immutable: a field write builds a new struct
//   and rebinds the place that held it, which gives the copy semantics of
//   §3.9 without copying on every assignment or call.

import type { EnumDef, StructDef } from '../program';

export class StructVal {
  constructor(readonly def: StructDef, readonly f: unknown[]) {}
}

export class EnumVal {
  constructor(readonly def: EnumDef, readonly tag: number, readonly vals: unknown[]) {}
}

export class SomeVal {
  constructor(readonly v: unknown) {}
}
export const NONE = { none: true } as const;

export class OkVal {
  constructor(readonly v: unknown) {}
}
export class ErrVal {
  constructor(readonly e: unknown) {}
}

export class TupleVal {
  constructor(readonly items: unknown[]) {}
}

/** A closure value: compiled body plus its private copy of captured variables (§8.2). */
export class FnVal {
  constructor(
    readonly call: (args: unknown[]) => unknown,
    readonly name: string,
    /** The suspendable form, for a function that may suspend (conc/gen.ts): calls from suspendable code take it. */
    readonly gen: ((args: unknown[]) => Generator<unknown, unknown, void>) | null = null,
    /**
     * How another thread rebuilds this value (CONCURRENCY.md §12.2: a closure
     * crossing a task boundary is copied): its index in `Runtime.closures`,
     * the same on every thread, and the captured environment to copy with it.
     */
    readonly code = -1,
    readonly env: unknown[] = [],
  ) {}
}

/** FNV-1a 32 of the key's bytes, mod 4096 (§3.7). */
export function bucket(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h % 4096;
}

interface Entry { v: unknown; seq: number; b: number }

/** A string-keyed map iterating in the reference's bucket order (§3.7, STDLIB §8.3). */
export class WMap {
  private readonly m = new Map<string, Entry>();
  private seq = 0;
  private order: string[] | null = null;

  get size(): number {
    return this.m.size;
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
  get(k: string): unknown {
    return this.m.get(k)?.v;
  }
  set(k: string, v: unknown): void {
    const e = this.m.get(k);
    if (e !== undefined) {
      e.v = v;
      return;
    }
    this.m.set(k, { v, seq: this.seq++, b: bucket(k) });
    this.order = null;
  }
  delete(k: string): void {
    if (this.m.delete(k)) this.order = null;
  }
  clear(): void {
    this.m.clear();
    this.order = null;
  }
  /** Keys in iteration order: ascending bucket, newest first inside a bucket. */
  keys(): string[] {
    if (this.order === null) {
      const es = [...this.m.entries()];
      es.sort((a, b) => a[1].b - b[1].b || b[1].seq - a[1].seq);
      this.order = es.map((e) => e[0]);
    }
    return this.order;
  }
  copy(): WMap {
    const c = new WMap();
    for (const k of this.keys().slice().reverse()) c.set(k, this.get(k));
    return c;
  }
}

const enc = new TextEncoder();
const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};
const dec = new TextDecoder();

/** A raw byte of a `\xHH` escape, as the parser leaves it in the literal's text: a lone low surrogate. */
const RAW_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** JS (UTF-16) text → byte string. */
export function fromUtf8(s: string): string {
  // Pure ASCII is already a byte string.
  if (isAscii(s)) return s;
  if (RAW_BYTE.test(s)) return s.split(new RegExp(`(${RAW_BYTE.source})`)).map((part, i) => (i % 2 === 1 ? String.fromCharCode(part.charCodeAt(0) - 0xdc00) : fromUtf8(part))).join('');
  const b = enc.encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 4096) out += String.fromCharCode(...b.subarray(i, i + 4096));
  return out;
}

/** Byte string → JS text (for host calls that take real text: paths, regexes, JSON). */
export function toUtf8(s: string): string {
  if (isAscii(s)) return s;
  return dec.decode(bytesOf(s));
}

export function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

export function fromBytes(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 4096) out += String.fromCharCode(...b.subarray(i, i + 4096));
  return out;
}

/** UTF-8 characters of a byte string: a lead byte and its continuation bytes (§3.5). */
export function utf8Chars(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    while (j < s.length && (s.charCodeAt(j) & 0xc0) === 0x80) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
