// The worker module the scheduler loads on every worker thread: it compiles
// the program once per thread from the source text in `workerData`, then
// runs each task it is given (conc/runtime.ts). A worker's output goes to the
// shared output log, which main writes to its Host in order (§12.6).

import type { TaskContext } from '@wyn/scheduler';
import { compileProgram } from '../compile/program';
import { nodeHost } from '../host-node';
import { Conc, type TaskMsg } from './runtime';
import { SharedMem } from './shared-mem';
import type { WorkerData } from './threads-node';

let conc: Conc | null = null;

function setup(ctx: TaskContext): Conc {
  const data = ctx.workerData as WorkerData;
  const sh = new SharedMem(data.mem);
  const base = nodeHost({ args: data.args });
  const enc = new TextEncoder();
  const host = {
    ...base,
    writeStdout: (b: Uint8Array | string) => sh.append(1, typeof b === 'string' ? enc.encode(b) : b),
    writeStderr: (t: string) => sh.append(2, enc.encode(t)),
  };
  const compiled = compileProgram(data.file, data.text, host);
  if (compiled.diagnostics.length > 0) throw new Error(`worker could not compile ${data.file}`);
  const rt = compiled.rt;
  const c = new Conc(sh, ctx, rt, compiled.types, false, () => undefined, () => undefined);
  c.started = true;
  rt.conc = c;
  return c;
}

export default function runTask(task: unknown, ctx: TaskContext): unknown {
  if (conc === null) conc = setup(ctx);
  return conc.runTask(task as TaskMsg);
}
