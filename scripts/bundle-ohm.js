// The esbuild plugin through which the start-up bundles (bundle-cli.js) take
// ohm-js: only the part a generated grammar needs, built the cheap way.
//
// - A grammar made by `ohm generateBundles` needs makeRecipe, the built-in
//   rules and their semantics (`asIteration`). The package's main file also
//   builds Ohm's own grammar, for compiling `.ohm` text and parameterised start
//   rules, neither of which we do. ohm-js ships its ES module sources, so the
//   bundles import just those parts.
// - The two grammars Ohm builds from recipes lose their per-expression source
//   intervals, as ours do (strip-bundle.js says why).
// - Building a grammar checks it (uniform arities, valid applications, no
//   nullable iterations): ~5 ms and 0.6 MB of every start-up. Ours is checked
//   when `pnpm gen` makes it and by every parser test, which use the whole
//   ohm-js; the bundles skip the checks.
const fs = require('node:fs');
const path = require('node:path');
const { stripSourceIntervals } = require('./strip-bundle.js');

const root = path.join(__dirname, '..');
const ohmSrc = path.join(path.dirname(require.resolve('ohm-js', { paths: [path.join(root, 'packages', 'parser')] })), '..', 'src');

// GrammarDecl.build() from "const grammarErrors" up to (not including) "if (this.source)": the checks.
const CHECKS_START = '    const grammarErrors = [];\n';
const CHECKS_END = '    if (this.source) {\n      grammar.source = this.source;';

function withoutChecks(file) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(CHECKS_START);
  const end = text.indexOf(CHECKS_END);
  if (start < 0 || end < start) {
    throw new Error(`bundle-ohm: ${file} no longer has the grammar checks where this plugin expects them; update scripts/bundle-ohm.js`);
  }
  return text.slice(0, start) + text.slice(end);
}

const ohmKernel = {
  name: 'ohm-kernel',
  setup(build) {
    build.onResolve({ filter: /^ohm-js$/ }, () => ({ path: 'ohm-kernel', namespace: 'ohm-kernel' }));
    build.onLoad({ filter: /.*/, namespace: 'ohm-kernel' }, () => ({
      resolveDir: ohmSrc,
      // In this order: the semantics of the built-in rules need the rules.
      contents: "import './main-kernel.js';\nimport './semanticsDeferredInit.js';\nexport { makeRecipe } from './makeRecipe.js';\n",
    }));
    build.onLoad({ filter: /[\\/]ohm-js[\\/]dist[\\/](built-in-rules|operations-and-attributes)\.js$/ }, (args) => ({
      contents: stripSourceIntervals(fs.readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]ohm-js[\\/]src[\\/]GrammarDecl\.js$/ }, (args) => ({ contents: withoutChecks(args.path), loader: 'js' }));
  },
};

module.exports = { ohmKernel };
