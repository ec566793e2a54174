/// <reference lib="es2024.sharedmemory" />
/**
 * A shared byte heap with power-of-two size classes, for encoded values.
 *
 * Protocol. The heap is one growable SharedArrayBuffer cut into 16-byte units.
 * A block of class c spans 16 << c bytes and starts with an 8-byte header:
 * word 0 holds c (written by the allocator, read by `free` on any thread),
 * word 1 is the free-list link while the block is free and the payload length
 * while it is in use (written by its single owner at a time). The payload
 * pointer handed out is the byte offset just past the header, 8-byte aligned.
 *
 * The first 256 bytes are the header block:
 *   BUMP   first never-used unit; advanced with CAS by any allocating thread.
 *   CAP    units the buffer holds; written under GROW, read with Atomics.load.
 *   GROW   spin lock for growing the buffer (rare).
 *   HEADS  one 64-bit tagged Treiber head per class (tagged-stack.ts), at
 *          byte HEADS_BYTE, so freed
 *          blocks are reused without locks and never split or merged: memory
 *          held by a class stays in that class, which suits a workload of many
 *          same-shaped messages.
 *
 * A block's owner is whoever holds its pointer: the encoder until the pointer
 * is published in a task, future or channel slot, then the single decoder,
 * which frees it. Unit indices fit 24 bits, so the heap tops out at 256 MiB.
 */
import { INDEX_MASK, TaggedHeads, chainLength, chainTail, pop, popAll, pushChain, type Links } from './tagged-stack';

const BUMP = 0;
const CAP = 1;
const GROW = 2;
/** Byte offset of the class heads: 8-byte aligned, CLASSES * 8 bytes, inside the header block. */
const HEADS_BYTE = 32;
export const CLASSES = 24;
const HEADER_UNITS = 16;
const UNIT = 16;
const LOCAL_MAX = 32;

export class Heap implements Links {
  readonly stride = 4;
  readonly offset = 1;
  readonly buffer: SharedArrayBuffer;
  i32!: Int32Array;
  u8!: Uint8Array;
  dv!: DataView;
  private readonly heads: TaggedHeads;

  constructor(initialBytes = 1 << 20, buffer?: SharedArrayBuffer) {
    if (buffer) {
      this.buffer = buffer;
    } else {
      const bytes = Math.max(initialBytes, HEADER_UNITS * UNIT * 2);
      this.buffer = new SharedArrayBuffer(bytes, { maxByteLength: (INDEX_MASK + 1) * UNIT });
      const h = new Int32Array(this.buffer, 0, 4);
      h[BUMP] = HEADER_UNITS;
      h[CAP] = bytes / UNIT;
    }
    this.heads = new TaggedHeads(this.buffer, HEADS_BYTE, CLASSES);
    this.refresh();
  }

  /**
   * This thread's cache of free blocks per class, when enabled
   * (`cacheLocally`); same contract as Slab's: at most LOCAL_MAX per class,
   * half spilled in one CAS past that, `flushLocal()` before stopping.
   */
  private local: number[][] | null = null;
  /** Per class, a whole free list taken in one CAS when the cache ran dry (as in Slab). */
  private chains = new Int32Array(CLASSES);

  cacheLocally(): void {
    this.local ??= Array.from({ length: CLASSES }, () => []);
  }

  flushLocal(): void {
    if (this.local === null) return;
    for (let c = 0; c < CLASSES; c++) {
      const l = this.local[c];
      if (l.length > 0) this.freeMany(c, l.splice(0, l.length));
      const first = this.chains[c];
      if (first !== 0) {
        pushChain(this.heads, c, this, first, chainTail(first, this));
        this.chains[c] = 0;
      }
    }
  }

  /** Allocates room for `length` payload bytes; returns the payload's byte offset. */
  alloc(length: number): number {
    const c = classOf(length + 8);
    let unit = this.local === null ? pop(this.heads, c, this) : this.takeLocal(c);
    if (unit === 0) unit = this.bump(1 << c);
    const i32 = this.view(unit + (1 << c) - 1);
    i32[unit * 4] = c;
    i32[unit * 4 + 1] = length;
    return unit * UNIT + 8;
  }

