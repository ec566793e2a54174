// One thread's view of a concurrent Wyn run (CONCURRENCY.md §12, DESIGN §3).
//
// Every thread (main = scheduler processor 0, workers 1..n) has one `Conc`
// over the same SharedMem and compiled program. Protocol of a task:
//   1. spawn (any thread): LIVE+1, copy arguments and the global snapshot
//      (§12.1), queue a scheduler task [spawnable index, globals, ...args].
//      A Wyn future IS the scheduler's future of that task (a fire-and-forget
//      spawn is a detached task: no future record outlives it).
//   2. run (whichever thread takes it): functions that may suspend run as a
//      generator; a yielded `Req` parks the task with the scheduler's
//      suspension hook (ctx.suspend + onReady) so the thread runs other
//      work (§12.4). Started tasks resume on their own thread.
//   3. finish: flush this thread's output, complete the future with the
//      result (the scheduler publishes its state after the value), then
//      LIVE-1 — so whoever sees LIVE reach 0 or the future done also sees the
//      output and the value (§12.5, §12.6). Futures are read with
//      `ctx.peek`, never freed: Wyn futures memoise their result (§3.1).
// A panic or `exit(n)` in a task flags the run (SharedMem.setFatal) instead
// of completing the task; main notices at its next blocking point (§10.1).
// Main never suspends: it blocks by pumping (`waitUntil`): running queued
// tasks and continuations, firing timers, draining the output log, checking
// for the end flag and for deadlocks (§10.2, §10.3).

import type { Scheduler, Suspension, TaskContext } from '@wyn/scheduler';
import { RETURN } from '../compile/context';
import type { FnInstance } from '../program';
import { ExitSignal, renderPanic, type Site, WynPanic } from '../runtime/errors';
import type { Runtime } from '../runtime/runtime';
import { bytesOf, type FnVal } from '../runtime/values';
import { GlobalsView } from './globals';
import { fromPlain, FutureVal, toPlain, type TypeTable } from './plain';
import { BLOCKED, FAILED, FLAG, LIVE, PROGRESS, type SharedMem, STATUS, TIMERS, WAKE } from './shared-mem';

/** What a suspended task waits for: any of these futures or channel conditions. */
export interface Req {
  futs?: number[];
  chans?: number[];
  op?: 'send' | 'recv';
  /** A sleep: not counted as blocked, so no deadlock is reported meanwhile. */
  timer?: boolean;
}
export type Gen<T> = Generator<Req, T, void>;

/** A queued task: [spawnable index, global snapshot or null, ...arguments], all plain data. */
export type TaskMsg = unknown[];

interface TaskState {
  /** The task's future (0 for a detached, fire-and-forget task). */
  fid: number;
  G: unknown[];
  sites: Site[];
  gen: Gen<number> | null;
  susp: Suspension | null;
  /** This thread's call depth under the task while it runs: a resumed task may sit at another depth. */
  base: number;
}

export class Conc {
  cur: TaskState | null = null;
  scheduler: Scheduler | null = null;
  started = false;
  /** Stamped on the futures this thread makes: a REPL session numbers its worlds (FutureVal). */
  world = 0;
  /** Installs a running task's global snapshot where compiled code reads globals (globals.ts). */
  readonly globals: GlobalsView;

  constructor(
    readonly sh: SharedMem,
    readonly ctx: TaskContext,
    readonly rt: Runtime,
    readonly types: TypeTable,
    readonly isMain: boolean,
    /** Main only: writes what other threads logged to the Host. */
    readonly drainLog: () => void,
    /** Main only: starts the worker threads (first spawn). */
    private readonly startWorkers: () => void,
  ) {
    this.globals = new GlobalsView(rt.G);
  }

  // ---- spawn and futures (§2, §3)

  /** `inst` null: a function value's call, `args` = [the function value, ...its arguments] (compile.ts). */
  spawn(inst: FnInstance | null, args: unknown[], wantFuture: boolean): FutureVal | undefined {
    if (!this.started) {
      this.started = true;
      this.startWorkers();
    }
    const rt = this.rt;
    rt.flush();
    const G = this.cur !== null ? this.cur.G : rt.G;
    const msg: TaskMsg = [inst === null ? -1 : rt.spawnables.indexOf(inst), G.length > 0 ? toPlain(G, true) : null];
    for (let i = 0; i < args.length; i++) msg.push(toPlain(args[i]));
    Atomics.add(this.sh.ctl, LIVE, 1);
    if (!wantFuture) {
      this.ctx.spawnDetached(msg);
      return undefined;
    }
    return new FutureVal(this.ctx.spawn(msg), this.world);
  }

  /** A future that is already complete (spawns run at once, see compile.ts). */
  finished(value: unknown): FutureVal {
    return new FutureVal(this.ctx.resolved(toPlain(value)), this.world);
  }

  isDone(fid: number): boolean {
    return this.ctx.isDone(fid);
  }

  valueOf(fid: number): unknown {
    return fromPlain(this.ctx.peek(fid), this.types);
  }

