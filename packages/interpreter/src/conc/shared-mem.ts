/// <reference lib="es2024.sharedmemory" />
// Process-wide state of a Wyn run that is not the scheduler's own
// (CONCURRENCY.md §12.5): one set of SharedArrayBuffers created by the main
// thread and attached by every worker, so a handle means the same thing on
// every thread.
//
// Control words (Int32Array `ctl`):
//   LIVE      tasks spawned and not finished; +1 by the spawner before the
//             task is queued, -1 by the task after its result is published.
//             Main's exit drain waits for 0 (§4, §12.7).
//   BLOCKED   tasks suspended on an await or a channel (not on a timer);
//             +1 by the task when it parks, -1 when its continuation runs.
//             BLOCKED == LIVE with no timer pending and no PROGRESS is the
//             global deadlock of §10.3.
//   FLAG/STATUS  set once (under LOGLOCK) by the first `exit(n)` or fatal
//             error in a task; every later output append is dropped, and main
//             ends the run with STATUS at its next blocking point (§10.1).
//             FAILED (set with them) tells a fatal error from an `exit(n)`:
//             a REPL session reports the one and ends on the other.
//   LOGLOCK/LOGLEN  spin lock and byte length of the output log (below).
//   PROGRESS  bumped by every completed channel operation and task end.
//   WAKE      bumped and notified for main, which sleeps on it while blocked.
//   Counters for channel, Shared and Task.value handles (§7.1, §8).
//   CHGROW, TVGROW  spin locks held while the channel table or the
//             Task.value cells grow (rare).
//
// Channel table (`chans`, a GrowableTable, see growable.ts): Wyn channel
// handle h (1, 2, 3…, never reused, §7.1) → two Int32 words: 2h the
// scheduler channel (0 = none), 2h+1 the kind of the last value sent (§7.4).
// The interpreter sets no limit on the number of channels (§7.1): the table
// starts with room for a few hundred handles and grows as they are made.
//
// Task.value cells (`tvals`, a GrowableTable, §8.2, no limit either): cell h
// (from 1) is 16 bytes, its value in 64-bit word 2h and its used flag in
// Int32 word 4h+2. Cell 0 is no handle: its Int32 word 0 holds TVHINT, a
// handle below which every cell is used (written under TVLOCK), so taking
// the lowest free handle does not scan the table from 1 each time.
//
// Output log: every thread but main appends its output here, in order, under
// LOGLOCK ([stream byte][u32 length][bytes] records); main drains it into the
// Host before each of its own writes and while it waits. Appends happen
// before the synchronising action that follows them, so the log order
// respects happens-before (§12.6), and nothing is lost at exit.
//
// Futures are the scheduler's own (runtime.ts): nothing here.

import { GrowableTable } from './growable';

export const LIVE = 0;
export const BLOCKED = 1;
export const FLAG = 2;
export const STATUS = 3;
export const LOGLOCK = 4;
export const LOGLEN = 5;
export const PROGRESS = 6;
export const WAKE = 7;
export const NEXT_CH = 8;
export const NEXT_SHARED = 9;
export const TVLOCK = 10;
export const TIMERS = 11;
export const TIMERLOCK = 12;
export const FAILED = 13;
export const CHGROW = 14;
export const TVGROW = 15;

/** The initial and largest sizes in bytes of the channel table (8 bytes per handle) and the Task.value cells (16). */
const TABLE_INITIAL = 4096;
const TABLE_MAX = 1 << 30;
/** Int32 word of the Task.value table holding its hint (see the file comment). */
const TVHINT = 0;
export const SHARED_CELLS = 65536;
/** Timers pending at once (sleeping tasks, parallel timeouts); the table grows to this from a few KB. */
export const MAX_TIMERS = 1 << 24;
const FIRST_TIMERS = 256;
/** The control words' buffer; its last 8 bytes hold the earliest timer deadline (SharedMem.due). */
const CTL_BYTES = 64 * 4;

export interface MemBuffers {
  ctl: SharedArrayBuffer;
  chans: SharedArrayBuffer;
  shared: SharedArrayBuffer;
  tvals: SharedArrayBuffer;
  log: SharedArrayBuffer;
  timers: SharedArrayBuffer;
}

export class SharedMem {
  readonly ctl: Int32Array;
  private readonly chans: GrowableTable;
  readonly shared: BigInt64Array;
  private readonly tvals: GrowableTable;
  /** [deadline, channel] pairs; length-tracking, so every thread sees the table grow (addTimer). */
  readonly timers: Float64Array;
  /** The earliest pending deadline (ctl's last 8 bytes), written under TIMERLOCK: polls before it scan nothing. */
  private readonly due: Float64Array;

