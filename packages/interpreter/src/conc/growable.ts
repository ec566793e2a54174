/// <reference lib="es2024.sharedmemory" />
// A process-wide table in one growable SharedArrayBuffer (the channel table
// and the Task.value cells of shared-mem.ts), for handles the interpreter
// must not limit (CONCURRENCY.md §7.1, §8.2).
//
// Protocol. The buffer reserves address space for `maxByteLength` up front
// and commits memory only as it grows. Whoever needs a row past the end grows
// it (doubling) under a spin lock word, then writes the row; growing never
// moves bytes, so other threads keep using what they see. Every thread reads
// through fixed-length views of its own, because V8 (Node 20) runs
// length-tracking views over growable buffers several times slower
// (scheduler/src/memory/slab.ts). A thread renews its views the first time it
// meets an index past their end. That is safe because a thread learns a
// handle only through the thread that made it (a channel, a future, a spawn
// argument, a global snapshot), so the growth happened before, and the
// buffer's `byteLength`, read when renewing, already covers it. An index
// still past the end after renewing was never handed out.

export class GrowableTable {
  i32: Int32Array;
  /** The same bytes as 64-bit words, for tables that hold them (`wide`). */
  i64: BigInt64Array;

  /** Attaches to `buf`; `ctl[lockWord]` is the spin lock growers take. */
  constructor(readonly buf: SharedArrayBuffer, private readonly ctl: Int32Array, private readonly lockWord: number, private readonly wide = false) {
    this.i32 = new Int32Array(buf, 0, buf.byteLength >> 2);
    this.i64 = wide ? new BigInt64Array(buf, 0, buf.byteLength >> 3) : new BigInt64Array(0);
  }

  static buffer(initialBytes: number, maxBytes: number): SharedArrayBuffer {
    return new SharedArrayBuffer(initialBytes, { maxByteLength: maxBytes });
  }

  /** Renews this thread's views when the buffer has grown; whether it had. */
  refresh(): boolean {
    const bytes = this.buf.byteLength;
    if (bytes === this.i32.byteLength) return false;
    this.i32 = new Int32Array(this.buf, 0, bytes >> 2);
    if (this.wide) this.i64 = new BigInt64Array(this.buf, 0, bytes >> 3);
    return true;
  }

  /** Makes the views cover `bytes`, growing the buffer if no thread has yet; a RangeError past its maximum. */
  ensure(bytes: number): void {
    if (bytes <= this.i32.byteLength) return;
    const buf = this.buf;
    if (bytes > buf.byteLength) {
      if (bytes > buf.maxByteLength) throw new RangeError(`table full (${buf.maxByteLength} bytes)`);
      while (Atomics.compareExchange(this.ctl, this.lockWord, 0, 1) !== 0) {
        // Another thread is growing the buffer: a few microseconds, rarely.
      }
      try {
        // Growing to less than the current length throws, and another thread may have grown it meanwhile.
        if (buf.byteLength < bytes) buf.grow(Math.min(buf.maxByteLength, Math.max(bytes, buf.byteLength * 2)));
      } finally {
        Atomics.store(this.ctl, this.lockWord, 0);
      }
    }
    this.refresh();
  }
}
