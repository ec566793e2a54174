// The last build step: the `wyn` binary's start-up bundle (issue 4: start-up
// within 1.5x of `node -e ''`).
//
// Loading ~90 CommonJS files costs a file lookup, a read and a compile each;
// one bundle costs one read, and V8's code cache (made here, after a warm-up
// run) skips the compile of every function the warm-up used. Three bundles go
// to packages/cli/dist/bundle/, side by side, because each side finds its
// worker code next to itself: wyn.js (the CLI), task-entry.js (the
// interpreter's task module) and worker.js (the scheduler's worker thread).
// yargs stays outside: it reads its locale files relative to its own folder.
//
//   node scripts/bundle-cli.js          bundle, then make the code cache
//   (internal) --warm                    the warm-up run that writes the cache
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'packages', 'cli', 'dist', 'bundle');
const { NODE_FLAGS, WRAPPER_PARAMS, bundleFile, loadBundle } = require(path.join(root, 'packages', 'cli', 'bin', 'load-bundle.js'));
const { grammarRecipe } = require('./bundle-grammar.js');

// Exercises the parser, checker and evaluator the way a small program does, so
// the functions a typical `wyn run` needs are in the cache.
const WARM_UP = `
struct Point { x: int, y: int }
enum Shape { Circle(float), Rect(float, float) }
fn area(s: Shape) -> float {
    return match s {
        Shape.Circle(r) => 3.14 * r * r,
        Shape.Rect(w, h) => w * h,
    }
}
fn main() -> int {
    var total = 0
    for i in 0..10 { total = total + i }
    var p = Point { x: 1, y: 2 }
    var names = ["a", "b"]
    var m: {string: int} = {}
    m["k"] = total
    if total > 3 and p.x == 1 { println("\${p.x}") }
    var s = "\${area(Shape.Rect(2.0, 3.0))} \${names.len()} \${total}"
    println(s.len() > 0 ? s : "x")
    return 0
}
`;

async function bundle() {
  const esbuild = require('esbuild');
  fs.rmSync(out, { recursive: true, force: true });
  // Minified: reading and hashing the source is part of every start-up. The
  // grammar comes in through bundle-grammar.js.
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'warning', plugins: [grammarRecipe] };
  // wyn.js comes wrapped the way Node wraps a CommonJS module, so load-bundle.js
  // compiles the file's text as it is read: wrapping it there copies 0.5 MB.
  const wrapper = { banner: { js: `(function (${WRAPPER_PARAMS}) {` }, footer: { js: '})' } };
  await esbuild.build({ ...common, ...wrapper, entryPoints: [path.join(root, 'packages/cli/dist/index.js')], outfile: bundleFile, external: ['yargs'] });
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'packages/interpreter/dist/conc/task-entry.js')], outfile: path.join(out, 'task-entry.js') });
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'packages/scheduler/dist/worker.js')], outfile: path.join(out, 'worker.js') });
  // The cache must be made under the flags the binary runs with: V8 rejects a cache made under others.
  const warm = spawnSync(process.execPath, [...NODE_FLAGS, __filename, '--warm'], { stdio: 'inherit' });
  if (warm.status !== 0) throw new Error(`bundle-cli: the warm-up run failed (status ${warm.status})`);
}

async function warmUp() {
  const file = path.join(out, 'warm-up.wyn');
  fs.writeFileSync(file, WARM_UP);
  const { exports, script } = loadBundle({ useCache: false });
  // The binary's own streams, written to without output, so that their code is in the cache too.
  exports.processIo().stdout.write('');
  const silent = { write() {}, isTTY: false };
  const io = { stdout: silent, stderr: silent, env: {}, cwd: out, stdinIsTTY: false, readStdin: async () => '', replStreams: null };
  const status = await exports.main(['run', file], io);
  fs.rmSync(file);
  if (status !== 0) throw new Error(`bundle-cli: the warm-up program exited with ${status}`);
  fs.writeFileSync(`${bundleFile}.cache`, script.createCachedData());
}

if (process.argv[2] === '--warm') {
  warmUp().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  bundle().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
