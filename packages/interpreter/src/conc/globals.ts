// Which global values a thread's code sees while it runs a task
// (CONCURRENCY.md §12.1: a task sees the globals as they were when it was
// spawned; a task spawned by a task inherits its parent's snapshot).
//
// Compiled code reads and writes globals through the array it was compiled
// against (eval/ident.ts takes `rt.G` once, for speed), so a task's snapshot
// cannot be installed by pointing `rt.G` at another array: its values are
// copied into that one array instead, and the thread's own values are put
// back when the task leaves. Tasks never write globals (the data-race check,
// §9 and §12.3), so an installed snapshot never needs copying back.
//
// Order of the copies: a stop from outside (Ctrl-C, a REPL session) may cut
// an install or a restore short, so `installed` is set before the values are
// copied in and after they are copied back; `restore(null)` then always
// brings the thread's own values back.

export class GlobalsView {
  /** The snapshot whose values `G` holds; null while it holds the thread's own. */
  private installed: unknown[] | null = null;
  /** The thread's own values while a snapshot is installed. */
  private readonly own: unknown[] = [];

  /** `G`: the array compiled code uses (`rt.G`, never replaced). */
  constructor(private readonly G: unknown[]) {}

  /** What `install` would return: for a task that keeps what is installed. */
  get current(): unknown[] | null {
    return this.installed;
  }

  /** Installs `snapshot`; returns what to give `restore` when the task leaves. */
  install(snapshot: unknown[]): unknown[] | null {
    const prev = this.installed;
    if (prev === snapshot) return prev;
    if (prev === null) copyInto(this.own, this.G);
    this.installed = snapshot;
    copyInto(this.G, snapshot);
    return prev;
  }

  /** Puts back what `install` replaced: the previous snapshot, or the thread's own values for null. */
  restore(prev: unknown[] | null): void {
    if (prev === this.installed) return;
    copyInto(this.G, prev ?? this.own);
    this.installed = prev;
  }
}

function copyInto(to: unknown[], from: unknown[]): void {
  const n = from.length;
  to.length = n;
  for (let i = 0; i < n; i++) to[i] = from[i];
}
