// The Wyn-level concurrency operations, each in two forms: a blocking one
// (main, which pumps while it waits, and code without a suspendable form)
// and one that parks the task instead (CONCURRENCY.md §12.4): a generator,
// or for recv, send, await and sleep a Leaf (gen.ts), which keeps what it
// needs between attempts in frame slots its compiler reserved.
// Channel rules are those of §7.2–§7.6; cells those of §8.

import type * as SchedulerPackage from '@wyn/scheduler';
import { panicAt, type Site } from '../runtime/errors';
import { norm } from '../runtime/int64';
import type { Runtime } from '../runtime/runtime';
import { NONE, SomeVal } from '../runtime/values';
import { type Leaf, PENDING } from './gen';
import { fromPlain, FutureVal, kindOf, toPlain, zeroOfKind } from './plain';
import { type Conc, type Gen, type Req, TASK_FAILED } from './runtime';
import { NEXT_SHARED, PROGRESS, SHARED_CELLS } from './shared-mem';
import { awaitBlocking, poll } from './wait';

// Channel operations run only on a Conc, whose making loaded the scheduler
// package (threads-node.ts); it stays out of the start-up of every program.
let schedulerPackage: typeof SchedulerPackage | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const channelApi = (): typeof SchedulerPackage => (schedulerPackage ??= require('@wyn/scheduler') as typeof SchedulerPackage);

export function conc(rt: Runtime): Conc {
  if (rt.conc === null) {
    // `run()` and sessions install makeConc; a bare compileProgram().execute() has no threads to start.
    if (rt.makeConc === null) panicAt(null, 'E0924', 'spawn, channels and Shared are not available here: run the program with `wyn run`');
    rt.conc = rt.makeConc();
  }
  return rt.conc as Conc;
}

const RECV_DEAD = 'recv() on a channel with no sender and no live tasks (nothing can ever send)';
const SEND_DEAD = 'send() on a full channel with no receiver and no live tasks (nothing can ever receive)';
export const SELECT_DEAD = 'select has no ready channel and no live tasks (nothing can ever send)';

function progress(c: Conc): void {
  Atomics.add(c.sh.ctl, PROGRESS, 1);
  c.sh.wakeMain();
}

// ---- channels (§7)

export function chanCreate(c: Conc, cap: number, site: Site): number {
  if (cap < 1) panicAt(site, 'E0921', 'Task.channel capacity must be >= 1 (unbuffered channels are not supported)');
  try {
    return c.sh.addChan(c.ctx.channels.create(cap));
  } catch (e) {
    // No limit of ours (§7.1), but memory runs out: the scheduler's records or byte heap, or the handle table.
    if (e instanceof RangeError) panicAt(site, 'E0921', `cannot create another channel: out of channel memory (${e.message})`);
    throw e;
  }
}

/** The scheduler channel behind a Wyn handle; 0 for an invalid handle (§7.2). */
export function sched(c: Conc, id: unknown): number {
  return c.sh.chanOf(Number(id));
}

function ready(c: Conc, ch: number, op: 'send' | 'recv'): () => boolean {
  return () => {
    const s = c.ctx.channels.status(ch);
    return s.closed || (op === 'recv' ? s.count > 0 : true);
  };
}

/** One send attempt: true when delivered or dropped (closed channel), false when full. */
function trySend(c: Conc, ch: number, id: unknown, p: unknown, kind: number): boolean {
  try {
    if (!c.ctx.channels.trySend(ch, p)) return false;
    c.sh.setChanKind(Number(id), kind);
  } catch (e) {
    if (!(e instanceof channelApi().ChannelClosedError)) throw e;
  }
  progress(c);
  return true;
}

export function sendB(c: Conc, id: unknown, v: unknown): void {
  const ch = sched(c, id);
  if (ch === 0) return;
  c.rt.flush();
  const p = toPlain(v);
  const kind = kindOf(v);
  while (!trySend(c, ch, id, p, kind)) {
    const s = c.ctx.channels.status(ch);
    c.waitUntil(() => { const t = c.ctx.channels.status(ch); return t.closed || t.count !== s.count; }, SEND_DEAD);
  }
}

