/**
 * The value codec: deep copies of plain data through the shared byte heap.
 *
 * Values cross threads as a slot, a (tag, payload) pair of Int32s stored in
 * task, future and channel records. Small values travel inline and never
 * touch the heap: undefined, null, booleans, and numbers that are int32s.
 * Everything else is encoded into one heap block and the slot carries its
 * pointer; the block belongs to the slot's single reader, which frees it
 * when it decodes (CONCURRENCY.md §12.2: every crossing is a deep copy).
 *
 * Heap encoding, one tag byte then the body, little-endian:
 *   number f64 · bigint sign byte + u32 limb count + u64 limbs · string u32
 *   UTF-8 length + bytes · array u32 count + items · object u32 count +
 *   (string key, value) pairs · typed array kind byte + u32 byte length +
 *   bytes · custom u8 tag + the value its `encode` returned.
 * Objects are copied as plain objects (own enumerable string keys); classes,
 * functions, symbols, Maps and cycles are rejected with a TypeError rather
 * than silently changed — embedders register a tag for their own types.
 */
import type { Heap } from './memory/heap';

export const S_UNDEFINED = 0;
export const S_NULL = 1;
export const S_FALSE = 2;
export const S_TRUE = 3;
export const S_INT = 4;
export const S_HEAP = 5;

const H_UNDEFINED = 0;
const H_NULL = 1;
const H_FALSE = 2;
const H_TRUE = 3;
const H_NUMBER = 4;
const H_BIGINT = 5;
const H_STRING = 6;
const H_ARRAY = 7;
const H_OBJECT = 8;
const H_TYPED = 9;
const H_CUSTOM = 10;

/** An embedder's own type: `encode` maps it to codec-able data, `decode` back. */
export interface CustomTag {
  /** 0–255, unique per scheduler; the same table must be given on every thread. */
  readonly tag: number;
  test(value: unknown): boolean;
  encode(value: unknown): unknown;
  decode(data: unknown): unknown;
}

const TYPED = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
] as const;
const MAX_DEPTH = 1000;

export class Codec {
  /** Set by `encode`: the slot to store. */
  tag = 0;
  payload = 0;
  private scratch = new Uint8Array(256);
  private dv = new DataView(this.scratch.buffer);
  private at = 0;
  private readonly text = new TextEncoder();
  private readonly customs: CustomTag[];

  constructor(
    private readonly heap: Heap,
    customs: readonly CustomTag[] = [],
  ) {
    this.customs = [...customs];
  }

  /** Encodes `value`; read the slot from `tag`/`payload`. */
  encode(value: unknown): void {
    if (typeof value === 'number' && (value | 0) === value && !Object.is(value, -0)) {
      this.tag = S_INT;
      this.payload = value;
    } else if (value === undefined) this.inline(S_UNDEFINED);
    else if (value === null) this.inline(S_NULL);
    else if (value === true) this.inline(S_TRUE);
    else if (value === false) this.inline(S_FALSE);
    else {
      this.at = 0;
      this.write(value, 0);
      const ptr = this.heap.alloc(this.at);
      this.heap.u8.set(this.scratch.subarray(0, this.at), ptr);
      this.tag = S_HEAP;
      this.payload = ptr;
    }
  }

  /** Decodes a slot; a heap block is freed unless `keep`. */
  decode(tag: number, payload: number, keep = false): unknown {
    switch (tag) {
      case S_INT: return payload;
      case S_UNDEFINED: return undefined;
      case S_NULL: return null;
      case S_TRUE: return true;
      case S_FALSE: return false;
      case S_HEAP: {
        const end = payload + this.heap.length(payload);
        this.heap.view(end >> 4);
        const r = new Reader(this.heap.dv, this.heap.u8, payload, this.customs);
        const value = r.read();
        if (!keep) this.heap.free(payload);
        return value;
      }
      default: throw new RangeError(`bad slot tag ${tag}`);
    }
  }

  /** Frees a slot without decoding it (a cancelled task's argument). */
  discard(tag: number, payload: number): void {
    if (tag === S_HEAP) this.heap.free(payload);
  }

  private inline(tag: number): void {
    this.tag = tag;
    this.payload = 0;
  }

  private room(n: number): void {
    if (this.at + n <= this.scratch.length) return;
    let size = this.scratch.length * 2;
    while (size < this.at + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.scratch.subarray(0, this.at));
    this.scratch = bigger;
    this.dv = new DataView(bigger.buffer);
  }

  private byte(b: number): void {
    this.room(1);
    this.scratch[this.at++] = b;
  }

  private u32(n: number): void {
    this.room(4);
    this.dv.setUint32(this.at, n, true);
    this.at += 4;
  }

