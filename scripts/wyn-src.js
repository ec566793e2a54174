#!/usr/bin/env -S node --stack-size=7000
// `wyn` from the TypeScript sources, no build needed (tests run hang-prone
// programs through it in a child process): node --stack-size=7000 scripts/wyn-src.js ARGS
'use strict';
require('./ts-register');
const { main, processIo } = require('@wyn/cli');

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
