// Golden programs (STYLE.md "Tests"): every tests/conformance/{core,stdlib}
// program runs through `run()` with a recording Host; stdout and the exit
// status must match `.out` / `.exit` exactly. `tests/known-failing.txt` lists
// programs expected to fail, one `path  reason` per line; a listed program
// that passes fails the test, so the list stays true.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { conformanceRoot, expectation, knownFailing, runConformance } from './conformance-helpers';

// 361_datetime_fixed reads calendar fields in local time and expects UTC (STDLIB §28).
process.env.TZ = 'UTC';

const suites = ['core', 'stdlib'];
const known = knownFailing();

for (const suite of suites) {
  const dir = path.join(conformanceRoot, suite);
  const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.wyn')).sort();
  describe(suite, () => {
    for (const p of programs) {
      const key = `${suite}/${p}`;
      test(`${key} prints its expected output and exits with its expected status`, async () => {
        const file = path.join(dir, p);
        const expected = expectation(file);
        const got = await runConformance(file, fs.readFileSync(file, 'utf8'));
        const pass = got.stdout === expected.stdout && got.status === expected.status;
        if (known.has(key)) {
          expect({ key, passes: pass, reason: known.get(key) }).toEqual({ key, passes: false, reason: known.get(key) });
        } else {
          expect(got).toEqual(expected);
        }
      });
    }
  });
}
