#!/usr/bin/env -S node --stack-size=7000 --interrupt-budget=500000 --max-semi-space-size=2
'use strict';
// The wyn binary: everything lives in main(argv, io), which returns the exit status.
//
// Node accepts V8 flags only on its own command line, so the shebang passes
// them (load-bundle.js says why each). Started without --stack-size
// (`node bin/wyn.js`), the binary starts itself again with the flags: deep Wyn
// recursion needs the stack. The other flags only make start-up faster.
const { NODE_FLAGS, loadBundle } = require('./load-bundle.js');

if (!process.execArgv.some((a) => a.startsWith('--stack-size'))) {
  const { spawnSync } = require('node:child_process');
  // Ctrl-C reaches both processes: the child ends itself (status 130 after
  // writing its output), so the parent waits for it instead of dying first.
  process.on('SIGINT', () => {});
  const child = spawnSync(process.execPath, [...process.execArgv, ...NODE_FLAGS, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.error) throw child.error;
  const signals = require('node:os').constants.signals;
  process.exitCode = child.status ?? 128 + (signals[child.signal] ?? 0);
} else {
  const { main, processIo } = loadBundle().exports;
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`wyn: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 70;
    },
  );
}
