// The Node side of concurrency: the scheduler, the worker module it loads,
// and the Host wrapper that keeps output in happens-before order
// (CONCURRENCY.md §12.6). Like host-node.ts, this file may use Node
// built-ins (eslint.config.mjs).
//
// Workers start at the first spawn (DESIGN §4: a worker costs ~80 ms, and a
// program that never spawns starts no thread). Each worker compiles the same
// program from its source text (a REPL session's workers replay its compile
// log instead, session-replay.ts), so a spawnable index names the same
// function on every thread.
//
// Running from TypeScript sources (jest), Node cannot load the interpreter in
// a worker, so the worker module is a small bootstrap written to the temp
// folder that registers a `.ts` loader (typescript.transpileModule, cached on
// disk by content hash) and maps `@wyn/*` to `packages/*/src`.

import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as Os from 'node:os';
import * as path from 'node:path';
import type * as SchedulerPackage from '@wyn/scheduler';
import type { Host } from '../host';
import type { Runtime } from '../runtime/runtime';
import type { TypeTable } from './plain';
import { Conc, type TaskMsg } from './runtime';
import type { LogBuffers } from './session-log';
import { LOGLOCK, SharedMem } from './shared-mem';

// Loaded on first use, like host-node.ts's modules: most programs spawn nothing,
// and loading the scheduler package costs every `wyn run` ~1 ms.
/* eslint-disable @typescript-eslint/no-require-imports */
const os = () => require('node:os') as typeof Os;
const schedulerPackage = () => require('@wyn/scheduler') as typeof SchedulerPackage;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A worker's young generation, in MB (V8 makes it 4 MB semi-spaces). V8
 * grows it while much of what is allocated survives, up to 16 MB
 * semi-spaces (48 MB), and keeps it resident: a worker whose parked tasks
 * piled up (mem_blocked: 100,000 tasks parked on 2 threads) kept ~34 MB of
 * young generation, a third of the run's memory (DESIGN §4, bytes per
 * blocked task). Short-lived garbage, what tasks mostly make, costs the same
 * to collect in a smaller one: scavenge time tracks survivors, not space
 * (spawn_ff 1M and an allocating 4-task benchmark spent the same time in
 * scavenges with 12 MB as with the default).
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * A worker's stack, as main's (the binary's --stack-size=7000, in KB): a
 * task recurses as deep as main does (~15,000 Wyn calls; LANGUAGE.md §13.2
 * asks for 10,000). Node's default of 4 MB held ~10,000, so the same
 * recursion passed or overflowed depending on the thread that ran it.
 */
const WORKER_STACK_MB = 7;

/** Default worker count: available parallelism minus main, at least one (issue 6). */
export function defaultWorkers(): number {
  return Math.max(1, os().availableParallelism() - 1);
}

export interface WorkerData {
  mem: SharedMem['b'];
  file: string;
  text: string;
  args: string[];
  /** In a REPL session: the compile log the worker replays instead of compiling `text` (session-log.ts). */
  session?: LogBuffers;
  /** In a REPL session: the world number its futures carry (FutureVal). */
  world?: number;
}

/** Main's host: drains what other threads logged before each of main's own writes. */
export class OrderedHost {
  drain: () => void = () => undefined;
  readonly host: Host;
  constructor(base: Host) {
    this.host = {
      ...base,
      writeStdout: (b) => {
        this.drain();
        base.writeStdout(b);
      },
      writeStderr: (t) => {
        this.drain();
        base.writeStderr(t);
      },
    };
  }
}

/**
 * Sets up main's lazily created Conc for a run (`rt.makeConc`). The default
 * worker count is asked of the OS only then: that costs milliseconds a
 * program that never spawns should not pay.
 */
export function installMainConc(rt: Runtime, ordered: OrderedHost, base: Host, types: TypeTable, text: string, workers?: number): void {
  rt.makeConc = () => {
    const sh = SharedMem.create();
    return openConc(rt, ordered, base, types, sh, { mem: sh.b, file: rt.entryFile, text, args: base.args() }, workers);
  };
}

/**
 * Main's Conc over `sh`: a scheduler whose workers get `data`, created now
 * and started at the first spawn. Other threads' output is drained through
 * `ordered` from then on.
 */
export function openConc(rt: Runtime, ordered: OrderedHost, base: Host, types: TypeTable, sh: SharedMem, data: WorkerData, workers?: number): Conc {
  const scheduler = new (schedulerPackage().Scheduler)({
    filename: workerModule(),
    workers: workers ?? defaultWorkers(),
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, stackSizeMb: WORKER_STACK_MB },
  });
  const dec = new TextDecoder();
  const drainLog = (): void => {
    for (const [stream, bytes] of sh.takeLog()) {
      if (stream === 1) base.writeStdout(bytes);
      else base.writeStderr(dec.decode(bytes));
    }
  };
  ordered.drain = drainLog;
  let c: Conc | null = null;
  const ctx = scheduler.mainContext((task) => c!.runTask(task as TaskMsg));
  c = new Conc(sh, ctx, rt, types, true, drainLog, () => {
    tuneForTasks();
    scheduler.start();
  });
  c.scheduler = scheduler;
  c.world = data.world ?? 0;
  return c;
}