type Ev = (f: unknown[]) => unknown;

/**
 * `send` as a Leaf: the handle in f[slot], the copied value in f[slot + 1]
 * (the copy keeps strings and bools as they are, so its kind is the value's).
 */
export function sendLeaf(rt: Runtime, chEv: Ev, vEv: Ev, slot: number): Leaf {
  const again = (f: unknown[]): unknown => {
    const c = conc(rt);
    const id = f[slot];
    const p = f[slot + 1];
    return trySend(c, sched(c, id), id, p, kindOf(p)) ? undefined : PENDING;
  };
  return {
    start: (f) => {
      const c = conc(rt);
      const id = chEv(f);
      const v = vEv(f);
      if (sched(c, id) === 0) return undefined;
      c.rt.flush();
      f[slot] = id;
      f[slot + 1] = toPlain(v);
      return again(f);
    },
    retry: again,
    req: (f) => ({ chans: [sched(conc(rt), f[slot])], op: 'send' }),
  };
}

/** One receive attempt: the value, the zero value once closed and drained, or EMPTY. */
function tryRecv(c: Conc, ch: number, id: unknown): unknown {
  const r = c.ctx.channels.tryRecv(ch);
  if (r === channelApi().EMPTY) return channelApi().EMPTY;
  progress(c);
  if (r === channelApi().CLOSED_CHANNEL) return zeroOfKind(c.sh.chanKind(Number(id)));
  return fromPlain(r, c.types);
}

export function recvB(c: Conc, id: unknown): unknown {
  const ch = sched(c, id);
  if (ch === 0) return 0;
  c.rt.flush();
  for (;;) {
    const r = tryRecv(c, ch, id);
    if (r !== channelApi().EMPTY) return r;
    c.waitUntil(ready(c, ch, 'recv'), RECV_DEAD);
  }
}

/** `recv` as a Leaf: the handle in f[slot]. */
export function recvLeaf(rt: Runtime, chEv: Ev, slot: number): Leaf {
  const again = (f: unknown[]): unknown => {
    const c = conc(rt);
    const id = f[slot];
    const r = tryRecv(c, sched(c, id), id);
    return r === channelApi().EMPTY ? PENDING : r;
  };
  return {
    start: (f) => {
      const c = conc(rt);
      const id = chEv(f);
      if (sched(c, id) === 0) return 0;
      c.rt.flush();
      f[slot] = id;
      return again(f);
    },
    retry: again,
    req: (f) => ({ chans: [sched(conc(rt), f[slot])], op: 'recv' }),
  };
}

export function tryRecvOpt(c: Conc, id: unknown): unknown {
  const ch = sched(c, id);
  if (ch === 0) return NONE;
  c.rt.flush();
  poll(c);
  const r = c.ctx.channels.tryRecv(ch);
  if (r === channelApi().EMPTY || r === channelApi().CLOSED_CHANNEL) return NONE;
  progress(c);
  return new SomeVal(fromPlain(r, c.types));
}

export function close(c: Conc, id: unknown): void {
  const ch = sched(c, id);
  if (ch === 0) return;
  c.rt.flush();
  c.ctx.channels.close(ch);
  progress(c);
}

/**
 * `select` (§7.5) and `Task.select_N` (§7.6) share this poll: the first arm
 * whose channel holds a value (received when `take`), -1 when every channel
 * is closed and empty (or invalid), null when the caller must wait.
 */
export function pollSelect(c: Conc, ids: unknown[], take: boolean): { index: number; value: unknown } | null {
  let closed = 0;
  for (let i = 0; i < ids.length; i++) {
    const ch = sched(c, ids[i]);
    if (ch === 0) {
      closed++;
      continue;
    }
    if (!take) {
      const s = c.ctx.channels.status(ch);
      if (s.count > 0) return { index: i, value: undefined };
      if (s.closed) closed++;
      continue;
    }
    const r = c.ctx.channels.tryRecv(ch);
    if (r === channelApi().CLOSED_CHANNEL) closed++;
    else if (r !== channelApi().EMPTY) {
      progress(c);
      return { index: i, value: fromPlain(r, c.types) };
    }
  }
  return closed === ids.length ? { index: -1, value: undefined } : null;
}

