'use strict';
// Loads the CLI's start-up bundle (made by scripts/bundle-cli.js) through
// vm.Script with V8's code cache, so most functions need no compiling at
// start-up. Without a bundle (after a bare `tsc -b`) the compiled modules are
// loaded instead; a cache V8 rejects (another Node version) is simply unused.
const { Buffer } = require('node:buffer');
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
 *    measurable (bench:interp). The first spawn puts V8's default back
 *    (interpreter conc/threads-node.ts): task costs need the early tier-up.
 * No --min-semi-space-size: an 8 MB young generation saved a few start-up
 * scavenges, but the kernel zero-fills each of its pages on first touch, and
 * whatever allocates first pays (~1,500 faults for 6 MB). The old parser's
 * garbage paid during start-up; the faster parser left them to the program,
 * inside its own timing (fib(32) 126 -> 150 ms; identical optimised code, the
 * same GCs, 1,550 more page faults in the timed part). V8's default 1 MB
 * start, grown when a program needs more, costs start-up nothing measurable.
 *  --max-semi-space-size: V8 grows the young generation up to 16 MB (32 MB of
 *    semi-spaces, in every thread) when much of what a program allocates
 *    survives, e.g. a million outstanding futures; 2 MB caps it at 4 MB per
 *    thread (mem_futures at 1M: ~30 bytes of RSS per future less). Programs
 *    whose garbage dies young are unaffected, and the faults on fresh pages
 *    it saves made loop.wyn and fib.wyn no slower (CPU time, interleaved).
 */
const NODE_FLAGS = ['--stack-size=7000', '--interrupt-budget=500000', '--max-semi-space-size=2'];
const bundleFile = path.join(__dirname, '..', 'dist', 'bundle', 'wyn.js');
/** The parameters of the function the bundle's text is (scripts/bundle-cli.js wraps it). */
const WRAPPER_PARAMS = 'exports, require, module, __filename, __dirname';

/**
 * Reads the file into `buffer` when it fits (a bigger one otherwise) and
 * returns the bytes read. Fresh memory is much of what a start-up costs (the
 * kernel zeroes every 4 KB page on first touch), so the source and its cache
 * come through one buffer rather than two.
 */
function readInto(buffer, file) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const into = buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(size);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, into, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return into.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}

function loadBundle({ useCache = true } = {}) {
  let buffer;
  let source;
  try {
    // Sized for the cache, the bigger file, so the cache can reuse it.
    buffer = Buffer.allocUnsafeSlow(useCache ? fileSize(`${bundleFile}.cache`) : 0);
    source = readInto(buffer, bundleFile).toString('utf8');
  } catch {
    return { exports: require('../dist/index.js'), script: null };
  }
  let cachedData;
  if (useCache) {
    try {
      cachedData = readInto(buffer, `${bundleFile}.cache`);
    } catch {
      cachedData = undefined;
    }
  }
  const vm = require('node:vm');
  // The text is a function expression (see WRAPPER_PARAMS): it runs as a CommonJS module body.
  const script = new vm.Script(source, { filename: bundleFile, cachedData });
  const module = { exports: {} };
  // This file's require resolves what the bundle requires (node: modules and
  // yargs, from the same package) as one made for the bundle's path would.
  script.runInThisContext()(module.exports, require, module, bundleFile, path.dirname(bundleFile));
  return { exports: module.exports, script };
}

/** The file's size, or 0 when it cannot be read. */
function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

module.exports = { NODE_FLAGS, WRAPPER_PARAMS, bundleFile, loadBundle };
