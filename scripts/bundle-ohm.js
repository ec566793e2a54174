// The esbuild plugin through which the start-up bundles (bundle-cli.js) take
// ohm-js and our grammar: only the part of ohm-js a generated grammar needs,
// and everything built the cheap way.
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
// - Our grammar's recipe, a 60 KB array literal, goes in as JSON.parse of a
//   string: V8 parses JSON faster than it runs a literal that size, and the
//   code cache holds one string rather than the literal's boilerplate.
// - Ohm makes a \p{...} RegExp for each of 33 Unicode categories and
//   properties at load time (V8 builds each one's character class then: ~2 ms);
//   the built-in rules use three. In the bundles each is made on first use
//   (UnicodeChar only ever calls the pattern's `test`).
const fs = require('node:fs');
const path = require('node:path');
const { stripSourceIntervals } = require('./strip-bundle.js');

const root = path.join(__dirname, '..');
const ohmSrc = path.join(path.dirname(require.resolve('ohm-js', { paths: [path.join(root, 'packages', 'parser')] })), '..', 'src');

/** Where `needle` first occurs in the text from `from` on; the build fails if it does not. */
function find(file, text, needle, from = 0) {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`bundle-ohm: ${file} is not as this plugin expects (ohm-js updated?); update scripts/bundle-ohm.js`);
  return at;
}

/** The text less the part from `start` up to (not including) `end`. */
function cut(file, text, start, end) {
  const from = find(file, text, start);
  return text.slice(0, from) + text.slice(find(file, text, end, from));
}

/** The text with its first `from` replaced by `to`. */
function replace(file, text, from, to) {
  const at = find(file, text, from);
  return text.slice(0, at) + to + text.slice(at + from.length);
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
    build.onLoad({ filter: /[\\/]parser[\\/]dist[\\/]wyn\.ohm-bundle\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const from = find(args.path, text, 'makeRecipe([') + 'makeRecipe('.length;
      const to = text.lastIndexOf(']);') + 1; // the recipe's end: its text may hold "]);" itself
      return { contents: `${text.slice(0, from)}JSON.parse(${JSON.stringify(text.slice(from, to))})${text.slice(to)}`, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]ohm-js[\\/]src[\\/]unicode\.js$/ }, (args) => {
      const eager = 'const toRegExp = val => new RegExp(String.raw`\\p{${val}}`, \'u\');';
      const lazy = 'const toRegExp = val => {\n  let re;\n  return {test: s => (re ??= new RegExp(String.raw`\\p{${val}}`, \'u\')).test(s)};\n};';
      return { contents: replace(args.path, fs.readFileSync(args.path, 'utf8'), eager, lazy), loader: 'js' };
    });
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
