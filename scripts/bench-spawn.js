// pnpm bench:spawn — task costs against DESIGN §4 (issue 6): the programs of
// ../shared/bench (spawn_lat, spawn_ff, par, mem_futures, mem_blocked) run
// through the CLI (the built one when it works, else the sources through
// scripts/wyn-src.js), each printed beside the reference's figure from that
// folder's README. The last line sums it up in the format.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bench = path.join(root, '..', 'shared', 'bench');
const quick = process.argv.includes('--quick');

function pickCli() {
  const built = path.join(root, 'packages/cli/bin/wyn.js');
  if (fs.existsSync(path.join(root, 'packages/cli/dist/index.js'))) {
    // The flags the binary's shebang passes (without them it would start itself twice).
    const { NODE_FLAGS } = require(path.join(root, 'packages/cli/bin/load-bundle.js'));
    const r = spawnSync(process.execPath, [...NODE_FLAGS, built, 'run', path.join(bench, 'hello.wyn')], { encoding: 'utf8' });
    if (r.status === 0) return [...NODE_FLAGS, built];
  }
  return ['--stack-size=7000', path.join(__dirname, 'wyn-src.js')];
}
const cli = pickCli();

/** Runs a bench program; returns stdout and the whole process's wall time in seconds. */
function wyn(file, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...cli, 'run', path.resolve(bench, file), '--', ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: status ${r.status}\n${r.stderr}`);
  const want = expectedCheck(file, args);
  if (want !== null && !r.stdout.includes(`CHECK ${want}\n`)) throw new Error(`${file} ${args.join(' ')}: expected CHECK ${want}, got:\n${r.stdout}`);
  return { out: r.stdout, s };
}

/** The CHECK line a program must print for `args` (the same for every implementation): a wrong answer gives no figure. */
function expectedCheck(file, args) {
  const sumBelow = (n) => (BigInt(n) * BigInt(n - 1)) / 2n;
  switch (path.basename(file)) {
    case 'spawn_lat.wyn': {
      const [mode, n] = args;
      if (mode === 'seq') return `acc=${sumBelow(n)}`;
      const b = mode === 'batch8' ? 8 : 100;
      return `acc=${BigInt(Math.floor(n / b)) * BigInt(b - 1)}`;
    }
    case 'par.wyn':
    case 'par_generic.wyn': {
      const s = sumBelow(args[0]);
      return `${s} ${4n * s} ${4n * s}`;
    }
    case 'mem_futures.wyn':
      return args[0] > 0 ? `${args[0] - 1}` : null;
    case 'mem_blocked.wyn':
      return `sum=${args[0]}`;
    default:
      return null;
  }
}

function result(out, key) {
  const m = new RegExp(`RESULT ${key} (-?\\d+) (\\d+)`).exec(out);
  if (!m) throw new Error(`no RESULT ${key} in:\n${out}`);
  return Number(m[1]) / Number(m[2]);
}

/** The best of `n` runs (the least disturbed one). */
function best(n, f) {
  let b = Infinity;
  for (let i = 0; i < n; i++) b = Math.min(b, f());
  return b;
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const row = (what, ours, unit, ref) => console.log(`${what.padEnd(44)} ${ours.padStart(10)} ${unit.padEnd(12)} reference ${ref}`);

const LAT_N = quick ? 20_000 : 100_000;
const lat = (mode) => best(3, () => result(wyn('spawn_lat.wyn', [mode, LAT_N]).out, `${mode}_us_per_task`));
const seq = lat('seq');
row('spawn + await, sequential', fmt(seq), 'us/pair', '8.88');
const b8 = lat('batch8');
row('batches of 8 with await_all', fmt(b8), 'us/task', '2.36');
const b100 = lat('batch100');
row('batches of 100 with await_all', fmt(b100), 'us/task', '0.95');

const FF_N = quick ? 100_000 : 1_000_000;
const ff = best(quick ? 1 : 3, () => wyn('spawn_ff.wyn', [FF_N]).s);
row(`${FF_N} fire-and-forget tasks, whole run`, fmt(ff), 's', '1.8 s (1 M)');

// compute(N) should take about 0.5 s on one thread; calibrate N from a short
// run. par.wyn's one_task_ms is its first, still unoptimised call, so the
// calibration uses its warm sequential calls (seq4_ms / 4) instead.
function speedupOf(file) {
  const probe = 2_000_000;
  const warmMs = result(wyn(file, [probe]).out, 'seq4_ms') / 4;
  const n = Math.max(probe, Math.round((probe * 500) / Math.max(warmMs, 1)));
  const out = wyn(file, [quick ? probe : n]).out;
  return result(out, 'seq4_ms') / result(out, 'par4_ms');
}
const speedup = speedupOf('par.wyn');
row(`4 CPU-bound tasks, ${os.availableParallelism()} CPUs`, fmt(speedup), 'x', '1.97x (2 cores)');
// The same on generic frames in every thread: the fair figure (the program says why).
const generic = speedupOf(path.join(__dirname, 'bench-spawn', 'par_generic.wyn'));
row(`  the same, compute() holding a string too`, fmt(generic), 'x', '-');

const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
let mem1M = NaN;
for (const n of sizes) {
  const b = result(wyn('mem_futures.wyn', [n]).out, 'rss_delta_bytes_per_task');
  row(`memory per unstarted future, ${n}`, fmt(b, 0), 'bytes/task', n === 1_000_000 ? '121' : '-');
  mem1M = b;
}
let blocked = NaN;
for (const n of [10_000, 100_000]) {
  blocked = result(wyn('mem_blocked.wyn', [n]).out, 'rss_delta_bytes_per_task');
  row(`memory per task blocked in recv, ${n}`, fmt(blocked, 0), 'bytes/task', '8,430');
}

console.log(
  `spawn: seq ${fmt(seq)} us, batch8 ${fmt(b8)} us, batch100 ${fmt(b100)} us, ff1M ${fmt(ff)} s, speedup ${fmt(speedup)} x, mem1M ${fmt(mem1M, 0)} bytes/task, blocked ${fmt(blocked, 0)} bytes/task`,
);
