// How a task that failed is reported (CONCURRENCY.md §10.1, §12.7): a panic
// goes to the shared output log with the task's own call stack and flags the
// run as failed; `exit(n)` flags it with status n. Main ends the run at its
// next blocking point (Conc.checkEnd); the task's future never completes.

import { ExitSignal, renderPanic, renderStackOverflow, type Site, WynPanic } from '../runtime/errors';
import type { Runtime } from '../runtime/runtime';
import { bytesOf } from '../runtime/values';
import type { SharedMem } from './shared-mem';

export function reportTaskFailure(rt: Runtime, sh: SharedMem, e: unknown, sites: Site[]): void {
  rt.flush();
  if (e instanceof ExitSignal) {
    sh.setFatal(e.status);
    return;
  }
  let text: string;
  if (e instanceof WynPanic) text = renderPanic(e, sites);
  else if (e instanceof RangeError && /call stack/i.test(e.message)) text = renderStackOverflow(sites);
  // An interpreter bug: the message only, never a JavaScript stack trace (users cannot act on one).
  else text = `panic: internal error in a task: ${e instanceof Error ? e.message : String(e)}\n`;
  sh.append(2, bytesOf(text));
  sh.setFatal(e instanceof WynPanic ? e.status : 1, true);
}
