// `wyn repl`: an interactive session on `node:repl` (readline editing,
// history, completion and multi-line input come from Node; evaluation is ours).
//
// Each entry goes to one interpreter Session, so definitions persist. The
// REPL's custom `eval` answers in three ways:
//   - unfinished text (see isIncomplete) → `Recoverable`: Node keeps the
//     lines and shows the `...` prompt until the entry parses;
//   - diagnostics → rendered on stderr with `<repl>` as the file; the session
//     goes on (a panic is printed by the interpreter the same way);
//   - a value → its display text, which `writer` prints as is.
// `exit(n)` in an entry closes the REPL and becomes the exit status.

import * as os from 'node:os';
import * as path from 'node:path';
import * as repl from 'node:repl';
import { createSession, type Session } from '@wyn/interpreter';
import { renderDiagnostic } from '@wyn/parser';
import { cliHost } from '../host';
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
  /** Runs one entry: diagnostics to stderr, the value's display text returned. */
  evaluate(text: string): string | undefined;
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
  const newSession = () => createSession(cliHost(io, ['<repl>']));
  const state: ReplState = {
    session: newSession(),
    entries: [],
    evaluate(text) {
      const r = state.session.evaluate(text);
      for (const d of r.diagnostics) io.stderr.write(renderDiagnostic(d, r.sources.get(d.file), { color: options.color }));
      if (r.diagnostics.length === 0) state.entries.push(text.replace(/\n+$/, ''));
      if (r.exit !== null) {
        status = r.exit;
        exited = true;
        server.close();
      }
      return r.display;
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
      const shown = state.evaluate(text);
      // After exit(n) the REPL is closed: answering would draw one more prompt.
      if (!exited) done(null, shown);
    },
  });
  defineCommands(server, state, io, () => {
    state.session = newSession();
    state.entries = [];
  });
  const file = historyPath(io.env);
  if (file !== null) {
    server.setupHistory(file, (err) => {
      if (err !== null) io.stderr.write(`wyn: history is off: cannot use ${file}: ${err.message}\n`);
    });
  }
  return new Promise((resolve) => server.on('exit', () => resolve(status)));
}
