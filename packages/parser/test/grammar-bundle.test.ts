// The committed, generated grammar bundle must be built from the committed
// wyn.ohm (`pnpm gen` regenerates it).

import * as fs from 'node:fs';
import * as path from 'node:path';

test('wyn.ohm-bundle.js was generated from the current wyn.ohm', () => {
  const src = path.join(__dirname, '..', 'src');
  const grammarText = fs.readFileSync(path.join(src, 'wyn.ohm'), 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(path.join(src, 'wyn.ohm-bundle.js')) as { source: { sourceString: string } };
  // The bundle keeps the grammar from its name on; the leading comment is not part of it.
  expect(bundle.source.sourceString.trimEnd()).toBe(grammarText.slice(grammarText.indexOf('Wyn {')).trimEnd());
});
