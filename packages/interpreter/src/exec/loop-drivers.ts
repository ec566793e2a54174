// Loop drivers of their own for hot loops. Compiled code is a tree of
// closures made by a few factory functions, so every range loop of a program
// runs the same chunk function, and V8 keeps one set of feedback for all of
// them: once a program has run two loops, the chunk's call of the loop body
// sees two bodies, and V8 neither inlines the body nor what it calls. A loop
// that ran after two others took 3-6x as long as the same loop alone
// (20M iterations: 85-165 ms alone, 504-680 ms after two to five short
// loops), and a worker that had run only one loop ran it 2-3x faster than
// main, which had run others (par.wyn's speedup read 3-4x on 2 cores).
//
// So a loop site that turns out hot gets a driver compiled from source with
// `new Function`, a function of its own, whose feedback sees only this
// site's body. It costs ~40 us per site, paid only by loops that run more
// than a few chunks (see HOT); the driver keeps chunking (exec/loops.ts
// CHUNK) and looking at the end flag between chunks (Runtime.checkEnded).

import { BREAK, type Exec, NORMAL, RETURN } from '../compile/context';
import type { Runtime } from '../runtime/runtime';

/** Chunks (or entries) after which a loop site gets its own driver: a loop run once and short never pays for one. */
export const HOT = 4;

/** Iterations per chunk (see exec/loops.ts). */
export const CHUNK = 128;
/** What a chunk returns when its iterations ran out before the loop ended. */
export const MORE = -1;

let made = 0;
/** False once `new Function` failed (code generation from strings disallowed): loops keep the shared drivers. */
let available = true;

/** Compiles a driver factory (`source` is a function body over `params` and the completion codes); null when it cannot. */
function compile(params: string[], source: string): ((...args: unknown[]) => unknown) | null {
  if (!available) return null;
  // The unique sourceURL keeps V8's eval cache from handing back a shared function; it also names the site in profiles.
  const text = `${source}\n//# sourceURL=wyn-loop-${made++}.js`;
  try {
    return new Function(...params, 'CHUNK', 'MORE', 'NORMAL', 'BREAK', 'RETURN', text) as (...args: unknown[]) => unknown;
  } catch {
    available = false;
    return null;
  }
}

/** A range loop's driver: runs it from counter `i` on, returns its completion. */
export type RangeDriver = (f: unknown[], body: Exec, i: number) => number;

/** A range loop's own driver: the same chunks as the shared one in exec/loops.ts (keep them alike). */
export function rangeDriver(
  rt: Runtime, fr: (f: unknown[]) => unknown[], end: (f: unknown[]) => number, extra: number, slot: number,
): RangeDriver | null {
  const make = compile(['rt', 'fr', 'end', 'extra', 'slot'], `
    const chunk = (f, v, body, i) => {
      for (let k = 0; k < CHUNK; k++) {
        if (!(i < end(f) + extra)) return NORMAL;
        v[slot] = i;
        const c = body(f);
        if (c !== NORMAL && (c === BREAK || c === RETURN)) return c === RETURN ? RETURN : NORMAL;
        i = v[slot] + 1;
      }
      v[slot] = i;
      return MORE;
    };
    return (f, body, i) => {
      const v = fr(f);
      for (let c = chunk(f, v, body, i); ; c = chunk(f, v, body, v[slot])) {
        if (c !== MORE) return c;
        rt.checkEnded();
      }
    };`);
  return make === null ? null : (make(rt, fr, end, extra, slot, CHUNK, MORE, NORMAL, BREAK, RETURN) as RangeDriver);
}

/**
 * A `while` or C-style `for` loop's driver, `(f) => completion`: tests `c`,
 * runs `body`, then `update` (when there is one) until the loop ends. The
 * same chunks as exec/cond-loops.ts's shared ones (keep them alike).
 */
function condDriver(rt: Runtime, c: (f: unknown[]) => unknown, body: Exec, update: Exec | null): Exec | null {
  const make = compile(['rt', 'c', 'body', 'update'], `
    const chunk = (f) => {
      for (let k = 0; k < CHUNK; k++) {
        if (!c(f)) return NORMAL;
        const r = body(f);
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return RETURN;
        if (update !== null) update(f);
      }
      return MORE;
    };
    return (f) => {
      for (;;) {
        const r = chunk(f);
        if (r !== MORE) return r;
        rt.checkEnded();
      }
    };`);
  return make === null ? null : (make(rt, c, body, update, CHUNK, MORE, NORMAL, BREAK, RETURN) as Exec);
}

/** A setter of a loop variable (index or element of `for i, x in xs`), or null where there is none. */
type Bind = ((f: unknown[], v: unknown) => void) | null;

/** An array loop's driver: runs it over `xs` from index `i` on, returns its completion. */
export type ArrayDriver = (f: unknown[], body: Exec, xs: unknown[], i: number) => number;

/**
 * An array loop's own driver, over the length at loop start: the same steps
 * as the shared one in exec/loops.ts (keep them alike). Array loops end by
 * themselves, so they are not chunked.
 */
export function arrayDriver(wi: Bind, wx: Bind): ArrayDriver | null {
  const make = compile(['wi', 'wx'], `
    return (f, body, xs, i) => {
      const n = xs.length;
      for (; i < n; i++) {
        if (wi !== null) wi(f, i);
        if (wx !== null) wx(f, xs[i]);
        const c = body(f);
        if (c === BREAK || c === RETURN) return c === RETURN ? RETURN : NORMAL;
      }
      return NORMAL;
    };`);
  return make === null ? null : (make(wi, wx, CHUNK, MORE, NORMAL, BREAK, RETURN) as ArrayDriver);
}

/**
 * A `while` or C-style `for` loop (after its init): shared chunks until the
 * site is hot, then its own driver (condDriver) for good. The loop's state
 * is all in the frame, so the switch can happen between any two chunks.
 */
export function condLoop(rt: Runtime, c: (f: unknown[]) => unknown, body: Exec, update: Exec | null): Exec {
  let own: Exec | null = null;
  let runs = 0;
  const chunk = (f: unknown[]): number => {
    for (let k = 0; k < CHUNK; k++) {
      if (!c(f)) return NORMAL;
      const r = body(f);
      if (r === BREAK) return NORMAL;
      if (r === RETURN) return RETURN;
      if (update !== null) update(f);
    }
    return MORE;
  };
  return (f) => {
    if (own !== null) return own(f);
    for (;;) {
      if (++runs >= HOT && (own = condDriver(rt, c, body, update)) !== null) return own(f);
      const r = chunk(f);
      if (r !== MORE) return r;
      rt.checkEnded();
    }
  };
}
