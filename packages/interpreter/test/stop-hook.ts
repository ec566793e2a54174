// Ctrl-C for the interpreter's tests: a program calls `Env.get("STOP")` where
// the interrupt should arrive; the host throws STOP there, and `interruptible`
// (the hook `run` and sessions take) reports it as an interrupt.

import type { Host, Interruptible } from '@wyn/interpreter';

export const STOP = new Error('stop');

export const interruptible: Interruptible = (body) => {
  try {
    body();
    return true;
  } catch (e) {
    if (e === STOP) return false;
    throw e;
  }
};

/** Makes `host`'s Env.get("STOP") throw STOP (every other name reads as unset). */
export function stopOnEnvGet(host: Host): void {
  host.env = (name) => {
    if (name === 'STOP') throw STOP;
    return null;
  };
}
