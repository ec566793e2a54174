// `spawn` of a method, of a generic function and of a function value runs a
// real task (CONCURRENCY.md §2.2, §14 row 1): each one here blocks on a
// channel that main fills only after the spawn, so running it at the spawn
// would deadlock main.

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

const program = `struct W {
    base: int
}

impl W {
    fn wait(self, ch: int) -> int {
        return Task.recv(ch) + self.base
    }
}

fn first<T>(ch: int, fallback: T) -> T {
    var v = Task.recv(ch)
    return fallback
}

fn main() {
    var w = W { base: 100 }
    var a = channel(1)
    var b = channel(1)
    var f = spawn w.wait(a)
    var g = spawn first(b, "generic ran as a task")
    a.send(5)
    b.send(6)
    println(await f)
    println(await g)
}
`;

test.each([1, 4])('spawned methods and generic functions run as tasks with %i worker(s)', async (workers) => {
  const rec = recordingHost();
  const status = await run('spawn-forms.wyn', program, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '105\ngeneric ran as a task\n', stderr: '', status: 0 });
});

// A lambda, a closure held in a variable, in a struct field and in an array,
// and a named function used as a value: each is copied with what it
// captured (§12.2) and runs as a task; a closure travels over a channel too.
const values = `struct Job {
    run: fn(int) -> int
}

fn twice(x: int) -> int {
    return x * 2
}

fn main() {
    var ch = channel(4)
    var k = 10
    var wait = (c: int) -> int => Task.recv(c) * k
    var job = Job { run: (c: int) -> int => Task.recv(c) + 1 }
    var ops = [(c: int) -> int => Task.recv(c) - 1]
    var named = twice
    var a = spawn wait(ch)
    var b = spawn job.run(ch)
    var c = spawn ops[0](ch)
    var d = spawn ((c: int) -> int => Task.recv(c) * 3)(ch)
    k = 1000
    for i in 0..4 {
        ch.send(7)
    }
    println(await a + await b + await c + await d)
    println(await spawn named(21))
    ch.send((x: int) => x + k)
    var f = Task.recv(ch)
    println(f(1))
}
`;

test.each([1, 4])('spawned function values run as tasks over a copy of their captures with %i worker(s)', async (workers) => {
  const rec = recordingHost();
  const status = await run('spawn-values.wyn', values, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: '105\n42\n1001\n', stderr: '', status: 0 });
});