export function selectB(c: Conc, ids: unknown[], take: boolean): { index: number; value: unknown } {
  c.rt.flush();
  for (;;) {
    const r = pollSelect(c, ids, take);
    if (r !== null) return r;
    const chs = openChannels(c, ids);
    c.waitUntil(() => chs.some((ch) => ready(c, ch, 'recv')()), SELECT_DEAD);
  }
}

export function* selectG(c: Conc, ids: unknown[], take: boolean): Gen<{ index: number; value: unknown }> {
  c.rt.flush();
  for (;;) {
    const r = pollSelect(c, ids, take);
    if (r !== null) return r;
    yield { chans: openChannels(c, ids), op: 'recv' };
  }
}

/**
 * What a select that found nothing waits on: its channels still open. A
 * closed, drained one is no arm (pollSelect), yet it is always "ready":
 * waiting on it would spin, retrying forever, and never let the deadlock
 * checks see the wait (§10.2, §10.3).
 */
function openChannels(c: Conc, ids: unknown[]): number[] {
  return ids
    .map((id) => sched(c, id))
    .filter((ch) => {
      if (ch === 0) return false;
      const s = c.ctx.channels.status(ch);
      // Closed since pollSelect looked, with items left: it is an arm again.
      return !s.closed || s.count > 0;
    });
}

// ---- futures (§3)

/** `v` as a future to await. One of a stopped REPL world answers only if its task had finished (it kept the value, §3.1). */
function future(c: Conc, v: unknown, site: Site): FutureVal {
  if (!(v instanceof FutureVal)) panicAt(site, 'E0922', 'await on a value that is not a future');
  if (v.world !== c.world && !v.ran) panicAt(site, 'E0924', 'await on a task that was stopped unfinished when an earlier REPL entry failed or was interrupted');
  return v;
}

/** A zero value for an await that a cancelled task gives up (§3.4): the awaited type's (runtime/zero-value.ts). */
export type Zero = () => unknown;
const ZERO_INT: Zero = () => 0;

export function awaitB(c: Conc, v: unknown, site: Site, zero: Zero = ZERO_INT): unknown {
  return awaitBlocking(c, future(c, v, site), zero);
}

/** What an await waits for, in its slot, when its task failed inline: nothing ever (see awaitStart). */
const NEVER = -1;

/**
 * The first attempt of `await v`: its value, or PENDING with the future to
 * wait for in f[slot] (NEVER: the task, run inline, failed; as for any failed
 * task's future, the awaiting task then waits until main ends the run).
 */
export function awaitStart(c: Conc, v: unknown, site: Site, f: unknown[], slot: number, zero: Zero = ZERO_INT): unknown {
  const fv = future(c, v, site);
  if (fv.ran) return c.resultOf(fv);
  if (c.canInline(fv)) {
    const r = c.runInline(fv);
    if (r !== TASK_FAILED) return r;
    f[slot] = NEVER;
    return PENDING;
  }
  const id = c.fidOf(fv);
  if (!c.isDone(id)) {
    c.rt.flush();
    // §3.4: a cancelled task stops waiting for unfinished futures.
    if (c.isCancelled()) return zero();
    f[slot] = id;
    return PENDING;
  }
  return c.valueOf(id);
}

export function awaitRetry(c: Conc, f: unknown[], slot: number): unknown {
  const id = f[slot] as number;
  return id !== NEVER && c.isDone(id) ? c.valueOf(id) : PENDING;
}

export function awaitReq(f: unknown[], slot: number): Req {
  const id = f[slot] as number;
  return id === NEVER ? {} : { futs: [id] };
}

/** `await` as a Leaf: what it waits for in f[slot]. */
export function awaitLeaf(rt: Runtime, vEv: Ev, site: Site, slot: number, zero: Zero): Leaf {
  return {
    start: (f) => {
      const c = conc(rt);
      return awaitStart(c, vEv(f), site, f, slot, zero);
    },
    retry: (f) => awaitRetry(conc(rt), f, slot),
    req: (f) => awaitReq(f, slot),
  };
}

