/// <reference lib="es2024.sharedmemory" />
/**
 * A growable slab of fixed-size records in one SharedArrayBuffer.
 *
 * Protocol. The first record(s) hold the header (HEADER_WORDS words, so two
 * records when a record has 4 words); record 0 doubles as the "no record"
 * handle, so a zero index always means "none". The header words are:
 *   FREE  words 0–1: 64-bit tagged Treiber head of freed records (see
 *         tagged-stack.ts); written by any thread with CAS.
 *   BUMP  index of the first never-used record; advanced by any thread with CAS.
 *   CAP   records the buffer currently holds; written under GROW by the grower,
 *         read by everyone with `Atomics.load`.
 *   GROW  spin lock held only while the buffer grows (rare, bounded).
 * Allocation pops the free list, else bumps, else grows the buffer (doubling)
 * and bumps. Freeing pushes on the free list. Records never move, so a handle
 * (the index) means the same record on every thread for the slab's lifetime.
 *
 * Growth and views. The buffer is a growable SharedArrayBuffer; every thread
 * keeps fixed-length typed-array views because V8 (Node 20) runs length-tracking
 * views over growable buffers about 5x slower. A thread refreshes its views the
 * first time it meets an index past their end (`view(index)`), which is safe
 * because the bytes are already there: CAP is published after `grow` returns.
 *
 * Invariant checked by tests: after a quiescent run, `freeCount() === used()`,
 * i.e. every record ever bumped is back on the free list.
 */
import { INDEX_MASK, TaggedHeads, chainLength, chainTail, pop, popAll, pushChain, type Links } from './tagged-stack';

/** The free-list head's index in `heads` (Int32 words 0 and 1). */
const FREE = 0;
const BUMP = 2;
const CAP = 3;
const GROW = 4;
const HEADER_WORDS = 5;
const LOCAL_MAX = 64;

export class Slab implements Links {
  readonly stride: number;
  readonly offset = 0;
  readonly buffer: SharedArrayBuffer;
  private readonly maxRecords: number;
  private readonly heads: TaggedHeads;
  /** Records the header takes; the first record handed out is this one. */
  private readonly headerRecords: number;
  /** Fixed-length view; refreshed on demand, see the file comment. */
  i32: Int32Array;

  /** Creates a slab, or attaches to `buffer` created by another thread. */
  constructor(words: number, initialRecords: number, maxRecords = INDEX_MASK, buffer?: SharedArrayBuffer) {
    if (words < 4) throw new RangeError('a slab record needs at least 4 words');
    this.stride = words;
    this.maxRecords = Math.min(maxRecords, INDEX_MASK);
    this.headerRecords = Math.ceil(HEADER_WORDS / words);
    if (buffer) {
      this.buffer = buffer;
    } else {
      const records = Math.max(this.headerRecords + 1, initialRecords);
      this.buffer = new SharedArrayBuffer(records * words * 4, { maxByteLength: (this.maxRecords + 1) * words * 4 });
      const header = new Int32Array(this.buffer, 0, HEADER_WORDS);
      header[BUMP] = this.headerRecords;
      header[CAP] = records;
    }
    this.heads = new TaggedHeads(this.buffer, 0, 1);
    this.i32 = this.refresh();
  }

  /**
   * This thread's cache of free records, when enabled (`cacheLocally`): a
   * plain array no other thread sees, so a record freed and allocated again
   * on one thread (a task spawned and run by the same processor) costs no
   * CAS at all. It holds at most LOCAL_MAX records; past that, half goes
   * back to the shared list in one CAS. The owner must `flushLocal()` before
   * it stops or idles, or the records stay invisible to other threads.
   */
  private local: number[] | null = null;
  /**
   * With the local cache: a whole free list taken in one CAS when the cache
   * ran dry (a chain through the records' next words, this thread's alone),
   * so a thread that allocates what others free (a spawner whose tasks run
   * elsewhere) pays one CAS per chain instead of one per record.
   */
  private chain = 0;

  cacheLocally(): void {
    this.local ??= [];
  }

  /** Returns every locally cached record to the shared free list (one CAS). */
  flushLocal(): void {
    const l = this.local;
    if (l !== null && l.length > 0) this.freeMany(l.splice(0, l.length));
    if (this.chain !== 0) {
      pushChain(this.heads, FREE, this, this.chain, chainTail(this.chain, this));
      this.chain = 0;
    }
  }

  /** Allocates a record; its words hold whatever the last user left there. */
  alloc(): number {
    const l = this.local;
    if (l !== null) {
      if (l.length > 0) return l.pop()!;
      if (this.chain === 0) this.chain = popAll(this.heads, FREE);
      const r = this.chain;
      if (r !== 0) {
        this.chain = Atomics.load(this.view(r), r * this.stride);
        return r;
      }
    } else {
      const fromFree = pop(this.heads, FREE, this);
      if (fromFree !== 0) return fromFree;
    }
    const h = this.i32;
    for (;;) {
      const index = Atomics.load(h, BUMP);
      if (index >= Atomics.load(h, CAP)) {
        this.grow(index);
        continue;
      }
      if (Atomics.compareExchange(h, BUMP, index, index + 1) === index) return index;
    }
  }

  free(index: number): void {
    const l = this.local;
    if (l === null) {
      pushChain(this.heads, FREE, this, index, index);
      return;
    }
    if (l.length >= LOCAL_MAX) this.freeMany(l.splice(0, LOCAL_MAX >> 1));
    l.push(index);
  }

  /** Links `records` through their next words and frees them in one CAS. */
  private freeMany(records: number[]): void {
    for (let i = 0; i + 1 < records.length; i++) Atomics.store(this.view(records[i]), records[i] * this.stride, records[i + 1]);
    pushChain(this.heads, FREE, this, records[0], records[records.length - 1]);
  }

  /** Frees first → … → last, already linked through word 0, in one CAS. */
  freeChain(first: number, last: number): void {
    pushChain(this.heads, FREE, this, first, last);
  }

  /** The view that covers `index` (refreshing after another thread grew the slab). */
  view(index: number): Int32Array {
    return (index + 1) * this.stride <= this.i32.length ? this.i32 : this.refresh();
  }

  links(index: number): Int32Array {
    return this.view(index);
  }

  /** Records ever handed out (quiescent use). */
  used(): number {
    return Atomics.load(this.i32, BUMP) - this.headerRecords;
  }

  /** Records on the free list (quiescent use: walks the list). */
  freeCount(): number {
    return chainLength(this.heads.top(FREE), this);
  }

  /** Bytes of shared memory the slab holds now. */
  bytes(): number {
    return this.buffer.byteLength;
  }

  private refresh(): Int32Array {
    const records = Atomics.load(new Int32Array(this.buffer, 0, HEADER_WORDS), CAP);
    this.i32 = new Int32Array(this.buffer, 0, records * this.stride);
    return this.i32;
  }

  private grow(seenBump: number): void {
    const h = this.i32;
    while (Atomics.compareExchange(h, GROW, 0, 1) !== 0) {
      // Another thread is growing; it publishes CAP before unlocking.
    }
    try {
      const cap = Atomics.load(h, CAP);
      if (seenBump < cap) return;
      if (cap >= this.maxRecords) throw new RangeError(`slab exhausted: ${cap} records`);
      const next = Math.min(cap * 2, this.maxRecords);
      this.buffer.grow(next * this.stride * 4);
      Atomics.store(h, CAP, next);
    } finally {
      Atomics.store(h, GROW, 0);
    }
    this.refresh();
  }
}
