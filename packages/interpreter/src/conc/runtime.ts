// One thread's view of a concurrent Wyn run (CONCURRENCY.md §12, DESIGN §3).
//
// Every thread (main = scheduler processor 0, workers 1..n) has one `Conc`
// over the same SharedMem and compiled program. Protocol of a task:
//   1. spawn (any thread): copy arguments and the global snapshot (§12.1)
//      into a task message [spawnable index, globals, ...args]; LIVE+1 and
//      queue it as a scheduler task, lazily (held-task.ts): one with a
//      future may run inline at its await, fire-and-forget ones go in
//      batches (batch.ts). A Wyn future IS the scheduler's future of its task.
//   2. run (whichever thread takes it): functions that may suspend run as a
//      generator, or as their body's statement leaf (gen.ts); a `Req` parks
//      the task with the scheduler's suspension hook (returning SUSPENDED,
//      one onReady per thing waited for) so the thread runs other work
//      (§12.4). Started tasks resume on their own thread.
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

import type { Scheduler, SUSPENDED, TaskContext } from '@wyn/scheduler';
import { RETURN } from '../compile/context';
import type { FnInstance } from '../program';
import type { Runtime } from '../runtime/runtime';
import type { FnVal } from '../runtime/values';
import { type Leaf, PENDING } from './gen';
import { GlobalsView } from './globals';
import { Batches, BATCH } from './batch';
import { HeldTask } from './held-task';
import { reportTaskFailure } from './task-failure';
import { checkEnd, waitUntil, watchEnd } from './wait';
import { fromPlain, type FutureVal, HELD, newFuture, ranFuture, toPlain, type TypeTable } from './plain';
import { BLOCKED, LIVE, PROGRESS, type SharedMem } from './shared-mem';
import {
  type Gen, NEVER_PARKED, NO_GLOBALS, NO_HANDLES, NO_SITES, type ParkGuard, PARKED_BLOCKED, PARKED_TIMER, type Req, type Saved,
  sitesOf, TASK_FAILED, type TaskMsg, taskSite, taskSites, type TaskState,
} from './task-state';

export { type Gen, type Req, TASK_FAILED, type TaskMsg } from './task-state';

