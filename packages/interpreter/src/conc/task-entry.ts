// The worker module the scheduler loads on every worker thread: it compiles
// the program once per thread from the source text in `workerData` (or, in
// a REPL session, replays the session's compile log and keeps up with it,
// session-replay.ts), then runs each task it is given (conc/runtime.ts). A
// worker's output goes to the shared output log, which main writes to its
// Host in order (§12.6).

import type { TaskContext } from '@wyn/scheduler';
import { compileProgram } from '../compile/program';
import type { Host } from '../host';
import { nodeHost } from '../host-node';
import { Conc, type TaskMsg } from './runtime';
import { sessionRunner } from './session-replay';
import { SharedMem } from './shared-mem';
import type { WorkerData } from './threads-node';

let run: ((task: TaskMsg) => unknown) | null = null;
/** This thread's view of the run's shared memory, once set up. */
let mem: SharedMem | null = null;

function setup(ctx: TaskContext): (task: TaskMsg) => unknown {
  const data = ctx.workerData as WorkerData;
  const sh = (mem ??= new SharedMem(data.mem));
  const base = nodeHost({ args: data.args });
  const enc = new TextEncoder();
  const host: Host = {
    ...base,
    writeStdout: (b: Uint8Array | string) => sh.append(1, typeof b === 'string' ? enc.encode(b) : b),
    writeStderr: (t: string) => sh.append(2, enc.encode(t)),
  };
  if (data.session !== undefined) return sessionRunner(data, data.session, sh, ctx, host);
  const compiled = compileProgram(data.file, data.text, host);
  if (compiled.diagnostics.length > 0) throw new Error(`worker could not compile ${data.file}`);
  const rt = compiled.rt;
  const c = new Conc(sh, ctx, rt, compiled.types, false, () => undefined, () => undefined);
  c.started = true;
  rt.conc = c;
  return (task) => c.runTask(task);
}

export default function runTask(task: unknown, ctx: TaskContext): unknown {
  if (run === null) run = setup(ctx);
  return run(task as TaskMsg);
}

/**
 * The scheduler calls this on a worker with nothing to run, before it parks
 * (Processor.idleWork). A worker that has not compiled the program yet does
 * it now, while idle, rather than when its first task is already waiting.
 * Due timers are fired here too, so a sleeping task wakes on time while
 * main computes instead of waiting (§5, §12.4). Returns the ms until the
 * next timer is due.
 */
export function idle(ctx: TaskContext): number {
  if (run === null) {
    try {
      run = setup(ctx);
    } catch {
      // The first task meets the same failure and reports it as a task's.
    }
  }
  // setup() attaches the memory before anything in it can fail.
  if (mem === null) return Infinity;
  const now = Date.now();
  const { chans, next } = mem.expired(now);
  for (const ch of chans) ctx.channels.close(ch);
  return next - now;
}
