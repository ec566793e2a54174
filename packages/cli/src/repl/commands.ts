// The REPL's dot-commands. Node's own `.load` feeds a file in line by line as
// if typed, and its `.save` and `.clear` know only JavaScript contexts, so
// ours replace them: `.load` runs a file as one entry, `.save` writes the
// entries that ran, `.clear` starts a fresh session. `.break`, `.editor` and
// `.exit` are Node's and work as they are. Commands that run or end entries
// wait their turn after the entries typed before them (repl.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { REPLServer } from 'node:repl';
import type { Io } from '../io';
import { readSource } from '../read-source';
import type { ReplState } from './repl';

const GUIDE = [
  '',
  'Type Wyn statements, expressions or declarations; a value is echoed in display format.',
  'An unfinished entry (an open `{`, `(` or string) continues on the next line.',
  'Tab completes keywords, built-ins, `Module.` members and your own names.',
  'spawn, channels and Shared work as in `wyn run`: an entry ends when its tasks have.',
  'Ctrl-C stops a running entry; at an empty prompt, press it twice to leave.',
  '',
].join('\n');

/** `reset` starts a fresh session and returns the old one's closing. */
export function defineCommands(server: REPLServer, state: ReplState, io: Io, reset: () => Promise<void>): void {
  const out = (text: string) => server.output.write(text);
  const fileArg = (arg: string, verb: string): string | null => {
    const file = arg.trim();
    if (file !== '') return file;
    io.stderr.write(`wyn: .${verb} needs a file name\n`);
    return null;
  };

  server.defineCommand('help', {
    help: 'Show this list',
    action() {
      const names = Object.keys(server.commands).sort();
      for (const name of names) out(`.${name.padEnd(8)} ${server.commands[name]?.help ?? ''}\n`);
      out(GUIDE);
      server.displayPrompt();
    },
  });

  server.defineCommand('load', {
    help: 'Run a Wyn file in this session: .load FILE',
    action(arg) {
      const file = fileArg(arg, 'load');
      const text = file === null ? null : readSource(file, io);
      if (text === null) return server.displayPrompt();
      state.evaluate(text, (shown) => {
        if (shown !== undefined) out(shown + '\n');
        server.displayPrompt();
      });
    },
  });

  server.defineCommand('save', {
    help: 'Write the entries that ran to a file: .save FILE',
    action(arg) {
      state.enqueue(() => {
        const file = fileArg(arg, 'save');
        if (file !== null) {
          try {
            fs.writeFileSync(path.resolve(io.cwd, file), state.entries.map((e) => e + '\n').join(''));
            out(`Saved ${state.entries.length} entries to ${file}\n`);
          } catch (e) {
            io.stderr.write(`wyn: cannot write ${file}: ${(e as Error).message}\n`);
          }
        }
        server.displayPrompt();
      });
    },
  });

  server.defineCommand('clear', {
    help: 'Forget every definition and start a fresh session',
    action() {
      // After the entries before it; the old session's worker threads end before the prompt returns.
      state.enqueue(async () => {
        await reset();
        out('Session cleared\n');
        server.displayPrompt();
      });
    },
  });
}
