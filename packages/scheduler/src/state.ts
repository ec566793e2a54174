/**
 * The shared state of one scheduler: every SharedArrayBuffer and its layout.
 *
 * The main thread creates it and posts `buffers()` to each worker, which
 * attaches with `SharedState.attach`. Handles (task, future, channel and cell
 * indices, heap pointers) are offsets into these buffers, so they mean the
 * same thing on every thread.
 *
 * Control block words (Int32Array, fixed size):
 *   INJECT       words 0–1: 64-bit tagged head (`injectHead`) of the global
 *                injection queue, a Treiber stack linked through task records;
 *                pushed by deque owners that overflow, popped by idle
 *                processors. Word INJECT alone is the index on top.
 *   PARKED       processors currently parked; incremented/decremented by the
 *                parking processor, read by spawners to skip needless wakes.
 *   MAIN_SEQ     bumped (then notified) by whoever pushes onto an empty
 *                COMPLETIONS stack; the main thread waits on it asynchronously.
 *   COMPLETIONS  take-all Treiber head of finished root futures, linked through
 *                the future's LINK word; pushed by any processor, drained only
 *                by the main thread.
 *   SHUTDOWN     set once by the main thread; processors leave their loops.
 *   SEARCHING    workers spinning for work right now (at most half of them);
 *                changed by the searching worker, read by spawners: while
 *                one searches, nobody needs waking (tokio's "searching").
 *   STOPPED      workers that saw SHUTDOWN and gave their cached free records
 *                back (Processor.flushCaches); close() waits for all of them
 *                before terminating the threads.
 *   RESUMING     resume records sent to a processor's INBOX, or found
 *                ready when registered (Processor.resumeHere), whose
 *                continuations have not all run yet: incremented by the
 *                sender, decremented by the owner once its ready list is
 *                empty again. While it is non-zero some thread has work, so
 *                an embedder's "everyone is blocked" check must not fire
 *                (TaskContext.resumesPending).
 *   ONLINE       workers that have loaded the task module and can take
 *                tasks (TaskContext.workersOnline); each adds 1 once.
 * Per-processor blocks (PROC + p * PROC_WORDS), p = 0 is the main thread:
 *   PARK         1 while parked; the waker CASes 1 → 0 and notifies it.
 *   INBOX        take-all Treiber head of resume records for this processor;
 *                pushed by any thread, drained only by the owner.
 *   ROOTS        root tasks started; written by the owner, read by stats.
 *   EXECUTED     tasks run; written by the owner, read by stats.
 *   STOLEN       tasks taken from other processors; owner-written.
 */
import { Heap } from './memory/heap';
import { INDEX_MASK, TaggedHeads } from './memory/tagged-stack';
import { Slab } from './memory/slab';

export const INJECT = 0;
export const PARKED = 2;
export const MAIN_SEQ = 3;
export const COMPLETIONS = 4;
export const SHUTDOWN = 5;
export const SEARCHING = 6;
export const STOPPED = 7;
export const RESUMING = 8;
export const ONLINE = 9;
const PROC = 16;
const PROC_WORDS = 16;
export const PARK = 0;
export const INBOX = 1;
export const ROOTS = 2;
export const EXECUTED = 3;
export const STOLEN = 4;

/** Task record words (tasks slab). NEXT links free lists, the injection queue and inboxes. */
export const T_NEXT = 0;
export const T_FUTURE = 1;
export const T_TAG = 2;
export const T_PAYLOAD = 3;

/** Future record words (futures slab); see future.ts for the state machine. */
export const F_STATE = 0;
export const F_LINK = 1;
export const F_TAG = 2;
export const F_PAYLOAD = 3;

export interface StateBuffers {
  processors: number;
  dequeCapacity: number;
  control: SharedArrayBuffer;
  deques: SharedArrayBuffer;
  tasks: SharedArrayBuffer;
  futures: SharedArrayBuffer;
  channels: SharedArrayBuffer;
  cells: SharedArrayBuffer;
  heap: SharedArrayBuffer;
}

export class SharedState {
  readonly control: Int32Array;
  /** The injection queue's head: control words INJECT and INJECT + 1. */
  readonly injectHead: TaggedHeads;
  readonly deques: Int32Array;
  readonly tasks: Slab;
  readonly futures: Slab;
  readonly channels: Slab;
  readonly cells: Slab;
  readonly heap: Heap;

  private constructor(
    readonly processors: number,
    readonly dequeCapacity: number,
    b?: StateBuffers,
  ) {
    const dequeWords = processors * (32 + dequeCapacity);
    this.control = new Int32Array(b?.control ?? new SharedArrayBuffer((PROC + processors * PROC_WORDS) * 4));
    this.injectHead = new TaggedHeads(this.control.buffer as SharedArrayBuffer, INJECT * 4, 1);
    this.deques = new Int32Array(b?.deques ?? new SharedArrayBuffer(dequeWords * 4));
    this.tasks = new Slab(4, 1024, 1 << 23, b?.tasks);
    this.futures = new Slab(4, 1024, 1 << 23, b?.futures);
    // Channels: as many as the record index allows (2^24 - 1); the buffer reserves address space for them, memory as they come.
    this.channels = new Slab(16, 16, INDEX_MASK, b?.channels);
    this.cells = new Slab(4, 64, 1 << 20, b?.cells);
    this.heap = new Heap(1 << 20, b?.heap);
  }

  /** A fresh state for `processors` processors (the main thread is processor 0). */
  static create(processors: number, dequeCapacity: number): SharedState {
    return new SharedState(processors, dequeCapacity);
  }

  /** Attaches to a state created on another thread. */
  static attach(b: StateBuffers): SharedState {
    return new SharedState(b.processors, b.dequeCapacity, b);
  }

  buffers(): StateBuffers {
    return {
      processors: this.processors,
      dequeCapacity: this.dequeCapacity,
      control: this.control.buffer as SharedArrayBuffer,
      deques: this.deques.buffer as SharedArrayBuffer,
      tasks: this.tasks.buffer,
      futures: this.futures.buffer,
      channels: this.channels.buffer,
      cells: this.cells.buffer,
      heap: this.heap.buffer,
    };
  }

  /** Index of word `w` of processor `p`'s control block. */
  proc(p: number, w: number): number {
    return PROC + p * PROC_WORDS + w;
  }

  /** Shared bytes held now, over all buffers. */
  bytes(): number {
    return (
      this.control.byteLength +
      this.deques.byteLength +
      this.tasks.bytes() +
      this.futures.bytes() +
      this.channels.bytes() +
      this.cells.bytes() +
      this.heap.bytes()
    );
  }
}
