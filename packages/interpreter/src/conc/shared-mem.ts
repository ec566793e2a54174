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
//   CHGROW    spin lock held while the channel table grows (rare).
//
// Channel table (`chans`): Wyn channel handle h (1, 2, 3…, never reused,
// §7.1) → two Int32 words: 2h the scheduler channel (0 = none), 2h+1 the
// kind of the last value sent (§7.4). The interpreter sets no limit on the
// number of channels (§7.1), so the table is a growable SharedArrayBuffer: it
// starts with room for a few hundred handles, and whoever creates a handle
// past its end grows it (doubling, under CHGROW) before storing the handle's
// words. Every thread reads through a fixed-length view of its own, because
// V8 (Node 20) runs length-tracking views over growable buffers several times
// slower (scheduler/src/memory/slab.ts); a thread refreshes its view the
// first time it meets a handle past the view's end. That is safe: a thread
// can only know a handle through the thread that made it (a channel, a
// future, a spawn argument), so the growth happened before, and the buffer's
// `byteLength`, read when refreshing, already covers it. A handle still past
// the end after a refresh was never made (an invalid handle, §7.2). The
// buffer reserves address space up front, not memory: pages are committed
// as the table grows.
//
// Output log: every thread but main appends its output here, in order, under
// LOGLOCK ([stream byte][u32 length][bytes] records); main drains it into the
// Host before each of its own writes and while it waits. Appends happen
// before the synchronising action that follows them, so the log order
// respects happens-before (§12.6), and nothing is lost at exit.
//
// Futures are the scheduler's own (runtime.ts): nothing here.

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

/** The channel table's initial and largest sizes in bytes (8 bytes per handle). */
const CHANS_INITIAL = 4096;
const CHANS_MAX = 1 << 30;
export const SHARED_CELLS = 65536;
export const MAX_TIMERS = 1 << 14;

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
  /** This thread's view of the channel table (see the file comment), renewed by `refreshChans`. */
  private chans: Int32Array;
  readonly shared: BigInt64Array;
  /** Task.value cells: values, then used flags in `tvUsed`. */
  readonly tvals: BigInt64Array;
  readonly tvUsed: Int32Array;
  readonly timers: Float64Array;

  constructor(readonly b: MemBuffers) {
    this.ctl = new Int32Array(b.ctl);
    this.chans = new Int32Array(b.chans, 0, b.chans.byteLength >> 2);
    this.shared = new BigInt64Array(b.shared);
    this.tvals = new BigInt64Array(b.tvals, 0, SHARED_CELLS);
    this.tvUsed = new Int32Array(b.tvals, SHARED_CELLS * 8);
    this.timers = new Float64Array(b.timers);
  }

  static create(): SharedMem {
    return new SharedMem({
      ctl: new SharedArrayBuffer(64 * 4),
      chans: new SharedArrayBuffer(CHANS_INITIAL, { maxByteLength: CHANS_MAX }),
      shared: new SharedArrayBuffer(SHARED_CELLS * 8),
      tvals: new SharedArrayBuffer(SHARED_CELLS * 12),
      log: new SharedArrayBuffer(1 << 16, { maxByteLength: 1 << 30 }),
      timers: new SharedArrayBuffer(MAX_TIMERS * 16),
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
    const v = this.chans;
    if (n > 0 && 2 * n < v.length) return Atomics.load(v, 2 * n);
    return n > 0 && this.refreshChans() ? this.chanOf(n) : 0;
  }

  /** Kind of the last value sent on handle `n` (a valid one, §7.4). */
  chanKind(n: number): number {
    return Atomics.load(this.chans, 2 * n + 1);
  }

  setChanKind(n: number, kind: number): void {
    Atomics.store(this.chans, 2 * n + 1, kind);
  }

  /** Gives scheduler channel `ch` the next Wyn handle, growing the table when it has no room; the handle. */
  addChan(ch: number): number {
    const n = Atomics.add(this.ctl, NEXT_CH, 1) + 1;
    if (2 * n + 1 >= this.chans.length && !this.refreshChans(2 * n + 2)) this.growChans((2 * n + 2) * 4);
    Atomics.store(this.chans, 2 * n, ch);
    return n;
  }

  /** Renews this thread's view when the table has grown (to at least `words` words, when given); whether it did. */
  private refreshChans(words = 0): boolean {
    const buf = this.b.chans;
    const bytes = buf.byteLength;
    if (bytes === this.chans.byteLength || bytes < words * 4) return false;
    this.chans = new Int32Array(buf, 0, bytes >> 2);
    return true;
  }

  /** Grows the table to at least `bytes`; a RangeError past CHANS_MAX. */
  private growChans(bytes: number): void {
    const buf = this.b.chans;
    if (bytes > buf.maxByteLength) throw new RangeError(`channel table full (${buf.maxByteLength / 8 - 1} handles)`);
    this.lock(CHGROW);
    try {
      // Growing to less than the current length throws: another thread may have grown it meanwhile.
      if (buf.byteLength < bytes) buf.grow(Math.min(buf.maxByteLength, Math.max(bytes, buf.byteLength * 2)));
    } finally {
      this.unlock(CHGROW);
    }
    this.refreshChans();
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
    if (n >= MAX_TIMERS) {
      this.unlock(TIMERLOCK);
      throw new Error('too many sleeping tasks');
    }
    this.timers[n * 2] = deadline;
    this.timers[n * 2 + 1] = ch;
    Atomics.store(this.ctl, TIMERS, n + 1);
    this.unlock(TIMERLOCK);
    this.wakeMain();
  }

  /** Removes and returns the channels of expired timers; `next` gets the earliest remaining deadline. */
  expired(now: number): { chans: number[]; next: number } {
    const chans: number[] = [];
    let next = Infinity;
    if (Atomics.load(this.ctl, TIMERS) === 0) return { chans, next };
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
    Atomics.store(this.ctl, TIMERS, n);
    this.unlock(TIMERLOCK);
    return { chans, next };
  }
}
