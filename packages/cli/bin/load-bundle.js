'use strict';
// Loads the CLI's start-up bundle (made by scripts/bundle-cli.js) through
// vm.Script with V8's code cache, so most functions need no compiling at
// start-up. Without a bundle (after a bare `tsc -b`) the compiled modules are
// loaded instead; a cache V8 rejects (another Node version) is simply unused.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The V8 flags the binary runs under (its shebang lists the same). The code
 * cache is valid only under the flags it was made with.
 *  --stack-size: Wyn programs recurse deeply (LANGUAGE.md §13.2 asks for at
 *    least 10,000 nested calls); V8's default stack holds about 2,000
 *    interpreted Wyn calls. 7000 KB stays below the usual 8 MB thread stack,
 *    so overflow is a clean RangeError (Wyn's stack-overflow panic).
 *  --interrupt-budget: optimise a function after ~7x more work than V8's
 *    default. Start-up runs Ohm's grammar code just hot enough for V8 to start
 *    optimising it on a background thread, and a process cannot exit before
 *    those jobs end: ~15 ms of every short run. Long programs lose nothing
 *    measurable (bench:interp).
 * No --min-semi-space-size: an 8 MB young generation saved a few start-up
 * scavenges, but the kernel zero-fills each of its pages on first touch, and
 * whatever allocates first pays (~1,500 faults for 6 MB). The old parser's
 * garbage paid during start-up; the faster parser left them to the program,
 * inside its own timing (fib(32) 126 -> 150 ms; identical optimised code, the
 * same GCs, 1,550 more page faults in the timed part). V8's default 1 MB
 * start, grown when a program needs more, costs start-up nothing measurable.
 */
const NODE_FLAGS = ['--stack-size=7000', '--interrupt-budget=500000'];
const bundleFile = path.join(__dirname, '..', 'dist', 'bundle', 'wyn.js');

function loadBundle({ useCache = true } = {}) {
  let source;
  try {
    source = fs.readFileSync(bundleFile, 'utf8');
  } catch {
    return { exports: require('../dist/index.js'), script: null };
  }
  let cachedData;
  if (useCache) {
    try {
      cachedData = fs.readFileSync(`${bundleFile}.cache`);
    } catch {
      cachedData = undefined;
    }
  }
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundleFile, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return { exports: module.exports, script };
}

module.exports = { NODE_FLAGS, bundleFile, loadBundle };
