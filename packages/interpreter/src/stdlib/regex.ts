// Regex (STDLIB §20): POSIX extended regular expressions with the
// leftmost-longest matches of regexec (regex-posix.ts). Offsets are byte
// offsets. An invalid pattern gives each function its fixed answer: match
// false, find -1, find_all "", replace and split the subject unchanged.

import { BOOL, INT, STRING } from '../types';
import { fn, type ModuleTable } from './entry';
import { Prog } from './regex-posix';

/** The compiled pattern, or null when it is invalid. */
function compile(pattern: string): Prog | null {
  try {
    return new Prog(pattern);
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/** Non-empty matches, left to right; an empty match is stepped over as a C `regexec` loop must. */
function matches(prog: Prog, s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = 0; at <= s.length;) {
    const m = prog.search(s, at);
    if (m === null) break;
    if (m[1] === m[0]) at = m[0] + 1;
    else {
      out.push(m);
      at = m[1];
    }
  }
  return out;
}

/** The pieces of `s` between its matches. */
function pieces(prog: Prog, s: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const [start, end] of matches(prog, s)) {
    out.push(s.slice(at, start));
    at = end;
  }
  out.push(s.slice(at));
  return out;
}

const str = (x: unknown): string => x as string;

export const REGEX_MODULES: ModuleTable = {
  Regex: {
    match: fn([STRING, STRING], BOOL, (_rt, [s, p]) => (compile(str(p))?.search(str(s), 0) ?? null) !== null),
    find: fn([STRING, STRING], INT, (_rt, [s, p]) => compile(str(p))?.search(str(s), 0)?.[0] ?? -1),
    // `repl` is literal: `\1` and `&` are not special.
    replace: fn([STRING, STRING, STRING], STRING, (_rt, [s, p, r]) => {
      const prog = compile(str(p));
      return prog === null ? s : pieces(prog, str(s)).join(str(r));
    }),
    find_all: fn([STRING, STRING], STRING, (_rt, [s, p]) => {
      const prog = compile(str(p));
      return prog === null ? '' : matches(prog, str(s)).map(([a, b]) => str(s).slice(a, b) + '\n').join('');
    }),
    split: fn([STRING, STRING], STRING, (_rt, [s, p]) => {
      const prog = compile(str(p));
      return prog === null ? s : pieces(prog, str(s)).join('\n');
    }),
  },
};
