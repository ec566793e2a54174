// tsc does not copy plain .js/.d.ts files: copy Ohm's generated grammar bundle next to the compiled parser.
const fs = require('node:fs');
const path = require('node:path');
const src = path.join(__dirname, '..', 'packages', 'parser', 'src');
const dist = path.join(__dirname, '..', 'packages', 'parser', 'dist');
for (const f of fs.readdirSync(src)) {
  if (f.includes('.ohm-bundle.')) fs.copyFileSync(path.join(src, f), path.join(dist, f));
}
