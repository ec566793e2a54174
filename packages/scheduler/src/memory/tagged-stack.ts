/// <reference lib="es2024.sharedmemory" />
/**
 * Lock-free Treiber stacks whose links live inside shared records.
 *
 * Protocol. A stack is a head word plus a `next` word inside every record.
 * Stacks that are popped one record at a time (slab and heap free lists, the
 * injection queue) have a 64-bit *tagged* head: the record index (0 means
 * empty) in the low 32 bits and a 32-bit tag in the high 32 bits that every
 * successful push or pop increments. The tag is what makes pop safe: a thread
 * that read head = (t, i) and next(i) = j is stalled while i is popped, reused
 * and pushed back; the head is now (t + k, i) and its CAS fails instead of
 * installing the stale j (the ABA problem). The tag wraps only after 2^32
 * updates, far more than a stalled thread can miss.
 *
 * Why 64 bits. The head used to be one Int32 word with a 24-bit index and an
 * 8-bit tag, so a pop preempted for a time slice was fooled when the head went
 * through a multiple of 256 updates and, as LIFO reuse makes likely, the same
 * record was on top again. Four threads hammering one slab on 2 loaded cores
 * were handed records twice within a 25 s run with the tag cut to 2 bits, and
 * not in 7·10^7 operations with 8 bits: rare, not impossible.
 *
 * How a pop reads the head. The CAS is `Atomics.compareExchange` on a
 * BigUint64Array; the two halves are read as Int32 words (little-endian: the
 * index is the lower word), which avoids a BigInt per load. The two reads
 * may come from different states, but the CAS succeeds only if the head
 * equals the pair read, and since every update changes the tag, the head was
 * then exactly that pair from the tag's read until the CAS, with the record
 * on top (so its `next`, read in between, is current).
 *
 * Stacks drained only by `takeAll` (the completion stack, resume inboxes) have
 * a plain Int32 head holding the index: a push is correct whatever the head
 * went through meanwhile, and `takeAll` never reads a `next` word it does not
 * own, so they need no tag.
 *
 * Invariants:
 * - A record is on at most one stack at a time; only the thread that popped it
 *   (or allocated it) writes its `next` word.
 * - `pushChain` links an already-built chain first..last in one CAS, so moving
 *   half a deque to the injection queue costs one contended operation.
 *
 * Every head is written only with `Atomics.compareExchange`/`exchange` and read
 * with `Atomics.load`; `next` words are read and written with `Atomics` too
 * because the reader of a stale `next` may be on another thread.
 */

/** Record indices stay below 2^24 (slab and heap limits, not a head format). */
export const INDEX_BITS = 24;
export const INDEX_MASK = (1 << INDEX_BITS) - 1;

/** Where the `next` word of record `index` lives: `links[index * stride + offset]`. */
export interface Links {
  /** Returns the current view that covers `index` (views are refreshed when a slab grows). */
  links(index: number): Int32Array;
  readonly stride: number;
  readonly offset: number;
}

/** `count` tagged 64-bit heads at `byteOffset` (a multiple of 8) in `buffer`. */
export class TaggedHeads {
  readonly i64: BigUint64Array;
  /** The same bytes as Int32 words: head k is (index, tag) = (words[2k], words[2k + 1]). */
  readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer, byteOffset: number, count: number) {
    this.i64 = new BigUint64Array(buffer, byteOffset, count);
    this.words = new Int32Array(buffer, byteOffset, count * 2);
  }

  /** The index on top of stack `at` (0 when empty); a snapshot. */
  top(at: number): number {
    return Atomics.load(this.words, 2 * at);
  }
}

const pack = (tag: number, index: number): bigint => (BigInt(tag >>> 0) << 32n) | BigInt(index);

/** Pushes the chain first → … → last (already linked through `next`) in one CAS. */
export function pushChain(h: TaggedHeads, at: number, l: Links, first: number, last: number): void {
  const lastView = l.links(last);
  const lastNext = last * l.stride + l.offset;
  const w = h.words;
  for (;;) {
    const index = Atomics.load(w, 2 * at);
    const tag = Atomics.load(w, 2 * at + 1);
    Atomics.store(lastView, lastNext, index);
    const old = pack(tag, index);
    if (Atomics.compareExchange(h.i64, at, old, pack(tag + 1, first)) === old) return;
  }
}

/** Pops one record index, or returns 0 when the stack is empty. */
export function pop(h: TaggedHeads, at: number, l: Links): number {
  const w = h.words;
  for (;;) {
    const index = Atomics.load(w, 2 * at);
    if (index === 0) return 0;
    const tag = Atomics.load(w, 2 * at + 1);
    const next = Atomics.load(l.links(index), index * l.stride + l.offset);
    const old = pack(tag, index);
    if (Atomics.compareExchange(h.i64, at, old, pack(tag + 1, next)) === old) return index;
  }
}

/**
 * Pops the whole stack in one CAS; returns its first index (0 when empty).
 * Nothing is read through `next` before the CAS, so there is no ABA hazard:
 * the chain from that index is exactly what the stack held, and its `next`
 * words now belong to the caller (the last one is 0).
 */
export function popAll(h: TaggedHeads, at: number): number {
  const w = h.words;
  for (;;) {
    const index = Atomics.load(w, 2 * at);
    if (index === 0) return 0;
    const tag = Atomics.load(w, 2 * at + 1);
    const old = pack(tag, index);
    if (Atomics.compareExchange(h.i64, at, old, pack(tag + 1, 0)) === old) return index;
  }
}

/** The last record of a chain this thread owns (walks it). */
export function chainTail(first: number, l: Links): number {
  let last = first;
  for (let n = first; n !== 0; n = Atomics.load(l.links(n), n * l.stride + l.offset)) last = n;
  return last;
}

/**
 * Pushes a chain onto a take-all stack (plain Int32 head). Returns the index
 * that was on top before, so a single-consumer queue can wake its consumer
 * only on the empty → non-empty transition.
 */
export function pushForTakeAll(head: Int32Array, at: number, l: Links, first: number, last: number): number {
  const lastView = l.links(last);
  const lastNext = last * l.stride + l.offset;
  for (;;) {
    const old = Atomics.load(head, at);
    Atomics.store(lastView, lastNext, old);
    if (Atomics.compareExchange(head, at, old, first) === old) return old;
  }
}

/** Takes the whole chain of a take-all stack (single consumer); returns its first index or 0. */
export function takeAll(head: Int32Array, at: number): number {
  return Atomics.exchange(head, at, 0);
}

/** Walks a chain (quiescent use only: tests and stats). */
export function chainLength(first: number, l: Links): number {
  let n = 0;
  for (let i = first; i !== 0; i = Atomics.load(l.links(i), i * l.stride + l.offset)) n++;
  return n;
}
