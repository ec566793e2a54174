/**
 * A worker's idle side: its loop, searching, parking, and waking other
 * workers. The protocol and why it loses no wake-up are in processor.ts's
 * file comment; this file only holds the code, moved out of the Processor to
 * keep that file within the style guide's size. A Processor owns one Parking
 * and passes itself to `loop`/`search`; none of this is on the task hot path
 * (spawn reaches `wakeOne` only when a worker is parked and nobody searches).
 *
 * Fields here are written only by the owning thread.
 */
import type { Deque } from './deque';
import { wakeProcessor } from './future';
import { INJECT, PARK, PARKED, SEARCHING, SHUTDOWN, type SharedState } from './state';
import type { Processor } from './processor';

/**
 * How long an idle worker searches before it parks. Waking a parked thread
 * costs tens of µs, so a worker keeps looking for about as long as a few
 * wake-ups would cost; much longer only burns a core the main thread could use.
 */
const SPIN_MS = 0.2;
const PARK_TIMEOUT_MS = 5;

export class Parking {
  private wakeCursor = 1;
  private readonly maxSearchers: number;

  constructor(
    private readonly state: SharedState,
    private readonly id: number,
    /** The owning Processor's deques of the other processors (the same array). */
    private readonly victims: readonly Deque[],
  ) {
    this.maxSearchers = Math.max(1, (state.processors - 1) >> 1);
  }

  /** Worker loop of processor `p`: runs until shutdown, or returns after `idleMs` without work. */
  loop(p: Processor, idleMs: number): void {
    const control = this.state.control;
    const park = this.state.proc(this.id, PARK);
    let idleSince = 0;
    // A park that timed out means nobody has work for this worker: it looks
    // once and parks again instead of spinning, or on 2 cores a parked
    // worker waking every PARK_TIMEOUT_MS would spin beside the busy ones.
    let woken = true;
    while (Atomics.load(control, SHUTDOWN) === 0) {
      if (p.step() || (woken && this.search(p))) {
        idleSince = 0;
        woken = true;
        continue;
      }
      if (idleSince === 0) {
        idleSince = Date.now();
        p.publishStats();
      } else if (Date.now() - idleSince >= idleMs) break;
      p.flushCaches();
      const wait = Math.min(PARK_TIMEOUT_MS, p.idleWork());
      Atomics.store(control, park, 1);
      Atomics.add(control, PARKED, 1);
      // Dekker with spawners (file comment): PARK/PARKED are visible before we look again.
      woken = p.hasWork() || Atomics.wait(control, park, 1, wait) !== 'timed-out';
      Atomics.store(control, park, 0);
      Atomics.sub(control, PARKED, 1);
    }
    p.flushCaches();
  }

  /**
   * Spins as a searcher until work shows up (true) or SPIN_MS pass (false).
   * Returns false at once when enough others search already. Looks only with
   * loads, so a spinning searcher does not bounce the cache lines it watches.
   */
  private search(p: Processor): boolean {
    const c = this.state.control;
    if (Atomics.add(c, SEARCHING, 1) >= this.maxSearchers) {
      Atomics.sub(c, SEARCHING, 1);
      return false;
    }
    const end = performance.now() + SPIN_MS;
    let found = false;
    for (let i = 1; ; i++) {
      if (p.hasWork()) {
        found = true;
        break;
      }
      if ((i & 15) === 0 && (performance.now() > end || Atomics.load(c, SHUTDOWN) !== 0)) break;
    }
    // The last searcher to find work hands off: spawners skipped waking
    // anyone while it searched, so if more than this one task is queued, a
    // parked worker must come and help.
    if (Atomics.sub(c, SEARCHING, 1) === 1 && found && Atomics.load(c, PARKED) > 0 && this.queuedElsewhere() > 1) this.wakeOne();
    return found;
  }

  /** Roughly how many tasks other processors and the injection queue hold (2 when the latter is non-empty). */
  private queuedElsewhere(): number {
    let n = Atomics.load(this.state.control, INJECT) !== 0 ? 2 : 0;
    for (let i = 0; i < this.victims.length; i++) n += this.victims[i].size();
    return n;
  }

  /** Wakes one parked worker other than this one, round-robin from the last one woken. */
  wakeOne(): void {
    const n = this.state.processors;
    for (let i = 1; i < n; i++) {
      const p = ((this.wakeCursor + i) % (n - 1)) + 1;
      if (p !== this.id && wakeProcessor(this.state, p)) {
        this.wakeCursor = p;
        return;
      }
    }
  }
}
