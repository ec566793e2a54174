// pnpm bench:interp — the interpreter against CPython and plain JS (issue 4,
// DESIGN §4): loop sum of 0..20,000,000 and recursive fib(30), each timed by
// the program itself (RESULT lines), plus whole-process start-up of
// `wyn run hello.wyn` against `node -e ''`. Uses the built CLI when it can
// run programs, otherwise drives the built interpreter API directly.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bench = path.join(root, '..', 'shared', 'bench');
const LOOP_N = 20_000_000;
const FIB_N = 30;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-bench-'));

// A runner that executes a Wyn file through the built interpreter API.
const apiRunner = path.join(tmp, 'run-api.js');
fs.writeFileSync(apiRunner, `
const { run, nodeHost } = require(${JSON.stringify(path.join(root, 'packages/interpreter/dist/index.js'))});
const fs = require('fs');
const file = process.argv[2];
run(file, fs.readFileSync(file, 'utf8'), nodeHost({ args: process.argv.slice(2) })).then((s) => { process.exitCode = s; });
`);

// The flags the binary's shebang passes, so this measures what `wyn run` costs.
const { NODE_FLAGS } = require(path.join(root, 'packages/cli/bin/load-bundle.js'));

function cliWorks() {
  const cli = path.join(root, 'packages/cli/bin/wyn.js');
  if (!fs.existsSync(cli)) return null;
  const r = spawnSync(process.execPath, [...NODE_FLAGS, cli, 'run', path.join(bench, 'hello.wyn')], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('hello world') ? cli : null;
}
const cli = cliWorks();
const wynCmd = (file, args) => (cli ? [process.execPath, [...NODE_FLAGS, cli, 'run', file, '--', ...args]] : [process.execPath, ['--stack-size=4000', apiRunner, file, ...args]]);

function resultMs(stdout, name) {
  const m = new RegExp(`RESULT ${name} (\\d+) (\\d+)`).exec(stdout);
  if (!m) throw new Error(`no RESULT ${name} line in:\n${stdout}`);
  return Number(m[1]) / Number(m[2]);
}

function best(n, f) {
  let b = Infinity;
  for (let i = 0; i < n; i++) b = Math.min(b, f());
  return b;
}

/** What loop.wyn and fib.wyn must print as CHECK for `arg`: a wrong answer gives no figure. */
const CHECKS = {
  'loop.wyn': (n) => `${(BigInt(n) * BigInt(n - 1)) / 2n}`,
  'fib.wyn': (n) => {
    let [a, b] = [0, 1];
    for (let i = 0; i < n; i++) [a, b] = [b, a + b];
    return `${a}`;
  },
};

function wynMs(file, name, arg) {
  const [cmd, args] = wynCmd(path.join(bench, file), [String(arg)]);
  return best(3, () => {
    const out = execFileSync(cmd, args, { encoding: 'utf8' });
    const want = CHECKS[file](arg);
    if (!out.includes(`CHECK ${want}\n`)) throw new Error(`${file} ${arg}: expected CHECK ${want}, got:\n${out}`);
    return resultMs(out, name);
  });
}

const py = {
  loop: `import time,sys\nn=int(sys.argv[1])\nt=time.perf_counter()\ns=0\nfor i in range(n): s=s+i\nprint("RESULT loop_ms %d 1000" % int((time.perf_counter()-t)*1e6))`,
  fib: `import time,sys\nsys.setrecursionlimit(10000)\ndef fib(n):\n  return n if n<2 else fib(n-1)+fib(n-2)\nn=int(sys.argv[1])\nt=time.perf_counter()\nfib(n)\nprint("RESULT fib_ms %d 1000" % int((time.perf_counter()-t)*1e6))`,
};
function pythonMs(kind, arg) {
  const file = path.join(tmp, `${kind}.py`);
  fs.writeFileSync(file, py[kind]);
  try {
    return best(3, () => resultMs(execFileSync('python3', [file, String(arg)], { encoding: 'utf8' }), `${kind}_ms`));
  } catch {
    return null;
  }
}

function jsMs(kind, arg) {
  const t = process.hrtime.bigint();
  if (kind === 'loop') {
    let s = 0;
    for (let i = 0; i < arg; i++) s = s + i;
    if (s < 0) console.log(s);
  } else {
    const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));
    fib(arg);
  }
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function processMs(cmd, args) {
  const t = process.hrtime.bigint();
  execFileSync(cmd, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Best of ten whole-process runs each, alternating, so both see the same machine load. */
function startupMs(wynRun) {
  const best = { wyn: Infinity, node: Infinity };
  for (let i = 0; i < 10; i++) {
    best.wyn = Math.min(best.wyn, processMs(...wynRun));
    best.node = Math.min(best.node, processMs(process.execPath, ['-e', '']));
  }
  return best;
}

const fmt = (x) => (x === null ? 'n/a' : `${x.toFixed(1)} ms`);
const ratio = (a, b) => (a === null || b === null ? 'n/a' : (a / b).toFixed(2));
console.log(`runner: ${cli ? 'wyn CLI' : 'interpreter API (CLI cannot run programs yet)'}`);
const loop = { wyn: wynMs('loop.wyn', 'loop_ms', LOOP_N), py: pythonMs('loop', LOOP_N), js: jsMs('loop', LOOP_N) };
console.log(`loop 0..${LOOP_N}: wyn ${fmt(loop.wyn)}, python ${fmt(loop.py)}, js ${fmt(loop.js)}`);
const fib = { wyn: wynMs('fib.wyn', 'fib_ms', FIB_N), py: pythonMs('fib', FIB_N), js: jsMs('fib', FIB_N) };
console.log(`fib(${FIB_N}): wyn ${fmt(fib.wyn)}, python ${fmt(fib.py)}, js ${fmt(fib.js)}`);
const start = startupMs(wynCmd(path.join(bench, 'hello.wyn'), []));
console.log(`startup: wyn run hello.wyn ${fmt(start.wyn)}, node -e '' ${fmt(start.node)}`);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`interp: loop ${ratio(loop.py, loop.wyn)}x python, fib ${ratio(fib.py, fib.wyn)}x python, startup ${ratio(start.wyn, start.node)}x node`);