export class Conc {
  cur: TaskState | null = null;
  /** Fire-and-forget spawns are queued and run in batches (batch.ts). */
  readonly batches: Batches = new Batches(this);
  /** The running task's base call depth (Saved.depth of its entry). */
  private base = 0;
  /** This thread's lazily queued spawn (held-task.ts). */
  readonly held: HeldTask;
  scheduler: Scheduler | null = null;
  started = false;
  /** Stamped on the futures this thread makes: a REPL session numbers its worlds (FutureVal). */
  world = 0;
  /** Installs a running task's global snapshot where compiled code reads globals (globals.ts). */
  readonly globals: GlobalsView;
  /**
   * The continuations of parked tasks: one callback each for all tasks (the
   * scheduler passes the task or its guard back), so a park makes no closure.
   * A wait on one thing has one continuation, which runs once.
   */
  private readonly resumeOne = (st: TaskState): void => this.resume(st);
  private readonly resumeFirst = (g: ParkGuard): void => {
    if (g.fired) return;
    g.fired = true;
    this.resume(g.st);
  };

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
    watchEnd(this);
    this.held = new HeldTask(
      rt,
      (msg) => {
        Atomics.add(this.sh.ctl, LIVE, 1);
        return this.ctx.spawn(msg);
      },
      (msgs) => this.batches.queue(msgs),
      () => this.batches.release(),
    );
  }

  // ---- spawn and futures (§2, §3)

  /**
   * `spawn f(args)` of spawnable `index`: the arguments are evaluated here,
   * in order, each copied at once; then the global snapshot (§12.1).
   */
  spawn(index: number, args: Array<(f: unknown[]) => unknown>, f: unknown[], wantFuture: boolean): FutureVal | undefined {
    const msg: TaskMsg = [index, null];
    for (let i = 0; i < args.length; i++) msg.push(toPlain(args[i](f)));
    if (!this.started) {
      this.started = true;
      this.startWorkers();
    }
    const rt = this.rt;
    rt.flush();
    const G = this.cur !== null ? this.cur.G : rt.G;
    if (G.length > 0) msg[1] = toPlain(G, true);
    if (!wantFuture) {
      this.held.holdDetached(msg);
      return undefined;
    }
    const v = newFuture(HELD, this.world);
    v.slot = msg;
    this.held.hold(v);
    return v;
  }

  /** The scheduler's handle of `v`, queuing its task first if it is still held back. */
  fidOf(v: FutureVal): number {
    if (v.msg !== null) this.held.publish(v);
    return v.id;
  }

  /** Whether `await v` can run v's task here and now: held back by this thread, and unable to suspend. */
  canInline(v: FutureVal): boolean {
    if (!this.held.isHeld(v)) return false;
    const index = v.msg![0] as number;
    // A function value (-1) always runs as a generator (runValue).
    return index >= 0 && this.rt.spawnables[index].gen === null && !this.isCancelled();
  }

  /**
   * Runs a held-back task on this thread, as if a worker had taken it from
   * the queue: arguments and globals from its message (already copies), its
   * own call stack for panics. Returns its result, or TASK_FAILED after
   * reporting a failure (then, as for any failed task, its future never
   * completes).
   */
  runInline(v: FutureVal): unknown {
    const msg = this.held.take(v);
    const inst = this.rt.spawnables[msg[0] as number];
    const r = this.runPlain(this.taskState(0, msg), inst, this.frame(inst, msg));
    if (r !== TASK_FAILED) v.keep(toPlain(r));
    return r;
  }

  /** A future that is already complete (a built-in's call spawned runs at once, see compile.ts). */
  finished(value: unknown): FutureVal {
    return ranFuture(toPlain(value), this.world);
  }

  isDone(fid: number): boolean {
    return this.ctx.isDone(fid);
  }

  valueOf(fid: number): unknown {
    return fromPlain(this.ctx.peek(fid), this.types);
  }

  /** The result of a finished future: a fresh copy per await (§3.1). */
  resultOf(v: FutureVal): unknown {
    return v.ran ? fromPlain(v.slot, this.types) : this.valueOf(v.id);
  }

  /** The running task's base call depth on this thread (see Saved). */
  taskBase(): number {
    return this.cur === null ? 0 : this.base;
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

  /** Blocks until `ready()`, pumping (wait.ts); false when `deadline` passed first. */
  waitUntil(ready: () => boolean, deadlock: string | null = null, deadline = Infinity, helps = true): boolean {
    return waitUntil(this, ready, deadlock, deadline, helps);
  }

  /** Main after the program: wait for every task ever spawned (§4). */
  drain(): void {
    if (!this.started) return;
    this.rt.flush();
    this.waitUntil(() => Atomics.load(this.sh.ctl, LIVE) === 0);
    checkEnd(this);
    this.drainLog();
  }

  // ---- running tasks (any thread)

  runTask(msg: TaskMsg): unknown {
    if (msg[0] === BATCH) return this.batches.run(msg[1] as TaskMsg[], false);
    const st = this.taskState(this.ctx.currentFuture, msg);
    if (msg[0] === -1) return this.runValue(st, msg);
    const inst = this.rt.spawnables[msg[0] as number];
    const fr = this.frame(inst, msg);
    if (inst.gen !== null) {
      st.sites = taskSites(inst);
      if (inst.leaf !== null) {
        st.run = inst.leaf;
        st.fr = fr;
      } else st.run = inst.gen(fr) as Gen<number>;
      return this.drive(st);
    }
    const r = this.runPlain(st, inst, fr);
    // A failed task's future never completes: whoever awaits it waits until main ends the run.
    if (r === TASK_FAILED) return this.ctx.suspended();
    return this.finish(st, r);
  }

  /** Whether a fire-and-forget task cannot suspend, so that any thread can run it to its end at once. */
  runsPlain(msg: TaskMsg): boolean {
    const index = msg[0] as number;
    return index >= 0 && this.rt.spawnables[index].gen === null;
  }

  /**
   * Runs a fire-and-forget task that cannot suspend where its spawner's
   * batch is flushed (batch.ts), outside any scheduler task of its own.
   */
  runPlainHere(msg: TaskMsg): void {
    const inst = this.rt.spawnables[msg[0] as number];
    // Future 0: the scheduler task running here, if any, is another one.
    const st = this.taskState(0, msg);
    if (this.runPlain(st, inst, this.frame(inst, msg)) !== TASK_FAILED) this.finish(st, undefined);
  }

  /** Runs a task that cannot suspend to its end; TASK_FAILED once a failure is reported. */
  private runPlain(st: TaskState, inst: FnInstance, fr: unknown[]): unknown {
    const rt = this.rt;
    const saved = this.enter(st);
    let result: unknown;
    try {
      rt.enterHeld(taskSite(inst));
      const c = inst.body(fr);
      result = c === RETURN ? rt.ret : undefined;
    } catch (e) {
      this.fail(e, saved);
      return TASK_FAILED;
    }
    this.leave(saved, null);
    return result;
  }

  /** The task's first frame: its arguments (copies already) in the first slots. */
  private frame(inst: FnInstance, msg: TaskMsg): unknown[] {
    const fr = new Array(Math.max(inst.nslots, inst.genSlots));
    for (let i = 2; i < msg.length; i++) fr[i - 2] = fromPlain(msg[i], this.types);
    return fr;
  }

  /** A task about to run from `msg`: not parked yet, nothing entered. */
  private taskState(fid: number, msg: TaskMsg): TaskState {
    return { fid, G: this.snapshot(msg), sites: NO_SITES, run: null, fr: null, park: NEVER_PARKED };
  }

  /**
   * A task's globals (§12.1). A message without a snapshot comes from a
   * spawner that had no globals: neither has this thread, so there is
   * nothing to install (enter skips NO_GLOBALS).
   */
  private snapshot(msg: TaskMsg): unknown[] {
    return msg[1] === null ? NO_GLOBALS : (fromPlain(msg[1], this.types) as unknown[]);
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
    st.run = (function* (): Gen<number> {
      rt.ret = gen !== null ? yield* (gen(args) as Gen<unknown>) : fv.call(args);
      return RETURN;
    })();
    return this.drive(st);
  }

  /**
   * Runs a suspendable task until it ends or parks (then returns SUSPENDED).
   * A leaf task starts at its first run (it never parked yet) and retries its
   * pending leaf after that.
   */
  private drive(st: TaskState): unknown {
    const saved = this.enter(st);
    let done: unknown = PENDING;
    let req: Req | undefined;
    try {
      const fr = st.fr;
      if (fr !== null) {
        const l = st.run as Leaf;
        done = st.park === NEVER_PARKED ? l.start(fr) : l.retry(fr);
        if (done === PENDING) req = l.req(fr);
      } else {
        const r = (st.run as Gen<number>).next();
        if (r.done) done = r.value;
        else req = r.value;
      }
    } catch (e) {
      this.fail(e, saved);
      // The future never completes: whoever awaits it waits until main ends the run.
      return this.ctx.suspended();
    }
    if (req === undefined) {
      const result = done === RETURN ? this.rt.ret : undefined;
      this.leave(saved, null);
      return this.finish(st, result);
    }
    this.leave(saved, st);
    this.park(st, req);
    return this.ctx.suspended();
  }

  private park(st: TaskState, req: Req): void {
    const counted = req.timer !== true;
    st.park = counted ? PARKED_BLOCKED : PARKED_TIMER;
    if (counted) Atomics.add(this.sh.ctl, BLOCKED, 1);
    const futs = req.futs ?? NO_HANDLES;
    const chans = req.chans ?? NO_HANDLES;
    // A channel wakes one plain waiter per item; a wait on several things may be woken by another and not take it.
    const oneOfMany = futs.length + chans.length > 1;
    if (!oneOfMany) {
      for (const f of futs) this.ctx.onReady(f, this.resumeOne, st);
      for (const ch of chans) this.ctx.channels.onReady(ch, req.op ?? 'recv', this.resumeOne, false, st);
      return;
    }
    const g: ParkGuard = { st, fired: false };
    for (const f of futs) this.ctx.onReady(f, this.resumeFirst, g);
    for (const ch of chans) this.ctx.channels.onReady(ch, req.op ?? 'recv', this.resumeFirst, true, g);
  }

  private resume(st: TaskState): void {
    if (st.park === PARKED_BLOCKED) Atomics.sub(this.sh.ctl, BLOCKED, 1);
    this.drive(st);
  }

  /** Installs a task's globals and call sites on this thread's runtime. */
  private enter(st: TaskState): Saved {
    const rt = this.rt;
    const saved = { G: st.G === NO_GLOBALS ? this.globals.current : this.globals.install(st.G), depth: rt.depth, base: this.base, cur: this.cur, held: this.held.mark };
    for (let i = 0; i < st.sites.length; i++) rt.sites[saved.depth + i] = st.sites[i];
    rt.depth = saved.depth + st.sites.length;
    this.base = saved.depth;
    this.cur = st;
    return saved;
  }

  private leave(saved: Saved, parked: TaskState | null): void {
    // What the task held back is queued when it ends or parks: the thread moves on.
    this.held.publishFrom(saved.held);
    const rt = this.rt;
    if (parked !== null) parked.sites = sitesOf(parked.sites, rt.sites, saved.depth, rt.depth);
    this.globals.restore(saved.G);
    rt.depth = saved.depth;
    this.base = saved.base;
    this.cur = saved.cur;
  }

  /**
   * Completes the task's future now, so that LIVE drops only after the value
   * is published; returns SUSPENDED, so that the scheduler (for a task that
   * never parked) completes nothing itself. A parked task keeps no
   * Suspension object: its future is `fid` (ctx.complete).
   */
  private finish(st: TaskState, result: unknown): typeof SUSPENDED {
    const sh = this.sh;
    this.rt.flush();
    this.ctx.complete(st.fid, st.fid === 0 ? undefined : toPlain(result));
    Atomics.add(sh.ctl, PROGRESS, 1);
    Atomics.sub(sh.ctl, LIVE, 1);
    // Main runs tasks only while it pumps, never asleep: no need to wake itself; a batch wakes it once at its end.
    if (!this.isMain && !this.batches.active) sh.wakeMain();
    return this.ctx.suspended();
  }

  /** A task ended by `exit(n)` or a fatal error: leave it, report it and flag the run (§10.1, §12.7). */
  private fail(e: unknown, saved: Saved): void {
    // The task's own frames, for the panic's call stack, before leaving drops them.
    const sites = this.rt.sites.slice(saved.depth, this.rt.depth);
    this.leave(saved, null);
    reportTaskFailure(this.rt, this.sh, e, sites);
  }
}
