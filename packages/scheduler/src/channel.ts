/**
 * Channels: bounded multi-producer multi-consumer ring buffers in shared
 * memory, with blocking and non-blocking send/recv, close, and select.
 *
 * Record words (channels slab, 16 words; handle = record index):
 *   LOCK     spin lock (0 free, 1 held) guarding every word below and the
 *            ring; held for a few stores only, never across a call out.
 *            Every operation is linearizable at its critical section (§12.5).
 *   CLOSED   1 after close(); a closed channel still delivers what it holds.
 *   CAP      ring capacity in slots (≥ 1), fixed at creation.
 *   COUNT, HEAD  items held, and the slot the next recv reads.
 *   RING     heap pointer to CAP (tag, payload) slot pairs (codec.ts); a
 *            value's heap block moves from sender to receiver with its slot.
 *   SENDW, RECVW  chains of resume records (future.ts) of suspended tasks
 *            waiting for room / for an item, oldest first (SENDT, RECVT:
 *            their last records, where a new waiter is appended), so that
 *            waiters are woken in the order they blocked (CONCURRENCY.md
 *            §7.2: FIFO). A send wakes one receiver and a
 *            recv one sender (taken off the chain under the lock, resumed
 *            after unlocking); close wakes them all. A woken waiter retries
 *            its operation and may lose the race, but then whoever won took
 *            the item (or the room), so nothing is left unclaimed. Waking
 *            all of them instead would make n blocked receivers cost O(n)
 *            failed retries per item. A record of a wait on several
 *            channels (ONE_OF_MANY) may be woken by another of them and
 *            not retry here: waking one goes on past such records to the
 *            first plain waiter.
 *   SEQ      bumped on every state change, for threads that block with
 *            Atomics.wait (main thread, blocking calls inside tasks).
 * The lock word doubles as the free-list link while the record is free, so
 * `create` clears it before use.
 */
import type { Processor } from './processor';
import { ONE_OF_MANY, resume } from './future';
import type { SharedState } from './state';

const LOCK = 0;
const CLOSED = 1;
const CAP = 2;
const COUNT = 3;
const HEAD = 4;
const RING = 5;
const SENDW = 6;
const RECVW = 7;
const SEQ = 8;
/** A chain's last record: SENDW + TAIL is SENDT, RECVW + TAIL is RECVT. */
const TAIL = 3;
const W = 16;

/**
 * tryRecv's answers when there is no value. Registered symbols, so they are
 * the same in every copy of this package a thread loads: a worker running a
 * bundled scheduler and a task module that bundles its own copy must agree.
 */
export const EMPTY: unique symbol = Symbol.for('@wyn/scheduler.empty') as never;
export const CLOSED_CHANNEL: unique symbol = Symbol.for('@wyn/scheduler.closed') as never;

export type SelectCase = { channel: number; send: unknown } | { channel: number; recv: true };
export interface SelectResult {
  index: number;
  /** The value received (recv cases); CLOSED_CHANNEL when the channel is closed and drained. */
  value?: unknown;
}

export class ChannelClosedError extends Error {
  readonly code = 'ERR_CHANNEL_CLOSED';
  override name = 'ChannelClosedError';

