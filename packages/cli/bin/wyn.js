#!/usr/bin/env -S node --stack-size=7000
'use strict';
// The wyn binary: everything lives in main(argv, io), which returns the exit status.
//
// Wyn programs recurse deeply (LANGUAGE.md §13.2 asks for at least 10,000 nested
// calls); V8's default stack holds about 2,000 interpreted Wyn calls. Node accepts
// --stack-size only on its own command line, so the shebang passes it, and when
// this file is started without it (`node bin/wyn.js`) it starts itself again with
// it. 7000 KB stays below the usual 8 MB thread stack, so overflow is a clean
// RangeError (turned into Wyn's stack-overflow panic), never a segfault.
const STACK_FLAG = '--stack-size=7000';

if (!process.execArgv.some((a) => a.startsWith('--stack-size'))) {
  const { spawnSync } = require('node:child_process');
  const child = spawnSync(process.execPath, [...process.execArgv, STACK_FLAG, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.error) throw child.error;
  const signals = require('node:os').constants.signals;
  process.exitCode = child.status ?? 128 + (signals[child.signal] ?? 0);
} else {
  const { main, processIo } = require('../dist/index.js');
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
