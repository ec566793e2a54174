// Lazy spawn (conc/runtime.ts): a spawner holds its last task back until it
// moves on, and an `await` before then runs the task inline. These programs
// check that nothing observable changes: held-back tasks still run in
// parallel once the spawner loops, calls or blocks (each program below would
// spin forever if its task stayed held back), copies are still copies, and
// a task run inline fails exactly as a queued one does.

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

async function runWyn(source: string, workers: number): Promise<{ stdout: string; stderr: string; status: number }> {
  const rec = recordingHost();
  const status = await run('lazy.wyn', source, rec.host, { workers });
  return { stdout: rec.stdout(), stderr: rec.stderr(), status };
}

const setter = `fn set(c: int) -> int {
    Shared.set(c, 1)
    return 7
}
`;

describe.each([1, 2])('with %i worker(s)', (workers) => {
  test('a loop after the spawn queues the task, so another thread runs it while main spins', async () => {
    const src = `${setter}
fn main() {
    var c = Shared.new(0)
    var f = spawn set(c)
    var spins = 0
    while Shared.get(c) == 0 { spins = 1 }
    println(await f)
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '7\n', stderr: '', status: 0 });
  });

  test('a loop whose body spawns queues the task before its next iteration', async () => {
    const src = `${setter}
fn main() {
    var c = Shared.new(0)
    var futs = []
    var i = 0
    while Shared.get(c) == 0 {
        if i == 0 { futs.push(spawn set(c)) }
        i = i + 1
    }
    println(await futs[0])
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '7\n', stderr: '', status: 0 });
  });

  test('a function called after the spawn queues the task', async () => {
    const src = `${setter}
fn wait_for(c: int) -> int {
    while Shared.get(c) == 0 { }
    return 1
}

fn main() {
    var c = Shared.new(0)
    var f = spawn set(c)
    println(wait_for(c) + await f)
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '8\n', stderr: '', status: 0 });
  });

  test('a one-argument call alone (no loop, no wait) queues the task', async () => {
    // \`spin\` only calls itself with one argument (the call path written out
    // by hand in eval/call.ts): it returns 1 once the task ran on a worker,
    // or 0 when 10 s pass without that (the task was never queued).
    const src = `${setter}
fn spin(c: int) -> int {
    if Shared.get(c) != 0 { return 1 }
    if DateTime.millis() > Shared.get(c + 1) { return 0 }
    if Shared.add(c + 2, 1) >= 40 {
        Shared.sub(c + 2, 1)
        return 0
    }
    var r = spin(c)
    if r == 0 { r = spin(c) }
    Shared.sub(c + 2, 1)
    return r
}

fn main() {
    var c = Shared.new(0)
    var deadline = Shared.new(DateTime.millis() + 10000)
    var depth = Shared.new(0)
    var f = spawn set(c)
    var r = spin(c)
    println(r + await f)
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '8\n', stderr: '', status: 0 });
  });

  test('a held-back future given to another task is queued first, and awaited there', async () => {
    const src = `fn sq(x: int) -> int { return x * x }
fn plus_one(f: int) -> int { return await f + 1 }

fn main() {
    var f = spawn sq(6)
    var g = spawn plus_one(f)
    println(await g)
    println(await f)
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '37\n36\n', stderr: '', status: 0 });
  });

  test('a task run inline sees the globals of its spawn, and each await gets its own copy', async () => {
    const src = `var g = 1

fn read_g() -> int { return g }
fn make() -> [int] { return [1, 2, 3] }

var f = spawn read_g()
g = 2
println(await f)
var h = spawn make()
var a = await h
a.push(4)
var b = await h
println("\${a.len()} \${b.len()}")
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: '1\n4 3\n', stderr: '', status: 0 });
  });

  test('a panic in a task run inline is reported exactly as in a queued task, after the output before it', async () => {
    // The call of \`noop\` queues the task before the await in the second program.
    const src = (between: string): string => `fn bad(xs: [int]) -> int { return xs[5] }
fn noop() { }

fn main() {
    println("before")
    var f = spawn bad([1, 2])
    ${between}
    println(await f)
    println("never")
}
`;
    const expected = {
      stdout: 'before\n',
      stderr: 'panic at lazy.wyn:1: array index out of bounds: index 5, length 2\n    at lazy.wyn:1:35\n    at lazy.wyn:1:4\n',
      status: 1,
    };
    expect(await runWyn(src(''), workers)).toEqual(expected);
    expect(await runWyn(src('noop()'), workers)).toEqual(expected);
  });

  test('exit(n) in a task run inline ends the process with n', async () => {
    const src = `fn leave() -> int {
    println("bye")
    exit(3)
    return 0
}

fn main() {
    var f = spawn leave()
    println(await f)
}
`;
    expect(await runWyn(src, workers)).toEqual({ stdout: 'bye\n', stderr: '', status: 3 });
  });
});
