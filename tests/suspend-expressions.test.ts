// Suspension inside expressions (CONCURRENCY.md §12.4, conc/gen.ts): a task
// parks in the middle of any expression, its parts running in source order
// around the suspension, and only the parts that run suspend.
//   - Order: each `signal` closes the channel a task is blocked on, so an
//     await that ran before the `signal` on its left would wait forever
//     (main then reports a deadlock instead of the expected output).
//   - Agreement: tests/suspend/forms-agree.wyn runs one function over many
//     expression and statement forms both directly from main and in a task
//     that parks at each receive, and compares the results.
//   - Blocking: tests/suspend/blocked-forms.wyn blocks tasks inside `and`,
//     `or`, `?:`, `??`, if and match expressions, match guards, comprehensions,
//     `while` conditions, lambdas, function values, trait objects, `map` and
//     struct fields holding lambdas, releasing them one at a time. A blocked
//     task that occupied its thread would hang the run, so it runs in a child
//     process under a hang guard (a guard, not a performance limit).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';
import { runGuarded } from './conformance-helpers';

// Worker start-up and per-thread compilation dominate; generous, not a performance limit.
jest.setTimeout(120_000);

const ordered = `fn signal(ch: int, s: string) -> string {
    println("signal \${s}")
    Task.close(ch)
    return s
}

fn slow(ch: int) -> int {
    var v = Task.recv(ch)
    println("slow got \${v}")
    return 41
}

fn show(a: string, b: int) -> string {
    return "\${a}:\${b}"
}

fn ordered() -> int {
    var c1 = channel(1)
    var f = spawn slow(c1)
    println("\${signal(c1, "interpolation")} \${await f}")
    var c2 = channel(1)
    var g = spawn slow(c2)
    println(show(signal(c2, "arguments"), await g))
    var c3 = channel(1)
    var h = spawn slow(c3)
    var xs = [signal(c3, "array"), "\${await h}"]
    println(xs)
    var c4 = channel(1)
    var k = spawn slow(c4)
    var n = signal(c4, "operands").len() + await k
    println(n)
    var c5 = channel(1)
    var m = spawn slow(c5)
    var picked = signal(c5, "condition") == "condition" ? await m : -1
    println(picked)
    var c6 = channel(1)
    var later = spawn slow(c6)
    var skipped = false and (await later) > 0
    var taken = true or (await later) > 0
    var none_yet = (() => false)() and (await later) > 0
    println("\${skipped} \${taken} \${none_yet}")
    var get = () => await later
    signal(c6, "lambda")
    return get() + 1
}

fn main() {
    println(await spawn ordered())
}
`;

const orderedOut = `signal interpolation
slow got 0
interpolation 41
signal arguments
slow got 0
arguments:41
signal array
slow got 0
["array", "41"]
signal operands
slow got 0
49
signal condition
slow got 0
41
false true false
signal lambda
slow got 0
42
`;

test.each([1, 2, 4])('the parts of an expression run in source order around a suspension, with %i worker(s)', async (workers) => {
  const rec = recordingHost();
  const status = await run('suspend-order.wyn', ordered, rec.host, { workers });
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: orderedOut, stderr: '', status: 0 });
});

const dir = path.join(__dirname, 'suspend');

test.each([1, 2, 4])('a task computes what a direct call computes, form by form, with %i worker(s)', async (workers) => {
  const file = path.join(dir, 'forms-agree.wyn');
  const rec = recordingHost();
  const status = await run('forms-agree.wyn', fs.readFileSync(file, 'utf8'), rec.host, { workers });
  const expected = fs.readFileSync(path.join(dir, 'forms-agree.out'), 'utf8');
  expect({ stdout: rec.stdout(), stderr: rec.stderr(), status }).toEqual({ stdout: expected, stderr: '', status: 0 });
});

const runChild = (file: string, workers: number) => runGuarded(file, workers, dir);

test.each([1, 2, 4])('tasks blocked inside conditional expressions and function values free their thread, with %i worker(s)', async (workers) => {
  const expected = fs.readFileSync(path.join(dir, 'blocked-forms.out'), 'utf8');
  const got = await runChild('blocked-forms.wyn', workers);
  expect(got).toEqual({ stdout: expected, stderr: '', status: 0 });
});