  constructor(readonly b: MemBuffers) {
    this.ctl = new Int32Array(b.ctl);
    this.chans = new GrowableTable(b.chans, this.ctl, CHGROW);
    this.shared = new BigInt64Array(b.shared);
    this.tvals = new GrowableTable(b.tvals, this.ctl, TVGROW, true);
    this.timers = new Float64Array(b.timers);
    this.due = new Float64Array(b.ctl, CTL_BYTES - 8, 1);
  }

  static create(): SharedMem {
    return new SharedMem({
      ctl: new SharedArrayBuffer(CTL_BYTES),
      chans: GrowableTable.buffer(TABLE_INITIAL, TABLE_MAX),
      shared: new SharedArrayBuffer(SHARED_CELLS * 8),
      tvals: GrowableTable.buffer(TABLE_INITIAL, TABLE_MAX),
      log: new SharedArrayBuffer(1 << 16, { maxByteLength: 1 << 30 }),
      timers: new SharedArrayBuffer(FIRST_TIMERS * 16, { maxByteLength: MAX_TIMERS * 16 }),
    });
  }

  /**
   * A REPL session's next memory after it stopped this one's threads
   * (conc/session-world.ts): Shared and Task.value cells carry over, so
   * their handles stay valid; control words, the output log, timers and the
   * channel table start afresh, as they belong to the stopped scheduler.
   * Channel and Shared numbering continues, so an old channel handle never
   * names a new channel: it is an invalid handle from then on (§7.2).
   */
  static carryOver(prev: SharedMem): SharedMem {
    const fresh = SharedMem.create();
    const next = new SharedMem({ ...fresh.b, shared: prev.b.shared, tvals: prev.b.tvals });
    next.ctl[NEXT_CH] = Atomics.load(prev.ctl, NEXT_CH);
    next.ctl[NEXT_SHARED] = Atomics.load(prev.ctl, NEXT_SHARED);
    return next;
  }

  /**
   * The scheduler channel behind Wyn handle `n`, 0 for an invalid handle
   * (§7.2). On the path of every channel operation: one bounds check and one
   * atomic load, unless `n` is past this thread's view.
   */
  chanOf(n: number): number {
    const v = this.chans.i32;
    if (n > 0 && 2 * n < v.length) return Atomics.load(v, 2 * n);
    return n > 0 && this.chans.refresh() ? this.chanOf(n) : 0;
  }

  /** Kind of the last value sent on handle `n` (a valid one, §7.4). */
  chanKind(n: number): number {
    return Atomics.load(this.chans.i32, 2 * n + 1);
  }

  setChanKind(n: number, kind: number): void {
    Atomics.store(this.chans.i32, 2 * n + 1, kind);
  }

  /** Gives scheduler channel `ch` the next Wyn handle (growing the table when it has no room); the handle. */
  addChan(ch: number): number {
    const n = Atomics.add(this.ctl, NEXT_CH, 1) + 1;
    this.chans.ensure((2 * n + 2) * 4);
    Atomics.store(this.chans.i32, 2 * n, ch);
    return n;
  }

  /** `Task.value(initial)` (§8.2): the lowest free handle (from 1), now holding `initial`. */
  tvNew(initial: bigint): number {
    const t = this.tvals;
    this.lock(TVLOCK);
    try {
      t.refresh();
      let h = Math.max(1, t.i32[TVHINT]);
      for (;; h++) {
        t.ensure((h + 1) * 16);
        if (t.i32[4 * h + 2] === 0) break;
      }
      Atomics.store(t.i64, 2 * h, initial);
      Atomics.store(t.i32, 4 * h + 2, 1);
      t.i32[TVHINT] = h + 1;
      return h;
    } finally {
      this.unlock(TVLOCK);
    }
  }

  /** The 64-bit view holding Task.value cell `h` (in word 2h), or null when `h` is not a live handle. */
  tvCell(h: number): BigInt64Array | null {
    if (!(h >= 1)) return null;
    const t = this.tvals;
    if (4 * h + 2 >= t.i32.length && !(t.refresh() && 4 * h + 2 < t.i32.length)) return null;
    return Atomics.load(t.i32, 4 * h + 2) !== 0 ? t.i64 : null;
  }

  /** `Task.free_value(h)`: the cell reads 0 and its handle is free for the next `Task.value`. */
  tvFree(h: number): void {
    if (this.tvCell(h) === null) return;
    const t = this.tvals;
    this.lock(TVLOCK);
    // Freed meanwhile by another thread (and maybe taken again): that one's free counted.
    if (Atomics.load(t.i32, 4 * h + 2) !== 0) {
      Atomics.store(t.i64, 2 * h, 0n);
      Atomics.store(t.i32, 4 * h + 2, 0);
      if (h < t.i32[TVHINT]) t.i32[TVHINT] = h;
    }
    this.unlock(TVLOCK);
  }

