// Timers are fired by idle workers too (conc/task-entry.ts `idle`), not only
// by main when it blocks or polls: a task sleeping on a worker wakes on time
// while main computes without a single concurrency call.

import { nodeHost, run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

// A hang guard, not a time limit: a worker starts slowly on a loaded machine.
jest.setTimeout(120_000);

test('a task sleeping on a worker wakes while main computes, not when main next blocks', async () => {
  // Main never polls during its 2 s loop, so before the fix the task could
  // only wake after it. The worker needs a few hundred ms to start, so the
  // loop is long enough for it to start, run the task, and sleep 20 ms.
  const src = `fn napper(woke: int) {
    sleep_ms(20)
    Shared.set(woke, DateTime.micros())
}

fn main() {
    var woke = Shared.new(0)
    spawn napper(woke)
    var t0 = DateTime.micros()
    var x = 0
    while DateTime.micros() - t0 < 2000000 { x = x + 1 }
    var t1 = DateTime.micros()
    var w = Shared.get(woke)
    println(w > 0 and w < t1)
}
`;
  // The real clock: the memory host's stands still.
  const rec = recordingHost({ base: nodeHost({ args: [] }) });
  const status = await run('idle.wyn', src, rec.host, { workers: 1 });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: 'true\n', stderr: '', status: 0 });
});
