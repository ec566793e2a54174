// Runs conformance/concurrency programs through the built interpreter, each in
// its own process with a wall-clock guard (a diagnostic tool, not a test):
//   node scripts/conc-check.js WORKERS [FILTER]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, '..', 'tests', 'conformance', 'concurrency');
const workers = Number(process.argv[2] ?? 1);
const filter = process.argv[3] ?? '';
if (process.argv[4] === '--child') {
  const { run, nodeHost } = require('../packages/interpreter/dist/index.js');
  const file = path.join(dir, filter);
  process.chdir(dir);
  run(path.basename(file), fs.readFileSync(file, 'utf8'), nodeHost({ args: [file] }), { workers }).then((s) => { process.exitCode = s; });
} else {
  let pass = 0;
  const fails = [];
  for (const p of fs.readdirSync(dir).filter((f) => f.endsWith('.wyn') && f.includes(filter)).sort()) {
    const base = path.join(dir, p.slice(0, -4));
    const r = spawnSync(process.execPath, [__filename, String(workers), p, '--child'], { encoding: 'utf8', timeout: 20000 });
    const exp = fs.readFileSync(base + '.out', 'utf8');
    const code = fs.existsSync(base + '.exit') ? Number(fs.readFileSync(base + '.exit', 'utf8').trim()) : 0;
    if (r.stdout === exp && r.status === code) pass++;
    else fails.push(`${p} status=${r.status} signal=${r.signal} ${r.stderr.split('\n')[0]}`);
  }
  console.log(fails.join('\n'));
  console.log(`workers ${workers}: ${pass} passed, ${fails.length} failed`);
}