  private write(value: unknown, depth: number): void {
    if (depth > MAX_DEPTH) throw new TypeError('value too deep to copy (a cycle?)');
    switch (typeof value) {
      case 'number':
        this.byte(H_NUMBER);
        this.room(8);
        this.dv.setFloat64(this.at, value, true);
        this.at += 8;
        return;
      case 'string': return this.string(value);
      case 'boolean': return this.byte(value ? H_TRUE : H_FALSE);
      case 'undefined': return this.byte(H_UNDEFINED);
      case 'bigint': return this.bigint(value);
      case 'object':
        if (value === null) return this.byte(H_NULL);
        return this.object(value, depth);
      default: break;
    }
    return this.custom(value, depth);
  }

  private string(s: string): void {
    this.byte(H_STRING);
    this.room(4 + s.length * 3);
    const { written } = this.text.encodeInto(s, this.scratch.subarray(this.at + 4));
    this.dv.setUint32(this.at, written, true);
    this.at += 4 + written;
  }

  private bigint(n: bigint): void {
    this.byte(H_BIGINT);
    this.byte(n < 0n ? 1 : 0);
    let m = n < 0n ? -n : n;
    const limbs: bigint[] = [];
    for (; m > 0n; m >>= 64n) limbs.push(BigInt.asUintN(64, m));
    this.u32(limbs.length);
    this.room(limbs.length * 8);
    for (const limb of limbs) {
      this.dv.setBigUint64(this.at, limb, true);
      this.at += 8;
    }
  }

  private object(value: object, depth: number): void {
    if (Array.isArray(value)) {
      this.byte(H_ARRAY);
      this.u32(value.length);
      for (const item of value) this.write(item, depth + 1);
      return;
    }
    const kind = ArrayBuffer.isView(value) ? TYPED.findIndex((T) => value instanceof T) : -1;
    if (kind >= 0) {
      const view = value as ArrayBufferView;
      this.byte(H_TYPED);
      this.byte(kind);
      this.u32(view.byteLength);
      this.room(view.byteLength);
      this.scratch.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), this.at);
      this.at += view.byteLength;
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return this.custom(value, depth);
    const keys = Object.keys(value);
    this.byte(H_OBJECT);
    this.u32(keys.length);
    for (const key of keys) {
      this.string(key);
      this.write((value as Record<string, unknown>)[key], depth + 1);
    }
  }

  private custom(value: unknown, depth: number): void {
    const c = this.customs.find((t) => t.test(value));
    if (!c) throw new TypeError(`cannot copy a ${describe(value)} to another thread; register a custom tag for it`);
    this.byte(H_CUSTOM);
    this.byte(c.tag);
    this.write(c.encode(value), depth + 1);
  }
}

/** Reads one encoded value from shared memory. */
const decoder = new TextDecoder();

class Reader {
  constructor(
    private readonly dv: DataView,
    private readonly u8: Uint8Array,
    private at: number,
    private readonly customs: readonly CustomTag[],
  ) {}

  read(): unknown {
    const tag = this.u8[this.at++];
    switch (tag) {
      case H_NUMBER: {
        const n = this.dv.getFloat64(this.at, true);
        this.at += 8;
        return n;
      }
      case H_STRING: return this.string();
      case H_UNDEFINED: return undefined;
      case H_NULL: return null;
      case H_TRUE: return true;
      case H_FALSE: return false;
      case H_BIGINT: {
        const negative = this.u8[this.at++] === 1;
        let n = 0n;
        const count = this.u32();
        for (let i = count - 1; i >= 0; i--) n = (n << 64n) | this.dv.getBigUint64(this.at + i * 8, true);
        this.at += count * 8;
        return negative ? -n : n;
      }
      case H_ARRAY: {
        const out = new Array(this.u32());
        for (let i = 0; i < out.length; i++) out[i] = this.read();
        return out;
      }
      case H_OBJECT: {
        const out: Record<string, unknown> = {};
        for (let n = this.u32(); n > 0; n--) {
          this.at++;
          const key = this.string();
          // A plain assignment to "__proto__" would change the prototype.
          if (key === '__proto__') Object.defineProperty(out, key, { value: this.read(), enumerable: true, writable: true, configurable: true });
          else out[key] = this.read();
        }
        return out;
      }
      case H_TYPED: {
        const T = TYPED[this.u8[this.at++]];
        const length = this.u32();
        const bytes = this.u8.slice(this.at, this.at + length);
        this.at += length;
        return new T(bytes.buffer, 0, length / T.BYTES_PER_ELEMENT);
      }
      case H_CUSTOM: {
        const id = this.u8[this.at++];
        const c = this.customs.find((t) => t.tag === id);
        if (!c) throw new TypeError(`no custom tag ${id} registered on this thread`);
        return c.decode(this.read());
      }
      default: throw new RangeError(`corrupt encoded value (tag ${tag})`);
    }
  }

  private u32(): number {
    const n = this.dv.getUint32(this.at, true);
    this.at += 4;
    return n;
  }

  private string(): string {
    const length = this.u32();
    const s = decoder.decode(this.u8.subarray(this.at, this.at + length));
    this.at += length;
    return s;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'function';
  if (typeof value === 'symbol') return 'symbol';
  return (value as object).constructor?.name ?? 'object';
}
