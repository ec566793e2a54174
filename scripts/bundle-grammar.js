// The esbuild plugin through which the start-up bundle (bundle-cli.js) takes
// our grammar: its recipe, a 60 KB array literal, goes in as JSON.parse of a
// string. The code cache then holds one string instead of the literal's
// boilerplate (~2 ms less deserialising at every start-up), and V8 parses JSON
// faster than it runs a literal that size.
//
// Trimming ohm-js itself (only its kernel, no grammar checks, no signature
// grammar, lazy Unicode patterns) saved another ~10 ms of start-up but made
// bench:interp's fib(30) ~20% slower: a start-up that leaves less garbage moves
// the first two scavenges, which copy everything start-up built, into the
// program's own timing. Left out until start-up data stops being that costly.
const fs = require('node:fs');

const grammarRecipe = {
  name: 'grammar-recipe',
  setup(build) {
    build.onLoad({ filter: /[\\/]parser[\\/]dist[\\/]wyn\.ohm-bundle\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const call = 'makeRecipe([';
      const from = text.indexOf(call) + call.length - 1;
      const to = text.lastIndexOf(']);') + 1; // the recipe's end: its text may hold "]);" itself
      if (from < call.length - 1 || to <= from) throw new Error(`bundle-grammar: no makeRecipe([...]) call in ${args.path}`);
      return { contents: `${text.slice(0, from)}JSON.parse(${JSON.stringify(text.slice(from, to))})${text.slice(to)}`, loader: 'js' };
    });
  },
};

module.exports = { grammarRecipe };
