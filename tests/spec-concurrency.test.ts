// Golden programs for concurrency behaviour that CONCURRENCY.md states and the
// conformance suite does not test (tests/spec-concurrency: NNN_topic.wyn with
// its .out, and .exit when the status is not 0). Each runs in a child process
// (scripts/wyn-src.js) with 1, 2 and 4 workers, all started at once: a
// regression here is often a hang, which must not take jest with it. The
// child's guard is a hang guard, not a performance limit.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectation, runGuarded } from './conformance-helpers';

const dir = path.join(__dirname, 'spec-concurrency');
const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.wyn')).sort();
const WORKERS = [1, 2, 4];
jest.setTimeout(120_000);

const children = new Map<string, ReturnType<typeof runGuarded>>();
beforeAll(() => {
  for (const workers of WORKERS) for (const p of programs) children.set(`${workers}/${p}`, runGuarded(p, workers, dir));
});
afterAll(() => Promise.all(children.values()));

describe.each(WORKERS)('spec behaviour with %i worker(s)', (workers) => {
  test.each(programs)('%s prints its expected output and exits with its expected status', async (p) => {
    const got = await children.get(`${workers}/${p}`)!;
    expect({ stdout: got.stdout, status: got.status }).toEqual(expectation(path.join(dir, p)));
  });
});
