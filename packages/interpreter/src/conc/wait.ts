// How a thread blocks when its code has no suspendable form: main always
// (it never suspends), and tasks in functions that cannot suspend. It pumps
// instead of sleeping: runs queued tasks and continuations, fires timers,
// and on main checks for the end flag and for deadlocks (CONCURRENCY.md
// §10.2, §10.3); only when there is nothing to do does it wait on WAKE.

import { ExitSignal } from '../runtime/errors';
import type { FutureVal } from './plain';
import { type Conc, TASK_FAILED } from './runtime';
import { BLOCKED, FAILED, FLAG, LIVE, PROGRESS, STATUS, TIMERS, WAKE } from './shared-mem';

/**
 * Blocks until `ready()`; false when `deadline` passed first. `deadlock` is
 * the report for main's wait when no task is alive to end it; `helps`:
 * main runs queued tasks meanwhile (pumpMain).
 */
export function waitUntil(c: Conc, ready: () => boolean, deadlock: string | null, deadline: number, helps = true): boolean {
  const sh = c.sh;
  let idle = 0;
  let quietSince = 0;
  let quietProgress = -1;
  // Whatever this thread held back may be what the wait needs.
  c.held.publishAll();
  while (!ready()) {
    if (c.isMain) {
      checkEnd(c);
      fireTimers(c);
    }
    if (c.isMain ? pumpMain(c, helps) : c.ctx.step()) {
      idle = 0;
      continue;
    }
    const now = Date.now();
    if (now >= deadline) return false;
    if (c.isMain) {
      const live = Atomics.load(sh.ctl, LIVE);
      // `ready()` again: the last task may have made it true and ended since main looked (§10.2: never a false report).
      if (deadlock !== null && live === 0 && !ready()) reportDeadlock(c, deadlock);
      // A wait with a deadline is a pending timer of main's: never a deadlock (§10.3).
      // A woken task counts as blocked until its thread runs it (resumesPending), however long that thread is busy.
      if (deadline === Infinity && live > 0 && live === Atomics.load(sh.ctl, BLOCKED) && Atomics.load(sh.ctl, TIMERS) === 0 && c.ctx.resumesPending() === 0) {
        // §10.3: everyone parked, nothing pending; confirm it holds still.
        const p = Atomics.load(sh.ctl, PROGRESS);
        if (p !== quietProgress) {
          quietProgress = p;
          quietSince = now;
        } else if (now - quietSince > 300 && !ready()) reportDeadlock(c, 'all tasks are blocked (nothing can make progress)');
      } else quietProgress = -1;
    }
    idle++;
    const wake = Atomics.load(sh.ctl, WAKE);
    Atomics.wait(sh.ctl, WAKE, wake, Math.max(0, Math.min(idle < 100 ? 0.05 : 1, deadline - now)));
  }
  return true;
}

/**
 * What main runs while it waits: the continuations of tasks parked on it
 * (no other thread can), and queued tasks when the wait `helps`, that is
 * waits for tasks (await, recv, send, select, a timed join, the end of the
 * run), where helping the pool is main's part (DESIGN §3). A sleep takes on
 * no task once a worker is up: a task runs to its end or first park before
 * main looks again, so the sleep would overshoot by the task's length, and
 * a task spinning until main goes on would never end (§5, §12.4). Until
 * then (a worker takes 200-400 ms to start on 2 busy cores) main runs
 * them, or `spawn f(); Time.sleep(50)` would find f not started yet. A task
 * in a wait on a worker runs anything (it must not starve the pool).
 */
function pumpMain(c: Conc, helps: boolean): boolean {
  return c.ctx.stepResumes() || ((helps || c.ctx.workersOnline() === 0) && c.ctx.stepTask());
}

/** Closes the channels of expired timers (sleeps in tasks, parallel timeouts). */
export function fireTimers(c: Conc): void {
  if (Atomics.load(c.sh.ctl, TIMERS) === 0) return;
  for (const ch of c.sh.expired(Date.now()).chans) c.ctx.channels.close(ch);
}

function reportDeadlock(c: Conc, what: string): never {
  c.rt.flush();
  c.drainLog();
  c.rt.host.writeStderr(`wyn: deadlock - ${what}\n`);
  throw new ExitSignal(1, true);
}

/**
 * At non-blocking operations (Shared, Task.value, try_recv): a polling loop
 * fires due timers, or a sleeping task would never wake (§5, §12.4); main
 * also ends the run there after a task's exit or failure (§4, §10.1).
 */
export function poll(c: Conc): void {
  if (c.isMain) checkEnd(c);
  fireTimers(c);
}

/**
 * A task's `exit(n)` or fatal error ends the run at once (§4, §10.1, §12.7):
 * this thread's long loops and writes look at the end flag (Runtime.checkEnded).
 * Main then ends the run as its waits do; a worker abandons the task it
 * runs, which nobody will await (its output is dropped from now on anyway,
 * SharedMem.append).
 */
export function watchEnd(c: Conc): void {
  const flag = new Int32Array(c.sh.ctl.buffer, FLAG * 4, 1);
  if (c.isMain) c.rt.watchEnd(flag, () => checkEnd(c));
  else
    c.rt.watchEnd(flag, () => {
      throw new ExitSignal(Atomics.load(c.sh.ctl, STATUS), true);
    });
}

/** Main: ends the run if a task exited or failed (§4, §10.1). */
export function checkEnd(c: Conc): void {
  const ctl = c.sh.ctl;
  if (Atomics.load(ctl, FLAG) === 0) return;
  c.drainLog();
  throw new ExitSignal(Atomics.load(ctl, STATUS), Atomics.load(ctl, FAILED) !== 0);
}

/** `await v` where the code cannot suspend: run it inline if it is held back here, else wait, pumping. */
export function awaitBlocking(c: Conc, v: FutureVal, zero: () => unknown): unknown {
  if (v.ran) return c.resultOf(v);
  if (c.canInline(v)) {
    const r = c.runInline(v);
    if (r !== TASK_FAILED) return r;
    c.waitUntil(() => false);
  }
  const fid = c.fidOf(v);
  if (!c.isDone(fid)) {
    c.rt.flush();
    if (c.isCancelled()) return zero();
    c.waitUntil(() => c.isDone(fid));
  }
  return c.valueOf(fid);
}
