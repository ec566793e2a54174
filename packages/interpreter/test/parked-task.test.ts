// What a parked task keeps (conc/gen.ts, DESIGN §4 "memory per blocked
// task"): a function whose suspension points are all leaves (recv, send,
// await, sleep and calls of functions that may suspend, as statements `e`,
// `return e`, `x = e`, `var x = e`, inside sequences, `if`, `while` and
// `for` over a range) runs as a statement leaf over its frame, with no
// generator; other shapes keep their generator form. Structural checks on
// the compiled spawn targets, not memory figures; the golden concurrency
// tests check that both forms behave the same.

import { compileProgram } from '../src/compile/program';
import type { FnInstance } from '../src/program';
import { recordingHost } from './recording-host';

const program = `fn waiter(ch: int, started: int) -> int {
    Task.add(started, 1)
    return Task.recv(ch)
}

fn implicit(ch: int) -> int {
    Task.recv(ch)
}

fn pump(a: int, b: int, n: int = 3) {
    var i = 0
    while i < n {
        var x = Task.recv(a)
        if x < 0 { break }
        if x > 100 {
            Task.send(b, x)
        } else {
            sleep_ms(1)
        }
        i = i + 1
    }
}

fn awaits(ch: int) -> int {
    var f = spawn waiter(ch, 0)
    var r = await f
    r = await f
    return r
}

fn ranged(ch: int) {
    for i in 0..3 { Task.send(ch, i) }
}

fn listed(ch: int) {
    for x in [1, 2] { Task.send(ch, x) }
}

fn deferred(ch: int) -> int {
    defer println("done")
    return Task.recv(ch)
}

fn nested(ch: int) -> int {
    return waiter(ch, 0) + 1
}

fn main() {
    var ch = channel(4)
    var fs = [spawn waiter(ch, 0), spawn implicit(ch), spawn awaits(ch), spawn nested(ch)]
    spawn pump(ch, ch)
    spawn ranged(ch)
    spawn listed(ch)
    spawn deferred(ch)
}
`;

function targets(): Map<string, FnInstance> {
  const c = compileProgram('parked.wyn', program, recordingHost().host);
  expect(c.diagnostics).toEqual([]);
  return new Map(c.rt.spawnables.map((inst) => [inst.def.decl.name, inst]));
}

test('a task whose suspension points are all leaves parks without a generator', () => {
  const fns = targets();
  for (const name of ['waiter', 'implicit', 'pump', 'awaits', 'ranged', 'nested']) {
    const inst = fns.get(name)!;
    expect({ name, leaf: inst.leaf !== null }).toEqual({ name, leaf: true });
  }
});

test('other shapes keep their generator form', () => {
  const fns = targets();
  // A for loop over an array and a defer are not leaves.
  for (const name of ['listed', 'deferred']) {
    const inst = fns.get(name)!;
    expect({ name, gen: inst.gen !== null, leaf: inst.leaf !== null }).toEqual({ name, gen: true, leaf: false });
  }
});
