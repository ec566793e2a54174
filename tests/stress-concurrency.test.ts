// Stress programs of issue 6 (tests/stress/*.wyn with their .out): 100,000
// spawned tasks summed exactly, 1,000 tasks blocked on channels at once, a
// 3-stage pipeline over 100,000 messages, nested spawn fib(20) and 20,000
// tasks asleep at once, each with
// 1, 2 and 4 workers. They pass only if blocked tasks free their worker
// (CONCURRENCY.md §12.4). No time limits beyond jest's generous guard.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeHost, run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

const dir = path.join(__dirname, 'stress');
const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.wyn')).sort();
// A hang guard, not a performance limit.
jest.setTimeout(300_000);

describe.each([1, 2, 4])('stress with %i worker(s)', (workers) => {
  for (const p of programs) {
    test(`${p} prints its exact result`, async () => {
      const file = path.join(dir, p);
      const rec = recordingHost({ base: nodeHost({ args: [p] }) });
      const status = await run(p, fs.readFileSync(file, 'utf8'), rec.host, { workers });
      expect({ stdout: rec.stdout(), status }).toEqual({ stdout: fs.readFileSync(file.slice(0, -4) + '.out', 'utf8'), status: 0 });
    });
  }
});