/**
 * After Ctrl-C stopped a run: end the workers, then write what they logged
 * and what main had buffered. Main may have held the log's lock when it was
 * stopped, so the lock is broken, but only once no other thread is left.
 */
export async function afterInterrupt(rt: Runtime, ordered: OrderedHost): Promise<void> {
  ordered.drain = () => undefined;
  const c = rt.conc as Conc | null;
  if (c !== null) {
    await c.scheduler?.destroy();
    c.sh.unlock(LOGLOCK);
    c.drainLog();
  }
  rt.flush();
}

/** Stops the workers of a finished run. */
export async function shutdownConc(rt: Runtime): Promise<void> {
  const c = rt.conc as Conc | null;
  if (c === null || c.scheduler === null) return;
  await c.scheduler.destroy();
}

/**
 * From the first spawn on, V8 tunes for tasks rather than for start-up (V8
 * flags are per process, so for main and the workers about to start).
 * Start-up does not pay for either: main has compiled the program by now.
 *  --no-lazy-feedback-allocation: a function gets its feedback vector at its
 *    first call instead of after some work. A task's first call of a range
 *    loop's closure (exec/loops.ts) otherwise runs its prologue before the
 *    vector exists: the optimised code then lacks feedback for those calls,
 *    deoptimises on the task's next call, and the closure keeps its slower
 *    on-stack-replacement code for the rest of the run (a worker's 4th
 *    compute() of par.wyn: 290 ms, against main's 110).
 *  --interrupt-budget back to V8's default (66 KB in Node 20's V8), from the
 *    binary's 500,000 (cli/bin/load-bundle.js says why start-up wants that).
 *    The spawn path is many small functions; with the start-up budget they
 *    reached optimised code late in spawn_lat's 100,000 pairs: seq 0.83-1.35
 *    us per pair, against 0.33-0.76 with the default (interleaved runs).
 *    Set before the program runs instead, it made hello.wyn ~50 ms slower
 *    (median of 25 interleaved runs).
 */
let tuned = false;
function tuneForTasks(): void {
  if (tuned) return;
  tuned = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--no-lazy-feedback-allocation');
  v8.setFlagsFromString('--interrupt-budget=67584');
}

let bootstrap: string | undefined;

function workerModule(): string {
  const compiled = path.join(__dirname, 'task-entry.js');
  if (fs.existsSync(compiled)) return compiled;
  if (bootstrap !== undefined) return bootstrap;
  // From the sources (tests, development): a bootstrap that registers the
  // repository's `.ts` loader (scripts/ts-register.js) before loading the entry.
  const register = path.resolve(__dirname, '../../../../scripts/ts-register.js');
  const entry = path.join(__dirname, 'task-entry.ts');
  if (!fs.existsSync(entry)) throw new Error(`@wyn/interpreter: no task-entry.js (nor task-entry.ts) in ${__dirname}`);
  const code = `'use strict';
require(${JSON.stringify(register)});
module.exports = require(${JSON.stringify(entry)});
`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hash = (require('node:crypto') as typeof Crypto).createHash('sha1').update(code).digest('hex').slice(0, 16);
  const file = path.join(os().tmpdir(), `wyn-task-boot-${hash}.js`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  bootstrap = file;
  return file;
}
