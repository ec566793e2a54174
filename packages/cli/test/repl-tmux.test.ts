// `wyn repl` in a real terminal: the built binary runs inside tmux, the test
// types with `send-keys` and reads the screen with `capture-pane`. This is
// what the fake-stream tests in repl.test.ts cannot see: readline's line
// editing, Tab completion, the `...` prompt as drawn, history on disk, and
// Ctrl-C as a terminal sends it (also to `wyn run`).
//
// It needs tmux and a build (`pnpm build`; CI builds before testing), and
// skips itself, saying which is missing, when either is absent. Every tmux
// call goes to a private server socket, which afterAll shuts down.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const socket = `wyn-repl-test-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = fs.existsSync(path.join(root, 'packages/cli/dist/repl/repl.js'));
const why = !hasTmux ? 'tmux is not installed' : !built ? 'packages/cli/dist has no REPL: run `pnpm build` first' : null;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name);
const pause = () => new Promise((r) => setTimeout(r, 50));

/** Waits until the screen shows `text` (jest's timeout bounds the wait); capture-pane drops trailing spaces. */
async function waitFor(name: string, text: string): Promise<string> {
  for (;;) {
    const s = screen(name);
    if (s.includes(text)) return s;
    await pause();
  }
}

/** Starts `wyn repl` in a new tmux session; the pane stays after the REPL exits, showing its status. */
function startRepl(name: string, history: string): void {
  const cmd = `WYN_REPL_HISTORY='${history}' node --stack-size=7000 packages/cli/bin/wyn.js repl; echo "[exit $?]"`;
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '40', '-c', root, cmd);
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
}

/** Types each line and presses Enter. */
function type(name: string, ...lines: string[]): void {
  for (const line of lines) tmux('send-keys', '-t', name, '-l', line, ';', 'send-keys', '-t', name, 'Enter');
}

// A terminal session on a busy 2-core machine can take seconds to start; this
// bounds a stuck session, it is not a speed check.
jest.setTimeout(30_000);

// Jest lists skipped tests without their reason, so say it once here.
if (why !== null) console.warn(`repl-tmux.test.ts is skipped: ${why}`);

