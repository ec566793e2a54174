#!/usr/bin/env node
// pnpm bench:parse — parse throughput of @wyn/parser on a generated 10,000-line
// program. Prints where the time goes (lexical pre-scan, Ohm's matcher, the
// CST→AST conversion) and, last, `parse: N lines/s`. Needs `pnpm build`.
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

let parser;
try {
  parser = require(path.join(__dirname, '..', 'packages', 'parser', 'dist', 'index.js'));
} catch {
  console.error('bench:parse needs the compiled parser: run `pnpm build` first');
  process.exit(2);
}

/** One ~25-line chunk touching most of the grammar; `i` keeps names distinct. */
function chunk(i) {
  return `struct Point${i} { x: int, y: int }
fn area${i}(p: Point${i}, scale: float = 1.5) -> float {
  var total = 0
  for k in 0..p.x {
    if k % 2 == 0 and k > 3 { total += k * 2 } else { total = total - 1 }
  }
  label = match total {
    0 => "zero",
    1 | 2 | 3 => "small",
    n if n < 0 => "negative",
    _ => "many \${total + ${i}}",
  }
  xs = [1, 2, 3].map((v) => v * v).filter(|v| v > 1)
  while total > 100 { total = total / 2 }
  return total.to_float() * scale
}
// a comment line
print(area${i}(Point${i} { x: ${i % 50}, y: 2 }))
`;
}

const chunks = [];
let lines = 0;
for (let i = 0; lines < 10000; i++) {
  const c = chunk(i);
  chunks.push(c);
  lines += c.split('\n').length - 1;
}
const text = chunks.join('');

// Warm up, then take the best of a few runs (the machine is noisy).
parser.parse(chunks.slice(0, 20).join(''), 'warm.wyn');
let best = Infinity;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  const result = parser.parse(text, 'bench.wyn');
  const dt = performance.now() - t0;
  if (result.diagnostics.length > 0) {
    console.error(parser.renderDiagnostic(result.diagnostics[0], result.source));
    process.exit(1);
  }
  best = Math.min(best, dt);
  console.log(`run ${run + 1}: ${lines} lines in ${dt.toFixed(0)} ms`);
}

// Where the time goes: Ohm's matcher alone, on the same text.
const grammar = require(path.join(__dirname, '..', 'packages', 'parser', 'dist', 'wyn.ohm-bundle.js'));
const t1 = performance.now();
grammar.match(text, 'Program');
const matchMs = performance.now() - t1;
console.log(`ohm match alone: ${matchMs.toFixed(0)} ms (${((matchMs / best) * 100).toFixed(0)}% of the parse)`);

// Why Ohm is slow here: count its rule applications on one chunk. Every
// application is a memo-table lookup (and usually an allocation); syntactic
// rules also apply `spaces` before each of their terms.
const ohm = require(require.resolve('ohm-js', { paths: [path.join(__dirname, '..', 'packages', 'parser')] }));
const Apply = ohm.pexprs.Apply;
const counts = new Map();
const evalApply = Apply.prototype.eval;
Apply.prototype.eval = function countedEval(state) {
  counts.set(this.ruleName, (counts.get(this.ruleName) ?? 0) + 1);
  return evalApply.call(this, state);
};
const sample = chunks.slice(0, 40).join('');
grammar.match(sample, 'Program');
Apply.prototype.eval = evalApply;
const sampleLines = sample.split('\n').length - 1;
const total = [...counts.values()].reduce((a, b) => a + b, 0);
const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
console.log(`ohm rule applications: ${Math.round(total / sampleLines)} per line, ${((matchMs * 1000) / ((total / sampleLines) * lines)).toFixed(2)} us each`);
console.log(`most applied: ${top.map(([r, n]) => `${r} ${((n / total) * 100).toFixed(0)}%`).join(', ')}`);
console.log(`parse: ${Math.round(lines / (best / 1000))} lines/s`);
