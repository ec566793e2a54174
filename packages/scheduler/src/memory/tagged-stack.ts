/**
 * Lock-free Treiber stacks whose links live inside shared records.
 *
 * Protocol. A stack is one Int32 "head" word plus a `next` word inside every
 * record. The head packs a 24-bit record index (0 means empty) with an 8-bit
 * tag that every successful push or pop increments. The tag is what makes pop
 * safe: a thread that read head = (t, i) and next(i) = j is stalled while i is
 * popped, reused and pushed back; the head is now (t + k, i) and its CAS fails
 * instead of installing the stale j (the ABA problem). A stalled thread would
 * need to observe exactly 256 intervening updates to be fooled, which is why
 * records are at most 2^24 per stack and the tag is as wide as the word allows.
 *
 * Invariants:
 * - A record is on at most one stack at a time; only the thread that popped it
 *   (or allocated it) writes its `next` word.
 * - `takeAll` swaps in an empty head and hands the whole chain to one consumer;
 *   it is ABA-free, so single-consumer queues (completions, resume inboxes) use
 *   it and never `pop`.
 * - `pushChain` links an already-built chain first..last in one CAS, so moving
 *   half a deque to the injection queue costs one contended operation.
 *
 * Every head is written only with `Atomics.compareExchange`/`exchange` and read
 * with `Atomics.load`; `next` words are read and written with `Atomics` too
 * because the reader of a stale `next` may be on another thread.
 */

export const INDEX_BITS = 24;
export const INDEX_MASK = (1 << INDEX_BITS) - 1;
const TAG_ONE = 1 << INDEX_BITS;

/** Where the `next` word of record `index` lives: `links[index * stride + offset]`. */
export interface Links {
  /** Returns the current view that covers `index` (views are refreshed when a slab grows). */
  links(index: number): Int32Array;
  readonly stride: number;
  readonly offset: number;
}

/**
 * Pushes the chain first → … → last (already linked through `next`) in one CAS.
 * Returns the index that was on top before, so a single-consumer queue can
 * wake its consumer only on the empty → non-empty transition.
 */
export function pushChain(head: Int32Array, at: number, l: Links, first: number, last: number): number {
  const lastView = l.links(last);
  const lastNext = last * l.stride + l.offset;
  for (;;) {
    const old = Atomics.load(head, at);
    Atomics.store(lastView, lastNext, old & INDEX_MASK);
    const tagged = ((old & ~INDEX_MASK) + TAG_ONE) | first;
    if (Atomics.compareExchange(head, at, old, tagged) === old) return old & INDEX_MASK;
  }
}

/** Pops one record index, or returns 0 when the stack is empty. */
export function pop(head: Int32Array, at: number, l: Links): number {
  for (;;) {
    const old = Atomics.load(head, at);
    const index = old & INDEX_MASK;
    if (index === 0) return 0;
    const next = Atomics.load(l.links(index), index * l.stride + l.offset);
    const tagged = ((old & ~INDEX_MASK) + TAG_ONE) | next;
    if (Atomics.compareExchange(head, at, old, tagged) === old) return index;
  }
}

/** Takes the whole chain (single consumer); returns its first index or 0. */
export function takeAll(head: Int32Array, at: number): number {
  return Atomics.exchange(head, at, 0) & INDEX_MASK;
}

/** Walks a chain (quiescent use only: tests and stats). */
export function chainLength(first: number, l: Links): number {
  let n = 0;
  for (let i = first; i !== 0; i = Atomics.load(l.links(i), i * l.stride + l.offset)) n++;
  return n;
}
