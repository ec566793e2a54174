// Failure modes of concurrent programs (CONCURRENCY.md §10, §9, §12.3), run
// through the CLI from the sources in a child process so the real stdout,
// stderr and exit status are observed: a panic and a runtime error in a task,
// exit(n) in a task (also while main computes), the three deadlocks of §10.2, the global deadlock of
// §10.3 (main awaiting, and the exit drain), and the data-race errors.

import * as path from 'node:path';
import { runGuarded } from './conformance-helpers';

const dir = path.join(__dirname, 'failure-modes');
// A hang guard, not a performance limit.
jest.setTimeout(120_000);

const wyn = (file: string, workers: number) => runGuarded(file, workers, dir);

const deadlock = (what: string): string => `wyn: deadlock - ${what}\n`;

interface Case {
  file: string;
  stdout: string;
  stderr: string | RegExp;
  status: number;
}

const cases: Case[] = [
  // §10.1: the task's panic and call stack on stderr, status 1, main stops.
  { file: 'panic.wyn', stdout: 'before\n', stderr: 'Panic: task failed: 3\n    at panic.wyn:2:17\n    at panic.wyn:1:4\n', status: 1 },
  { file: 'oob.wyn', stdout: 'before\n', stderr: /^panic at oob\.wyn:3: array index out of bounds: index 5, length 3\n {4}at oob\.wyn:3:12\n/, status: 1 },
  // LANGUAGE.md §13.2: a task's stack overflow is reported as main's, with its frames and a hint.
  {
    file: 'overflow_task.wyn',
    stdout: 'start\n',
    stderr: /^panic: stack overflow \(recursion too deep\?\)\n( {4}at overflow_task\.wyn:5:12\n){6}hint: the recursion is unbounded or deeper than the interpreter supports\n$/,
    status: 1,
  },
  // §4: exit(n) in a task ends the process with n after flushing; main's sleep is cut short.
  { file: 'exit.wyn', stdout: 'start\nbye\n', stderr: '', status: 7 },
  // §4, §12.7: main runs no further code once a task exited or failed: not an endless loop
  // of any kind (it looks between chunks of iterations), nor a println after loop-free work.
  { file: 'exit_while.wyn', stdout: 'start\nbye\n', stderr: '', status: 3 },
  { file: 'exit_range.wyn', stdout: '', stderr: '', status: 4 },
  { file: 'panic_cfor.wyn', stdout: '', stderr: /^panic at panic_cfor\.wyn:6: array index out of bounds: index 7, length 3\n/, status: 1 },
  { file: 'exit_print.wyn', stdout: '', stderr: '', status: 5 },
  // A task that could park but spins instead, run by main while it awaits: its loop looks too.
  { file: 'exit_task_loop.wyn', stdout: 'awaiting\n', stderr: '', status: 6 },
  // §3.1: a future printed or used as an int (unspecified): text, then a panic, never a JS error.
  { file: 'future_arith.wyn', stdout: '<future>\n<future>\n', stderr: /^panic: arithmetic on a future \(await it first\)\n/, status: 1 },
  // §10.2: main blocked with no live task.
  { file: 'dl_recv.wyn', stdout: 'waiting\n', stderr: deadlock('recv() on a channel with no sender and no live tasks (nothing can ever send)'), status: 1 },
  { file: 'dl_send.wyn', stdout: 'full\n', stderr: deadlock('send() on a full channel with no receiver and no live tasks (nothing can ever receive)'), status: 1 },
  { file: 'dl_select.wyn', stdout: 'select\n', stderr: deadlock('select has no ready channel and no live tasks (nothing can ever send)'), status: 1 },
  { file: 'dl_select_closed.wyn', stdout: 'select\n', stderr: deadlock('select has no ready channel and no live tasks (nothing can ever send)'), status: 1 },
  // §10.3: every live task blocked, no timer pending, where the reference hangs.
  { file: 'dl_select_closed_task.wyn', stdout: 'awaiting\n', stderr: deadlock('all tasks are blocked (nothing can make progress)'), status: 1 },
  { file: 'dl_all.wyn', stdout: 'awaiting\n', stderr: deadlock('all tasks are blocked (nothing can make progress)'), status: 1 },
  { file: 'dl_drain.wyn', stdout: 'main done\n', stderr: deadlock('all tasks are blocked (nothing can make progress)'), status: 1 },
  // §9, §12.3: static errors, nothing runs.
  {
    file: 'race_write.wyn',
    stdout: '',
    stderr: /^race_write\.wyn:4:5: error\[E0503\]: data race: shared mutable global 'count' is written from 'inc', which runs concurrently\n[^]*hint: use Shared\.new/,
    status: 1,
  },
  {
    file: 'race_mutate.wyn',
    stdout: '',
    stderr: /^race_mutate\.wyn:4:5: error\[E0503\]: data race: shared mutable global 'items' is mutated from 'add', which runs concurrently\n/,
    status: 1,
  },
  // §2.2, §9: a spawned method runs as a task (its writes would be lost silently).
  {
    file: 'race_method.wyn',
    stdout: '',
    stderr: /^race_method\.wyn:7:9: error\[E0503\]: data race: shared mutable global 'hits' is written from 'bump', which runs concurrently\n/,
    status: 1,
  },
  // §2.2, §9: a spawned closure runs as a task, so what it calls runs concurrently too.
  {
    file: 'race_lambda.wyn',
    stdout: '',
    stderr: /^race_lambda\.wyn:4:5: error\[E0503\]: data race: shared mutable global 'total' is written from 'bump', which runs concurrently\n/,
    status: 1,
  },
  {
    file: 'race_lambda_mutate.wyn',
    stdout: '',
    stderr: /^race_lambda_mutate\.wyn:4:29: error\[E0503\]: data race: shared mutable global 'items' is mutated from 'lambda', which runs concurrently\n/,
    status: 1,
  },
];

describe.each([1, 4])('failure modes with %i worker(s)', (workers) => {
  test.each(cases)('$file: stdout, stderr and exit status', async (c) => {
    const r = await wyn(c.file, workers);
    expect({ stdout: r.stdout, status: r.status }).toEqual({ stdout: c.stdout, status: c.status });
    if (typeof c.stderr === 'string') expect(r.stderr).toBe(c.stderr);
    else expect(r.stderr).toMatch(c.stderr);
  });
});