  /** By code, not by class: another copy of the package (see EMPTY) throws its own class. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof Error && (x as { code?: unknown }).code === 'ERR_CHANNEL_CLOSED';
  }
}

export class Channels {
  private readonly state: SharedState;

  constructor(private readonly p: Processor) {
    this.state = p.state;
  }

  create(capacity: number): number {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('channel capacity must be an integer ≥ 1');
    const ch = this.state.channels.alloc();
    const v = this.state.channels.view(ch);
    const ring = this.state.heap.alloc(capacity * 8);
    const words = [0, 0, capacity, 0, 0, ring, 0, 0, 0, 0, 0];
    for (let i = words.length - 1; i >= 0; i--) Atomics.store(v, ch * W + i, words[i]);
    return ch;
  }

  /** Sends without blocking: false when full; throws ChannelClosedError when closed. */
  trySend(ch: number, value: unknown): boolean {
    const codec = this.p.codec;
    codec.encode(value);
    const { tag, payload } = codec;
    const v = this.lock(ch);
    const base = ch * W;
    if (v[base + CLOSED] !== 0 || v[base + COUNT] === v[base + CAP]) {
      const closed = v[base + CLOSED] !== 0;
      this.unlock(v, ch, 0);
      codec.discard(tag, payload);
      if (closed) throw new ChannelClosedError('send on a closed channel');
      return false;
    }
    const slot = (v[base + HEAD] + v[base + COUNT]) % v[base + CAP];
    const ring = this.ring(v, base);
    ring[(v[base + RING] >> 2) + slot * 2] = tag;
    ring[(v[base + RING] >> 2) + slot * 2 + 1] = payload;
    v[base + COUNT]++;
    this.unlock(v, ch, this.takeOne(v, base + RECVW));
    return true;
  }

  /** Receives without blocking: the value, EMPTY, or CLOSED_CHANNEL once closed and drained. */
  tryRecv(ch: number): unknown {
    const v = this.lock(ch);
    const base = ch * W;
    if (v[base + COUNT] === 0) {
      const closed = v[base + CLOSED] !== 0;
      this.unlock(v, ch, 0);
      return closed ? CLOSED_CHANNEL : EMPTY;
    }
    const slot = v[base + HEAD];
    const ring = this.ring(v, base);
    const tag = ring[(v[base + RING] >> 2) + slot * 2];
    const payload = ring[(v[base + RING] >> 2) + slot * 2 + 1];
    v[base + HEAD] = (slot + 1) % v[base + CAP];
    v[base + COUNT]--;
    this.unlock(v, ch, this.takeOne(v, base + SENDW));
    return this.p.codec.decode(tag, payload);
  }

  /** Blocking send: runs queued work (or sleeps) while the channel is full. */
  send(ch: number, value: unknown): void {
    this.block(ch, () => this.trySend(ch, value));
  }

  /** Blocking receive: the value, or CLOSED_CHANNEL once closed and drained. */
  recv(ch: number): unknown {
    let out: unknown;
    this.block(ch, () => (out = this.tryRecv(ch)) !== EMPTY);
    return out;
  }

  close(ch: number): void {
    const v = this.lock(ch);
    v[ch * W + CLOSED] = 1;
    const senders = Atomics.exchange(v, ch * W + SENDW, 0);
    v[ch * W + SENDW + TAIL] = 0;
    const receivers = Atomics.exchange(v, ch * W + RECVW, 0);
    v[ch * W + RECVW + TAIL] = 0;
    this.unlock(v, ch, receivers);
    this.resumeAll(senders);
  }

  /** Items held and whether the channel is closed, read under the lock (a linearizable snapshot). */
  status(ch: number): { count: number; closed: boolean } {
    const v = this.lock(ch);
    const count = v[ch * W + COUNT];
    const closed = v[ch * W + CLOSED] !== 0;
    Atomics.store(v, ch * W + LOCK, 0);
    return { count, closed };
  }

  /** Frees a channel nobody uses any more, with the values still in it. */
  destroy(ch: number): void {
    for (let x = this.tryRecv(ch); x !== EMPTY && x !== CLOSED_CHANNEL; x = this.tryRecv(ch));
    this.state.heap.free(this.state.channels.view(ch)[ch * W + RING]);
    this.state.channels.free(ch);
  }

  /** The first ready case in order, or undefined when none is ready. */
  trySelect(cases: readonly SelectCase[]): SelectResult | undefined {
    for (let index = 0; index < cases.length; index++) {
      const c = cases[index];
      if ('send' in c) {
        if (this.trySend(c.channel, c.send)) return { index };
      } else {
        const value = this.tryRecv(c.channel);
        if (value !== EMPTY) return { index, value };
      }
    }
    return undefined;
  }

