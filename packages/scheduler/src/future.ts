/**
 * Futures: one record per spawned task, completable from any thread.
 *
 * Record words (futures slab):
 *   F_STATE    low two bits PENDING → OK | ERR | CANCELLED, set once by the
 *              completing processor with CAS; ROOT (set at creation by the main
 *              thread: a `run()` task whose result the main thread collects),
 *              CANCEL_REQ (set by whoever
 *              cancels, read by the running task through `ctx.cancelled()`
 *              and by a processor about to start it) and MARK (the
 *              embedder's own bit: `ctx.mark`/`ctx.isMarked`; the scheduler
 *              gives it no meaning). Readers use Atomics.load.
 *   F_LINK     ROOT futures: link in the COMPLETIONS stack, written by the
 *              completer. Others: head of the waiter chain (resume records in
 *              the tasks slab), pushed by any registering thread with CAS and
 *              swapped for CLOSED by the completer, so a registration either
 *              lands before completion (and is resumed) or sees CLOSED (and
 *              runs its continuation at once) — never neither. The swap
 *              comes before the final state is published (a continuation
 *              may thus briefly see CLOSED with the state still PENDING; a
 *              join then waits a moment).
 *   F_TAG/F_PAYLOAD  the result slot (codec.ts), written before F_STATE, so
 *              a reader that sees a final state sees the result (12.5).
 * The record is freed by the single consumer of the result: the main thread
 * for ROOT futures, the joining task otherwise. A consumer frees it as soon
 * as it sees the final state, so publishing that state is the completer's
 * last access to the record, and nobody may read a future handle back from a
 * task record it has published (a thief may already have run and freed it).
 *
 * Resume records (tasks slab): [next, processor, token, flags]. flags is
 * ONE_OF_MANY for a wait on several channels at once (channel.ts). The
 * completer pushes each one onto its processor's INBOX and wakes it; the
 * processor looks the token up in its local continuation table.
 */
import { pushForTakeAll, takeAll } from './memory/tagged-stack';
import { COMPLETIONS, F_LINK, F_PAYLOAD, F_STATE, F_TAG, INBOX, MAIN_SEQ, PARK, RESUMING, type SharedState } from './state';

/** Resume record flag: the waiter waits on other channels too (channel.ts). */
export const ONE_OF_MANY = 1;

export const PENDING = 0;
export const OK = 1;
export const ERR = 2;
export const CANCELLED = 3;
export const DONE_MASK = 3;
export const ROOT = 4;
export const CANCEL_REQ = 8;
/** A spawn flag (ctx.spawnDetached): the task gets no future record at all (Processor.newTask). */
export const DETACHED = 16;
export const MARK = 32;
const CLOSED = -1;

const futureLinks = (state: SharedState) => ({
  links: (i: number) => state.futures.view(i),
  stride: 4,
  offset: F_LINK,
});

/** Allocates a pending future; `flags` is 0 or ROOT. */
export function newFuture(state: SharedState, flags: number): number {
  const f = state.futures.alloc();
  const v = state.futures.view(f);
  Atomics.store(v, f * 4 + F_LINK, 0);
  Atomics.store(v, f * 4 + F_STATE, flags);
  return f;
}

export function futureState(state: SharedState, f: number): number {
  return Atomics.load(state.futures.view(f), f * 4 + F_STATE);
}

/** Asks the task behind `f` to stop (best effort; see ctx.cancelled()). */
export function requestCancel(state: SharedState, f: number): void {
  Atomics.or(state.futures.view(f), f * 4 + F_STATE, CANCEL_REQ);
}

/** Stores the result and publishes the final state, then wakes whoever waits. */
export function complete(state: SharedState, f: number, status: number, tag: number, payload: number): void {
  const v = state.futures.view(f);
  Atomics.store(v, f * 4 + F_TAG, tag);
  Atomics.store(v, f * 4 + F_PAYLOAD, payload);
  if (Atomics.load(v, f * 4 + F_STATE) & ROOT) {
    // Only the main thread frees a root future, after it left COMPLETIONS.
    Atomics.or(v, f * 4 + F_STATE, status);
    if (pushForTakeAll(state.control, COMPLETIONS, futureLinks(state), f, f) === 0) wakeMain(state);
    return;
  }
  // Close the waiter list before publishing the state: once a joiner sees
  // the final state it frees `f`, and the record may be reused at once.
  let w = Atomics.exchange(v, f * 4 + F_LINK, CLOSED);
  Atomics.or(v, f * 4 + F_STATE, status);
  while (w > 0) {
    const next = Atomics.load(state.tasks.view(w), w * 4);
    resume(state, w);
    w = next;
  }
}

/**
 * Registers resume record `w` on non-root future `f`. Returns false when the
 * future is already complete: the caller keeps `w` and continues at once.
 */
export function addWaiter(state: SharedState, f: number, w: number): boolean {
  const v = state.futures.view(f);
  const tasks = state.tasks.view(w);
  for (;;) {
    const head = Atomics.load(v, f * 4 + F_LINK);
    if (head === CLOSED) return false;
    Atomics.store(tasks, w * 4, head);
    if (Atomics.compareExchange(v, f * 4 + F_LINK, head, w) === head) return true;
  }
}

/** Sends resume record `w` to its processor's inbox and wakes that processor. */
export function resume(state: SharedState, w: number): void {
  const p = Atomics.load(state.tasks.view(w), w * 4 + 1);
  Atomics.add(state.control, RESUMING, 1);
  if (pushForTakeAll(state.control, state.proc(p, INBOX), state.tasks, w, w) !== 0) return;
  if (p === 0) wakeMain(state);
  else wakeProcessor(state, p);
}

/** Takes processor `p`'s whole inbox (owner only); returns the first record or 0. */
export function takeInbox(state: SharedState, p: number): number {
  return takeAll(state.control, state.proc(p, INBOX));
}

/** Takes every completed root future (main thread only). */
export function takeCompletions(state: SharedState): number {
  return takeAll(state.control, COMPLETIONS);
}

export function wakeMain(state: SharedState): void {
  Atomics.add(state.control, MAIN_SEQ, 1);
  Atomics.notify(state.control, MAIN_SEQ);
}

/** Wakes processor `p` if it is parked; returns whether it was. */
export function wakeProcessor(state: SharedState, p: number): boolean {
  const at = state.proc(p, PARK);
  if (Atomics.compareExchange(state.control, at, 1, 0) !== 1) return false;
  Atomics.notify(state.control, at);
  return true;
}