  lock(word: number): void {
    while (Atomics.compareExchange(this.ctl, word, 0, 1) !== 0) {
      // Held for a few stores (or one copy of the log) by another thread.
    }
  }

  unlock(word: number): void {
    Atomics.store(this.ctl, word, 0);
  }

  wakeMain(): void {
    Atomics.add(this.ctl, WAKE, 1);
    Atomics.notify(this.ctl, WAKE);
  }

  /** Appends one output record; dropped once a fatal error or exit was flagged (§10.1). */
  append(stream: 1 | 2, bytes: Uint8Array, force = false): void {
    this.lock(LOGLOCK);
    try {
      if (!force && Atomics.load(this.ctl, FLAG) !== 0) return;
      const len = this.ctl[LOGLEN];
      const need = len + 5 + bytes.length;
      const log = this.b.log;
      if (need > log.byteLength) log.grow(Math.max(need, Math.min(log.maxByteLength, log.byteLength * 2)));
      const u8 = new Uint8Array(log);
      u8[len] = stream;
      new DataView(log).setUint32(len + 1, bytes.length, true);
      u8.set(bytes, len + 5);
      this.ctl[LOGLEN] = need;
    } finally {
      this.unlock(LOGLOCK);
    }
  }

  /** Takes everything logged so far, in order. */
  takeLog(): Array<[number, Uint8Array]> {
    if (Atomics.load(this.ctl, LOGLEN) === 0) return [];
    this.lock(LOGLOCK);
    const len = this.ctl[LOGLEN];
    const copy = new Uint8Array(new Uint8Array(this.b.log, 0, len));
    this.ctl[LOGLEN] = 0;
    this.unlock(LOGLOCK);
    const out: Array<[number, Uint8Array]> = [];
    const dv = new DataView(copy.buffer);
    for (let at = 0; at < len; ) {
      const n = dv.getUint32(at + 1, true);
      out.push([copy[at], copy.subarray(at + 5, at + 5 + n)]);
      at += 5 + n;
    }
    return out;
  }

  /** Flags the run as ending with `status` (`failure`: a fatal error, not `exit(n)`); the first caller wins. */
  setFatal(status: number, failure = false): void {
    this.lock(LOGLOCK);
    if (this.ctl[FLAG] === 0) {
      this.ctl[STATUS] = status;
      this.ctl[FAILED] = failure ? 1 : 0;
      Atomics.store(this.ctl, FLAG, 1);
    }
    this.unlock(LOGLOCK);
    this.wakeMain();
  }

  /** Registers a timer: scheduler channel `ch` is closed by main once `deadline` (ms) passes. */
  addTimer(deadline: number, ch: number): void {
    this.lock(TIMERLOCK);
    const n = this.ctl[TIMERS];
    if ((n + 1) * 2 > this.timers.length) {
      if (n >= MAX_TIMERS) {
        this.unlock(TIMERLOCK);
        throw new Error('too many sleeping tasks');
      }
      this.b.timers.grow(Math.min(MAX_TIMERS, n * 2) * 16);
    }
    this.timers[n * 2] = deadline;
    this.timers[n * 2 + 1] = ch;
    if (n === 0 || deadline < this.due[0]) this.due[0] = deadline;
    Atomics.store(this.ctl, TIMERS, n + 1);
    this.unlock(TIMERLOCK);
    this.wakeMain();
  }

  /** Removes and returns the channels of expired timers; `next` gets the earliest remaining deadline. */
  expired(now: number): { chans: number[]; next: number } {
    const chans: number[] = [];
    let next = Infinity;
    if (Atomics.load(this.ctl, TIMERS) === 0) return { chans, next };
    // A stale read only costs a scan, or this poll's firing: it is read again at the next.
    if (now < this.due[0]) return { chans, next: this.due[0] };
    this.lock(TIMERLOCK);
    let n = this.ctl[TIMERS];
    for (let i = 0; i < n; ) {
      if (this.timers[i * 2] <= now) {
        chans.push(this.timers[i * 2 + 1]);
        n--;
        this.timers[i * 2] = this.timers[n * 2];
        this.timers[i * 2 + 1] = this.timers[n * 2 + 1];
      } else {
        next = Math.min(next, this.timers[i * 2]);
        i++;
      }
    }
    this.due[0] = next;
    Atomics.store(this.ctl, TIMERS, n);
    this.unlock(TIMERLOCK);
    return { chans, next };
  }
}
