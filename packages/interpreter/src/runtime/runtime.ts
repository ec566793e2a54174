// Per-run state shared by compiled closures: globals, the return register,
// the Wyn call stack (for panic traces and the depth limit), buffered stdout.

import type { Host } from '../host';
import type { FnInstance } from '../program';
import { panicAt, type Site } from './errors';
import { bytesOf } from './values';

/**
 * Deepest Wyn call nesting before the stack-overflow panic (§13.2). The JS
 * stack usually runs out first; `run` turns that RangeError into the same panic.
 */
export const MAX_DEPTH = 200_000;

/** Iterations of a spawning loop (batches of spawns, exec/loops.ts) before its held tasks are queued anyway. */
const HELD_LOOP_TICKS = 1000;

export class Runtime {
  G: unknown[] = [];
  /** Value of the last `return`, read by the caller right after the body completes. */
  ret: unknown = undefined;
  depth = 0;
  /**
   * `enter` takes its slow path at this depth: MAX_DEPTH, or 0 while this
   * thread holds spawned tasks back (conc/held-task.ts), so that the next
   * call queues them at no cost to other calls.
   */
  callLimit = MAX_DEPTH;
  /** Queues the tasks a lazy spawn holds back (set by conc/held-task.ts). */
  safepoint: () => void = () => undefined;
  /** Iterations of loops that spawn since this thread began to hold tasks back. */
  private heldTicks = 0;
  /** Call sites of the active Wyn calls, innermost last (only `depth` entries are live). */
  readonly sites: Site[] = [];
  assertFailed = false;
  private out = '';
  /** Handle tables of StringBuilder, File, Json, … (STDLIB §0 "Handles"). */
  readonly handles = new Map<string, unknown[]>();

  /** Functions that are spawn targets, in compile order: a task names its function by index (DESIGN §3). */
  readonly spawnables: FnInstance[] = [];
  /**
   * Makers of function values by compile order (lambdas, named functions used
   * as values): a closure crossing threads is its index here plus its copied
   * environment (FnVal.code, conc/plain.ts), as a task names its function.
   */
  readonly closures: Array<(env: unknown[]) => unknown> = [];
  /** This thread's concurrency state (conc/runtime.ts), created at the first concurrent operation. */
  conc: unknown = null;
  makeConc: (() => unknown) | null = null;
  private readonly lineMode: boolean;
  /**
   * Once this thread takes part in a run with tasks: a one-word view of the
   * shared end flag, non-zero after a task's `exit(n)` or fatal error
   * (conc/shared-mem.ts FLAG). Long loops and every write look at it, so
   * that code goes no further once the run is over (CONCURRENCY.md §4,
   * §12.7: "without running further code in main").
   */
  private endFlag: Int32Array | null = null;
  private onEnd: () => void = () => undefined;

  constructor(readonly host: Host, readonly entryFile: string) {
    this.lineMode = host.stdoutIsTerminal();
  }

  /**
   * Program output (DESIGN §3): buffered, and written when the buffer passes
   * 64 KiB, at every synchronising action (each calls `flush`), before
   * anything goes to stderr, and at the end of the run — a million `println`s
   * cost a few dozen writes. On a terminal every completed line is written
   * at once, as C and Python do, so interactive output is never late.
   */
  write(byteString: string): void {
    if (this.endFlag !== null) this.checkEnded();
    this.out += byteString;
    if (this.out.length > 1 << 16 || (this.lineMode && byteString.includes('\n'))) this.flush();
  }

  flush(): void {
    if (this.out.length === 0) return;
    this.host.writeStdout(bytesOf(this.out));
    this.out = '';
  }

  /** Diagnostics, panics, failed asserts, Log: stdout is flushed first so the two streams keep program order. */
  writeStderr(text: string): void {
    this.flush();
    this.host.writeStderr(text);
  }

  /** From now on `checkEnded` calls `onEnd` (which throws) once `flag[0]` is set; null: no tasks, nothing to watch. */
  watchEnd(flag: Int32Array | null, onEnd: () => void): void {
    this.endFlag = flag;
    this.onEnd = onEnd;
  }

  /** Ends this thread's part of the run if a task has ended it (see endFlag): between loop chunks, before writes. */
  checkEnded(): void {
    const e = this.endFlag;
    if (e !== null && Atomics.load(e, 0) !== 0) this.onEnd();
  }

  enter(site: Site): void {
    if (this.depth >= this.callLimit) this.enterSlow(site);
    this.sites[this.depth++] = site;
  }

  private enterSlow(site: Site): void {
    this.queueHeldTask();
    if (this.depth >= MAX_DEPTH) this.overflow(site);
  }

  /** The first frame of a task run inline: entering it is no reason to queue the other held tasks. */
  enterHeld(site: Site): void {
    if (this.depth >= MAX_DEPTH) this.overflow(site);
    this.sites[this.depth++] = site;
  }

  /** Queues the tasks held back on this thread, if any (calls, loops). */
  queueHeldTask(): void {
    if (this.callLimit === MAX_DEPTH) return;
    this.disarmHeld();
    this.safepoint();
  }

  /** An iteration of a loop that spawns: a loop that holds tasks back for long queues them. */
  heldLoopTick(): void {
    if (this.callLimit !== MAX_DEPTH && ++this.heldTicks > HELD_LOOP_TICKS) this.queueHeldTask();
  }

  armHeld(): void {
    this.callLimit = 0;
  }

  disarmHeld(): void {
    this.callLimit = MAX_DEPTH;
    this.heldTicks = 0;
  }

  overflow(site: Site | null): never {
    panicAt(site, 'E0910', 'stack overflow (recursion too deep?)');
  }

  /**
   * Registers an object in a handle table; handles are small ints starting
   * at 1, and a freed handle is reused by the next registration (STDLIB §0, §10).
   */
  newHandle(table: string, obj: unknown): number {
    let t = this.handles.get(table);
    if (t === undefined) {
      t = [null];
      this.handles.set(table, t);
    }
    const free = t.indexOf(null, 1);
    if (free > 0) {
      t[free] = obj;
      return free;
    }
    t.push(obj);
    return t.length - 1;
  }
  handle(table: string, h: unknown): unknown {
    return this.handles.get(table)?.[h as number] ?? undefined;
  }
  closeHandle(table: string, h: unknown): void {
    const t = this.handles.get(table);
    if (t !== undefined && typeof h === 'number' && h > 0 && h < t.length) t[h] = null;
  }
}
