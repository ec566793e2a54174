// `spawn` of a method and of a generic function runs a real task (CONCURRENCY.md
// §14 row 1): each one here blocks on a channel that main fills only after
// the spawn, so running it at the spawn would deadlock main.

import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

const program = `struct W {
    base: int
}

impl W {
    fn wait(self, ch: int) -> int {
        return ch.recv() + self.base
    }
}

fn first<T>(ch: int, fallback: T) -> T {
    var v = ch.recv()
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
