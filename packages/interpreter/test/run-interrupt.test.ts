// `run` under an interrupt hook (the CLI's stops the program on Ctrl-C):
// the run ends with status 130 once the output so far is written, main's
// buffered output and what tasks logged alike.

import { run } from '@wyn/interpreter';
import { recordingHost } from './recording-host';
import { interruptible, stopOnEnvGet } from './stop-hook';

/** `Env.get("STOP")` stands for Ctrl-C arriving while the program runs (stop-hook.ts). */
function host() {
  const rec = recordingHost();
  stopOnEnvGet(rec.host);
  return rec;
}

test('an interrupted run ends with 130 after writing what main had buffered (stdout is no terminal here)', async () => {
  const rec = host();
  const status = await run('stop.wyn', 'print("partial")\nx = Env.get("STOP")\nprintln("never")\n', rec.host, { interruptible });
  expect({ status, stdout: rec.stdout() }).toEqual({ status: 130, stdout: 'partial\n' });
});

test('an interrupted run writes what its tasks printed, and stops them', async () => {
  const rec = host();
  const program = `cell = Shared.new(0)
fn work() {
    println("from a task")
    Shared.set(cell, 1)
    while true {
    }
}
spawn work()
deadline = Time.now() + 20
while Shared.get(cell) == 0 and Time.now() < deadline {
}
print("main")
x = Env.get("STOP")
`;
  const status = await run('tasks.wyn', program, rec.host, { interruptible, workers: 1 });
  expect({ status, stdout: rec.stdout() }).toEqual({ status: 130, stdout: 'from a task\nmain\n' });
});

test('a run that is not interrupted returns its own status', async () => {
  const rec = host();
  expect(await run('ok.wyn', 'println("done")\nexit(4)\n', rec.host, { interruptible })).toBe(4);
  expect(rec.stdout()).toBe('done\n');
});