export function awaitAnyIndex(c: Conc, fs: unknown[], site: Site): number {
  for (let i = 0; i < fs.length; i++) {
    const v = future(c, fs[i], site);
    if (v.ran || c.isDone(c.fidOf(v))) return i;
  }
  return -1;
}

// ---- timers (§5)

export function sleepB(rt: Runtime, ms: number): void {
  rt.flush();
  const c = rt.conc as Conc | null;
  if (c === null || !c.started) {
    rt.host.sleepMs(ms);
    return;
  }
  const until = Date.now() + Math.max(0, ms);
  // A sleep runs no queued task meanwhile (wait.ts pumpMain).
  c.waitUntil(() => Date.now() >= until, null, until, false);
}

/** `sleep` as a Leaf: its timer's channel (closed when due) in f[slot]. */
export function sleepLeaf(rt: Runtime, msEv: Ev, slot: number): Leaf {
  const again = (f: unknown[]): unknown => {
    const c = conc(rt);
    const ch = f[slot] as number;
    if (!c.ctx.channels.status(ch).closed) return PENDING;
    c.ctx.channels.destroy(ch);
    return undefined;
  };
  return {
    start: (f) => {
      const c = conc(rt);
      const ms = Number(msEv(f));
      c.rt.flush();
      const until = Date.now() + Math.max(0, ms);
      if (ms <= 0) return undefined;
      const ch = c.ctx.channels.create(1);
      c.sh.addTimer(until, ch);
      f[slot] = ch;
      return again(f);
    },
    retry: again,
    req: (f) => ({ chans: [f[slot] as number], op: 'recv', timer: true }),
  };
}

// ---- Shared and Task.value cells (§8)

function sharedIndex(h: unknown, site: Site): number {
  const n = Number(h);
  if (!(n >= 0 && n < SHARED_CELLS)) panicAt(site, 'E0923', `Shared handle out of range: handle ${String(h)} (valid 0..65535)`);
  return n;
}

export function sharedOp(c: Conc, op: string, args: unknown[], site: Site): unknown {
  const cells = c.sh.shared;
  c.rt.flush();
  poll(c);
  if (op === 'new') {
    const h = Atomics.add(c.sh.ctl, NEXT_SHARED, 1);
    if (h >= SHARED_CELLS) panicAt(site, 'E0923', 'Shared value pool exhausted (max 65536 live Shared values)');
    Atomics.store(cells, h, BigInt(args[0] as number));
    return h;
  }
  const h = sharedIndex(args[0], site);
  switch (op) {
    case 'get': return norm(Atomics.load(cells, h));
    case 'set': Atomics.store(cells, h, BigInt.asIntN(64, BigInt(args[1] as number))); progress(c); return undefined;
    case 'add': { const r = norm(Atomics.add(cells, h, BigInt(args[1] as number))); progress(c); return r; }
    default: { const r = norm(Atomics.sub(cells, h, BigInt(args[1] as number))); progress(c); return r; }
  }
}

export function taskValueOp(c: Conc, op: string, args: unknown[]): unknown {
  const sh = c.sh;
  c.rt.flush();
  poll(c);
  if (op === 'value') {
    try {
      return sh.tvNew(BigInt(args[0] as number));
    } catch (e) {
      // No limit of ours (§8.2); when memory for cells runs out, the reference's answer for "none free".
      if (e instanceof RangeError) return 0;
      throw e;
    }
  }
  const h = Number(args[0]);
  const cells = sh.tvCell(h);
  switch (op) {
    case 'get': return cells !== null ? norm(Atomics.load(cells, 2 * h)) : 0;
    case 'set': if (cells !== null) Atomics.store(cells, 2 * h, BigInt(args[1] as number)); break;
    case 'add': if (cells !== null) Atomics.add(cells, 2 * h, BigInt(args[1] as number)); break;
    case 'free_value': sh.tvFree(h); break;
  }
  progress(c);
  return undefined;
}