(why === null ? describe : describe.skip)(`wyn repl in tmux${why === null ? '' : ` (skipped: ${why})`}`, () => {
  let dir: string;
  let history: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wyn-tmux-'));
    history = path.join(dir, 'history');
    startRepl('first', history);
    await waitFor('first', 'wyn>');
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a function typed over several lines gets the ... prompt and persists', async () => {
    // An entry that runs leaves raw mode meanwhile (for Ctrl-C): the next line waits for it.
    type('first', 'x = 20');
    await waitFor('first', 'wyn> x = 20\nwyn>');
    type('first', 'fn twice(n: int) -> int {', '  return n * 2', '}', 'twice(x) + 2');
    const s = await waitFor('first', '\n42\n');
    expect(s).toContain('wyn> fn twice(n: int) -> int {\n...   return n * 2\n... }\nwyn> twice(x) + 2\n42\n');
  });

  test('an error is shown as a diagnostic and the session goes on', async () => {
    type('first', 'x = "text"', 'x + 1');
    const s = await waitFor('first', '\n21\n');
    expect(s).toContain('<repl>:1:5: error[E0301]: mismatched types in assignment: expected `int`, found `string`');
    expect(s).toContain('wyn> x + 1\n21\n');
  });

  test('Tab completes a module member', async () => {
    tmux('send-keys', '-t', 'first', '-l', 'Math.sq');
    tmux('send-keys', '-t', 'first', 'Tab');
    await waitFor('first', 'wyn> Math.sqrt');
    tmux('send-keys', '-t', 'first', '-l', '(16.0)');
    tmux('send-keys', '-t', 'first', 'Enter');
    await waitFor('first', '\n4.0\n');
  });

  test('.exit ends the REPL, and the next one recalls the history from disk', async () => {
    type('first', '.exit');
    await waitFor('first', '[exit 0]');
    expect(fs.readFileSync(history, 'utf8').split('\n')).toEqual(expect.arrayContaining(['twice(x) + 2', 'x + 1']));
    startRepl('second', history);
    await waitFor('second', 'wyn>');
    tmux('send-keys', '-t', 'second', 'Up', 'Up');
    await waitFor('second', 'wyn> Math.sqrt(16.0)');
  });

  test('exit(n) in an entry ends the REPL with status n and no further prompt', async () => {
    tmux('send-keys', '-t', 'second', 'C-u');
    type('second', 'exit(3)');
    const s = await waitFor('second', '[exit 3]');
    expect(s).toContain('wyn> exit(3)\n[exit 3]');
  });

  // A session of its own, so that its entries stay out of the history test above. Each line
  // that runs tasks is typed only once the one before it is done: text typed while an entry
  // runs is echoed by the terminal (raw mode is off then), as in Node's REPL.
  test('spawn and await run tasks, whose output comes before the next prompt', async () => {
    startRepl('conc', '');
    await waitFor('conc', 'wyn>');
    type('conc', 'fn sq(n: int) -> int => n * n', 'fn say(s: string) {', '  println(s)', '}', 'spawn say("task says hi")');
    await waitFor('conc', '\ntask says hi\n');
    type('conc', 'await spawn sq(12)');
    const s = await waitFor('conc', '\n144\n');
    expect(s).toContain('wyn> spawn say("task says hi")\ntask says hi\nwyn> await spawn sq(12)\n144\n');
  });

  test('Ctrl-C stops a running entry and the prompt comes back', async () => {
    type('conc', 'fn spin() {', '  println("spinning")', '  while true {', '  }', '}', 'spin()');
    // Printed from inside the entry: it runs, with the terminal out of raw mode.
    await waitFor('conc', '\nspinning\n');
    tmux('send-keys', '-t', 'conc', 'C-c');
    await waitFor('conc', 'spinning\n^C\ninterrupted\nwyn>');
    type('conc', 'sq(11)');
    await waitFor('conc', '\n121\n');
  });

  test('Ctrl-C stops an entry that waits for a task that never ends', async () => {
    type('conc', 'fn forever() -> int {', '  println("task running")', '  while true {', '  }', '  return 0', '}', 'await spawn forever()');
    await waitFor('conc', '\ntask running\n');
    tmux('send-keys', '-t', 'conc', 'C-c');
    await waitFor('conc', 'task running\n^C\ninterrupted\nwyn>');
    type('conc', 'await spawn sq(9)');
    await waitFor('conc', '\n81\n');
  });

  test('.exit leaves at once after tasks ran: their threads end with the REPL', async () => {
    type('conc', '.exit');
    await waitFor('conc', '[exit 0]');
  });

  test('Ctrl-C at an empty prompt asks for a second one, which leaves', async () => {
    startRepl('third', history);
    await waitFor('third', 'wyn>');
    tmux('send-keys', '-t', 'third', 'C-c');
    await waitFor('third', '(To exit, press Ctrl+C again or Ctrl+D or type .exit)');
    tmux('send-keys', '-t', 'third', 'C-c');
    await waitFor('third', '[exit 0]');
  });

  test('wyn run: Ctrl-C ends the program with status 130 after writing what its tasks printed', async () => {
    // The task's line waits in the output log, which main, busy in its loop, never writes itself.
    const ready = path.join(dir, 'ready');
    const file = path.join(dir, 'spin.wyn');
    fs.writeFileSync(
      file,
      [
        'println("running")',
        'cell = Shared.new(0)',
        'fn work() {',
        '    println("from a task")',
        '    Shared.set(cell, 1)',
        '}',
        'spawn work()',
        'while Shared.get(cell) == 0 {',
        '}',
        `File.write(${JSON.stringify(ready)}, "1")`,
        'while true {',
        '}',
        '',
      ].join('\n'),
    );
    tmux('new-session', '-d', '-s', 'run', '-x', '100', '-y', '20', '-c', root, `node --stack-size=7000 packages/cli/bin/wyn.js run ${file}; echo "[exit $?]"`);
    tmux('set-option', '-t', 'run', 'remain-on-exit', 'on');
    // Ctrl-C makes the terminal drop output it has not shown yet (no NOFLSH): wait until it shows some.
    await waitFor('run', 'running\n');
    while (!fs.existsSync(ready)) await pause();
    tmux('send-keys', '-t', 'run', 'C-c');
    const s = await waitFor('run', '[exit 130]');
    expect(s).toContain('from a task\n');
  });
});
