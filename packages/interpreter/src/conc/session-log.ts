/// <reference lib="es2024.sharedmemory" />
// The compile log of a REPL session: what worker threads replay so that they
// hold the same program as the main thread (session-core.ts, CONCURRENCY.md
// §12, DESIGN §3 "Every worker thread runs its own interpreter instance
// over the same compiled program").
//
// A `wyn run` worker compiles the whole program text once. A session has no
// whole text: it grows an entry at a time, and an entry that panics is
// undone. So the main thread appends one event per compile step, in order:
//   entry  the text of an entry that parsed (also when it had static errors:
//          a rejected entry still binds type variables and uses slot numbers),
//          with the text of every module file its imports read;
//   test   the index of a `test` block of an earlier entry (`wyn test`);
//   undo   the last step was undone after its run failed.
// Each compile event records whether the step was rejected and how many
// spawnable functions existed after it, which the replaying thread checks:
// a mismatch would make a task run the wrong function, so it is reported
// instead.
//
// Protocol: one writer (the main thread), many readers. Records are
// [u32 length][JSON bytes] in a growable SharedArrayBuffer; `len[0]` is the
// byte length published so far, stored (Atomics) after the record's bytes,
// so a reader that loads it sees whole records only. Records never change
// once published. An event is published before the step runs, so a task
// spawned by the step finds it; a worker catches up when it takes a task.

export type LogEvent =
  | { k: 'entry'; text: string; rejected: boolean; spawnables: number; closures: number; modules: Record<string, string | null> }
  | { k: 'test'; entry: number; index: number; rejected: boolean; spawnables: number; closures: number }
  | { k: 'undo' };

export interface LogBuffers {
  len: SharedArrayBuffer;
  bytes: SharedArrayBuffer;
}

export class SessionLog {
  private readonly len: Int32Array;

  constructor(readonly b: LogBuffers) {
    this.len = new Int32Array(b.len);
  }

  static create(): SessionLog {
    return new SessionLog({ len: new SharedArrayBuffer(4), bytes: new SharedArrayBuffer(1 << 12, { maxByteLength: 1 << 30 }) });
  }

  /** Main thread only. */
  append(ev: LogEvent): void {
    const data = new TextEncoder().encode(JSON.stringify(ev));
    const at = this.len[0];
    const need = at + 4 + data.length;
    const bytes = this.b.bytes;
    if (need > bytes.byteLength) bytes.grow(Math.min(bytes.maxByteLength, Math.max(need, bytes.byteLength * 2)));
    new DataView(bytes).setUint32(at, data.length, true);
    new Uint8Array(bytes, at + 4, data.length).set(data);
    Atomics.store(this.len, 0, need);
  }

  /** The events published after byte offset `from`, and the offset to read from next time. */
  read(from: number): { events: LogEvent[]; next: number } {
    const end = Atomics.load(this.len, 0);
    const events: LogEvent[] = [];
    if (end === from) return { events, next: from };
    const copy = new Uint8Array(new Uint8Array(this.b.bytes, from, end - from));
    const dv = new DataView(copy.buffer);
    const dec = new TextDecoder();
    for (let at = 0; at < copy.length; ) {
      const n = dv.getUint32(at, true);
      events.push(JSON.parse(dec.decode(copy.subarray(at + 4, at + 4 + n))) as LogEvent);
      at += 4 + n;
    }
    return { events, next: end };
  }
}
