// `wyn repl`: an interactive session on `node:repl` (readline editing,
// history, completion and multi-line input come from Node; evaluation is ours).
//
// Each entry goes to one interpreter Session, so definitions persist. The
// REPL's custom `eval` answers in three ways:
//   - unfinished text (see isIncomplete) → `Recoverable`: Node keeps the
//     lines and shows the `...` prompt until the entry parses;
//   - diagnostics → rendered on stderr with `<repl>` as the file; the session
//     goes on (a panic, in main or in a task, is printed by the interpreter
//     the same way);
//   - a value → its display text, which `writer` prints as is.
// `exit(n)` in an entry (or in a task it started) closes the REPL and
// becomes the exit status.
//
// Ctrl-C while an entry runs stops it (interrupt.ts) and prints
// `interrupted`; at the prompt it is Node's: it clears the line, and pressed
// again on an empty line (or Ctrl-D, or `.exit`) it leaves. In a terminal,
// readline keeps the input in raw mode, where Ctrl-C is a key and no signal:
// raw mode is off while an entry runs, as in Node's own REPL.
//
// Entries run one at a time. Node's REPL does not wait for an asynchronous
// `eval` before it reads the next line, so entries wait in `queue`: an entry
// that failed while tasks ran must wait until those tasks' threads have
// ended (Session.settle) before the prompt returns. When the input ends,
// the REPL waits for the queue and closes the session (no worker thread
// outlives it) before it reports its status.

import * as os from 'node:os';
import * as path from 'node:path';
import * as repl from 'node:repl';
import { createSession, type Interruptible, type Session } from '@wyn/interpreter';
import { renderDiagnostic } from '@wyn/parser';
import { cliHost } from '../host';
import { interruptible } from '../interrupt';
import type { Io } from '../io';
import { defineCommands } from './commands';
import { isIncomplete, makeCompleter } from './complete';

export interface ReplOptions {
  color: boolean;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Whether to drive the streams as a terminal (line editing, history, completion on Tab). */
  terminal: boolean;
}

/** The REPL's state that its dot-commands also use. */
export interface ReplState {
  session: Session;
  /** Entries that ran without static errors, for `.save`. */
  entries: string[];
  /**
   * Runs one entry after those before it: diagnostics to stderr; `then`
   * gets the value's display text once the entry is over, tasks included.
   */
  evaluate(text: string, then: (shown: string | undefined) => void): void;
  /** Runs `job` after the entries before it (and what they left to finish). */
  enqueue(job: () => Promise<void> | void): void;
}

/** `WYN_REPL_HISTORY` overrides `~/.wyn_history`; set to the empty string it turns history off. */
export function historyPath(env: Io['env']): string | null {
  const set = env.WYN_REPL_HISTORY;
  if (set !== undefined) return set.trim() === '' ? null : set;
  return path.join(env.HOME ?? os.homedir(), '.wyn_history');
}

export function startRepl(io: Io, options: ReplOptions): Promise<number> {
  let status = 0;
  // After `exit(n)`, lines already read (a paste, a pipe) must not run.
  let exited = false;
  let queue: Promise<void> | null = null;
  const guard = rawModeOff(options.input, interruptible);
  const newSession = () => createSession(cliHost(io, ['<repl>']), '<repl>', { interruptible: guard });
  const state: ReplState = {
    session: newSession(),
    entries: [],
    enqueue(job) {
      // A bug must not stop the REPL, nor show a JavaScript stack: the message, and on to the next entry.
      const safe = (): Promise<void> | void => {
        const report = (e: unknown): void => void io.stderr.write(`wyn: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        try {
          return job()?.catch(report);
        } catch (e) {
          report(e);
        }
      };
      if (queue === null) {
        const first = safe();
        if (first === undefined) return;
        queue = first;
      } else queue = queue.then(safe);
      const mine = queue;
      void mine.then(() => {
        if (queue === mine) queue = null;
      });
    },
    evaluate(text, then) {
      state.enqueue(() => {
        if (exited) return;
        const session = state.session;
        const r = session.evaluate(text);
        for (const d of r.diagnostics) io.stderr.write(renderDiagnostic(d, r.sources.get(d.file), { color: options.color }));
        if (r.diagnostics.length === 0) state.entries.push(text.replace(/\n+$/, ''));
        const finish = (): void => {
          // The terminal echoed `^C` (raw mode was off): the message gets a line of its own.
          if (r.interrupted) io.stderr.write(isTTY(options.input) ? '\ninterrupted\n' : 'interrupted\n');
          if (r.exit !== null) {
            // The REPL closes: answering the entry would draw one more prompt.
            status = r.exit;
            exited = true;
            server.close();
            return;
          }
          then(r.display);
        };
        const settling = session.settle();
        if (settling === null) return finish();
        return settling.then(finish);
      });
    },
  };
  options.output.write('Wyn REPL: definitions persist; .help lists commands, .exit or Ctrl-D leaves.\n');
  const server = repl.start({
    prompt: 'wyn> ',
    input: options.input,
    output: options.output,
    terminal: options.terminal,
    ignoreUndefined: true,
    writer: (display: string) => display,
    completer: makeCompleter(() => state.session.names()),
    eval: (text, _context, _file, done) => {
      if (exited || text.trim() === '') return done(null, undefined);
      if (isIncomplete(text)) return done(new repl.Recoverable(new Error('unfinished entry')), undefined);
      state.evaluate(text, (shown) => done(null, shown));
    },
  });
  defineCommands(server, state, io, () => {
    const old = state.session;
    state.session = newSession();
    state.entries = [];
    return old.close();
  });
  const file = historyPath(io.env);
  if (file !== null) {
    server.setupHistory(file, (err) => {
      if (err !== null) io.stderr.write(`wyn: history is off: cannot use ${file}: ${err.message}\n`);
    });
  }
  return new Promise((resolve) => {
    server.on('exit', () => {
      const end = async (): Promise<void> => {
        await queue;
        await state.session.close();
        resolve(status);
      };
      void end();
    });
  });
}

/**
 * In a terminal, readline keeps the input in raw mode, where Ctrl-C is a
 * key, not a signal: raw mode is off while an entry runs (and back on
 * afterwards, also after an interrupt, which skips `finally` blocks inside).
 */
function rawModeOff(input: NodeJS.ReadableStream, inner: Interruptible): Interruptible {
  const tty = input as NodeJS.ReadableStream & { isRaw?: boolean; setRawMode?: (on: boolean) => void };
  return (body) => {
    const raw = isTTY(input) && tty.isRaw === true && tty.setRawMode !== undefined;
    try {
      return inner(() => {
        if (raw) tty.setRawMode!(false);
        body();
      });
    } finally {
      if (raw) tty.setRawMode!(true);
    }
  };
}

function isTTY(input: NodeJS.ReadableStream): boolean {
  return (input as { isTTY?: boolean }).isTTY === true;
}
