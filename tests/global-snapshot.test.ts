// A task sees the globals as they were when it was spawned (CONCURRENCY.md
// §12.1), wherever it runs: on a worker thread, whose compiled code has its
// own globals array, and on main, which runs queued tasks itself while it
// waits and must not show them its own later values (conc/globals.ts).

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

// Main polls without blocking (a bounded busy loop), so only a worker thread can run `put`.
const onWorker = `base = 100
cell = Shared.new(0)
fn put() {
    Shared.set(cell, base + 1)
}
spawn put()
deadline = Time.now() + 20
while Shared.get(cell) == 0 and Time.now() < deadline {
}
println(Shared.get(cell))
`;

// The await runs the task on main, after main changed the global.
const onMain = `g = 1
fn read_g() -> int => g
f = spawn read_g()
g = 2
println(await f)
println(await spawn read_g())
println(g)
`;

test.each([1, 2])('a task on a worker thread reads the globals of its spawn (%i workers)', async (workers) => {
  const rec = recordingHost();
  const status = await run('on-worker.wyn', onWorker, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '101\n', stderr: '', status: 0 });
});

test('a task that main runs itself sees the snapshot, and main keeps its own values', async () => {
  const rec = recordingHost();
  const status = await run('on-main.wyn', onMain, rec.host, { workers: 1 });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '1\n2\n2\n', stderr: '', status: 0 });
});
