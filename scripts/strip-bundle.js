// After `ohm generateBundles`: drop the source interval Ohm records for every
// expression of the grammar. Only grammar-authoring errors use them (a bad
// semantic action's position in wyn.ohm), yet rebuilding them costs half of the
// grammar's load time, which every `wyn run` pays. The grammar's own source
// text stays in the bundle.
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, '..', 'packages', 'parser', 'src', 'wyn.ohm-bundle.js');
const text = fs.readFileSync(file, 'utf8');
fs.writeFileSync(file, text.replace(/\{"sourceInterval":\[\d+,\d+\]\}/g, '{}'));