  /** The running task's base call depth on this thread (see TaskState.base). */
  taskBase(): number {
    return this.cur === null ? 0 : this.cur.base;
  }

  /** §3.4: cooperative, so the scheduler's own cancellation (which skips unstarted tasks) is not used. */
  cancel(fid: number): void {
    this.ctx.mark(fid);
  }

  isCancelled(): boolean {
    const c = this.cur;
    if (c === null || c.fid === 0) return false;
    return this.ctx.isMarked(c.fid);
  }

  // ---- blocking (main, and tasks in code that has no suspendable form)

  /** Blocks until `ready()`; `stuck` says whether main's wait can never end when no task is alive. */
  waitUntil(ready: () => boolean, deadlock: string | null = null, deadline = Infinity): boolean {
    const sh = this.sh;
    let idle = 0;
    let quietSince = 0;
    let quietProgress = -1;
    while (!ready()) {
      if (this.isMain) {
        this.checkEnd();
        this.fireTimers();
      }
      if (this.ctx.step()) {
        idle = 0;
        continue;
      }
      const now = Date.now();
      if (now >= deadline) return false;
      if (this.isMain) {
        const live = Atomics.load(sh.ctl, LIVE);
        // `ready()` again: the last task may have made it true and ended since main looked (§10.2: never a false report).
        if (deadlock !== null && live === 0 && !ready()) this.deadlock(deadlock);
        // A wait with a deadline is a pending timer of main's: never a deadlock (§10.3).
        if (deadline === Infinity && live > 0 && live === Atomics.load(sh.ctl, BLOCKED) && Atomics.load(sh.ctl, TIMERS) === 0) {
          // §10.3: everyone parked, nothing pending; confirm it holds still.
          const p = Atomics.load(sh.ctl, PROGRESS);
          if (p !== quietProgress) {
            quietProgress = p;
            quietSince = now;
          } else if (now - quietSince > 300 && !ready()) this.deadlock('all tasks are blocked (nothing can make progress)');
        } else quietProgress = -1;
      }
      idle++;
      const wake = Atomics.load(sh.ctl, WAKE);
      Atomics.wait(sh.ctl, WAKE, wake, Math.max(0, Math.min(idle < 100 ? 0.05 : 1, deadline - now)));
    }
    return true;
  }

  /** Main: ends the run if a task exited or failed (§4, §10.1). */
  checkEnd(): void {
    if (Atomics.load(this.sh.ctl, FLAG) === 0) return;
    this.drainLog();
    throw new ExitSignal(Atomics.load(this.sh.ctl, STATUS), Atomics.load(this.sh.ctl, FAILED) !== 0);
  }

  /**
   * At operations that do not block (Shared, Task.value, try_recv): a thread
   * that polls them in a loop fires due timers, or a task sleeping meanwhile
   * would never wake (§5, §12.4: a busy loop in main must not stop tasks);
   * main also ends the run there after a task's exit or failure (§4, §10.1).
   */
  poll(): void {
    if (this.isMain) this.checkEnd();
    this.fireTimers();
  }

  fireTimers(): void {
    if (Atomics.load(this.sh.ctl, TIMERS) === 0) return;
    for (const ch of this.sh.expired(Date.now()).chans) this.ctx.channels.close(ch);
  }

  private deadlock(what: string): never {
    this.rt.flush();
    this.drainLog();
    this.rt.host.writeStderr(`wyn: deadlock - ${what}\n`);
    throw new ExitSignal(1, true);
  }

  awaitBlocking(fid: number): unknown {
    if (!this.isDone(fid)) {
      this.rt.flush();
      if (this.isCancelled()) return 0;
      this.waitUntil(() => this.isDone(fid));
    }
    return this.valueOf(fid);
  }

  /** Main after the program: wait for every task ever spawned (§4). */
  drain(): void {
    if (!this.started) return;
    this.rt.flush();
    this.waitUntil(() => Atomics.load(this.sh.ctl, LIVE) === 0);
    this.checkEnd();
    this.drainLog();
  }

  // ---- running tasks (any thread)

  runTask(msg: TaskMsg): unknown {
    const rt = this.rt;
    const G = msg[1] === null ? [] : (fromPlain(msg[1], this.types) as unknown[]);
    const st: TaskState = { fid: this.ctx.currentFuture, G, sites: [], gen: null, susp: null, base: 0 };
    if (msg[0] === -1) return this.runValue(st, msg);
    const inst = rt.spawnables[msg[0] as number];
    const fr = new Array(Math.max(inst.nslots, inst.genSlots));
    for (let i = 2; i < msg.length; i++) fr[i - 2] = fromPlain(msg[i], this.types);
    const site = { file: inst.def.mod.file, span: inst.def.decl.nameSpan };
    if (inst.gen !== null) {
      st.sites = [site];
      st.gen = inst.gen(fr) as Gen<number>;
      return this.drive(st);
    }
    const saved = this.enter(st);
    let result: unknown;
    try {
      rt.enter(site);
      const c = inst.body(fr);
      result = c === RETURN ? rt.ret : undefined;
    } catch (e) {
      // The task's own frames, for the panic's call stack (§10.1), before leaving drops them.
      const sites = this.rt.sites.slice(saved.depth, this.rt.depth);
      this.leave(saved, null);
      this.failed(e, sites);
      // The future never completes: whoever awaits it waits until main ends the run.
      return st.susp ?? this.ctx.suspend();
    }
    this.leave(saved, null);
    return this.finish(st, result);
  }