  /** A free block of class c from this thread's cache or chain (taking the class's list when both are empty); 0 if none. */
  private takeLocal(c: number): number {
    const l = this.local![c];
    if (l.length > 0) return l.pop()!;
    const chains = this.chains;
    if (chains[c] === 0) chains[c] = popAll(this.heads, c);
    const unit = chains[c];
    if (unit !== 0) chains[c] = Atomics.load(this.view(unit), unit * 4 + 1);
    return unit;
  }

  free(ptr: number): void {
    const unit = (ptr - 8) / UNIT;
    const c = this.view(unit)[unit * 4];
    if (this.local === null) {
      pushChain(this.heads, c, this, unit, unit);
      return;
    }
    const l = this.local[c];
    if (l.length >= LOCAL_MAX) this.freeMany(c, l.splice(0, LOCAL_MAX >> 1));
    l.push(unit);
  }

  /** Links `units` (all of class c) through their link words and frees them in one CAS. */
  private freeMany(c: number, units: number[]): void {
    for (let i = 0; i + 1 < units.length; i++) Atomics.store(this.view(units[i]), units[i] * 4 + 1, units[i + 1]);
    pushChain(this.heads, c, this, units[0], units[units.length - 1]);
  }

  /** Payload length of the block at `ptr`. */
  length(ptr: number): number {
    return this.view((ptr - 8) / UNIT)[(ptr - 8) / 4 + 1];
  }

  /** Makes sure the views cover `unit` (another thread may have grown the heap). */
  view(unit: number): Int32Array {
    return (unit + 1) * 4 <= this.i32.length ? this.i32 : this.refresh();
  }

  links(unit: number): Int32Array {
    return this.view(unit);
  }

  /** Blocks on the free lists of all classes (quiescent use: walks them). */
  freeBlocks(): number {
    let n = 0;
    for (let c = 0; c < CLASSES; c++) n += chainLength(this.heads.top(c), this);
    return n;
  }

  /** Blocks ever carved from the bump region (quiescent use; tests compare it with freeBlocks). */
  carvedBlocks(): number {
    let n = 0;
    for (let u = HEADER_UNITS; u < Atomics.load(this.i32, BUMP); u += 1 << this.i32[u * 4]) n++;
    return n;
  }

  bytes(): number {
    return this.buffer.byteLength;
  }

  private refresh(): Int32Array {
    const units = Atomics.load(new Int32Array(this.buffer, 0, 4), CAP);
    this.i32 = new Int32Array(this.buffer, 0, units * 4);
    this.u8 = new Uint8Array(this.buffer, 0, units * UNIT);
    this.dv = new DataView(this.buffer, 0, units * UNIT);
    return this.i32;
  }

  private bump(units: number): number {
    const h = this.i32;
    for (;;) {
      const at = Atomics.load(h, BUMP);
      if (at + units > Atomics.load(h, CAP)) {
        this.grow(at + units);
        continue;
      }
      if (Atomics.compareExchange(h, BUMP, at, at + units) === at) return at;
    }
  }

  private grow(needUnits: number): void {
    const h = this.i32;
    while (Atomics.compareExchange(h, GROW, 0, 1) !== 0) {
      // Another thread is growing; it publishes CAP before unlocking.
    }
    try {
      const cap = Atomics.load(h, CAP);
      if (needUnits <= cap) return;
      let next = cap * 2;
      while (next < needUnits) next *= 2;
      if (needUnits > INDEX_MASK) throw new RangeError('shared heap exhausted (256 MiB)');
      next = Math.min(next, INDEX_MASK + 1);
      this.buffer.grow(next * UNIT);
      Atomics.store(h, CAP, next);
    } finally {
      Atomics.store(h, GROW, 0);
    }
    this.refresh();
  }
}

/** Smallest class whose blocks hold `bytes` (header included). */
function classOf(bytes: number): number {
  const units = Math.ceil(bytes / UNIT);
  const c = 32 - Math.clz32(units - 1);
  if (c >= CLASSES) throw new RangeError(`value too large for the shared heap: ${bytes} bytes`);
  return c;
}
