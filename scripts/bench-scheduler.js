// Benchmarks @wyn/scheduler against piscina, tinypool and poolifier on the
// same ~1 µs task, in one run (DESIGN.md §4). Prints figures, asserts nothing.
// Usage: pnpm bench:scheduler [--quick]
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { setTimeout: setTimeoutP } = require('node:timers');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'packages', 'scheduler', 'dist', 'index.js');
if (!fs.existsSync(dist)) execFileSync('pnpm', ['exec', 'tsc', '-b', 'packages/scheduler'], { cwd: root, stdio: 'inherit' });
const { Scheduler } = require(dist);
const { Piscina } = require('piscina');
const { Tinypool } = require('tinypool');
const { FixedThreadPool } = require('poolifier');

const quick = process.argv.includes('--quick');
const taskFile = path.join(__dirname, 'bench-scheduler', 'task.js');
const workers = os.availableParallelism();
const now = () => Number(process.hrtime.bigint()) / 1e3; // µs

const pools = {
  // Defaults: os.availableParallelism() workers, the main thread only waits.
  scheduler: (hold) => {
    const s = new Scheduler({ filename: taskFile, workerData: { hold } });
    return { run: (x) => s.run(x && x.hold ? 'hold' : x), close: () => s.close(), shared: () => s.shared.bytes() };
  },
  // inline: the main thread runs tasks too, beside one fewer worker (DESIGN.md §3).
  // Not used for queued memory: its hold tasks would block the main thread.
  'sched-inl': () => {
    const s = new Scheduler({ filename: taskFile, inline: true });
    return { run: (x) => s.run(x), close: () => s.close() };
  },
  piscina: () => {
    const p = new Piscina({ filename: taskFile, minThreads: workers, maxThreads: workers });
    return { run: (x) => p.run(x), close: () => p.destroy() };
  },
  tinypool: () => {
    const p = new Tinypool({ filename: taskFile, minThreads: workers, maxThreads: workers });
    return { run: (x) => p.run(x), close: () => p.destroy() };
  },
  poolifier: () => {
    const p = new FixedThreadPool(workers, path.join(__dirname, 'bench-scheduler', 'poolifier-worker.js'));
    return { run: (x) => p.execute(x), close: () => p.destroy() };
  },
};

async function sequential(pool, n) {
  // Warm up for a while, not a count: lazily started workers (ours) boot and
  // JIT-compile for ~100 ms on other cores, which would land in the first figure.
  for (let i = 0, end = now() + 300e3; i < 200 || now() < end; i++) await pool.run(i);
  const t = now();
  for (let i = 0; i < n; i++) await pool.run(i);
  return (now() - t) / n;
}

async function batches(pool, size, tasks) {
  const t = now();
  for (let done = 0; done < tasks; done += size) {
    const ps = new Array(size);
    for (let i = 0; i < size; i++) ps[i] = pool.run(i);
    await Promise.all(ps);
  }
  return (now() - t) / tasks;
}

/** Submits `n` tasks at once, then awaits them all; µs per task over the whole run. */
async function throughput(pool, n) {
  const t = now();
  const ps = new Array(n);
  for (let i = 0; i < n; i++) ps[i] = pool.run(i);
  await Promise.all(ps);
  return (now() - t) / n;
}

function memory(pool) {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { js: m.heapUsed + m.external - m.arrayBuffers, shared: pool.shared ? pool.shared() : 0 };
}

/** Bytes per queued task: every worker is held on a flag while `n` tasks are queued. */
async function queuedBytes(make, n) {
  const hold = new SharedArrayBuffer(4);
  const pool = make(hold);
  await pool.run(1);
  const holders = Array.from({ length: workers }, () => pool.run({ hold }));
  await new Promise((r) => setTimeoutP(r, 50));
  const before = memory(pool);
  const ps = new Array(n);
  for (let i = 0; i < n; i++) ps[i] = pool.run(i);
  const after = memory(pool);
  Atomics.store(new Int32Array(hold), 0, 1);
  Atomics.notify(new Int32Array(hold), 0);
  await Promise.all([...holders, ...ps]);
  await pool.close();
  return { total: (after.js - before.js + after.shared - before.shared) / n, shared: (after.shared - before.shared) / n };
}

const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

async function main() {
  console.log(`node ${process.version}, ${workers} workers, ${os.cpus()[0].model}`);
  const results = {};
  for (const [name, make] of Object.entries(pools)) {
    const pool = make();
    const peer = !name.startsWith('sched');
    const r = {};
    r.seq = await sequential(pool, quick ? 500 : 3000);
    r.batch8 = await batches(pool, 8, quick ? 2000 : 16000);
    r.batch100 = await batches(pool, 100, quick ? 5000 : 50000);
    r.tasks = peer || quick ? 100000 : 1000000;
    r.throughput = await throughput(pool, r.tasks);
    await pool.close();
    results[name] = r;
    console.log(`${name.padEnd(10)} seq ${f(r.seq)} us | batch8 ${f(r.batch8)} us/task | batch100 ${f(r.batch100)} us/task | ${r.tasks} tasks ${f(r.throughput)} us/task (${f((r.throughput * r.tasks) / 1e6)} s)`);
  }
  const sizes = quick ? [10000, 100000] : [10000, 100000, 1000000];
  let q = 0;
  for (const n of sizes) {
    const ours = await queuedBytes(pools.scheduler, n);
    const theirs = await queuedBytes(pools.piscina, Math.min(n, 100000));
    q = ours.shared;
    console.log(`queued ${n}: scheduler ${f(ours.shared)} B/task in shared memory, ${f(ours.total)} B/task with the caller's Promise; piscina ${f(theirs.total)} B/task`);
  }
  const inl = results['sched-inl'];
  console.log(`scheduler inline: ${(results.piscina.throughput / inl.throughput).toFixed(1)}x piscina throughput, seq ${f(inl.seq)} us, batch8 ${f(inl.batch8)} us/task, batch100 ${f(inl.batch100)} us/task`);
  const s = results.scheduler;
  const ratio = results.piscina.throughput / s.throughput;
  console.log(`scheduler: ${ratio.toFixed(1)}x piscina throughput, seq ${f(s.seq)} us, batch100 ${f(s.batch100)} us/task, queued ${q.toFixed(0)} bytes/task`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