  /**
   * A spawned function value (§2.2): msg[2] is its copy, the rest its
   * arguments. It runs as a generator either way, so one path (drive) handles
   * its end, its parks and its failure; the closure enters its own call site.
   */
  private runValue(st: TaskState, msg: TaskMsg): unknown {
    const rt = this.rt;
    const fv = fromPlain(msg[2], this.types) as FnVal;
    const args = msg.slice(3).map((p) => fromPlain(p, this.types));
    const gen = fv.gen;
    st.gen = (function* (): Gen<number> {
      rt.ret = gen !== null ? yield* (gen(args) as Gen<unknown>) : fv.call(args);
      return RETURN;
    })();
    return this.drive(st);
  }

  /** Runs a generator task until it ends or parks; returns the suspension on the first park. */
  private drive(st: TaskState): unknown {
    const saved = this.enter(st);
    let r: IteratorResult<Req, number>;
    try {
      r = st.gen!.next();
    } catch (e) {
      // The task's own frames, for the panic's call stack (§10.1), before leaving drops them.
      const sites = this.rt.sites.slice(saved.depth, this.rt.depth);
      this.leave(saved, null);
      this.failed(e, sites);
      // The future never completes: whoever awaits it waits until main ends the run.
      return st.susp ?? this.ctx.suspend();
    }
    if (r.done) {
      const result = r.value === RETURN ? this.rt.ret : undefined;
      this.leave(saved, null);
      return this.finish(st, result);
    }
    this.leave(saved, st);
    this.park(st, r.value);
    if (st.susp === null) st.susp = this.ctx.suspend();
    return st.susp;
  }

  private park(st: TaskState, req: Req): void {
    const sh = this.sh;
    const counted = req.timer !== true;
    if (counted) Atomics.add(sh.ctl, BLOCKED, 1);
    let fired = false;
    const resume = (): void => {
      if (fired) return;
      fired = true;
      if (counted) Atomics.sub(sh.ctl, BLOCKED, 1);
      this.drive(st);
    };
    for (const f of req.futs ?? []) this.ctx.onReady(f, resume);
    for (const ch of req.chans ?? []) this.ctx.channels.onReady(ch, req.op ?? 'recv', resume);
  }

  /** Installs a task's globals and call sites on this thread's runtime. */
  private enter(st: TaskState): { G: unknown[] | null; depth: number; cur: TaskState | null } {
    const rt = this.rt;
    const saved = { G: this.globals.install(st.G), depth: rt.depth, cur: this.cur };
    for (let i = 0; i < st.sites.length; i++) rt.sites[saved.depth + i] = st.sites[i];
    rt.depth = saved.depth + st.sites.length;
    st.base = saved.depth;
    this.cur = st;
    return saved;
  }

  private leave(saved: { G: unknown[] | null; depth: number; cur: TaskState | null }, parked: TaskState | null): void {
    const rt = this.rt;
    if (parked !== null) parked.sites = rt.sites.slice(saved.depth, rt.depth);
    this.globals.restore(saved.G);
    rt.depth = saved.depth;
    this.cur = saved.cur;
  }

  /**
   * Completes the task's future now, through its suspension (made here for a
   * task that never parked), so that LIVE drops only after the value is
   * published; the scheduler sees the suspension and completes nothing itself.
   */
  private finish(st: TaskState, result: unknown): Suspension {
    const sh = this.sh;
    this.rt.flush();
    const susp = st.susp ?? this.ctx.suspend();
    susp.resolve(st.fid === 0 ? undefined : toPlain(result));
    Atomics.add(sh.ctl, PROGRESS, 1);
    Atomics.sub(sh.ctl, LIVE, 1);
    sh.wakeMain();
    return susp;
  }

  /** A task ended by `exit(n)` or a fatal error: report it and flag the run (§10.1, §12.7). */
  private failed(e: unknown, sites: Site[]): void {
    const rt = this.rt;
    if (e instanceof ExitSignal) {
      rt.flush();
      this.sh.setFatal(e.status);
      return;
    }
    rt.flush();
    let text: string;
    if (e instanceof WynPanic) text = renderPanic(e, sites);
    else if (e instanceof RangeError && /call stack/i.test(e.message)) text = 'panic: stack overflow (recursion too deep?)\n';
    // An interpreter bug: the message only, never a JavaScript stack trace (users cannot act on one).
    else text = `panic: internal error in a task: ${e instanceof Error ? e.message : String(e)}\n`;
    this.sh.append(2, bytesOf(text));
    this.sh.setFatal(e instanceof WynPanic ? e.status : 1, true);
  }
}
