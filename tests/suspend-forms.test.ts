// Suspension points in each loop form and in match arms park the task
// (CONCURRENCY.md §12.4, conc/gen.ts): a task receives inside `for` over a
// map, a zip and a stepped range, and inside a match arm, from a channel of
// capacity 1 that main fills one value at a time. A function using `?` that
// receives also parks, and its early return still works.

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

const program = `fn consume(ch: int, out: int) {
    var m = {"a": 1, "b": 2}
    var total = 0
    for k, v in m { total += v * Task.recv(ch) }
    for x, y in zip([1, 2], [3, 4]) { total += x * y * Task.recv(ch) }
    for i in range(10, 0, -5) { total += i * Task.recv(ch) }
    match total {
        29 => total += 100 * Task.recv(ch)
        _ => total = -1
    }
    Task.send(out, total)
}

fn main() {
    var ch = channel(1)
    var out = channel(1)
    spawn consume(ch, out)
    for i in 0..7 { ch.send(1) }
    println(out.recv())
}
`;

test.each([1, 2, 4])('loops and match arms that receive, with %i worker(s)', async (workers) => {
  const rec = recordingHost();
  const status = await run('suspend-forms.wyn', program, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '129\n', stderr: '', status: 0 });
});

const tryProgram = `fn parse(ch: int) -> Result<int, string> {
    var s = Task.recv(ch)
    if s < 0 { return Err("negative") }
    return Ok(s * 2)
}

fn work(ch: int) -> Result<int, string> {
    var a = parse(ch)?
    var b = parse(ch)?
    return Ok(a + b)
}

fn run_one(ch: int) -> int {
    match work(ch) {
        Ok(v) => return v
        Err(e) => {
            println("error: \${e}")
            return -1
        }
    }
}

fn main() {
    var ch = channel(1)
    var f = spawn run_one(ch)
    ch.send(3)
    ch.send(4)
    println(await f)
    var g = spawn run_one(ch)
    ch.send(-1)
    println(await g)
}
`;

test.each([1, 4])('a function using ? that receives, with %i worker(s)', async (workers) => {
  const rec = recordingHost();
  const status = await run('suspend-try.wyn', tryProgram, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '14\nerror: negative\n-1\n', stderr: '', status: 0 });
});
