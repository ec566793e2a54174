// Tab completion for the REPL, and the test for an unfinished entry.

import { KEYWORDS, parse } from '@wyn/parser';
import { completionWords } from '@wyn/interpreter';

/**
 * An entry continues on the next line only when it fails to parse for
 * running out of text (E0101, "unexpected end of input"): an open block,
 * call or string. Any other syntax error is reported at once, so a typo is
 * never met by a silent continuation prompt.
 */
export function isIncomplete(text: string): boolean {
  const r = parse(text, '<repl>');
  return r.program === null && r.diagnostics.some((d) => d.code === 'E0101');
}

export type Completer = (line: string) => [string[], string];

/**
 * Completes the word before the cursor: after `Module.` the module's
 * functions, otherwise keywords, built-ins, stdlib modules and the names the
 * session has defined (asked for at each press, so new definitions show up).
 */
export function makeCompleter(namesInScope: () => string[]): Completer {
  const { builtins, modules } = completionWords();
  return (line) => {
    const m = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/.exec(line);
    if (m !== null) {
      const members = modules.get(m[1]) ?? [];
      return [members.filter((n) => n.startsWith(m[2])).map((n) => `${m[1]}.${n}`).sort(), `${m[1]}.${m[2]}`];
    }
    const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(line)?.[0] ?? '';
    const all = new Set([...KEYWORDS, ...builtins, ...modules.keys(), ...namesInScope()]);
    return [[...all].filter((n) => n.startsWith(word)).sort(), word];
  };
}
