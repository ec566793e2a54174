// The esbuild plugin through which the start-up bundles (bundle-cli.js) take
// ohm-js: only the part a generated grammar needs, built the cheap way.
//
// - A grammar made by `ohm generateBundles` needs makeRecipe, the built-in
//   rules and their semantics (`asIteration`). The package's main file also
//   builds Ohm's own grammar, for compiling `.ohm` text and parameterised start
//   rules, neither of which we do. ohm-js ships its ES module sources, so the
//   bundles import just those parts.
// - The built-in rules lose their per-expression source intervals, as our
//   grammar does (strip-bundle.js says why).
// - Building a grammar checks it (uniform arities, valid applications, no
//   nullable iterations): ~5 ms and 0.6 MB of every start-up. Ours is checked
//   when `pnpm gen` makes it and by every parser test, which use the whole
//   ohm-js; the bundles skip the checks.
// - Ohm parses the signature of each semantic operation with a grammar of its
//   own, built at load time. Without that grammar it takes a signature without
//   parameters as a bare name, and `toAST` is one; the bundles leave it out
//   (building and first running a grammar: ~3 ms).
const fs = require('node:fs');
const path = require('node:path');
const { stripSourceIntervals } = require('./strip-bundle.js');

const root = path.join(__dirname, '..');
const ohmSrc = path.join(path.dirname(require.resolve('ohm-js', { paths: [path.join(root, 'packages', 'parser')] })), '..', 'src');

/** The text less the part from `start` up to (not including) `end`; the build fails if either is missing. */
function cut(file, text, start, end) {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`bundle-ohm: ${file} is not as this plugin expects (ohm-js updated?); update scripts/bundle-ohm.js`);
  return text.slice(0, from) + text.slice(to);
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
    build.onLoad({ filter: /[\\/]ohm-js[\\/]dist[\\/]built-in-rules\.js$/ }, (args) => ({
      contents: stripSourceIntervals(fs.readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
    // GrammarDecl.build(): the checks run from "const grammarErrors" to "if (this.source)".
    build.onLoad({ filter: /[\\/]ohm-js[\\/]src[\\/]GrammarDecl\.js$/ }, (args) => ({
      contents: cut(args.path, fs.readFileSync(args.path, 'utf8'), '    const grammarErrors = [];\n', '    if (this.source) {\n'),
      loader: 'js',
    }));
    // The signature grammar: the first import of semanticsDeferredInit.js and the last call of its top level.
    build.onLoad({ filter: /[\\/]ohm-js[\\/]src[\\/]semanticsDeferredInit\.js$/ }, (args) => {
      let text = fs.readFileSync(args.path, 'utf8');
      text = cut(args.path, text, "import operationsAndAttributesGrammar from '../dist/operations-and-attributes.js';\n", 'import {Grammar}');
      text = cut(args.path, text, 'initPrototypeParser(operationsAndAttributesGrammar);', '\n');
      return { contents: text, loader: 'js' };
    });
  },
};

module.exports = { ohmKernel };
