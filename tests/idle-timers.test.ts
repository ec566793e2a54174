// Timers are fired by idle workers too (conc/task-entry.ts `idle`), not only
// by main when it blocks or polls: a task sleeping on a worker wakes on time
// while main computes without a single concurrency call.

import { nodeHost, run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

// A hang guard, not a time limit: a worker starts slowly on a loaded machine.
jest.setTimeout(120_000);

test('a task sleeping on a worker wakes while main computes, not when main next blocks', async () => {
  // Main never polls during its loop (up to 30 s), so before the fix the
  // task could only wake after it, and main's "main done" came first. Now the
  // task wakes on its worker and its exit(7) ends the run at once: main's
  // loop looks at the end flag between chunks. No fixed loop length has to
  // outlast the worker's start on a loaded machine.
  const src = `fn napper() {
    sleep_ms(20)
    println("woke")
    exit(7)
}

fn main() {
    spawn napper()
    var t0 = DateTime.micros()
    var x = 0
    while DateTime.micros() - t0 < 30000000 { x = x + 1 }
    println("main done")
}
`;
  // The real clock: the memory host's stands still.
  const rec = recordingHost({ base: nodeHost({ args: [] }) });
  const status = await run('idle.wyn', src, rec.host, { workers: 1 });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: 'woke\n', stderr: '', status: 7 });
});
