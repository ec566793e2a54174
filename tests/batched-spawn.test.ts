// Fire-and-forget spawns are held back and queued in batches (conc/batch.ts).
// Nothing observable may change: every task runs exactly once, the program
// still waits for all of them, a batched task that polls for a later one
// does not stall it (each program below would spin forever if the batch
// kept its tasks in line), and failures end the run as before.

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

// A hang guard, not a time limit: a worker starts slowly on a loaded machine.
jest.setTimeout(120_000);

async function runWyn(source: string, workers: number): Promise<{ stdout: string; stderr: string; status: number }> {
  const rec = recordingHost();
  const status = await run('batched.wyn', source, rec.host, { workers });
  return { stdout: rec.stdout(), stderr: rec.stderr(), status };
}

describe.each([1, 2])('with %i worker(s)', (workers) => {
  test('every one of 20,000 fire-and-forget tasks runs exactly once', async () => {
    const src = `fn add(sum: int, count: int, i: int) {
    Shared.add(sum, i)
    Shared.add(count, 1)
}

fn main() {
    var n = 20000
    var sum = Shared.new(0)
    var count = Shared.new(0)
    for i in 0..n { spawn add(sum, count, i) }
    while Shared.get(count) < n { sleep_ms(1) }
    sleep_ms(5)
    println("\${Shared.get(count)} \${Shared.get(sum)}")
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '20000 199990000\n', stderr: '', status: 0 });
  });

  test('tasks that poll for a task spawned after them in the same batch still see it run', async () => {
    const src = `fn waiter(flag: int, id: int) {
    while Shared.get(flag) == 0 { }
    println("waiter \${id} saw the flag")
}

fn setter(flag: int) {
    Shared.set(flag, 1)
}

fn main() {
    var flag = Shared.new(0)
    spawn waiter(flag, 1)
    spawn waiter(flag, 2)
    spawn setter(flag)
}
`;
    const r = await runWyn(src, workers);
    expect(r.stdout.split('\n').sort()).toEqual(['', 'waiter 1 saw the flag', 'waiter 2 saw the flag']);
    expect([r.stderr, r.status]).toEqual(['', 0]);
  });

  test('tasks with loops and fire-and-forget spawns of their own all run before the program ends', async () => {
    const src = `fn leaf(count: int, k: int) {
    var s = 0
    for j in 0..k { s = s + j }
    Shared.add(count, 1)
}

fn node(count: int, i: int) {
    for j in 0..3 { spawn leaf(count, i + j) }
    Shared.add(count, 1)
}

fn main() {
    var count = Shared.new(0)
    for i in 0..500 { spawn node(count, i) }
    while Shared.get(count) < 2000 { sleep_ms(1) }
    println(Shared.get(count))
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '2000\n', stderr: '', status: 0 });
  });

  test('the program waits for every fire-and-forget task, and keeps all they print', async () => {
    const src = `fn say(i: int) {
    println("t\${i}")
}

for i in 0..300 { spawn say(i) }
println("main done")
`;
    const r = await runWyn(src, workers);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l !== 'main done').sort()).toEqual(Array.from({ length: 300 }, (_, i) => `t${i}`).sort());
    expect(lines).toContain('main done');
    expect([r.stderr, r.status]).toEqual(['', 0]);
  });

  test('exit(n) in one task of a batch ends the process with n', async () => {
    const src = `fn work(i: int) {
    if i == 100 { exit(4) }
}

fn main() {
    for i in 0..200 { spawn work(i) }
    while true { sleep_ms(1) }
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '', stderr: '', status: 4 });
  });

  test('a panic in one task of a batch is reported with its stack and ends the run with 1', async () => {
    const src = `fn work(i: int) {
    var xs = [1]
    if i == 100 { println(xs[i]) }
}

fn main() {
    for i in 0..200 { spawn work(i) }
}
`;
    expect(await runWyn(src, workers)).toEqual({
      stdout: '',
      stderr: 'panic at batched.wyn:3: array index out of bounds: index 100, length 1\n    at batched.wyn:3:27\n    at batched.wyn:1:4\n',
      status: 1,
    });
  });
});
