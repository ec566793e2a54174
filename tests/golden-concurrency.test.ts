// Golden programs of tests/conformance/concurrency (CONCURRENCY.md §15), run
// through `run()` with a recording Host at 1, 2 and 4 workers, each several
// times to catch races. `tests/known-failing-concurrency.txt` lists programs
// expected to fail (`path  reason`); a listed program that passes fails the
// test, so the list stays true. Programs listed with a reason starting
// `hangs:` run in a child process (scripts/wyn-src.js, from the sources) under
// a generous guard, all started at once so the guards overlap; they too fail
// the test when they pass. Otherwise no time limits: jest's default applies.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { conformanceRoot, expectation, knownFailing, runConformance, runGuarded } from './conformance-helpers';

const dir = path.join(conformanceRoot, 'concurrency');
const known = knownFailing('known-failing-concurrency.txt');
const only = process.env.WYN_CONC_ONLY;
const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.wyn') && (only === undefined || f.includes(only))).sort();
const REPEAT = Number(process.env.WYN_CONC_REPEAT ?? 2);
// Worker start-up and per-thread compilation dominate; generous, not a performance limit.
jest.setTimeout(120_000);

const WORKERS = [1, 2, 4];


const children = new Map<string, Promise<{ stdout: string; status: number | null }>>();
beforeAll(() => {
  for (const workers of WORKERS) {
    for (const p of programs) {
      if ((known.get(`concurrency/${p}`) ?? '').startsWith('hangs:')) children.set(`${workers}/${p}`, runGuarded(p, workers, dir));
    }
  }
});
afterAll(() => Promise.all(children.values()));

describe.each(WORKERS)('concurrency with %i worker(s)', (workers) => {
  for (const p of programs) {
    const key = `concurrency/${p}`;
    const reason = known.get(key) ?? '';
    if (reason.startsWith('hangs:')) {
      test(`${key} (${reason}) still fails, in a child process`, async () => {
        const expected = expectation(path.join(dir, p));
        const got = await children.get(`${workers}/${p}`)!;
        const passes = got.stdout === expected.stdout && got.status === expected.status;
        expect({ key, passes }).toEqual({ key, passes: false });
      });
      continue;
    }
    test(`${key} prints its expected output and exits with its expected status`, async () => {
      const file = path.join(dir, p);
      const expected = expectation(file);
      let pass = true;
      let got = { stdout: '', status: 0 };
      for (let i = 0; i < REPEAT && pass; i++) {
        got = await runConformance(file, fs.readFileSync(file, 'utf8'), [], { workers });
        pass = got.stdout === expected.stdout && got.status === expected.status;
      }
      if (known.has(key)) {
        expect({ key, passes: pass, reason: known.get(key) }).toEqual({ key, passes: false, reason: known.get(key) });
      } else {
        expect(got).toEqual(expected);
      }
    });
  }
});
