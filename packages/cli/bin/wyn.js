#!/usr/bin/env node
'use strict';
// The wyn binary: everything lives in main(argv, io), which returns the exit status.
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