  /** Blocking select over several channels. */
  select(cases: readonly SelectCase[]): SelectResult {
    if (cases.length === 0) throw new RangeError('select needs at least one case');
    let out: SelectResult | undefined;
    this.block(cases[0].channel, () => (out = this.trySelect(cases)) !== undefined, cases.length > 1);
    return out as SelectResult;
  }

  /**
   * Calls `cb(arg)` on this thread when `ch` may accept a send (`'send'`) or
   * hold an item or be closed (`'recv'`); the callback must retry its
   * operation. `oneOfMany`: the caller waits on other channels or futures
   * too, so the callback may not retry here (see SENDW, RECVW above).
   */
  onReady<T>(ch: number, op: 'send' | 'recv', cb: (arg: T) => void, oneOfMany = false, arg?: T): void {
    const w = this.p.resumeRecord(cb, oneOfMany ? ONE_OF_MANY : 0, arg);
    const v = this.lock(ch);
    const base = ch * W;
    const ready = v[base + CLOSED] !== 0 || (op === 'send' ? v[base + COUNT] < v[base + CAP] : v[base + COUNT] > 0);
    if (!ready) {
      const list = base + (op === 'send' ? SENDW : RECVW);
      Atomics.store(this.state.tasks.view(w), w * 4, 0);
      const last = v[list + TAIL];
      if (last === 0) v[list] = w;
      else Atomics.store(this.state.tasks.view(last), last * 4, w);
      v[list + TAIL] = w;
    }
    this.unlock(v, ch, 0);
    if (ready) this.p.resumeHere(w);
  }

  private block(ch: number, attempt: () => boolean, multi = false): void {
    const channels = this.state.channels;
    for (let spins = 0; ; spins++) {
      const seq = Atomics.load(channels.view(ch), ch * W + SEQ);
      if (attempt()) return;
      if (this.p.step()) continue;
      // Nothing to run here: sleep briefly on the first channel's SEQ; the
      // other channels of a select are polled when the short timeout expires.
      Atomics.wait(channels.view(ch), ch * W + SEQ, seq, spins < 100 || multi ? 0.05 : 1);
    }
  }

  /** The heap view covering this channel's ring (another thread may have grown the heap). */
  private ring(v: Int32Array, base: number): Int32Array {
    return this.state.heap.view((v[base + RING] + v[base + CAP] * 8) >> 4);
  }

  private lock(ch: number): Int32Array {
    const v = this.state.channels.view(ch);
    while (Atomics.compareExchange(v, ch * W + LOCK, 0, 1) !== 0) {
      // Held for a handful of stores by another thread.
    }
    return v;
  }

  /** Bumps SEQ, releases the lock, then wakes blocked threads and resumes `waiters`. */
  private unlock(v: Int32Array, ch: number, waiters: number): void {
    Atomics.add(v, ch * W + SEQ, 1);
    Atomics.store(v, ch * W + LOCK, 0);
    Atomics.notify(v, ch * W + SEQ);
    this.resumeAll(waiters);
  }

  /**
   * Takes waiters off chain word `list` (lock held) up to and including the
   * first plain one; returns the first taken, the taken part cut off.
   */
  private takeOne(v: Int32Array, list: number): number {
    const first = v[list];
    if (first === 0) return 0;
    const tasks = this.state.tasks;
    let w = first;
    for (;;) {
      const rec = tasks.view(w);
      const next = Atomics.load(rec, w * 4);
      if (next === 0 || rec[w * 4 + 3] !== ONE_OF_MANY) {
        v[list] = next;
        if (next === 0) v[list + TAIL] = 0;
        Atomics.store(rec, w * 4, 0);
        return first;
      }
      w = next;
    }
  }

  private resumeAll(first: number): void {
    for (let w = first; w !== 0; ) {
      const next = Atomics.load(this.state.tasks.view(w), w * 4);
      resume(this.state, w);
      w = next;
    }
  }
}
